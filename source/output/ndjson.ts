// The NDJSON schema (documented in README.md, "NDJSON output"). Key order and presence are stable:
// absent values are null, never missing, so `jq` filters and other consumers can rely on them.

import type {EngineOutput, EngineSummary} from '../core/engine.js';
import type {ConnectionView} from '../core/connection-timeline.js';
import type {Invocation} from '../core/lambda/types.js';
import {loggedTime} from '../core/records.js';
import type {RequestView, UnparsedRecord} from '../core/types.js';

export function toNdjsonLine(output: EngineOutput | {type: 'summary'; summary: EngineSummary}): string {
	return stringifySafely(toJson(output));
}

function toJson(output: EngineOutput | {type: 'summary'; summary: EngineSummary}): object {
	switch (output.type) {
		case 'request': {
			return requestJson(output.request, output.revision, output.partial);
		}

		case 'connection': {
			return connectionJson(output.connection, output.revision);
		}

		case 'unparsed': {
			return unparsedJson(output.record);
		}

		case 'invocation': {
			return {type: 'invocation', revision: output.revision, ...invocationJson(output.invocation)};
		}

		case 'summary': {
			return {type: 'summary', ...output.summary};
		}
	}
}

function requestJson(request: RequestView, revision: number, partial: boolean): object {
	return {
		type: 'request',
		requestId: request.requestId,
		revision,
		partial,
		connectionId: request.connectionId ?? null,
		eventType: request.eventType ?? null,
		routeKey: request.routeKey ?? null,
		status: request.status ?? null,
		time: logTime(request.firstTimestamp),
		integrationLatencyMs: request.integrationLatencyMs ?? null,
		apiId: request.apiId ?? null,
		stage: request.stage ?? null,
		aliases: request.aliases,
		errors: request.errors.map(({category, message, explanation}) => ({category, message, explanation})),
		access: request.access,
		accessGuessed: request.accessGuessed,
		execution: request.execution.map((line) => ({
			time: logTime(line.timestamp),
			kind: line.kind,
			message: line.text,
			truncated: line.truncated,
		})),
		invocations: request.invocations.map((invocation) => invocationJson(invocation)),
	};
}

/** README "NDJSON output": an invocation's fields (its first and last event times stay internal). */
function invocationJson(invocation: Invocation): object {
	return {
		role: invocation.role,
		function: invocation.function,
		logGroup: invocation.logGroup,
		requestId: invocation.requestId,
		outcome: invocation.outcome,
		coldStart: invocation.coldStart,
		initMs: invocation.initMs,
		durationMs: invocation.durationMs,
		billedMs: invocation.billedMs,
		memoryMB: invocation.memoryMB,
		maxMemoryMB: invocation.maxMemoryMB,
		error: invocation.error && {type: invocation.error.type, message: invocation.error.message, stack: invocation.error.stack},
		lines: invocation.lines.map((line) => ({time: logTime(line.time), level: line.level, message: line.message})),
	};
}

function connectionJson(connection: ConnectionView, revision: number): object {
	return {
		type: 'connection',
		connectionId: connection.connectionId,
		revision,
		state: connection.state,
		connectedAt: logTime(connection.connectedAt),
		disconnectedAt: logTime(connection.disconnectedAt),
		disconnectStatusCode: connection.disconnectStatusCode ?? null,
		disconnectReason: connection.disconnectReason ?? null,
		closeExplanation: connection.closeExplanation ?? null,
		goneWrites: connection.goneWrites.map((write) => ({
			requestId: write.requestId,
			connectionId: write.connectionId ?? null,
			function: write.function,
			time: logTime(write.time),
		})),
		messageCount: connection.messageCount,
		requests: connection.requests.map((ref) => ({
			requestId: ref.requestId,
			eventType: ref.eventType ?? null,
			routeKey: ref.routeKey ?? null,
			status: ref.status ?? null,
			time: logTime(ref.time),
			errorCategories: ref.errorCategories,
		})),
		omittedRequests: connection.omittedRequests,
		errorCounts: connection.errorCounts,
	};
}

function unparsedJson(record: UnparsedRecord): object {
	return {
		type: 'unparsed',
		time: logTime(record.timestamp),
		log: record.log,
		reason: record.reason,
		message: record.event.message,
		logGroup: record.event.logGroup ?? null,
		logStream: record.event.logStream ?? null,
	};
}

const DAY_MS = 86_400_000;
// Date#toISOString on every execution line was a tenth of replay time; the day part changes rarely.
let cachedDay = Number.NaN;
let cachedDayPrefix = '';

/** A log line's time as isoTime, or null when the line had none (not 1970-01-01). */
function logTime(epochMs: number | undefined): string | null {
	return isoTime(epochMs === undefined ? undefined : loggedTime(epochMs));
}

/** ISO 8601 in UTC with milliseconds, as Date#toISOString, or null for an unknown time. */
export function isoTime(epochMs: number | undefined): string | null {
	if (epochMs === undefined || !Number.isInteger(epochMs)) return epochMs === undefined ? null : slowIsoTime(epochMs);
	const day = Math.floor(epochMs / DAY_MS);
	if (day !== cachedDay) {
		const prefix = slowIsoTime(day * DAY_MS);
		if (prefix === null || !/^\d{4}-/.test(prefix)) return slowIsoTime(epochMs);
		cachedDay = day;
		cachedDayPrefix = prefix.slice(0, 11);
	}

	const inDay = epochMs - day * DAY_MS;
	const hours = Math.floor(inDay / 3_600_000);
	const minutes = Math.floor(inDay / 60_000) % 60;
	const seconds = Math.floor(inDay / 1000) % 60;
	const millis = inDay % 1000;
	return `${cachedDayPrefix}${two(hours)}:${two(minutes)}:${two(seconds)}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}

function two(value: number): string {
	return value < 10 ? `0${value}` : String(value);
}

function slowIsoTime(epochMs: number): string | null {
	const date = new Date(epochMs);
	return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

// JSON.stringify escapes C0 controls but leaves DEL, the C1 range (an 8-bit CSI is U+009B), the line
// separators and the bidi overrides raw; a terminal showing the NDJSON must never receive a control byte
// from a log, nor have a log line reorder what it shows (U+202E). The escapes keep the text exact.
const UNESCAPED_CONTROL = /[\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

export function stringifySafely(value: unknown): string {
	return JSON.stringify(value).replace(
		UNESCAPED_CONTROL,
		(character) => `\\u${character.codePointAt(0)!.toString(16).padStart(4, '0')}`,
	);
}
