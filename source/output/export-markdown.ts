// The incident export as Markdown for a ticket. Every piece of log text goes through the helpers of
// export-markdown-text.ts (sanitized, escaped, fenced so no log line can close its block).

import {ERROR_CATEGORIES, type ErrorCategory, type RequestView} from '../core/types.js';
import type {ExportedError, ExportInput, InsightsQuery} from './export-types.js';
import {isoTime, stringifySafely} from './ndjson.js';
import {categoryLabel} from '../presentation/categories.js';
import {calendarDate, type TimeZoneChoice} from '../presentation/time-format.js';
import {invocationSpan, lambdaInvocations} from './export-markdown-lambda.js';
import {code, dateTime, describe, fenced, text} from './export-markdown-text.js';

export interface MarkdownInput extends ExportInput {
	errors: ExportedError[];
	insights: InsightsQuery;
	/** Over the Lambda log groups by Lambda request id; null when no request has an invocation. */
	lambdaInsights: InsightsQuery | null;
	lambdaLogGroups: string[];
}

export function renderIncidentMarkdown(input: MarkdownInput): string {
	const sections = [
		`# ${text(input.title)}`,
		summary(input),
		timeline(input.requests, input.timezone),
		errors(input),
		rawLines(input.requests, input.timezone),
		lambdaInvocations(input.requests, input.timezone),
		insights(input),
	].filter((section) => section !== undefined);
	return `${sections.join('\n\n')}\n`;
}

function summary({requests, errors, source, generatedAt, timezone}: MarkdownInput): string {
	const counts = new Map<ErrorCategory, number>();
	for (const error of errors) counts.set(error.category, (counts.get(error.category) ?? 0) + 1);
	const perCategory = ERROR_CATEGORIES.filter((category) => counts.has(category))
		.map((category) => `${categoryLabel(category)} ${counts.get(category)}`)
		.join(', ');
	const first = requests[0];
	const last = requests.at(-1);
	const span = first && last ? ` · ${dateTime(first.firstTimestamp, timezone)} to ${dateTime(last.lastTimestamp, timezone)}` : '';
	return [
		`**${count(requests.length, 'request')}** · ${errors.length === 0 ? 'no errors' : `**${count(errors.length, 'error')}**: ${perCategory}`}${span}`,
		'',
		`Source: ${text(source)} · generated ${isoTime(generatedAt) ?? 'at an unknown time'}`,
	].join('\n');
}

function count(value: number, noun: string): string {
	return `${value} ${noun}${value === 1 ? '' : 's'}`;
}

function timeline(requests: readonly RequestView[], timezone: TimeZoneChoice): string {
	const zone = requests[0] === undefined ? '' : ` (${zoneOf(requests[0].firstTimestamp, timezone)})`;
	const rows = requests.map((request) =>
		row([
			dateTime(request.firstTimestamp, timezone),
			request.eventType ?? '-',
			request.routeKey ?? '-',
			request.status === undefined ? '-' : String(request.status),
			request.integrationLatencyMs === undefined ? '-' : `${request.integrationLatencyMs} ms`,
			request.errors.map((error) => categoryLabel(error.category)).join(' '),
		]),
	);
	return ['## Timeline', '', `| time${zone} | event | route | status | latency | errors |`, '| --- | --- | --- | --- | --- | --- |', ...rows].join(
		'\n',
	);
}

function errors({errors, requests, timezone}: MarkdownInput): string {
	if (errors.length === 0) return '## Errors\n\nNone.';
	const byId = new Map(requests.map((request) => [request.requestId, request]));
	const entries = errors.map((error, index) => {
		const request = byId.get(error.requestId);
		const context = request === undefined ? '' : ` at ${dateTime(request.firstTimestamp, timezone)}, ${describe(request)}`;
		return [
			`### ${index + 1}. ${categoryLabel(error.category)}`,
			'',
			`${text(error.explanation)}`,
			'',
			`Request ${code(error.requestId)}${context}. Evidence:`,
			'',
			fenced(error.message),
		].join('\n');
	});
	return ['## Errors', ...entries].join('\n\n');
}

function rawLines(requests: readonly RequestView[], timezone: TimeZoneChoice): string {
	const entries = requests.map((request) => {
		const execution =
			request.execution.length === 0
				? 'No execution-log lines.'
				: fenced(request.execution.map((line) => `${isoTime(line.timestamp) ?? '-'} ${line.event.message}`).join('\n'));
		// The request keeps the access line's fields, not the line itself.
		const access =
			request.access === null ? 'No access-log line.' : `Access-log fields:\n\n${fenced(stringifySafely(request.access))}`;
		return [
			`### ${text(dateTime(request.firstTimestamp, timezone))} · ${code(request.requestId)}`,
			'',
			`${describe(request)}${request.connectionId === undefined ? '' : ` on connection ${code(request.connectionId)}`}`,
			'',
			execution,
			'',
			access,
		].join('\n');
	});
	return ['## Raw lines', ...entries].join('\n\n');
}

function insights({insights, logGroups, requests, lambdaInsights, lambdaLogGroups}: MarkdownInput): string {
	const groups = logGroups.length === 0 ? 'the stage\'s execution and access log groups' : logGroups.map(code).join(', ');
	const first = requests[0];
	const last = requests.at(-1);
	const range = first && last ? `, from ${isoTime(first.firstTimestamp)} to ${isoTime(last.lastTimestamp)}` : '';
	const stage = ['## CloudWatch Logs Insights', '', `Run over ${groups}${range}:`, '', fenced(insights.query), leftOut(insights)];
	if (lambdaInsights === null) return stage.filter((part) => part !== undefined).join('\n');
	// The invocations can run past the last API Gateway line (a timeout's REPORT comes seconds later).
	const span = invocationSpan(requests);
	const lambdaRange = span === undefined ? '' : `, from ${isoTime(span.first)} to ${isoTime(span.last)}`;
	const lambda = [
		'',
		'### Lambda',
		'',
		`The Lambda lines of the invocations above, by Lambda request id: run over ${lambdaLogGroups.map(code).join(', ')}${lambdaRange}:`,
		'',
		fenced(lambdaInsights.query),
		leftOut(lambdaInsights),
		'',
		// Lambda writes the id into START, END, REPORT and its runtimes' log lines, not into what a handler prints itself.
		"A line without the request id (Python's print(), a traceback logged as its own event) is not found: the Lambda invocations section has it.",
	];
	return [...stage, ...lambda].filter((part) => part !== undefined).join('\n');
}

/** Says how many ids the query could not name; undefined when it names them all. */
function leftOut(query: InsightsQuery): string | undefined {
	return query.idsLeftOut > 0
		? `\nThe query names ${query.idsInQuery} ids; ${query.idsLeftOut} more are left out (the number of ids is capped, and an id with spaces or control characters is never put in).`
		: undefined;
}

function zoneOf(epochMs: number, timezone: TimeZoneChoice): string {
	return calendarDate(epochMs, timezone).slice(11) || timezone.toUpperCase();
}

function row(cells: readonly string[]): string {
	return `| ${cells.map(text).join(' | ')} |`;
}
