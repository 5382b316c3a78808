// Untrusted text as Markdown, shared by every section of the incident export. Log text is untrusted
// twice over: it must not reach a terminal as control sequences (sanitized), and it must not restructure
// the document — a `|` that splits a table cell, a ``` that closes a code block, a [link](…) that renders
// as one. One set of helpers, so the API Gateway lines and the Lambda lines are made safe the same way.

import {sanitizeLine, sanitizeText} from '../core/sanitize.js';
import type {RequestView} from '../core/types.js';
import {calendarDate, clockTime, type TimeZoneChoice} from '../presentation/time-format.js';

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

/** "MESSAGE sendmessage, 502", escaped for running text. */
export function describe(request: RequestView): string {
	const parts = [request.eventType ?? 'request', request.routeKey ?? ''].filter((part) => part !== '').join(' ');
	return text(request.status === undefined ? parts : `${parts}, ${request.status}`);
}

/** "2023-07-26 12:20:45.000" in the chosen zone, or "-". */
export function dateTime(epochMs: number, timezone: TimeZoneChoice): string {
	const date = calendarDate(epochMs, timezone);
	return /^\d{4}-/.test(date) ? `${date.slice(0, 10)} ${clockTime(epochMs, timezone)}` : '-';
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
