// Node.js runtime lines of the Text log format: `TIME\tID\tLEVEL\tmessage`, where an unhandled error is
// `Invoke Error \t{"errorType":..,"errorMessage":..,"stack"|"trace":[..]}` (also `Uncaught Exception`,
// `Unhandled Promise Rejection`).

import type {LambdaLine} from './lambda-line.js';
import type {InvocationError} from './types.js';

const NODE_LINE = /^(\d{4}-\d\d-\d\dT[\d:.]+Z)\t([^\t]+)\t([A-Z]+)\t([\s\S]*)$/;
const ERROR_LABEL = /^(?:Invoke Error|Uncaught Exception|Unhandled Promise Rejection)\s*\t/;

export function parseNodeLine(message: string): LambdaLine | undefined {
	const match = NODE_LINE.exec(message);
	if (!match) return undefined;
	const text = stripNewline(match[4]!);
	return {kind: 'app', requestId: match[2]!, level: match[3]!, message: text, error: runtimeError(text)};
}

function runtimeError(text: string): InvocationError | undefined {
	const label = ERROR_LABEL.exec(text);
	if (!label) return undefined;
	return errorFromJson(text.slice(label[0].length));
}

/** `{"errorType","errorMessage","stack"|"trace"|"stackTrace"}` as the runtimes write it; undefined when unreadable. */
export function errorFromJson(text: string): InvocationError | undefined {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return undefined;
	}

	return errorFromRecord(value);
}

export function errorFromRecord(value: unknown): InvocationError | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const record = value as Record<string, unknown>;
	if (typeof record['errorType'] !== 'string' && typeof record['errorMessage'] !== 'string') return undefined;
	return {
		type: typeof record['errorType'] === 'string' ? record['errorType'] : 'Error',
		message: typeof record['errorMessage'] === 'string' ? record['errorMessage'] : '',
		stack: stackOf(record['stack'] ?? record['trace'] ?? record['stackTrace']),
	};
}

function stackOf(value: unknown): string[] {
	if (typeof value === 'string') return value.split('\n');
	if (!Array.isArray(value)) return [];
	return value.map((frame) => (typeof frame === 'string' ? frame : JSON.stringify(frame)));
}

export function stripNewline(text: string): string {
	return text.replace(/[\t\r\n]+$/, '');
}
