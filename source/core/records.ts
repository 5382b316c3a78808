// Turns raw CloudWatch events into records: decides which log each event belongs to, runs the right
// parser, and attributes prefix-less execution lines to a request. One instance per input session,
// because attribution by adjacency remembers the last request seen on each stream.

import {isExecutionLogGroup} from './execution-log-group.js';
import {looksLikeExecutionLine, parseExecutionMessage} from './parse/execution.js';
import type {AccessLineParser} from './parse/access-format.js';
import type {LogEvent, LogKind, LogRecord} from './types.js';

export interface RecordParserOptions {
	accessParser: AccessLineParser;
	/** Groups the caller knows to be access logs (from discovery or `--access-log-group`). */
	accessLogGroups?: ReadonlySet<string>;
}

export class RecordParser {
	readonly #accessParser: AccessLineParser;
	readonly #accessLogGroups: ReadonlySet<string>;
	// Copied or pasted execution lines may lack the `(id) ` prefix; the nearest earlier line of the same
	// stream that had one is the best evidence of which request they belong to (reference §3).
	// Keyed by group, then stream, so the hot path builds no key strings.
	readonly #lastRequestIdByStream = new Map<string, Map<string, string>>();

	constructor(options: RecordParserOptions) {
		this.#accessParser = options.accessParser;
		this.#accessLogGroups = options.accessLogGroups ?? new Set();
	}

	parse(event: LogEvent): LogRecord {
		const log = this.#logOf(event);
		return log === 'execution' ? this.#parseExecution(event) : this.#parseAccess(event, log);
	}

	#logOf(event: LogEvent): LogKind | undefined {
		if (event.log) return event.log;
		const group = event.logGroup;
		if (group !== undefined) {
			if (isExecutionLogGroup(group)) return 'execution';
			if (this.#accessLogGroups.has(group)) return 'access';
		}

		return looksLikeExecutionLine(event.message) ? 'execution' : undefined;
	}

	#parseExecution(event: LogEvent): LogRecord {
		const parsed = parseExecutionMessage(event.message);
		let {requestId} = parsed;
		const streams = this.#streamsOf(event.logGroup ?? '');
		if (requestId === undefined) requestId = streams.get(event.logStream ?? '');
		else streams.set(event.logStream ?? '', requestId);

		if (requestId === undefined) {
			return unparsed(event, 'execution', 'execution line names no request');
		}

		// A copied line's own timestamp beats the time it was pasted at.
		const timestamp = event.timestamp > 0 ? event.timestamp : parsed.leadingTimestamp ?? 0;
		// Built property by property, not spread: a spread of a parsed line is many times slower on this hot path.
		return {
			type: 'execution',
			requestId,
			kind: parsed.kind,
			fields: parsed.fields,
			truncated: parsed.truncated,
			text: parsed.text,
			leadingTimestamp: parsed.leadingTimestamp,
			timestamp,
			event,
		};
	}

	#streamsOf(group: string): Map<string, string> {
		let streams = this.#lastRequestIdByStream.get(group);
		if (!streams) {
			streams = new Map();
			this.#lastRequestIdByStream.set(group, streams);
		}

		return streams;
	}

	#parseAccess(event: LogEvent, log: LogKind | undefined): LogRecord {
		const result = this.#accessParser.parse(event.message);
		if (!result.ok) return unparsed(event, log ?? 'unknown', result.reason);
		const requestId = result.fields['requestId'] ?? result.fields['extendedRequestId'];
		if (requestId === undefined) return unparsed(event, 'access', 'access line has no requestId');
		return {
			type: 'access',
			requestId,
			fields: result.fields,
			guessed: this.#accessParser.guessed,
			timestamp: event.timestamp,
			event,
		};
	}
}

/**
 * A line's log time, or undefined when it had none: a replayed plain line before the first timestamp of its
 * input gets 0. Such a line has no place in time order.
 */
export function loggedTime(epochMs: number): number | undefined {
	return epochMs > 0 ? epochMs : undefined;
}

function unparsed(event: LogEvent, log: LogKind | 'unknown', reason: string): LogRecord {
	return {type: 'unparsed', log, reason, timestamp: event.timestamp, event};
}
