// Where everything goes for a given terminal size. The frame is as tall as the terminal (Ink 7 and
// later draw such a frame without clearing the screen; Ink 6 cleared and redrew it all on each render,
// so the frame was one row shorter); inside it the header takes 2 rows, the status bar 1, and the body
// the rest. At 120 columns and more the connections and timeline panes sit side by side, the
// connections pane growing with the terminal so that a wider terminal never shows it less legibly;
// below, they stack. Each pane's `rows` is how many list rows it can show (its height minus its title
// and column-heading rows): what the selectors window to, and what the reducer pages by
// (ui/state/page-sizes.ts derives its numbers from here).

export const MIN_COLUMNS = 60;
export const MIN_ROWS = 12;
export const SIDE_BY_SIDE_COLUMNS = 120;
export const HEADER_ROWS = 2;
export const STATUS_BAR_ROWS = 1;
/** Every pane starts with one title row (name, sort, scroll position)... */
export const PANE_TITLE_ROWS = 1;
/** ... and one row of column headings. */
export const COLUMN_HEADING_ROWS = 1;
export const PANE_CHROME_ROWS = PANE_TITLE_ROWS + COLUMN_HEADING_ROWS;
/** The stats table ends with a rule and a total row. */
export const STATS_TOTAL_ROWS = 2;
/** The stats view's window has one more row under its headings: the queries' progress, cost, or error. */
export const WINDOW_NOTE_ROWS = 1;
/** The Lambda function table under it starts with a blank row, its title and its column headings. */
export const FUNCTION_CHROME_ROWS = 3;

/** An open request's line: gutter, evidence mark and blank, clock time, line kind, then its text. */
export const DETAIL_GUTTER = 4;
export const DETAIL_TIME_WIDTH = 12;
export const DETAIL_KIND_WIDTH = 11;
export const DETAIL_PREFIX_WIDTH = DETAIL_GUTTER + 2 + DETAIL_TIME_WIDTH + 1 + DETAIL_KIND_WIDTH + 1;

const STACKED_CONNECTIONS_SHARE = 0.4;
// Two list rows each at the smallest size (60×12): more here would leave the timeline one row.
const MIN_STACKED_CONNECTIONS_ROWS = PANE_CHROME_ROWS + 2;
/** Side by side the connections pane takes this share of the width, within these bounds. */
const SIDE_CONNECTIONS_SHARE = 0.4;
// 54 columns hold a full 16-character id with the age, message count, route and a few error counts.
const MIN_SIDE_CONNECTIONS_COLUMNS = 54;
const MAX_SIDE_CONNECTIONS_COLUMNS = 80;
const SIDE_GAP = 1;

export interface Area {
	width: number;
	height: number;
}

export interface PaneArea extends Area {
	/** List rows the pane can show. */
	rows: number;
}

export interface TooSmallLayout {
	kind: 'too-small';
	terminal: Area;
	frame: Area;
}

export interface PaneLayout {
	kind: 'stacked' | 'side-by-side';
	terminal: Area;
	frame: Area;
	header: Area;
	statusBar: Area;
	/** Everything between header and status bar: where the all-requests, stats and help views go. */
	body: Area;
	/** Blank columns between connections and timeline when side by side (`columnGap`). */
	gap: number;
	connections: PaneArea;
	timeline: PaneArea;
	requests: PaneArea;
	stats: PaneArea;
}

export type Layout = TooSmallLayout | PaneLayout;

function cells(value: number): number {
	return Number.isFinite(value) ? Math.max(0, Math.floor(value)) : 0;
}

function pane(width: number, height: number, chrome: number): PaneArea {
	return {width, height, rows: Math.max(0, height - chrome)};
}

export function paneSizes(columns: number, rows: number): Layout {
	const terminal = {width: cells(columns), height: cells(rows)};
	const frame = {width: terminal.width, height: terminal.height};
	if (terminal.width < MIN_COLUMNS || terminal.height < MIN_ROWS) return {kind: 'too-small', terminal, frame};

	const body = {width: frame.width, height: frame.height - HEADER_ROWS - STATUS_BAR_ROWS};
	const common = {
		terminal,
		frame,
		header: {width: frame.width, height: HEADER_ROWS},
		statusBar: {width: frame.width, height: STATUS_BAR_ROWS},
		body,
		requests: pane(body.width, body.height, PANE_CHROME_ROWS),
		stats: pane(body.width, body.height, PANE_CHROME_ROWS + STATS_TOTAL_ROWS),
	};

	if (frame.width >= SIDE_BY_SIDE_COLUMNS) {
		const connectionsWidth = Math.min(
			MAX_SIDE_CONNECTIONS_COLUMNS,
			Math.max(MIN_SIDE_CONNECTIONS_COLUMNS, Math.floor(frame.width * SIDE_CONNECTIONS_SHARE)),
		);
		return {
			kind: 'side-by-side',
			...common,
			gap: SIDE_GAP,
			connections: pane(connectionsWidth, body.height, PANE_CHROME_ROWS),
			timeline: pane(frame.width - connectionsWidth - SIDE_GAP, body.height, PANE_CHROME_ROWS),
		};
	}

	const connectionsHeight = Math.max(
		MIN_STACKED_CONNECTIONS_ROWS,
		Math.floor(body.height * STACKED_CONNECTIONS_SHARE),
	);
	return {
		kind: 'stacked',
		...common,
		gap: 0,
		connections: pane(frame.width, connectionsHeight, PANE_CHROME_ROWS),
		timeline: pane(frame.width, body.height - connectionsHeight, PANE_CHROME_ROWS),
	};
}
