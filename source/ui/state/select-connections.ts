// The connections pane and the timeline pane of the connections view, windowed to the rows they get.

import {sanitizeLine} from '../../core/sanitize.js';
import {ERROR_CATEGORIES} from '../../core/types.js';
import {formatDuration} from '../../presentation/time-format.js';
import type {ConnectionSummary} from '../model/entries.js';
import type {LiveModel} from '../model/live-model.js';
import type {ConnectionRow, ConnectionsPaneView, TimelinePaneView} from '../view-models.js';
import {clampScroll} from './cursor.js';
import {splitTimeline} from './page-sizes.js';
import {connectionsList, filtering, timelineList} from './lists.js';
import {NEW_ACTIVITY_CAP, newActivity} from './hold.js';
import {memo} from './list-view.js';
import {
	expandedLines,
	expandedRequest,
	resolveConnections,
	resolveTimeline,
	selectedConnection,
	timelineRows,
} from './resolve.js';
import {activeNeedle, connectionIdMatches, connectionsWithHits} from './search.js';
import {closeExplanationOf, timelineRow} from './format-rows.js';
import type {Filters, UiState} from './ui-state.js';

const SHORT_ID = 8;

/**
 * `height` is the number of list rows. `now` (epoch ms) is what open connections' ages are counted to:
 * the wall clock when live; by default the latest log time seen, which is right for a replay.
 */
export function selectConnectionsPane(model: LiveModel, state: UiState, height: number, now?: number): ConnectionsPaneView {
	const list = connectionsList(model, state);
	const resolved = resolveConnections(model, state, height);
	const needle = activeNeedle(state);
	const hitConnections = needle === undefined ? undefined : connectionsWithHits(state.search.matches);
	const reference = now ?? model.latestTime ?? 0;
	const rows = list.slice(resolved.offset, Math.max(0, height)).map((connection, position): ConnectionRow => {
		const id = sanitizeLine(connection.connectionId);
		return {
			connectionId: id,
			shortId: [...id].slice(0, SHORT_ID).join(''),
			state: connection.state,
			ageText: connection.state === 'rejected' ? '-' : ageText(connection, reference),
			messageCount: connection.messageCount,
			lastRoute: sanitizeLine(connection.lastRoute ?? '-'),
			errorCategories: ERROR_CATEGORIES.filter((category) => connection.errorCounts[category] > 0),
			errorTotal: connection.errorTotal,
			errorCounts: {...connection.errorCounts},
			rejection: connection.state === 'rejected' ? rejectionOf(connection) : undefined,
			selected: resolved.offset + position === resolved.index,
			pinned: connection.connectionId === state.pinnedConnectionId,
			matched:
				needle !== undefined &&
				(connectionIdMatches(connection.connectionId, needle) || hitConnections!.has(connection.connectionId)),
		};
	});
	return {
		rows,
		total: list.size,
		offset: resolved.offset,
		sort: state.sort,
		filterNote: filtering(state.filters) ? `${filterWords(state.filters)}: ${list.size} of ${connectionsInScope(model, state)}` : undefined,
		newActivity: state.paused === undefined ? newActivityText(newActivity(model, state.held)) : undefined,
		focused: !state.help && state.view === 'connections' && state.focus === 'connections',
	};
}

/** "with integration errors on a sendmessage request": what the filters keep of the connections. */
function filterWords(filters: Filters): string {
	const errors = filters.category === undefined ? (filters.errorsOnly ? 'with errors' : '') : `with ${filters.category} errors`;
	const route = filters.route === undefined ? '' : `${errors === '' ? 'with' : 'and'} a ${sanitizeLine(filters.route)} request`;
	return [errors, route].filter((part) => part !== '').join(' ');
}

/** How many connections the filters chose from: all listed ones (those of the pause or the pin, if any). */
function connectionsInScope(model: LiveModel, state: UiState): number {
	const {paused, held, pinnedConnectionId: pinned} = state;
	if (pinned !== undefined) return model.connection(pinned) === undefined ? 0 : 1;
	const frozen = paused?.connectionOrder ?? held?.connectionOrder;
	if (frozen === undefined) return model.connectionCount;
	return memo(model, 'connections-in-scope', [model.dataVersion, frozen], () =>
		frozen.reduce((count, id) => (model.connection(id) === undefined ? count : count + 1), 0),
	);
}

function newActivityText(count: number): string | undefined {
	if (count === 0) return undefined;
	return count > NEW_ACTIVITY_CAP ? `${NEW_ACTIVITY_CAP}+` : String(count);
}

/** Why a rejected connection's $connect failed, from its first failed request still in memory. */
function rejectionOf(connection: ConnectionSummary): ConnectionRow['rejection'] {
	for (const {request} of connection.requests) {
		if (request.errors.length === 0) continue;
		const latency = request.integrationLatencyMs;
		return {
			explanation: sanitizeLine(request.errors.map((error) => error.explanation).join('; ')),
			latencyText: latency === undefined ? '' : formatDuration(latency),
		};
	}

	return undefined;
}

/** Open: how long it has been open; closed: how long it lasted. */
function ageText(connection: ConnectionSummary, now: number): string {
	const start = connection.connectedAt ?? connection.firstSeen;
	if (connection.state === 'open') return formatDuration(now - start);
	return formatDuration((connection.disconnectedAt ?? connection.lastActivity) - start);
}

/** `height` is the pane's rows below its title; an open request takes the lower part of them. */
export function selectTimelinePane(model: LiveModel, state: UiState, height: number): TimelinePaneView {
	const connection = selectedConnection(model, state);
	const list = timelineList(model, state, connection?.connectionId);
	const request = expandedRequest(model, state);
	// Settled states never hold an open request outside the shown timeline; a stale one is simply not shown.
	const shown: UiState = request === undefined ? {...state, expandedRequestId: undefined} : state;
	const rowCount = timelineRows(shown, height);
	const resolved = resolveTimeline(model, shown, connection, rowCount);
	const needle = activeNeedle(state);
	const closeExplanation = closeExplanationOf(connection, connection === undefined ? [] : model.goneWritesTo(connection.connectionId));
	const rows = list
		.slice(resolved.offset, Math.max(0, rowCount))
		.map((entry, position) => timelineRow(entry, shown, resolved.offset + position === resolved.index, needle, closeExplanation));
	let detail: TimelinePaneView['detail'];
	if (request !== undefined) {
		const lines = expandedLines(model, state, request);
		const detailRows = splitTimeline(height).detail;
		const offset = clampScroll(state.detailOffset, detailRows, lines.length);
		const shownLines = lines.slice(offset, offset + detailRows);
		detail = {requestId: sanitizeLine(request.requestId), lines: shownLines, total: lines.length, offset};
	}

	return {
		connectionId: connection === undefined ? undefined : sanitizeLine(connection.connectionId),
		title:
			connection === undefined
				? 'no connection selected'
				: timelineTitle(connection, list.size, filtering(state.filters) ? requestsInScope(connection, state) : undefined),
		rows,
		total: list.size,
		offset: resolved.offset,
		detail,
		focused: !state.help && state.view === 'connections' && state.focus === 'timeline',
		wrap: state.wrap,
	};
}

/** "2 of 17 requests" when a filter hides some. */
function timelineTitle(connection: ConnectionSummary, shown: number, of: number | undefined): string {
	const noun = (of ?? shown) === 1 ? 'request' : 'requests';
	const parts = [sanitizeLine(connection.connectionId), connection.state, of === undefined ? `${shown} ${noun}` : `${shown} of ${of} ${noun}`];
	if (connection.evictedRequests > 0) parts.push(`${connection.evictedRequests} older dropped`);
	return parts.join(' · ');
}

/** The connection's requests a filter chose from: all of them, or those seen before the pause. */
function requestsInScope(connection: ConnectionSummary, state: UiState): number {
	const limit = state.paused?.requestsSeen;
	if (limit === undefined) return connection.requests.size;
	let count = 0;
	for (const entry of connection.requests) if (entry.seq <= limit) count++;
	return count;
}
