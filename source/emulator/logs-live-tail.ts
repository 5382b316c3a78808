// StartLiveTail: an event stream that opens with `sessionStart` at once (the SDK's send() resolves
// on the first frame), then sends a `sessionUpdate` every tick with the events that became visible
// since the previous tick. Above the per-update cap the update is a sample and the rest is lost,
// as with the service. Sessions end with SessionTimeoutException after their time limit; faults end
// them in other ways or silence them.

import {randomUUID} from 'node:crypto';
import type {ServerResponse} from 'node:http';
import {encodeEventFrame, encodeExceptionFrame, EVENT_STREAM_CONTENT_TYPE} from './event-stream.js';
import {compilePattern} from './logs-filter-events.js';
import {optionalString, optionalStringList, type JsonObject} from './logs-input.js';
import type {LogsStore, StoredLogEvent} from './logs-store.js';
import {invalidParameter, ServiceError} from './server-errors.js';

export interface LiveTailOptions {
	tickMs: number;
	maxEventsPerUpdate: number;
	sessionTimeoutMs: number;
	/** Concurrent sessions allowed (the service's quota is 15 per account and region). */
	maxSessions: number;
	clock: () => number;
}

export type LiveTailEnding = 'SessionTimeoutException' | 'SessionStreamingException';

/**
 * How a session is ended on demand: with one of the service's exceptions, `close` (the stream simply
 * ends, as when a proxy closes it) or `drop` (the connection is cut mid-stream, as a network failure does).
 */
export type LiveTailStop = LiveTailEnding | 'close' | 'drop';

interface SessionRequest {
	/** Log group name -> the identifier the client used, echoed in every result. */
	groups: Map<string, string>;
	includes: (event: StoredLogEvent) => boolean;
	startPayload: JsonObject;
}

export class LiveTailSessions {
	readonly #sessions = new Set<LiveTailSession>();
	readonly #store: LogsStore;
	readonly #options: LiveTailOptions;

	constructor(store: LogsStore, options: LiveTailOptions) {
		this.#store = store;
		this.#options = options;
	}

	get size(): number {
		return this.#sessions.size;
	}

	/** Every session has sent every event stored so far, and its connection took it all. */
	get caughtUp(): boolean {
		return [...this.#sessions].every((session) => session.caughtUp);
	}

	/**
	 * Validates the request (throwing a ServiceError before any byte is written), then streams.
	 * `reset` injects a connection reset in the middle of the first frame.
	 */
	start(input: JsonObject, response: ServerResponse, reset: boolean): void {
		const request = this.#readRequest(input);
		if (this.#sessions.size >= this.#options.maxSessions) {
			throw new ServiceError('LimitExceededException', `You have reached the maximum number of concurrent live tail sessions (${this.#options.maxSessions}).`);
		}
		response.writeHead(200, {'content-type': EVENT_STREAM_CONTENT_TYPE, 'x-amzn-requestid': String(request.startPayload['requestId'])});
		const startFrame = encodeEventFrame('sessionStart', request.startPayload);
		if (reset) {
			response.write(startFrame.subarray(0, startFrame.length >> 1), () => response.socket?.destroy());
			return;
		}
		response.write(startFrame);
		const session = new LiveTailSession(this.#store, this.#options, request, response, () => this.#sessions.delete(session));
		this.#sessions.add(session);
	}

	/**
	 * Silences every session: no more updates, the connection stays open (a half-open connection after
	 * a network change); the client must notice and give up. Returns how many.
	 */
	stallAll(): number {
		for (const session of this.#sessions) session.stall();
		return this.#sessions.size;
	}

	/** Ends every session (see LiveTailStop); returns how many. */
	endAll(how: LiveTailStop = 'close'): number {
		const ended = this.#sessions.size;
		for (const session of [...this.#sessions]) session.end(how);
		return ended;
	}

	#readRequest(input: JsonObject): SessionRequest {
		const identifiers = optionalStringList(input, 'logGroupIdentifiers');
		if (identifiers === undefined || identifiers.length === 0 || identifiers.length > 10) {
			throw invalidParameter('logGroupIdentifiers must hold 1 to 10 log group identifiers');
		}
		const groups = new Map(identifiers.map((identifier) => [this.#store.requireGroupByIdentifier(identifier).name, identifier]));
		const streamNames = optionalStringList(input, 'logStreamNames');
		const streamPrefixes = optionalStringList(input, 'logStreamNamePrefixes');
		if (streamNames !== undefined && streamPrefixes !== undefined) throw invalidParameter('logStreamNames and logStreamNamePrefixes are mutually exclusive');
		const streamFilter = streamNames ?? streamPrefixes;
		if (streamFilter !== undefined && (identifiers.length !== 1 || streamFilter.length === 0 || streamFilter.length > 100)) {
			throw invalidParameter('Log stream filters need exactly one log group and 1 to 100 names or prefixes');
		}
		const pattern = optionalString(input, 'logEventFilterPattern');
		const matches = compilePattern(pattern);
		const includesStream = (name: string): boolean =>
			streamNames !== undefined ? streamNames.includes(name) : streamPrefixes === undefined || streamPrefixes.some((prefix) => name.startsWith(prefix));
		return {
			groups,
			includes: (event) => groups.has(event.logGroupName) && includesStream(event.logStreamName) && matches(event.message),
			startPayload: {
				requestId: randomUUID(),
				sessionId: randomUUID(),
				logGroupIdentifiers: identifiers,
				...(streamNames === undefined ? {} : {logStreamNames: streamNames}),
				...(streamPrefixes === undefined ? {} : {logStreamNamePrefixes: streamPrefixes}),
				...(pattern === undefined ? {} : {logEventFilterPattern: pattern}),
			},
		};
	}
}

class LiveTailSession {
	#nextSeq: number;
	/** Selected events written but not yet visible (late ingestion); delivered when they become so. */
	#pending: StoredLogEvent[];
	readonly #ticker: NodeJS.Timeout;
	readonly #timeout: NodeJS.Timeout;
	#ended = false;
	readonly #store: LogsStore;
	readonly #options: LiveTailOptions;
	readonly #request: SessionRequest;
	readonly #response: ServerResponse;
	readonly #onEnd: () => void;

	constructor(store: LogsStore, options: LiveTailOptions, request: SessionRequest, response: ServerResponse, onEnd: () => void) {
		this.#store = store;
		this.#options = options;
		this.#request = request;
		this.#response = response;
		this.#onEnd = onEnd;
		this.#nextSeq = store.nextSeq;
		this.#pending = store.invisibleEvents(options.clock()).filter(request.includes);
		this.#ticker = setInterval(() => this.#tick(), options.tickMs);
		const minutes = Math.round(options.sessionTimeoutMs / 60_000);
		this.#timeout = setTimeout(() => this.end('SessionTimeoutException', `Session timed out after ${minutes} minutes.`), options.sessionTimeoutMs);
		// The client aborting, or a destroyed socket, ends the session too.
		response.on('close', () => this.end());
	}

	get caughtUp(): boolean {
		return this.#pending.length === 0 && this.#nextSeq === this.#store.nextSeq && !this.#response.writableNeedDrain;
	}

	stall(): void {
		clearInterval(this.#ticker);
		clearTimeout(this.#timeout);
	}

	end(how: LiveTailStop = 'close', message = 'The live tail session ended.'): void {
		if (this.#ended) return;
		this.#ended = true;
		clearInterval(this.#ticker);
		clearTimeout(this.#timeout);
		this.#onEnd();
		if (this.#response.writableEnded || this.#response.destroyed) return;
		if (how === 'drop') {
			this.#response.socket?.destroy();
			return;
		}
		if (how !== 'close') this.#response.write(encodeExceptionFrame(how, message));
		this.#response.end();
	}

	#tick(): void {
		if (this.#response.destroyed) {
			this.end();
			return;
		}
		const now = this.#options.clock();
		const fresh = this.#store.eventsFrom(this.#nextSeq).filter(this.#request.includes);
		this.#nextSeq = this.#store.nextSeq;
		const visible: StoredLogEvent[] = [];
		const stillPending: StoredLogEvent[] = [];
		for (const event of this.#pending.length === 0 ? fresh : [...this.#pending, ...fresh]) {
			(event.ingestionTime <= now ? visible : stillPending).push(event);
		}
		this.#pending = stillPending;
		visible.sort((a, b) => a.ingestionTime - b.ingestionTime || a.seq - b.seq);
		const max = this.#options.maxEventsPerUpdate;
		const sampled = visible.length > max;
		const delivered = sampled ? spreadSample(visible, max) : visible;
		this.#response.write(
			encodeEventFrame('sessionUpdate', {
				sessionMetadata: {sampled},
				sessionResults: delivered.map((event) => ({
					logStreamName: event.logStreamName,
					logGroupIdentifier: this.#request.groups.get(event.logGroupName),
					message: event.message,
					timestamp: event.timestamp,
					ingestionTime: event.ingestionTime,
				})),
			}),
		);
	}
}

/** `count` items spread evenly over `items` (which holds more than `count`). */
function spreadSample<T>(items: readonly T[], count: number): T[] {
	const picked: T[] = [];
	for (let index = 0; index < count; index++) {
		const item = items[Math.floor((index * items.length) / count)];
		if (item !== undefined) picked.push(item);
	}
	return picked;
}
