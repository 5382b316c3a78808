// Selection and scrolling in a list of `rows` visible rows: the selected row always stays on screen, and
// the window only moves when the selection would leave it (like less), so moving within a page is calm.

import type {ListView} from './list-view.js';
import type {ListCursor} from './ui-state.js';

/** Where following keeps the selection: the top (newest-first lists) or the bottom (oldest-first lists). */
export type LiveEnd = 'start' | 'end';

export interface ResolvedCursor<T> {
	/** -1 when the list is empty. */
	index: number;
	offset: number;
	item: T | undefined;
	cursor: ListCursor;
}

function liveIndex(size: number, end: LiveEnd): number {
	return end === 'start' ? 0 : size - 1;
}

export interface ResolveOptions {
	/** The end new items arrive at. */
	end: LiveEnd;
	/** Keep the selection at the live end. */
	follow: boolean;
	/** Where a selection whose item is gone (evicted, filtered out) lands: the same position, or the live end. */
	lost: 'position' | 'live';
}

/** Finds the cursor's item in the list as it is now; no selection yet means the live end. */
export function resolveCursor<T>(
	list: ListView<T>,
	cursor: ListCursor,
	rows: number,
	options: ResolveOptions,
): ResolvedCursor<T> {
	if (list.size === 0) return {index: -1, offset: 0, item: undefined, cursor: {...cursor, offset: 0}};
	const live = liveIndex(list.size, options.end);
	let index = live;
	if (!options.follow && cursor.selectedId !== undefined) {
		index = list.indexOfId(cursor.selectedId);
		if (index === -1) index = options.lost === 'live' ? live : clamp(cursor.index, 0, list.size - 1);
	}

	return placed(list, index, keepVisible(index, cursor.offset, rows, list.size));
}

/** Moves the selection to `index` (clamped), scrolling the window by `scroll` rows first (paging). */
export function moveTo<T>(
	list: ListView<T>,
	from: ResolvedCursor<T>,
	index: number,
	rows: number,
	scroll = 0,
): ResolvedCursor<T> {
	if (list.size === 0) return from;
	const target = clamp(index, 0, list.size - 1);
	return placed(list, target, keepVisible(target, from.offset + scroll, rows, list.size));
}

/** The first visible row that keeps `index` on screen, moving the window as little as possible. */
function keepVisible(index: number, offset: number, rows: number, size: number): number {
	const visible = Math.max(1, rows);
	let first = Math.min(offset, index);
	if (index >= first + visible) first = index - visible + 1;
	return clamp(first, 0, Math.max(0, size - visible));
}

/** A scroll position within `size` lines of which `rows` are visible. */
export function clampScroll(offset: number, rows: number, size: number): number {
	return clamp(offset, 0, Math.max(0, size - Math.max(1, rows)));
}

function clamp(value: number, low: number, high: number): number {
	return Math.min(Math.max(value, low), high);
}

function placed<T>(list: ListView<T>, index: number, offset: number): ResolvedCursor<T> {
	const item = list.at(index);
	return {
		index,
		offset,
		item,
		cursor: {selectedId: item === undefined ? undefined : list.idOf(item), index, offset},
	};
}
