// Lays out a row of independent items (header facts) in the width available: when they do not all
// fit, the least important go first. One item may be shrinkable (a long source name): once only
// items at least as important as its `shrinkAt` are left, it gives up length before they are dropped.

import {fitSegments, type Segment, segmentsWidth, spread} from './cells.js';

export interface RowItem {
	segments: Segment[];
	/** Higher survives longer. */
	priority: number;
	/** Flush with the right edge instead of following the previous item. */
	right?: boolean;
	/** May be cut down to this many cells (with `…`) ... */
	shrinkTo?: number;
	/** ... instead of dropping an item of this priority or higher. */
	shrinkAt?: number;
}

function joined(items: readonly RowItem[], separator: Segment): Segment[] {
	return items.flatMap((item, index) => (index > 0 ? [separator, ...item.segments] : item.segments));
}

function rowWidth(items: readonly RowItem[], separator: Segment, shrunk: RowItem | undefined): number {
	const parts = items.map((item) =>
		item === shrunk ? Math.min(segmentsWidth(item.segments), item.shrinkTo ?? 0) : segmentsWidth(item.segments),
	);
	const left = items.filter((item) => !item.right).length;
	const right = items.length - left;
	const separators = Math.max(0, left - 1) + Math.max(0, right - 1);
	// spread() puts at least one blank cell between the left and right groups.
	const gap = left > 0 && right > 0 ? 1 : 0;
	return parts.reduce((sum, width) => sum + width, 0) + separators * segmentsWidth([separator]) + gap;
}

export function fitItems(items: readonly RowItem[], width: number, separator: Segment): Segment[] {
	const kept = [...items];
	const shrinkable = items.find((item) => item.shrinkTo !== undefined);
	let shrunk: RowItem | undefined;
	while (kept.length > 1 && rowWidth(kept, separator, shrunk) > width) {
		const lowest = kept.reduce((low, item, index) => (item.priority <= (kept[low]?.priority ?? 0) ? index : low), 0);
		const lowestItem = kept[lowest];
		const shrinkNow =
			shrinkable !== undefined &&
			shrunk === undefined &&
			kept.includes(shrinkable) &&
			(lowestItem === shrinkable || (lowestItem?.priority ?? 0) >= (shrinkable.shrinkAt ?? 0));
		if (shrinkNow) shrunk = shrinkable;
		else kept.splice(lowest, 1);
	}

	const left = kept.filter((item) => !item.right);
	const right = kept.filter((item) => item.right);
	const rightSegments = joined(right, separator);
	const rightWidth = segmentsWidth(rightSegments);
	const leftRoom = Math.max(0, width - rightWidth - (rightWidth > 0 ? 1 : 0));
	const excess = segmentsWidth(joined(left, separator)) - leftRoom;
	const leftItems =
		excess > 0 && shrunk !== undefined
			? left.map((item) =>
					item === shrunk
						? {...item, segments: fitSegments(item.segments, Math.max(item.shrinkTo ?? 0, segmentsWidth(item.segments) - excess))}
						: item,
				)
			: left;
	return spread(joined(leftItems, separator), rightSegments, width);
}
