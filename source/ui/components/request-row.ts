// One request as a row of columns, shared by the timeline (one connection) and the all-requests view
// (every connection, with a connection column): time, event, route, status coloured by class, latency,
// a pending mark, the Lambda mark (`λ err cold`), error badges and the explanation, under a row of column headings. The explanation
// is what an on-call reader is looking for: it takes the rest of the row, and the selected row shows
// it whole, continued on the lines below.

import type {TextStyle, Theme} from '../theme.js';
import type {TimelineRow} from '../view-models.js';
import {cellWidth, column, type Segment} from './cells.js';
import {
	type BadgeForm,
	categoryBadges,
	EXPANDED_MARK,
	MATCHED_MARK,
	PENDING_MARK,
	SELECTED_MARK,
	statusStyle,
} from './format.js';
import {type Anchor, rowLines, type VisualLine} from './visual-lines.js';

const GUTTER = 3;
const SHORT_ID = 8;
const MAX_ID = 24;
const MAX_ROUTE = 24;
const MIN_ROUTE = 6;
const STATUS = 'STATUS'.length;
const SHORT_EVENT: Readonly<Record<string, string>> = {CONNECT: 'CONN', MESSAGE: 'MSG', DISCONNECT: 'DISC'};

export interface RequestColumns {
	time: number;
	/** Width of the connection id column, or undefined when there is none (the timeline). */
	connection: number | undefined;
	shortEvents: boolean;
	event: number;
	route: number;
	latency: number;
	badges: BadgeForm;
}

export function requestColumns(
	rows: readonly TimelineRow[],
	width: number,
	connectionIds?: readonly string[],
): RequestColumns {
	const shortEvents = width < 100;
	const time = Math.max('TIME'.length, ...rows.map((row) => cellWidth(row.time)));
	const connection =
		connectionIds === undefined
			? undefined
			: width >= 120
				? Math.min(MAX_ID, Math.max(SHORT_ID, ...connectionIds.map((id) => cellWidth(id))))
				: SHORT_ID;
	const event = Math.max('EVENT'.length, ...rows.map((row) => cellWidth(eventText(row.eventLabel, shortEvents))));
	const routes = Math.max(MIN_ROUTE, ...rows.map((row) => cellWidth(row.route)));
	const route = Math.min(routes, width >= 120 ? MAX_ROUTE : 16);
	const latency = Math.max('LATENCY'.length, ...rows.map((row) => cellWidth(row.latencyText)));
	// The explanation names the failure in words; where room is short the glyph alone marks the category.
	return {time, connection, shortEvents, event, route, latency, badges: width >= 100 ? 'name' : 'glyph'};
}

/** The column headings, aligned with the rows' columns. */
export function requestHeadings(columns: RequestColumns, theme: Theme): Segment[] {
	const cells = [
		' '.repeat(GUTTER - 1),
		column('TIME', columns.time),
		...(columns.connection === undefined ? [] : [column('CONNECTION', columns.connection)]),
		column('EVENT', columns.event),
		column('ROUTE', columns.route),
		column('STATUS', STATUS, 'right'),
		column('LATENCY', columns.latency, 'right'),
		' WHY',
	];
	return [{text: cells.join(' '), style: theme.muted}];
}

function eventText(label: string, short: boolean): string {
	return short ? (SHORT_EVENT[label] ?? label) : label;
}

/** Where continuation lines of a wrapped row start: under the column after the time. */
function requestIndent(columns: RequestColumns): number {
	return GUTTER + columns.time + 1;
}

export interface RequestLinesOptions<R extends TimelineRow> {
	columns: RequestColumns;
	width: number;
	wrap: boolean;
	theme: Theme;
	selectedStyle: TextStyle;
	connectionOf?: (row: R) => string;
	/** Lines drawn under a row (the expanded request's detail). */
	below?: (row: R) => VisualLine[];
}

/** All rows as screen lines, and where the selected row (with what hangs under it) is among them. */
export function requestLines<R extends TimelineRow>(
	rows: readonly R[],
	options: RequestLinesOptions<R>,
): {lines: VisualLine[]; anchor: Anchor | undefined} {
	const {columns, width, wrap, theme} = options;
	const lines: VisualLine[] = [];
	let anchor: Anchor | undefined;
	for (const row of rows) {
		const start = lines.length;
		const segments = requestSegments(row, columns, theme, options.connectionOf?.(row));
		const style = row.selected ? options.selectedStyle : undefined;
		lines.push(...rowLines(segments, width, wrap || (row.selected && row.explanation !== ''), requestIndent(columns), style));
		if (options.below) lines.push(...options.below(row));
		if (row.selected) anchor = {start, end: lines.length};
	}

	return {lines, anchor};
}

function requestSegments(
	row: TimelineRow,
	columns: RequestColumns,
	theme: Theme,
	connectionId?: string,
): Segment[] {
	const status = row.status === undefined ? (row.pending ? PENDING_MARK : '-') : String(row.status);
	const segments: Segment[] = [
		{text: row.selected ? SELECTED_MARK : ' '},
		row.expanded ? {text: EXPANDED_MARK} : {text: ' '},
		row.matched ? {text: MATCHED_MARK, style: theme.matched} : {text: ' '},
		{text: column(row.time, columns.time), style: theme.muted},
		{text: ' '},
	];
	if (columns.connection !== undefined) {
		const shown = columns.connection === SHORT_ID ? [...(connectionId ?? '')].slice(0, SHORT_ID).join('') : connectionId ?? '';
		segments.push({text: column(shown, columns.connection), style: row.matched ? theme.matched : undefined}, {text: ' '});
	}

	segments.push(
		{text: column(eventText(row.eventLabel, columns.shortEvents), columns.event), style: row.eventType ? undefined : theme.muted},
		{text: ' '},
		{text: column(row.route, columns.route)},
		{text: ' '},
		{
			text: column(status, STATUS, 'right'),
			style: row.status === undefined ? theme.muted : statusStyle(row.status, theme),
		},
		{text: ' '},
		{text: column(row.latencyText, columns.latency, 'right')},
		row.pending && row.status !== undefined ? {text: PENDING_MARK, style: theme.muted} : {text: ' '},
	);
	if (row.lambda !== undefined) segments.push({text: ' '}, {text: row.lambda.text, style: row.lambda.failed ? theme.error : theme.muted});
	if (row.errorCategories.length > 0) {
		segments.push({text: ' '}, ...categoryBadges(row.errorCategories, columns.badges, theme));
	}

	if (row.explanation) segments.push({text: columns.badges === 'name' ? '  ' : ' '}, {text: row.explanation, style: theme.error});
	return segments;
}
