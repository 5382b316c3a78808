// The frame around the views: header (source, transport, warnings, counts, clock), status bar (hints of
// the current keys, the toggles that are on, search, message) and the help screen.

import {sanitizeLine} from '../../core/sanitize.js';
import {clockTime} from '../../presentation/time-format.js';
import {hintsFor} from '../keys.js';
import type {LiveModel} from '../model/live-model.js';
import type {HeaderView, HelpView, StatusBarView} from '../view-models.js';
import {HELP_KEY_COUNT, HELP_KEY_WIDTH, helpArea, helpLines} from './help-page.js';
import {layoutFor, MIN_HEIGHT, MIN_WIDTH} from './page-sizes.js';
import {keyContextOf, type UiState} from './ui-state.js';

const SHORT_ID = 8;

export function selectHeader(model: LiveModel, state: UiState, now: number): HeaderView {
	const {status, summary} = model;
	const optional = (text: string | undefined): string | undefined => (text === undefined ? undefined : sanitizeLine(text));
	// The engine and the model each drop what exceeds their bounds; each kind is shown once, at its larger count.
	const evictedRequests = Math.max(model.evicted.requests, summary?.evicted.requests ?? 0);
	const evictedConnections = Math.max(model.evicted.connections, summary?.evicted.connections ?? 0);
	return {
		source: sanitizeLine(status?.source ?? ''),
		stage: optional(status?.stage),
		region: optional(status?.region),
		transport: transportText(status?.transport, state.pinnedConnectionId, status?.polledGroups ?? 0),
		sampled: status?.sampled ?? false,
		throttled: status?.throttled ?? false,
		// How far behind the newest line we are means something only while lines arrive: idle, it just grows.
		lagMs: (status?.eventsPerSecond ?? 0) > 0 ? status?.lagMs : undefined,
		eventsPerSecond: status?.eventsPerSecond ?? 0,
		errorCounts: {...model.errorCounts},
		settlingErrors: model.settlingErrors,
		revisedErrors: model.revisedErrors,
		clock: `${clockTime(now, state.timezone).slice(0, 8)}${state.timezone === 'utc' ? ' UTC' : ''}`,
		evicted: evictedRequests + evictedConnections,
		unparsed: summary?.unparsed ?? 0,
	};
}

/**
 * A pinned connection is followed by polling its own log streams: the header says why it polls. Live tail
 * takes 10 groups; the header says how many more are polled beside it.
 */
function transportText(transport: string | undefined, pinned: string | undefined, polledGroups: number): string {
	if (transport === undefined) return 'starting';
	if (polledGroups > 0 && (transport === 'live' || transport === 'reconnecting')) return `${transport} + ${polledGroups} polled`;
	return pinned !== undefined && (transport === 'polling' || transport === 'backfill') ? `${transport}: following one connection` : transport;
}

export function selectStatusBar(_model: LiveModel, state: UiState): StatusBarView {
	const {filters, search, paused} = state;
	const toggles: string[] = [];
	if (paused !== undefined) toggles.push(`paused · ${paused.newRequests} new`);
	// Following moves the selection with the data; otherwise nothing moves under the reader.
	else toggles.push(state.follow ? 'following' : 'follow off (f)');
	if (filters.errorsOnly) toggles.push('errors only');
	if (filters.category !== undefined) toggles.push(`category: ${filters.category}`);
	if (filters.route !== undefined) toggles.push(`route: ${sanitizeLine(filters.route)}`);
	if (state.pinnedConnectionId !== undefined) {
		toggles.push(`pinned: ${[...sanitizeLine(state.pinnedConnectionId)].slice(0, SHORT_ID).join('')}`);
	}

	if (state.sort !== 'activity') toggles.push(`sort: ${state.sort}`);
	if (state.wrap) toggles.push('wrap');
	if (state.timezone === 'utc') toggles.push('UTC');
	const tooSmall = layoutFor(state.width, state.height).tooSmall;
	return {
		hints: hintsFor(keyContextOf(state)),
		toggles,
		search: searchText(state),
		message: state.message ?? (tooSmall ? `terminal too small (at least ${MIN_WIDTH}x${MIN_HEIGHT})` : undefined),
	};
}

function searchText(state: UiState): string | undefined {
	const {search} = state;
	if (search.typing) return `/${search.text}`;
	if (search.text.trim() === '') return undefined;
	const position = search.matches.length === 0 ? 0 : search.index + 1;
	return `/${search.text} ${position}/${search.matches.length}`;
}

/** The help lines on screen from the scroll position, and which keys they show. */
export function selectHelp(state: UiState): HelpView {
	const {width, rows} = helpArea(state.width, state.height);
	const lines = helpLines(width).slice(state.helpOffset, state.helpOffset + rows);
	const numbers = lines.flatMap((line) => (line.keyNumber === undefined ? [] : [line.keyNumber]));
	return {
		lines,
		keyWidth: HELP_KEY_WIDTH,
		firstKey: numbers[0] ?? 0,
		lastKey: numbers.at(-1) ?? 0,
		totalKeys: HELP_KEY_COUNT,
	};
}
