// Where everything goes for a given terminal size. The frame is one row shorter than the terminal (a
// frame as tall as the terminal makes Ink clear and redraw everything on each render); inside it the
// header takes 2 rows, the status bar 1, and the body the rest. At 120 columns and more the
// connections and timeline panes sit side by side; below, they stack. Each pane's `rows` is how many
// list rows it can show (its height minus its title row): what the selectors window to, and what the
// reducer pages by (ui/state/page-sizes.ts derives its numbers from here).

export const MIN_COLUMNS = 60;
export const MIN_ROWS = 12;
export const SIDE_BY_SIDE_COLUMNS = 120;
export const HEADER_ROWS = 2;
export const STATUS_BAR_ROWS = 1;
/** Every pane starts with one title row (name, sort, scroll position; the stats column headings). */
export const PANE_TITLE_ROWS = 1;

const STACKED_CONNECTIONS_SHARE = 0.4;
const MIN_STACKED_CONNECTIONS_ROWS = PANE_TITLE_ROWS + 3;
const SIDE_CONNECTIONS_COLUMNS = 50;
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
	const frame = {width: terminal.width, height: Math.max(0, terminal.height - 1)};
	if (terminal.width < MIN_COLUMNS || terminal.height < MIN_ROWS) return {kind: 'too-small', terminal, frame};

	const body = {width: frame.width, height: frame.height - HEADER_ROWS - STATUS_BAR_ROWS};
	const common = {
		terminal,
		frame,
		header: {width: frame.width, height: HEADER_ROWS},
		statusBar: {width: frame.width, height: STATUS_BAR_ROWS},
		body,
		requests: pane(body.width, body.height, PANE_TITLE_ROWS),
		stats: pane(body.width, body.height, PANE_TITLE_ROWS),
	};

	if (frame.width >= SIDE_BY_SIDE_COLUMNS) {
		return {
			kind: 'side-by-side',
			...common,
			gap: SIDE_GAP,
			connections: pane(SIDE_CONNECTIONS_COLUMNS, body.height, PANE_TITLE_ROWS),
			timeline: pane(frame.width - SIDE_CONNECTIONS_COLUMNS - SIDE_GAP, body.height, PANE_TITLE_ROWS),
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
		connections: pane(frame.width, connectionsHeight, PANE_TITLE_ROWS),
		timeline: pane(frame.width, body.height - connectionsHeight, PANE_TITLE_ROWS),
	};
}
