// The UI reducer: (state, action, model) -> state. Pure apart from reading the model. Every result is
// settled against the model: each shown list's selection is found again by id (or follows the newest),
// and scroll positions are clamped to the terminal size.

import {sanitizeLine} from '../../core/sanitize.js';
import type {LiveModel} from '../model/live-model.js';
import type {CommandName, ExportRequest} from './commands.js';
import {clampScroll} from './cursor.js';
import {holdOrRelease} from './hold.js';
import {layoutFor, splitTimeline} from './page-sizes.js';
import {statsRouteRows} from './stats-split.js';
import {requestsList, statsList} from './lists.js';
import {
	countWhilePaused,
	cycleCategory,
	cycleRoute,
	cycleSort,
	toggleErrorsOnly,
	toggleFollow,
	togglePause,
	togglePin,
	toggleView,
} from './reduce-choices.js';
import {helpArea, helpLines} from './help-page.js';
import {back, navigate, open} from './reduce-navigation.js';
import {cancelSearch, editSearch, startSearch, stepMatch, submitSearch} from './reduce-search.js';
import {
	expandedLines,
	expandedRequest,
	resolveConnections,
	resolveRequests,
	resolveTimeline,
	selectedConnection,
	timelineRows,
} from './resolve.js';
import type {UiAction, UiState} from './ui-state.js';
import {leaveWindowWithView, reduceWindowStats, toggleWindow, windowRouteCount} from './window-stats.js';

export function reduce(state: UiState, action: UiAction, model: LiveModel): UiState {
	switch (action.type) {
		case 'command': {
			// Settle first: the model may have changed since the last `data` action, and a command that stops
			// following must freeze what is on screen now.
			const before = settle(state, model);
			return settle(leaveWindowWithView(before, command(before, action.command, model)), model);
		}

		case 'search-input': {
			return editSearch(state, action.text);
		}

		case 'search-submit': {
			return settle(submitSearch(settle(state, model), model), model);
		}

		case 'search-cancel': {
			return cancelSearch(state);
		}

		case 'resize': {
			return settle({...state, width: action.width, height: action.height}, model);
		}

		case 'data': {
			return settle(countWhilePaused(state, model), model);
		}

		case 'clear-message': {
			return state.message === undefined ? state : {...state, message: undefined};
		}

		case 'message': {
			return {...state, message: sanitizeLine(action.text)};
		}

		case 'window-progress':
		case 'window-done':
		case 'window-failed': {
			return settle(reduceWindowStats(state, action), model);
		}
	}
}

type CommandHandler = (state: UiState, model: LiveModel) => UiState;

/** What each command does; a `Record` over every name, so a command without a handler does not compile. */
const COMMAND_HANDLERS: Readonly<Record<CommandName, CommandHandler>> = {
	up: (state, model) => navigate(state, model, 'up'),
	down: (state, model) => navigate(state, model, 'down'),
	pageUp: (state, model) => navigate(state, model, 'pageUp'),
	pageDown: (state, model) => navigate(state, model, 'pageDown'),
	top: (state, model) => navigate(state, model, 'top'),
	bottom: (state, model) => navigate(state, model, 'bottom'),
	open,
	back,
	// Changing panes is reading: what was followed stays where it is.
	switchPane: (state) =>
		state.view === 'connections' ? {...state, focus: state.focus === 'connections' ? 'timeline' : 'connections', follow: false} : state,
	search: startSearch,
	nextMatch: (state, model) => stepMatch(state, model, 1),
	previousMatch: (state, model) => stepMatch(state, model, -1),
	follow: toggleFollow,
	pause: togglePause,
	errorsOnly: toggleErrorsOnly,
	category: cycleCategory,
	route: cycleRoute,
	pin: togglePin,
	timezone: (state) => ({...state, timezone: state.timezone === 'utc' ? 'local' : 'utc'}),
	wrap: (state) => ({...state, wrap: !state.wrap}),
	sort: cycleSort,
	stats: (state) => toggleView(state, 'stats'),
	statsWindow: toggleWindow,
	requests: (state) => toggleView(state, 'requests'),
	export: requestExport,
	help: (state) => ({...state, help: true, helpOffset: 0}),
	quit: (state) => ({...state, quit: true}),
};

/** What the help screen answers to: scrolling it, closing it, quitting. */
const HELP_COMMANDS: ReadonlySet<CommandName> = new Set(['up', 'down', 'pageUp', 'pageDown', 'top', 'bottom', 'quit']);

function command(state: UiState, name: CommandName, model: LiveModel): UiState {
	// The help screen covers everything: nothing else acts on what it hides.
	if (state.help && (name === 'help' || name === 'back')) return {...state, help: false};
	if (state.help && !HELP_COMMANDS.has(name)) return state;
	return COMMAND_HANDLERS[name](state, model);
}

/**
 * `x`: the selected connection, all of its requests (an incident ticket wants the whole story, not what a
 * filter left of it); in the all-requests view, exactly what the view lists.
 */
function requestExport(state: UiState, model: LiveModel): UiState {
	const seq = (state.exportRequest?.seq ?? 0) + 1;
	const {timezone} = state;
	let exportRequest: ExportRequest;
	if (state.view === 'requests') {
		const list = requestsList(model, state);
		if (list.size === 0) return {...state, message: 'nothing to export: no request is listed'};
		const requests = list.slice(0, list.size).map((entry) => entry.request);
		exportRequest = {scope: 'filtered', description: listDescription(state), seq, requests, timezone};
	} else if (state.view === 'connections') {
		const connection = selectedConnection(model, state);
		if (connection === undefined) return {...state, message: 'no connection selected to export'};
		const requests = [...connection.requests].map((entry) => entry.request);
		exportRequest = {scope: 'connection', connectionId: connection.connectionId, seq, requests, timezone};
	} else {
		return state;
	}

	return {...state, exportRequest, message: `exporting ${exportRequest.requests.length} requests…`};
}

/** "requests with integration errors on route sendmessage", from the choices that shape the all-requests list. */
function listDescription({filters, pinnedConnectionId, paused}: UiState): string {
	const errors = filters.category === undefined ? (filters.errorsOnly ? ' with errors' : '') : ` with ${filters.category} errors`;
	const route = filters.route === undefined ? '' : ` on route ${sanitizeLine(filters.route)}`;
	const connection = pinnedConnectionId === undefined ? '' : ` of connection ${sanitizeLine(pinnedConnectionId)}`;
	const when = paused === undefined ? '' : ' (as of the pause)';
	const scope = errors || route || connection ? 'requests' : 'all requests';
	return `${scope}${errors}${route}${connection}${when}`;
}

/** Finds the shown lists' selections in the model as it is, and clamps every scroll position. */
function settle(unsettled: UiState, model: LiveModel): UiState {
	const held = holdOrRelease(unsettled, model);
	const state = held.help ? {...held, helpOffset: clampedHelpOffset(held)} : held;
	const layout = layoutFor(state.width, state.height);
	const {cursors} = state;
	switch (state.view) {
		case 'connections': {
			const connections = resolveConnections(model, state, layout.connections.rows);
			let settled: UiState = {...state, cursors: {...cursors, connections: connections.cursor}};
			const expanded = expandedRequest(model, settled);
			if (expanded === undefined) settled = {...settled, expandedRequestId: undefined, detailOffset: 0};
			const timeline = resolveTimeline(model, settled, connections.item, timelineRows(settled, layout.timeline.rows));
			const detailOffset =
				expanded === undefined
					? 0
					: clampScroll(
							settled.detailOffset,
							splitTimeline(layout.timeline.rows).detail,
							expandedLines(model, settled, expanded).length,
						);
			return {...settled, detailOffset, cursors: {...settled.cursors, timeline: timeline.cursor}};
		}

		case 'requests': {
			return {...state, cursors: {...cursors, requests: resolveRequests(model, state, layout.requests.rows).cursor}};
		}

		case 'stats': {
			const size = state.windowStats.mode === 'window' ? windowRouteCount(state) : statsList(model, state).size;
			const offset = clampScroll(cursors.stats.offset, statsRouteRows(model, state, layout.stats.rows), size);
			return {...state, cursors: {...cursors, stats: {...cursors.stats, offset}}};
		}
	}
}

/** A resize can leave the help scrolled past its end. */
function clampedHelpOffset(state: UiState): number {
	const {width, rows} = helpArea(state.width, state.height);
	return clampScroll(state.helpOffset, rows, helpLines(width).length);
}
