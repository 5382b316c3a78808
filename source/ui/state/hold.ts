// Reading while it moves: the connections list re-sorts live only while the user follows from its top
// with nothing open. Otherwise its order is held (rows stay on their screen rows, their contents keep
// updating) and connections active since count as "new" until `g` goes back to the top.

import type {LiveModel} from '../model/live-model.js';
import type {ConnectionSort} from '../view-models.js';
import {memo} from './list-view.js';
import type {HeldOrder, UiState} from './ui-state.js';

/** Past this many, "new" shows as "999+": counting further walks the list for nothing. */
export const NEW_ACTIVITY_CAP = 999;

/** Whether the connections list follows the model's order live. */
export function connectionsLive(state: UiState): boolean {
	return state.follow && state.focus === 'connections' && state.expandedRequestId === undefined;
}

/** Connection ids in `sort` order, leaving out connections first seen after `connectionsSeen`. */
export function orderOf(model: LiveModel, sort: ConnectionSort, connectionsSeen: number): string[] {
	const ids: string[] = [];
	for (const connection of model.connectionsBy(sort)) {
		if (connection.seq <= connectionsSeen) ids.push(connection.connectionId);
	}

	return ids;
}

/** Starts holding the order when following stops, lets go when it resumes; otherwise leaves it be. */
export function holdOrRelease(state: UiState, model: LiveModel): UiState {
	if (connectionsLive(state)) return state.held === undefined ? state : {...state, held: undefined};
	if (state.held !== undefined) return state;
	return {...state, held: heldNow(model, state.sort)};
}

export function heldNow(model: LiveModel, sort: ConnectionSort): HeldOrder {
	return {
		connectionOrder: orderOf(model, sort, model.connectionsSeen),
		connectionsSeen: model.connectionsSeen,
		sort,
		activityMark: model.connectionsBy('activity').at(0)?.lastActivity ?? Number.NEGATIVE_INFINITY,
	};
}

/** Connections (new ones included) with activity after the hold began, up to the cap. */
export function newActivity(model: LiveModel, held: HeldOrder | undefined): number {
	if (held === undefined) return 0;
	return memo(model, 'new-activity', [model.dataVersion, held], () => {
		let count = 0;
		// Newest activity first: the walk stops at the first connection not active since the mark.
		for (const connection of model.connectionsBy('activity')) {
			if (connection.lastActivity <= held.activityMark || count > NEW_ACTIVITY_CAP) break;
			count++;
		}

		return count;
	});
}
