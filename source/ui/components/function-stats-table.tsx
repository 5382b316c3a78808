// The stats view's table per Lambda function, under the route table: invocations, duration percentiles
// (durations as everywhere else), cold starts, and the outcomes that were not a success, each a counted
// column (a count above zero is styled as an error too, but the number says it). Crashes (the runtime
// died) get the last column when it fits. Its own title row says which functions are shown.

import type {Theme} from '../theme.js';
import type {FunctionStatsRow, StatsView} from '../view-models.js';
import {formatDuration} from '../../presentation/time-format.js';
import {LAMBDA_MARK} from '../../presentation/lambda-format.js';
import {cellWidth, column, fillSegments, type Segment, spread} from './cells.js';
import {formatCount} from './format.js';
import {Line} from './line.js';

const MAX_FUNCTION = 28;

interface Column {
	title: string;
	width: number;
	cell: (row: FunctionStatsRow) => string;
	/** Counts of something that went wrong: shown as an error when above zero. */
	failing?: (row: FunctionStatsRow) => boolean;
}

function numberColumn(title: string, cell: Column['cell'], rows: readonly FunctionStatsRow[], failing?: Column['failing']): Column {
	return {title, cell, failing, width: Math.max(title.length, ...rows.map((row) => cellWidth(cell(row))))};
}

function durationText(ms: number | null): string {
	return ms === null ? '-' : formatDuration(ms);
}

function columnsFor(rows: readonly FunctionStatsRow[], width: number, name: number): Column[] {
	const columns = [
		numberColumn('INVOKED', (row) => formatCount(row.invocations), rows),
		numberColumn('P50', (row) => durationText(row.p50), rows),
		numberColumn('P95', (row) => durationText(row.p95), rows),
		numberColumn('P99', (row) => durationText(row.p99), rows),
		numberColumn('COLD', (row) => formatCount(row.coldStarts), rows),
		numberColumn('ERRORS', (row) => formatCount(row.errors), rows, (row) => row.errors > 0),
		numberColumn('TIMEOUTS', (row) => formatCount(row.timeouts), rows, (row) => row.timeouts > 0),
	];
	const crashes = numberColumn('CRASHES', (row) => formatCount(row.failures), rows, (row) => row.failures > 0);
	const used = 1 + name + [...columns, crashes].reduce((sum, each) => sum + 1 + each.width, 0);
	return used <= width ? [...columns, crashes] : columns;
}

/** The table's lines: a blank, its title, its headings, then one line per function shown. */
export function FunctionStatsTable({functions, width, theme}: {functions: StatsView['functions']; width: number; theme: Theme}) {
	const {rows, total} = functions;
	const name = Math.min(MAX_FUNCTION, Math.max('FUNCTION'.length, ...rows.map((row) => cellWidth(row.function))));
	const columns = columnsFor(rows, width, name);
	const headings = [' ' + column('FUNCTION', name), ...columns.map((each) => column(each.title, each.width, 'right'))].join(' ');
	const shown = rows.length < total ? `${formatCount(rows.length)} of ${formatCount(total)}` : '';
	const title = spread(
		[{text: ` ${LAMBDA_MARK} Lambda functions`, style: theme.paneTitle}, {text: ' duration (as the function reported it)', style: theme.muted}],
		[{text: shown, style: theme.muted}],
		width,
	);
	const rowSegments = (row: FunctionStatsRow): Segment[] =>
		fillSegments(
			[
				{text: ' ' + column(row.function, name)},
				...columns.map((each) => ({
					text: ' ' + column(each.cell(row), each.width, 'right'),
					style: each.failing?.(row) ? theme.error : undefined,
				})),
			],
			width,
		);
	return (
		<>
			<Line segments={[{text: ' '}]} />
			<Line segments={title} />
			<Line segments={fillSegments([{text: headings, style: theme.paneTitle}], width)} />
			{rows.map((row, index) => (
				<Line key={index} segments={rowSegments(row)} />
			))}
		</>
	);
}
