// A filter changes what is listed, not what the user reads: the selected connection (and request) stay
// selected when they still match, on the same screen row; otherwise the nearest match in the list as it
// was takes their place.

import type {LiveModel} from '../model/live-model.js';
import {layoutFor} from './page-sizes.js';
import type {ListView} from './list-view.js';
import {connectionsList, timelineList} from './lists.js';
import {resolveConnections, resolveTimeline, selectedConnection, timelineRows} from './resolve.js';
import type {ListCursor, UiState} from './ui-state.js';

/** `after` is `before` with other filters; its cursors are moved to the kept (or nearest) items. */
export function keepSelection(before: UiState, after: UiState, model: LiveModel): UiState {
	if (before.view !== 'connections') return after;
	const layout = layoutFor(before.width, before.height);
	let kept = after;
	// Following the top, the newest match is the one to show.
	if (!(before.follow && before.focus === 'connections')) {
		const from = resolveConnections(model, before, layout.connections.rows);
		const cursor = nearest(connectionsList(model, before), from, connectionsList(model, after));
		if (cursor !== undefined) kept = {...kept, cursors: {...kept.cursors, connections: cursor}};
	}

	if (before.follow && before.focus === 'timeline') return kept;
	const connection = selectedConnection(model, before);
	if (connection === undefined || selectedConnection(model, kept)?.connectionId !== connection.connectionId) return kept;
	const from = resolveTimeline(model, before, connection, timelineRows(before, layout.timeline.rows));
	const list = timelineList(model, kept, connection.connectionId);
	const cursor = nearest(timelineList(model, before, connection.connectionId), from, list);
	return cursor === undefined ? kept : {...kept, cursors: {...kept.cursors, timeline: cursor}};
}

interface Selected {
	index: number;
	offset: number;
	item: unknown;
}

/** The selected item (or the closest one after it, else before it) that `next` lists, on the same screen row. */
function nearest<T>(previous: ListView<T>, from: Selected, next: ListView<T>): ListCursor | undefined {
	if (from.item === undefined || next.size === 0) return undefined;
	const row = from.index - from.offset;
	for (let distance = 0; distance < previous.size; distance++) {
		for (const index of distance === 0 ? [from.index] : [from.index + distance, from.index - distance]) {
			const item = previous.at(index);
			if (item === undefined) continue;
			const id = previous.idOf(item);
			const found = next.indexOfId(id);
			if (found !== -1) return {selectedId: id, index: found, offset: Math.max(0, found - row)};
		}
	}

	return undefined;
}
