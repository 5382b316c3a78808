// The JSON log format: platform records `{"time","type":"platform.*","record":{..}}` and application
// records `{"timestamp","level","requestId","message",["errorType","errorMessage","stackTrace"]}`. Records
// of other loggers may lack any of these: they are still the handler's lines.

import {numberOrNull, reportedStatus, type LambdaLine} from './lambda-line.js';
import {errorFromRecord} from './parse-node.js';

/** The line a JSON object is, or undefined when the text is not a JSON object. */
export function parseJsonFormat(message: string): LambdaLine | undefined {
	if (!message.startsWith('{')) return undefined;
	let value: unknown;
	try {
		value = JSON.parse(message);
	} catch {
		return undefined;
	}

	if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
	const object = value as Record<string, unknown>;
	if (typeof object['type'] === 'string' && object['type'].startsWith('platform.')) {
		return platformRecord(object['type'], asObject(object['record']));
	}

	return applicationRecord(object, message);
}

function platformRecord(type: string, record: Record<string, unknown>): LambdaLine | undefined {
	const requestId = typeof record['requestId'] === 'string' ? record['requestId'] : undefined;
	if (type === 'platform.initStart') {
		return {kind: 'init-start', requestId: undefined, functionName: stringOf(record['functionName'])};
	}

	if (requestId === undefined) return undefined;
	switch (type) {
		case 'platform.start': {
			return {kind: 'start', requestId, functionName: functionNameOfArn(stringOf(record['functionArn']))};
		}

		case 'platform.runtimeDone': {
			return {kind: 'runtime-done', requestId, status: reportedStatus(record['status'])};
		}

		case 'platform.report': {
			const metrics = asObject(record['metrics']);
			return {
				kind: 'report',
				requestId,
				report: {
					durationMs: numberOrNull(numberText(metrics['durationMs'])),
					billedMs: numberOrNull(numberText(metrics['billedDurationMs'])),
					memoryMB: numberOrNull(numberText(metrics['memorySizeMB'])),
					maxMemoryMB: numberOrNull(numberText(metrics['maxMemoryUsedMB'])),
					initMs: numberOrNull(numberText(metrics['initDurationMs'])),
					status: reportedStatus(record['status']),
					errorType: stringOf(record['errorType']),
				},
			};
		}

		default: {
			return undefined;
		}
	}
}

function applicationRecord(object: Record<string, unknown>, raw: string): LambdaLine {
	const message = object['message'];
	const error = errorFromRecord(object);
	return {
		kind: 'app',
		requestId: stringOf(object['requestId']),
		level: stringOf(object['level']) ?? null,
		message: typeof message === 'string' ? message : message === undefined ? raw : JSON.stringify(message),
		error,
	};
}

/** `arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]` -> NAME. */
export function functionNameOfArn(arn: string | undefined): string | undefined {
	const match = arn === undefined ? null : /:function:([^:/]+)/.exec(arn);
	return match ? match[1] : undefined;
}

function asObject(value: unknown): Record<string, unknown> {
	return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function stringOf(value: unknown): string | undefined {
	return typeof value === 'string' ? value : undefined;
}

function numberText(value: unknown): string | undefined {
	return typeof value === 'number' ? String(value) : undefined;
}
