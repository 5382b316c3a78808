// Each list's selection as it stands against the model now. The reducer stores the result after every
// action; selectors resolve again so that a frame drawn before the next `data` action is still right.

import type {RequestView} from '../../core/types.js';
import type {ConnectionSummary, ModelRequest} from '../model/entries.js';
import type {LiveModel} from '../model/live-model.js';
import type {DetailLine} from '../view-models.js';
import {resolveCursor, type ResolvedCursor} from './cursor.js';
import {detailLines} from './detail-lines.js';
import {connectionsLive} from './hold.js';
import {detailTextWidth, layoutFor, splitTimeline} from './page-sizes.js';
import {memo} from './list-view.js';
import {connectionsList, requestsList, timelineList} from './lists.js';
import type {UiState} from './ui-state.js';

export function resolveConnections(model: LiveModel, state: UiState, rows: number): ResolvedCursor<ConnectionSummary> {
	return resolveCursor(connectionsList(model, state), state.cursors.connections, rows, {
		end: 'start',
		// Following from the timeline tails the selected connection; from the list, the newest connection.
		follow: connectionsLive(state),
		lost: 'position',
	});
}

/** The connection whose timeline is shown. */
export function selectedConnection(model: LiveModel, state: UiState): ConnectionSummary | undefined {
	return resolveConnections(model, state, 1).item;
}

export function resolveTimeline(
	model: LiveModel,
	state: UiState,
	connection: ConnectionSummary | undefined,
	rows: number,
): ResolvedCursor<ModelRequest> {
	// Another connection's timeline opens at its newest request.
	return resolveCursor(timelineList(model, state, connection?.connectionId), state.cursors.timeline, rows, {
		end: 'end',
		follow: state.follow && state.expandedRequestId === undefined,
		lost: 'live',
	});
}

export function resolveRequests(model: LiveModel, state: UiState, rows: number): ResolvedCursor<ModelRequest> {
	return resolveCursor(requestsList(model, state), state.cursors.requests, rows, {
		end: 'end',
		follow: state.follow,
		lost: 'position',
	});
}

/** Timeline rows of a pane of `rows` rows: fewer when a request is open below them. */
export function timelineRows(state: UiState, rows: number): number {
	return state.expandedRequestId === undefined ? rows : splitTimeline(rows).rows;
}

/** The open request, if it is in the shown timeline. */
export function expandedRequest(model: LiveModel, state: UiState): RequestView | undefined {
	const id = state.expandedRequestId;
	if (id === undefined || state.view !== 'connections') return undefined;
	const connection = selectedConnection(model, state);
	if (connection === undefined || timelineList(model, state, connection.connectionId).indexOfId(id) === -1) return undefined;
	return model.request(id)?.request;
}

/** The open request's lines as shown (wrapped to the timeline pane's width when wrap is on). */
export function expandedLines(model: LiveModel, state: UiState, request: RequestView): DetailLine[] {
	const width = detailTextWidth(layoutFor(state.width, state.height).timeline.width);
	return memo(model, 'detail', [request, state.timezone, width, state.wrap], () =>
		detailLines(request, state.timezone, width, state.wrap),
	);
}
