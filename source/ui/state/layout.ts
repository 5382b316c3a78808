// How many rows each list gets at a terminal size. The reducer pages and scrolls by these numbers and the
// app passes the same numbers to the selectors, so the rows a key moves by are the rows on screen.

/** Below this the app shows "terminal too small" instead of panes. */
export const MIN_WIDTH = 60;
export const MIN_HEIGHT = 12;
export const HEADER_ROWS = 2;
export const STATUS_ROWS = 1;
/** Each pane or view spends one row on its title / column headings. */
export const TITLE_ROWS = 1;
/** From this width the connections and timeline panes sit side by side; narrower, they stack. */
export const SIDE_BY_SIDE_WIDTH = 120;
export const CONNECTIONS_PANE_WIDTH = 50;
/** Blank columns between the two panes when side by side. */
export const SIDE_GAP = 1;
/** Columns a detail line spends before its text (time, error mark, kind), so wrapped text fits the rest. */
export const DETAIL_PREFIX_WIDTH = 40;
const MIN_DETAIL_TEXT = 20;

export interface PaneBox {
	width: number;
	/** List rows, title excluded. */
	rows: number;
}

export interface Layout {
	tooSmall: boolean;
	/** One row fewer than the terminal: a frame as tall as the terminal makes Ink 6 redraw everything. */
	frameRows: number;
	sideBySide: boolean;
	connections: PaneBox;
	timeline: PaneBox;
	requests: PaneBox;
	stats: PaneBox;
}

export function layoutFor(width: number, height: number): Layout {
	const columns = Math.max(1, Math.floor(width) || 1);
	const frameRows = Math.max(1, (Math.floor(height) || 1) - 1);
	const body = Math.max(1, frameRows - HEADER_ROWS - STATUS_ROWS);
	const list = (boxRows: number): number => Math.max(1, boxRows - TITLE_ROWS);
	const sideBySide = columns >= SIDE_BY_SIDE_WIDTH;
	const connectionsBox = sideBySide ? body : Math.max(TITLE_ROWS + 3, Math.floor(body * 0.4));
	const connectionsWidth = sideBySide ? CONNECTIONS_PANE_WIDTH : columns;
	return {
		tooSmall: columns < MIN_WIDTH || height < MIN_HEIGHT,
		frameRows,
		sideBySide,
		connections: {width: connectionsWidth, rows: list(connectionsBox)},
		timeline: {
			width: sideBySide ? columns - connectionsWidth - SIDE_GAP : columns,
			rows: list(sideBySide ? body : body - connectionsBox),
		},
		requests: {width: columns, rows: list(body)},
		stats: {width: columns, rows: list(body)},
	};
}

/** The timeline pane's rows when a request is open: a few request rows, one title row, the detail below. */
export function splitTimeline(rows: number): {rows: number; detail: number} {
	if (rows < 3) return {rows: 1, detail: Math.max(1, rows - 1)};
	const listRows = Math.max(1, Math.floor(rows / 3));
	return {rows: listRows, detail: Math.max(1, rows - listRows - TITLE_ROWS)};
}

/** Characters of detail text per row when wrapping in a pane this wide. */
export function detailTextWidth(paneWidth: number): number {
	return Math.max(MIN_DETAIL_TEXT, paneWidth - DETAIL_PREFIX_WIDTH);
}
