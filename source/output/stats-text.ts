// `stats` as text: a heading with the window, a table per route with a total row, a table of the Lambda
// functions, the chart per bin, what the format cannot tell apart, and with --top the worst connections
// and requests as ready commands.

import {sanitizeLine} from '../core/sanitize.js';
import {ERROR_CATEGORIES} from '../core/types.js';
import type {Style} from '../presentation/ansi-style.js';
import type {LambdaFunctionFigures} from '../sources/insights/lambda-figures.js';
import {CATEGORY_GLYPH} from '../presentation/categories.js';
import type {LatencyPercentiles, RouteFigures, StatsFigures, TopRequest} from '../sources/insights/stats-figures.js';
import {statsChartLines} from './stats-chart.js';
import type {StatsSummary} from './stats-json.js';

export interface StatsTextContext {
	/** `--api X --stage Y` or `--log-group G`: how the ready commands name the source. */
	source: string;
	binLabel: string;
	blindSpots: string[];
	width: number;
	style: Style;
}

const COUNT_HEADINGS = ['requests', 'connect', 'message', 'discon'];

export function statsTextLines(figures: StatsFigures, functions: LambdaFunctionFigures[], summary: StatsSummary, context: StatsTextContext): string[] {
	const {style} = context;
	const heading = `${iso(summary.fromMs)} to ${iso(summary.toMs)}, bins of ${context.binLabel}`;
	const header = ['route', ...COUNT_HEADINGS, ...ERROR_CATEGORIES.map((category) => `${CATEGORY_GLYPH[category]} ${category}`), 'p50 ms', 'p95 ms', 'p99 ms'];
	const rows = figures.routes.map(({route, ...rest}) => cells(sanitizeLine(route), rest));
	const table = alignedRows([header, ...rows, cells('total', figures.total)]);
	const lines = [style.bold(heading), '', style.bold(table[0]!), ...table.slice(1, -1), style.bold(table.at(-1)!)];
	if (functions.length > 0) {
		const functionTable = alignedRows([FUNCTION_HEADER, ...functions.map(functionCells)]);
		lines.push('', style.bold('Lambda functions'), style.bold(functionTable[0]!), ...functionTable.slice(1));
	}
	const chart = statsChartLines(figures.binTotals, context.width, style);
	if (chart.length > 0) lines.push('', ...chart);
	if (context.blindSpots.length > 0) lines.push('', ...context.blindSpots.map((note) => style.yellow(`note: ${note}`)));
	lines.push(...topLines(figures, summary, context));
	return lines;
}

function cells(route: string, figures: RouteFigures): string[] {
	return [
		route,
		...[figures.requests, figures.connects, figures.messages, figures.disconnects].map(count),
		...ERROR_CATEGORIES.map((category) => count(figures.errors[category])),
		...latency(figures.integrationLatencyMs),
	];
}

const FUNCTION_HEADER = ['function', 'invocations', 'cold', 'errors', 'timeouts', 'failures', 'p50 ms', 'p95 ms', 'p99 ms'];

/** Names come from discovery or a log group's name: sanitized like anything read from AWS. */
function functionCells(figures: LambdaFunctionFigures): string[] {
	return [
		sanitizeLine(figures.function),
		...[figures.invocations, figures.coldStarts, figures.errors, figures.timeouts, figures.failures].map(count),
		...latency(figures.durationMs),
	];
}

function latency({p50, p95, p99}: LatencyPercentiles): string[] {
	return [p50, p95, p99].map((value) => (value === null ? '-' : String(Math.round(value))));
}

function count(value: number): string {
	return value.toLocaleString('en-US');
}

/** The first column left-aligned, the rest right-aligned. */
function alignedRows(rows: string[][]): string[] {
	const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => [...row[column]!].length)));
	return rows.map((row) =>
		row.map((cell, column) => (column === 0 ? cell.padEnd(widths[0]!) : cell.padStart(widths[column]!))).join('  ').trimEnd(),
	);
}

function topLines(figures: StatsFigures, summary: StatsSummary, context: StatsTextContext): string[] {
	const since = `--since ${iso(summary.fromMs)}`;
	const command = (filter: string) => `apigw-tail ${context.source} ${filter} ${since} --no-follow`;
	const lines: string[] = [];
	const section = (title: string, entries: string[]) => {
		if (entries.length > 0) lines.push('', context.style.bold(title), ...entries);
	};

	section(
		'connections with the most errors',
		figures.topConnections.map(({connectionId, errors}) => `  ${count(errors).padStart(6)} errors  ${command(`--connection ${shellWord(connectionId)}`)}`),
	);
	// One route column for both lists, so the ready commands start in one column.
	const routeWidth = Math.max(0, ...[...figures.topErrorRequests, ...figures.topLatencyRequests].map((request) => [...sanitizeLine(request.route)].length));
	section('requests with errors, slowest first', figures.topErrorRequests.map((request) => requestLine(request, routeWidth, command)));
	section('slowest requests', figures.topLatencyRequests.map((request) => requestLine(request, routeWidth, command)));
	return lines;
}

function requestLine(request: TopRequest, routeWidth: number, command: (filter: string) => string): string {
	const latencyText = request.latencyMs === undefined ? '-' : `${Math.round(request.latencyMs)} ms`;
	const filter = request.connectionId === undefined ? `--request ${shellWord(request.requestId)}` : `--connection ${shellWord(request.connectionId)}`;
	return `  ${latencyText.padStart(9)}  ${String(request.status ?? '-').padStart(3)}  ${padEndChars(sanitizeLine(request.route), routeWidth)}  ${command(filter)}`;
}

function padEndChars(text: string, width: number): string {
	return text + ' '.repeat(Math.max(0, width - [...text].length));
}

/** Ids come from logs: quoted unless plainly safe, so a pasted command runs what it shows. */
function shellWord(text: string): string {
	const clean = sanitizeLine(text);
	return /^[A-Za-z0-9_=+.:/-]+$/.test(clean) ? clean : `'${clean.replace(/'/g, `'\\''`)}'`;
}

function iso(epochMs: number): string {
	return new Date(epochMs).toISOString().replace(/\.000Z$/, 'Z');
}
