// Per route: how many requests, connects and messages, latency percentiles (durations as everywhere
// else), a small sparkline of the latency distribution (`-` without latencies), and errors by
// category (glyph and count, so colour is not needed); a total row closes the table. A title row
// like the other views', then the column headings. The Lambda functions' table follows (function-stats-table.tsx).
// A window counted by Logs Insights (ui/state/window-stats.ts) is the same table under its own title, with
// one note row under the headings: the run's progress, then its cost, or its error.

import {Box} from 'ink';
import {ERROR_CATEGORIES} from '../../core/types.js';
import {CATEGORY_GLYPH, categoryLabel} from '../../presentation/categories.js';
import type {Theme} from '../theme.js';
import type {RouteStatsRow, StatsView as StatsViewModel} from '../view-models.js';
import {formatDuration} from '../../presentation/time-format.js';
import {cellWidth, column, fillSegments, type Segment, spread} from './cells.js';
import {formatCount, paneTitle, scrollText, sparkline} from './format.js';
import {FUNCTION_CHROME_ROWS, PANE_CHROME_ROWS, PANE_TITLE_ROWS, STATS_TOTAL_ROWS, WINDOW_NOTE_ROWS} from '../layout.js';
import {FunctionStatsTable} from './function-stats-table.js';
import {Line} from './line.js';

export interface StatsViewProps {
	view: StatsViewModel;
	width: number;
	height: number;
	theme: Theme;
}

const MAX_ROUTE = 24;
const MAX_SHAPE = 16;
const SHAPE_TITLE = 'DISTRIBUTION';

function formatLatency(ms: number | null): string {
	return ms === null ? '-' : formatDuration(ms);
}

interface Column {
	title: string;
	width: number;
	cell: (row: RouteStatsRow) => string;
}

function numberColumn(title: string, cell: (row: RouteStatsRow) => string, rows: readonly RouteStatsRow[]): Column {
	return {title, cell, width: Math.max(title.length, ...rows.map((row) => cellWidth(cell(row))))};
}

function columnsFor(rows: readonly RouteStatsRow[], width: number): {route: number; numbers: Column[]; shape: number} {
	const counts = width >= 100;
	const numbers = [
		numberColumn('REQS', (row) => formatCount(row.requests), rows),
		...(counts
			? [
					numberColumn('CONN', (row) => formatCount(row.connects), rows),
					numberColumn('MSGS', (row) => formatCount(row.messages), rows),
				]
			: []),
		numberColumn('P50', (row) => formatLatency(row.p50), rows),
		numberColumn('P95', (row) => formatLatency(row.p95), rows),
		numberColumn('P99', (row) => formatLatency(row.p99), rows),
	];
	const route = Math.min(MAX_ROUTE, Math.max(5, ...rows.map((row) => cellWidth(row.route))));
	const shape = Math.min(MAX_SHAPE, Math.max(SHAPE_TITLE.length, ...rows.map((row) => row.latencyShape.length)));
	return {route, numbers, shape};
}

function errorSegments(row: RouteStatsRow, names: boolean, theme: Theme): Segment[] {
	const present = ERROR_CATEGORIES.filter((category) => (row.errors[category] ?? 0) > 0);
	if (present.length === 0) return [{text: '-', style: theme.muted}];
	return present.flatMap((category, index) => [
		...(index > 0 ? [{text: '  '}] : []),
		{
			text: `${names ? categoryLabel(category) : CATEGORY_GLYPH[category]} ${formatCount(row.errors[category])}`,
			style: theme.category[category],
		},
	]);
}

function rowSegments(row: RouteStatsRow, widths: ReturnType<typeof columnsFor>, width: number, theme: Theme): Segment[] {
	const shape = row.latencyShape.length === 0 ? '-' : sparkline(row.latencyShape.slice(0, MAX_SHAPE));
	return fillSegments(
		[
			{text: ' ' + column(row.route, widths.route)},
			...widths.numbers.map((numberColumn) => ({text: ' ' + column(numberColumn.cell(row), numberColumn.width, 'right')})),
			{text: ' '},
			{text: column(shape, widths.shape), style: row.latencyShape.length === 0 ? theme.muted : undefined},
			{text: ' '},
			...errorSegments(row, width >= 120, theme),
		],
		width,
	);
}

export function StatsView({view, width, height, theme}: StatsViewProps) {
	const functionRows = view.functions.rows.length === 0 ? 0 : FUNCTION_CHROME_ROWS + view.functions.rows.length;
	const noteRows = view.window === undefined ? 0 : WINDOW_NOTE_ROWS;
	const capacity = Math.max(0, height - PANE_CHROME_ROWS - noteRows - STATS_TOTAL_ROWS - functionRows);
	const rows = view.rows.slice(0, capacity);
	const widths = columnsFor([...rows, view.totals], width);
	const {route, numbers, shape} = widths;
	const headings = [
		' ' + column('ROUTE', route),
		...numbers.map((numberColumn) => column(numberColumn.title, numberColumn.width, 'right')),
		column(SHAPE_TITLE, shape),
		'ERRORS',
	].join(' ');
	const title = spread(
		view.window === undefined
			? [paneTitle('Route stats', true, theme), {text: ' latency (integration): distribution ▁ fast → slow █', style: theme.muted}]
			: [paneTitle('Window stats', true, theme), {text: ` ${view.window.title}`, style: theme.muted}],
		[{text: scrollText(view.offset, rows.length, view.total), style: theme.muted}],
		width,
	);
	const rule = '─'.repeat(Math.max(0, Math.min(width, cellWidth(headings))));
	return (
		<Box flexDirection="column" width={width} height={height} overflowY="hidden">
			{height > 0 && <Line segments={title} />}
			{height > PANE_TITLE_ROWS && <Line segments={fillSegments([{text: headings, style: theme.paneTitle}], width)} />}
			{view.window !== undefined && height > PANE_CHROME_ROWS && (
				<Line segments={fillSegments([{text: ` ${view.window.note.text}`, style: view.window.note.error ? theme.error : theme.muted}], width)} />
			)}
			{rows.length === 0 && capacity > 0 && (view.window === undefined || view.window.counted) && (
				<Line segments={[{text: view.window === undefined ? '   no requests yet' : '   no requests in this window', style: theme.muted}]} />
			)}
			{rows.map((row, index) => (
				<Line key={index} segments={rowSegments(row, widths, width, theme)} />
			))}
			{rows.length > 0 && capacity > 0 && <Line segments={[{text: rule, style: theme.muted}]} />}
			{rows.length > 0 && capacity > 0 && <Line segments={rowSegments(view.totals, widths, width, theme)} />}
			{functionRows > 0 && <FunctionStatsTable functions={view.functions} width={width} theme={theme} />}
		</Box>
	);
}
