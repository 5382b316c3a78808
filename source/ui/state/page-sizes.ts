// How many rows each list gets at a terminal size. The reducer pages and scrolls by these numbers and the
// app passes the same numbers to the selectors, so the rows a key moves by are the rows on screen.

import {DETAIL_PREFIX_WIDTH, MIN_COLUMNS, MIN_ROWS, paneSizes} from '../layout.js';

/** Below this the app shows "terminal too small" instead of panes. */
export const MIN_WIDTH = MIN_COLUMNS;
export const MIN_HEIGHT = MIN_ROWS;
const MIN_DETAIL_TEXT = 20;
/** The open request's heading row ("request … · 27 lines") between its request rows and its lines. */
const DETAIL_HEADING_ROWS = 1;

export interface PaneBox {
	width: number;
	/** List rows, title and column headings excluded. */
	rows: number;
}

export interface Layout {
	tooSmall: boolean;
	/** The terminal's rows: the frame fills the screen. */
	frameRows: number;
	sideBySide: boolean;
	connections: PaneBox;
	timeline: PaneBox;
	requests: PaneBox;
	stats: PaneBox;
}

/** The reducer's view of the screen layout (ui/layout.ts decides it; this keeps only what paging needs). */
export function layoutFor(width: number, height: number): Layout {
	// Even below the minimum size the reducer needs sizes to clamp to; those of the minimum do.
	const sized = paneSizes(Math.max(width, MIN_COLUMNS), Math.max(height, MIN_ROWS));
	if (sized.kind === 'too-small') throw new Error('unreachable: the minimum size always has panes');
	const box = (pane: {width: number; rows: number}): PaneBox => ({width: pane.width, rows: Math.max(1, pane.rows)});
	return {
		tooSmall: width < MIN_COLUMNS || height < MIN_ROWS,
		frameRows: Math.max(1, Math.floor(height) || 1),
		sideBySide: sized.kind === 'side-by-side',
		connections: box(sized.connections),
		timeline: box(sized.timeline),
		requests: box(sized.requests),
		stats: box(sized.stats),
	};
}

/** The timeline pane's list rows when a request is open: a few request rows, one heading row, the detail below. */
export function splitTimeline(rows: number): {rows: number; detail: number} {
	if (rows < 3) return {rows: 1, detail: Math.max(1, rows - 1)};
	const listRows = Math.max(1, Math.floor(rows / 3));
	return {rows: listRows, detail: Math.max(1, rows - listRows - DETAIL_HEADING_ROWS)};
}

/** Cells of detail text per row in a pane this wide: what wrapping breaks lines at. */
export function detailTextWidth(paneWidth: number): number {
	return Math.max(MIN_DETAIL_TEXT, paneWidth - DETAIL_PREFIX_WIDTH);
}
