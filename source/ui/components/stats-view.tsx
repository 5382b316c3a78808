// Per route: how many requests, connects and messages, latency percentiles with a small sparkline of
// the latency spread, and errors by category (glyph and count, so colour is not needed). The column
// headings are the title row, with the scroll position at its right.

import {Box} from 'ink';
import {ERROR_CATEGORIES} from '../../core/types.js';
import {CATEGORY_GLYPH, categoryLabel} from '../../presentation/categories.js';
import type {Theme} from '../theme.js';
import type {RouteStatsRow, StatsView as StatsViewModel} from '../view-models.js';
import {cellWidth, column, fillSegments, type Segment, spread} from './cells.js';
import {formatCount, formatMs, scrollText, sparkline} from './format.js';
import {PANE_TITLE_ROWS} from '../layout.js';
import {Line} from './line.js';

export interface StatsViewProps {
	view: StatsViewModel;
	width: number;
	height: number;
	theme: Theme;
}

const MAX_ROUTE = 24;
const MAX_SHAPE = 16;

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
		numberColumn('P50', (row) => formatMs(row.p50), rows),
		numberColumn('P95', (row) => formatMs(row.p95), rows),
		numberColumn('P99', (row) => formatMs(row.p99), rows),
	];
	const route = Math.min(MAX_ROUTE, Math.max(5, ...rows.map((row) => cellWidth(row.route))));
	const shape = Math.min(MAX_SHAPE, Math.max(5, ...rows.map((row) => row.latencyShape.length)));
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

export function StatsView({view, width, height, theme}: StatsViewProps) {
	const capacity = Math.max(0, height - PANE_TITLE_ROWS);
	const rows = view.rows.slice(0, capacity);
	const {route, numbers, shape} = columnsFor(rows, width);
	const headings = [
		' ' + column('ROUTE', route),
		...numbers.map((numberColumn) => column(numberColumn.title, numberColumn.width, 'right')),
		column('LATENCY', shape),
		'ERRORS',
	].join(' ');
	const title = spread(
		[{text: headings, style: theme.paneTitle}],
		[{text: scrollText(view.offset, rows.length, view.total), style: theme.muted}],
		width,
	);
	return (
		<Box flexDirection="column" width={width} height={height} overflowY="hidden">
			{height > 0 && <Line segments={title} />}
			{rows.length === 0 && capacity > 0 && <Line segments={[{text: '   no requests yet', style: theme.muted}]} />}
			{rows.map((row, index) => (
				<Line
					key={index}
					segments={fillSegments(
						[
							{text: ' ' + column(row.route, route)},
							...numbers.map((numberColumn) => ({text: ' ' + column(numberColumn.cell(row), numberColumn.width, 'right')})),
							{text: ' '},
							{text: column(sparkline(row.latencyShape.slice(0, MAX_SHAPE)), shape)},
							{text: ' '},
							...errorSegments(row, width >= 120, theme),
						],
						width,
					)}
				/>
			))}
		</Box>
	);
}
