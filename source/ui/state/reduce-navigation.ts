// Moving around: the arrow/page/top/bottom keys act on whatever is focused (a list, the open request's
// lines, the stats rows), Enter opens and Esc goes back one step.

import type {LiveModel} from '../model/live-model.js';
import {clampScroll, moveTo, type LiveEnd, type ResolvedCursor} from './cursor.js';
import {layoutFor, splitTimeline} from './page-sizes.js';
import type {ListView} from './list-view.js';
import {statsRouteRows} from './stats-split.js';
import {windowRouteCount} from './window-stats.js';
import {connectionsList, requestsList, statsList, timelineList} from './lists.js';
import {
	expandedLines,
	expandedRequest,
	resolveConnections,
	resolveRequests,
	resolveTimeline,
	selectedConnection,
	timelineRows,
} from './resolve.js';
import {helpArea, helpLines} from './help-page.js';
import {clearedSearch} from './reduce-search.js';
import {keyContextOf, type ListCursor, type UiState} from './ui-state.js';

export type NavigationCommand = 'up' | 'down' | 'pageUp' | 'pageDown' | 'top' | 'bottom';

/** Where a navigation key takes the selection (or scroll position) `index` in `size` items, `page` rows per screen. */
function step(command: NavigationCommand, index: number, size: number, page: number): {index: number; scroll: number} {
	switch (command) {
		case 'up': {
			return {index: index - 1, scroll: 0};
		}

		case 'down': {
			return {index: index + 1, scroll: 0};
		}

		case 'pageUp': {
			return {index: index - page, scroll: -page};
		}

		case 'pageDown': {
			return {index: index + page, scroll: page};
		}

		case 'top': {
			return {index: 0, scroll: 0};
		}

		case 'bottom': {
			return {index: size - 1, scroll: 0};
		}
	}
}

export function navigate(state: UiState, model: LiveModel, command: NavigationCommand): UiState {
	const layout = layoutFor(state.width, state.height);
	switch (keyContextOf(state)) {
		case 'connections': {
			// Back to the top follows again, over the list re-sorted live (the held one may be empty by now).
			if (command === 'top') return {...state, follow: true};
			const rows = layout.connections.rows;
			const from = resolveConnections(model, state, rows);
			return withMove(state, 'connections', moveIn(connectionsList(model, state), from, command, rows, 'start'));
		}

		case 'timeline': {
			const connection = selectedConnection(model, state);
			const rows = timelineRows(state, layout.timeline.rows);
			const list = timelineList(model, state, connection?.connectionId);
			return withMove(state, 'timeline', moveIn(list, resolveTimeline(model, state, connection, rows), command, rows, 'end'));
		}

		case 'requests': {
			const rows = layout.requests.rows;
			const from = resolveRequests(model, state, rows);
			return withMove(state, 'requests', moveIn(requestsList(model, state), from, command, rows, 'end'));
		}

		case 'detail': {
			const request = expandedRequest(model, state);
			if (request === undefined) return state;
			const rows = splitTimeline(layout.timeline.rows).detail;
			const size = expandedLines(model, state, request).length;
			return {...state, detailOffset: clampScroll(step(command, state.detailOffset, size, rows).index, rows, size)};
		}

		case 'stats': {
			// Stats rows have no selection: the keys scroll them.
			const rows = statsRouteRows(model, state, layout.stats.rows);
			const size = state.windowStats.mode === 'window' ? windowRouteCount(state) : statsList(model, state).size;
			const offset = clampScroll(step(command, state.cursors.stats.offset, size, rows).index, rows, size);
			return {...state, cursors: {...state.cursors, stats: {...state.cursors.stats, offset}}};
		}

		case 'help': {
			const {width, rows} = helpArea(state.width, state.height);
			const size = helpLines(width).length;
			return {...state, helpOffset: clampScroll(step(command, state.helpOffset, size, rows).index, rows, size)};
		}
	}
}

interface Move {
	cursor: ListCursor;
	follow: boolean;
}

function withMove(state: UiState, list: 'connections' | 'timeline' | 'requests', move: Move | undefined): UiState {
	return move === undefined ? state : {...state, cursors: {...state.cursors, [list]: move.cursor}, follow: move.follow};
}

/**
 * Moves within a list. Only the key to the live end (`g` for newest-first lists, `G` for oldest-first ones)
 * follows again: a row reached step by step is one the user means to read, and following would move it.
 */
function moveIn<T>(
	list: ListView<T>,
	from: ResolvedCursor<T>,
	command: NavigationCommand,
	rows: number,
	end: LiveEnd,
): Move | undefined {
	if (list.size === 0) return undefined;
	const target = step(command, from.index, list.size, rows);
	const moved = moveTo(list, from, target.index, rows, target.scroll);
	return {cursor: moved.cursor, follow: command === (end === 'start' ? 'top' : 'bottom')};
}

/** Enter: a connection opens its timeline, a request opens its lines (in its connection's timeline). */
export function open(state: UiState, model: LiveModel): UiState {
	switch (keyContextOf(state)) {
		case 'connections': {
			// Reading a connection: following the newest would change it.
			return selectedConnection(model, state) === undefined ? state : {...state, focus: 'timeline', follow: false};
		}

		case 'timeline': {
			const connection = selectedConnection(model, state);
			const selected = resolveTimeline(model, state, connection, 1).item;
			if (selected === undefined) return state;
			// Reading a request: following would move the selection away from it.
			return {
				...state,
				expandedRequestId: selected.request.requestId,
				detailOffset: 0,
				follow: false,
				cursors: {...state.cursors, timeline: {...state.cursors.timeline, selectedId: selected.request.requestId}},
			};
		}

		case 'detail': {
			return {...state, expandedRequestId: undefined};
		}

		case 'requests': {
			return openFromRequests(state, model);
		}

		case 'stats':
		case 'help': {
			return state;
		}
	}
}

function openFromRequests(state: UiState, model: LiveModel): UiState {
	const selected = resolveRequests(model, state, 1).item;
	if (selected === undefined) return state;
	const {requestId, connectionId} = selected.request;
	if (connectionId === undefined || model.connection(connectionId) === undefined) {
		return {...state, message: 'this request has no connection to open it in'};
	}

	const opened: UiState = {
		...state,
		view: 'connections',
		focus: 'timeline',
		follow: false,
		expandedRequestId: requestId,
		detailOffset: 0,
		cursors: {
			...state.cursors,
			// Keep the all-requests selection where it is, for coming back.
			requests: {...state.cursors.requests, selectedId: requestId},
			connections: {...state.cursors.connections, selectedId: connectionId},
			timeline: {...state.cursors.timeline, selectedId: requestId},
		},
	};
	if (connectionsList(model, opened).indexOfId(connectionId) === -1) {
		return {...state, message: 'its connection is hidden by the filters'};
	}

	return opened;
}

/** Esc: close the open request, then clear the search, then leave the view, then leave the timeline. */
export function back(state: UiState): UiState {
	if (state.view === 'connections' && state.expandedRequestId !== undefined) return {...state, expandedRequestId: undefined};
	if (state.search.text !== '' || state.search.matches.length > 0) return {...state, search: clearedSearch(state.search)};
	if (state.view !== 'connections') return {...state, view: 'connections'};
	if (state.focus === 'timeline') return {...state, focus: 'connections'};
	return state;
}
