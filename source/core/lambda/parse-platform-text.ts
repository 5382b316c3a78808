// The platform lines of the Text log format: INIT_START, START, END, REPORT, the timeout line of older
// runtimes and the runtime-exit line of a crash. Fields are TAB-separated and REPORT ends with `\t\n`.

import {numberOrNull, reportedStatus, type LambdaLine, type ReportFacts} from './lambda-line.js';

const START = /^START RequestId: (\S+)(?: Version: (\S+))?/;
const END = /^END RequestId: (\S+)/;
const REPORT = /^REPORT RequestId: (\S+)/;
// `2023-10-20T16:28:17.840Z 5a7f... Task timed out after 31.01 seconds` (the time is optional in copies).
const TIMEOUT = /^(?:\d{4}-\d\d-\d\dT\S+\s+)?(\S+)\s+Task timed out after ([\d.]+) seconds/;
const RUNTIME_EXIT = /^RequestId: (\S+) Error: (Runtime exited[^\n]*)/;

/** The platform line this text is, or undefined when it is none of them. */
export function parsePlatformText(message: string): LambdaLine | undefined {
	if (message.startsWith('INIT_START')) return {kind: 'init-start', requestId: undefined, functionName: undefined};
	let match = START.exec(message);
	if (match) return {kind: 'start', requestId: match[1]!, functionName: undefined};
	match = END.exec(message);
	if (match) return {kind: 'end', requestId: match[1]!};
	match = REPORT.exec(message);
	if (match) return {kind: 'report', requestId: match[1]!, report: reportFields(message)};
	match = RUNTIME_EXIT.exec(message);
	if (match) return {kind: 'runtime-exit', requestId: match[1]!, message: match[2]!.trim()};
	match = TIMEOUT.exec(message);
	if (match) return {kind: 'timeout', requestId: match[1]!, seconds: Number(match[2])};
	return undefined;
}

function reportFields(message: string): ReportFacts {
	const fields = new Map<string, string>();
	for (const part of message.split('\t')) {
		const colon = part.indexOf(': ');
		if (colon > 0) fields.set(part.slice(0, colon).trim(), part.slice(colon + 2).trim());
	}

	return {
		durationMs: numberOrNull(unit(fields.get('Duration'), 'ms')),
		billedMs: numberOrNull(unit(fields.get('Billed Duration'), 'ms')),
		memoryMB: numberOrNull(unit(fields.get('Memory Size'), 'MB')),
		maxMemoryMB: numberOrNull(unit(fields.get('Max Memory Used'), 'MB')),
		initMs: numberOrNull(unit(fields.get('Init Duration'), 'ms')),
		status: reportedStatus(fields.get('Status')),
		errorType: fields.get('Error Type'),
	};
}

function unit(value: string | undefined, suffix: string): string | undefined {
	if (value === undefined || !value.endsWith(suffix)) return undefined;
	return value.slice(0, -suffix.length).trim();
}
