// The incident export's Lambda section: every invocation behind the exported requests, with its figures,
// its error and what the handler logged. Lambda output is log text like any other (a handler logs what
// the client sent): it goes through the same helpers as the raw API Gateway lines, so it is sanitized
// and fenced where no line of it can close its block.

import type {Invocation, InvocationError} from '../core/lambda/types.js';
import type {RequestView} from '../core/types.js';
import {code, dateTime, describe, fenced, text} from './export-markdown-text.js';
import {isoTime} from './ndjson.js';
import type {TimeZoneChoice} from '../presentation/time-format.js';

/** `## Lambda invocations`, one entry per request that has any; undefined when none has (no empty section). */
export function lambdaInvocations(requests: readonly RequestView[], timezone: TimeZoneChoice): string | undefined {
	const served = requests.filter((request) => request.invocations.length > 0);
	if (served.length === 0) return undefined;
	const entries = served.map((request) =>
		[
			`### ${text(dateTime(request.firstTimestamp, timezone))} · ${code(request.requestId)} · ${describe(request)}`,
			...request.invocations.map((invocation) => `\n${invocationEntry(invocation)}`),
		].join('\n'),
	);
	return ['## Lambda invocations', ...entries].join('\n\n');
}

/** The earliest and latest Lambda event of the requests' invocations, for the Lambda query's time range. */
export function invocationSpan(requests: readonly RequestView[]): {first: number; last: number} | undefined {
	let span: {first: number; last: number} | undefined;
	// A loop, not Math.min(...all): an export of a busy stage can hold more invocations than a call has arguments.
	for (const invocation of requests.flatMap((request) => request.invocations)) {
		span = {
			first: Math.min(span?.first ?? invocation.firstTimestamp, invocation.firstTimestamp),
			last: Math.max(span?.last ?? invocation.lastTimestamp, invocation.lastTimestamp),
		};
	}

	return span;
}

function invocationEntry(invocation: Invocation): string {
	const lines =
		invocation.lines.length === 0
			? 'No handler lines.'
			: `Handler lines:\n\n${fenced(invocation.lines.map((line) => `${isoTime(line.time) ?? '-'} ${line.level ?? '-'} ${line.message}`).join('\n'))}`;
	return [
		`#### ${text(invocation.role ?? 'invocation')} ${code(invocation.function)}: ${text(invocation.outcome)}`,
		'',
		`- Lambda request id ${code(invocation.requestId)} in ${code(invocation.logGroup)}`,
		`- ${figures(invocation)}`,
		'',
		...(invocation.error === null ? [] : [`Error:\n\n${fenced(errorText(invocation.error))}`, '']),
		lines,
	].join('\n');
}

/** "duration 18.43 ms (billed 482 ms) · memory used 93 of 256 MB · cold start, init 463.512 ms" */
function figures(invocation: Invocation): string {
	const duration =
		invocation.durationMs === null
			? 'duration not reported'
			: `duration ${invocation.durationMs} ms${invocation.billedMs === null ? '' : ` (billed ${invocation.billedMs} ms)`}`;
	const memory =
		invocation.maxMemoryMB === null || invocation.memoryMB === null ? undefined : `memory used ${invocation.maxMemoryMB} of ${invocation.memoryMB} MB`;
	const start = invocation.coldStart ? `cold start${invocation.initMs === null ? '' : `, init ${invocation.initMs} ms`}` : 'warm start';
	return [duration, memory, start].filter((part) => part !== undefined).join(' · ');
}

/** "TypeError: message" and the stack, without the stack's first line when it only repeats that (Node's does). */
function errorText(error: InvocationError): string {
	const headline = `${error.type}: ${error.message}`;
	const stack = error.stack[0] === headline ? error.stack.slice(1) : error.stack;
	return [headline, ...stack].join('\n');
}
