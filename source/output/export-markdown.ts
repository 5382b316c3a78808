// The incident export as Markdown for a ticket. Log text is untrusted twice over here: it must not
// reach a terminal as control sequences (sanitized), and it must not restructure the document — a `|`
// that splits a table cell, a ``` that closes a code block, a [link](…) that renders as one.

import {sanitizeLine, sanitizeText} from '../core/sanitize.js';
import {ERROR_CATEGORIES, type ErrorCategory, type RequestView} from '../core/types.js';
import type {ExportedError, ExportInput, InsightsQuery} from './export-types.js';
import {isoTime, stringifySafely} from './ndjson.js';
import {categoryLabel} from '../presentation/categories.js';
import {calendarDate, clockTime, type TimeZoneChoice} from '../presentation/time-format.js';

export interface MarkdownInput extends ExportInput {
	errors: ExportedError[];
	insights: InsightsQuery;
}

export function renderIncidentMarkdown(input: MarkdownInput): string {
	const sections = [
		`# ${text(input.title)}`,
		summary(input),
		timeline(input.requests, input.timezone),
		errors(input),
		rawLines(input.requests, input.timezone),
		insights(input),
	];
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

function insights({insights, logGroups, requests}: MarkdownInput): string {
	const groups = logGroups.length === 0 ? 'the stage\'s execution and access log groups' : logGroups.map(code).join(', ');
	const first = requests[0];
	const last = requests.at(-1);
	const range = first && last ? `, from ${isoTime(first.firstTimestamp)} to ${isoTime(last.lastTimestamp)}` : '';
	const leftOut =
		insights.idsLeftOut > 0
			? `\n\nThe query names ${insights.idsInQuery} ids; ${insights.idsLeftOut} more are left out (the number of ids is capped, and an id with spaces or control characters is never put in).`
			: '';
	return ['## CloudWatch Logs Insights', '', `Run over ${groups}${range}:`, '', fenced(insights.query)].join('\n') + leftOut;
}

/** "MESSAGE sendmessage, 502", escaped for running text. */
function describe(request: RequestView): string {
	const parts = [request.eventType ?? 'request', request.routeKey ?? ''].filter((part) => part !== '').join(' ');
	return text(request.status === undefined ? parts : `${parts}, ${request.status}`);
}

function dateTime(epochMs: number, timezone: TimeZoneChoice): string {
	const date = calendarDate(epochMs, timezone);
	return /^\d{4}-/.test(date) ? `${date.slice(0, 10)} ${clockTime(epochMs, timezone)}` : '-';
}

function zoneOf(epochMs: number, timezone: TimeZoneChoice): string {
	return calendarDate(epochMs, timezone).slice(11) || timezone.toUpperCase();
}

function row(cells: readonly string[]): string {
	return `| ${cells.map(text).join(' | ')} |`;
}

// Every ASCII punctuation mark that can start Markdown structure inside a line: emphasis, code, links,
// images, HTML, table cells, strikethrough. Backslash escapes all of them in CommonMark and GFM tables.
const MARKDOWN_PUNCTUATION = /[\\`*_[\]<>|!~#]/g;

/** Untrusted text as one line of plain Markdown text. */
export function text(value: string): string {
	return sanitizeLine(value).replace(MARKDOWN_PUNCTUATION, '\\$&');
}

/** Untrusted text as an inline code span: delimited by more backticks than it contains. */
export function code(value: string): string {
	const line = sanitizeLine(value);
	const ticks = '`'.repeat(longestRun(line, '`') + 1);
	const pad = line.startsWith('`') || line.endsWith('`') ? ' ' : '';
	return `${ticks}${pad}${line}${pad}${ticks}`;
}

/** Untrusted text as a fenced block whose fence is longer than any backtick run inside, so it cannot be closed early. */
export function fenced(value: string): string {
	const body = sanitizeText(value);
	const fence = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
	return `${fence}text\n${body}\n${fence}`;
}

function longestRun(value: string, character: string): number {
	let longest = 0;
	let current = 0;
	for (const each of value) {
		current = each === character ? current + 1 : 0;
		longest = Math.max(longest, current);
	}

	return longest;
}
