// The user's standing choices: follow, pause, filters, pin, sort, view. Each changes only itself: no
// toggle resets another, and switching views keeps them all.

import {sanitizeLine} from '../../core/sanitize.js';
import {ERROR_CATEGORIES, type ErrorCategory} from '../../core/types.js';
import {CONNECTION_SORTS} from '../model/connection-order.js';
import type {LiveModel} from '../model/live-model.js';
import type {ViewName} from '../view-models.js';
import {resolveRequests, selectedConnection} from './resolve.js';
import {heldNow, orderOf} from './hold.js';
import {keepSelection} from './keep-selection.js';
import type {PauseState, UiState} from './ui-state.js';

export function toggleFollow(state: UiState): UiState {
	if (state.follow) return {...state, follow: false};
	// Jumping to the newest moves the selection: an open request would no longer be the selected one.
	return {...state, follow: true, expandedRequestId: undefined};
}

export function togglePause(state: UiState, model: LiveModel): UiState {
	if (state.paused !== undefined) return {...state, paused: undefined, follow: true, expandedRequestId: undefined};
	return {
		...state,
		paused: {
			requestsSeen: model.requestsSeen,
			connectionsSeen: model.connectionsSeen,
			connectionOrder: orderOf(model, state.sort, model.connectionsSeen),
			sort: state.sort,
			newRequests: 0,
		},
	};
}

/** After new data: how many requests arrived since the pause. */
export function countWhilePaused(state: UiState, model: LiveModel): UiState {
	const {paused} = state;
	if (paused === undefined) return state;
	const newRequests = model.requestsSeen - paused.requestsSeen;
	return newRequests === paused.newRequests ? state : {...state, paused: {...paused, newRequests}};
}

export function toggleErrorsOnly(state: UiState, model: LiveModel): UiState {
	return keepSelection(state, {...state, filters: {...state.filters, errorsOnly: !state.filters.errorsOnly}}, model);
}

export function cycleCategory(state: UiState, model: LiveModel): UiState {
	const cycle: Array<ErrorCategory | undefined> = [undefined, ...ERROR_CATEGORIES];
	const category = cycle[(cycle.indexOf(state.filters.category) + 1) % cycle.length];
	return keepSelection(state, {...state, filters: {...state.filters, category}}, model);
}

export function cycleRoute(state: UiState, model: LiveModel): UiState {
	const routes = model.routes();
	if (routes.length === 0) return {...state, filters: {...state.filters, route: undefined}, message: 'no routes seen yet'};
	const current = state.filters.route === undefined ? -1 : routes.indexOf(state.filters.route);
	// After the last route comes "all routes" (undefined); a route no longer known starts the cycle again.
	const route = current === routes.length - 1 ? undefined : routes[current + 1];
	return keepSelection(state, {...state, filters: {...state.filters, route}}, model);
}

/** `o`: the next order, from its top (the first rows are the point of sorting). */
export function cycleSort(state: UiState, model: LiveModel): UiState {
	const sort = CONNECTION_SORTS[(CONNECTION_SORTS.indexOf(state.sort) + 1) % CONNECTION_SORTS.length]!;
	const {paused, held} = state;
	// Paused, the list takes the new order once, without the connections that came after the pause.
	const pausedAgain: PauseState | undefined =
		paused === undefined
			? undefined
			: {...paused, sort, connectionOrder: orderOf(model, sort, paused.connectionsSeen)};
	return {
		...state,
		sort,
		paused: pausedAgain,
		held: held === undefined ? undefined : heldNow(model, sort),
		cursors: {...state.cursors, connections: {selectedId: undefined, index: 0, offset: 0}},
	};
}

/** `p`: pin the selected connection (the transport narrows to it), or unpin. */
export function togglePin(state: UiState, model: LiveModel): UiState {
	const target =
		state.view === 'connections'
			? selectedConnection(model, state)?.connectionId
			: state.view === 'requests'
				? resolveRequests(model, state, 1).item?.request.connectionId
				: undefined;
	if (state.pinnedConnectionId !== undefined && (target === undefined || target === state.pinnedConnectionId)) {
		return {...state, pinnedConnectionId: undefined, message: 'unpinned: all connections again'};
	}

	if (target === undefined) return {...state, message: 'no connection selected to pin'};
	return {...state, pinnedConnectionId: target, message: `pinned ${sanitizeLine(target)}: ${pinMeaning(model)}`};
}

/** A file holds what it holds: pinning one only narrows the view; live, the transport narrows too. */
function pinMeaning(model: LiveModel): string {
	const transport = model.status?.transport;
	if (transport === 'replay' || transport === 'end of input') return 'only this connection is shown (p again: all)';
	return 'only its log lines are read, by polling (p again: all connections)';
}

/** `s` / `a`: open that view, or go back to connections from it. */
export function toggleView(state: UiState, view: ViewName): UiState {
	return {...state, view: state.view === view ? 'connections' : view};
}
