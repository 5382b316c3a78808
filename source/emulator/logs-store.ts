// The emulator's CloudWatch Logs data: log groups, streams and their events, kept in write order
// (for live tail) and in (timestamp, write order) order (for FilterLogEvents and GetLogEvents).
// Events carry an ingestion time; until the clock reaches it an event is invisible, which is how
// late ingestion is modelled.

import {invalidParameter, logGroupNotFound, logStreamNotFound, ServiceError} from './server-errors.js';

export const EMULATOR_REGION = 'us-east-1';
export const EMULATOR_ACCOUNT_ID = '123456789012';

export interface StoredLogEvent {
	/** Global write order, from 0; also the position in the store's journal. */
	readonly seq: number;
	/** 56 decimal digits like AWS's; equal length, so string order is write order. */
	readonly eventId: string;
	readonly logGroupName: string;
	readonly logStreamName: string;
	readonly timestamp: number;
	readonly message: string;
	readonly ingestionTime: number;
}

export interface InputLogEvent {
	timestamp: number;
	message: string;
}

export interface PutLogEventsOptions {
	/** The events become visible this long after the put (late ingestion). */
	ingestionDelayMs?: number;
}

/** FilterLogEvents and GetLogEvents order: by timestamp, ties by write order. */
export function compareEvents(a: Pick<StoredLogEvent, 'timestamp' | 'seq'>, b: Pick<StoredLogEvent, 'timestamp' | 'seq'>): number {
	return a.timestamp - b.timestamp || a.seq - b.seq;
}

/** Events kept in (timestamp, seq) order; out-of-order writes are sorted lazily on the next read. */
export class TimeOrderedEvents {
	readonly #events: StoredLogEvent[] = [];
	#sorted = true;

	add(event: StoredLogEvent): void {
		const last = this.#events.at(-1);
		if (last !== undefined && event.timestamp < last.timestamp) this.#sorted = false;
		this.#events.push(event);
	}

	list(): readonly StoredLogEvent[] {
		if (!this.#sorted) {
			// Nearly sorted input: V8's TimSort makes this close to linear.
			this.#events.sort(compareEvents);
			this.#sorted = true;
		}
		return this.#events;
	}
}

export interface LogStreamState {
	readonly name: string;
	readonly creationTime: number;
	readonly arn: string;
	readonly events: TimeOrderedEvents;
	lastIngestionTime: number | undefined;
	storedBytes: number;
}

export interface LogGroupState {
	readonly name: string;
	readonly creationTime: number;
	/** Without the trailing `:*` (DescribeLogGroups' `logGroupArn`, what StartLiveTail wants). */
	readonly arn: string;
	readonly streams: Map<string, LogStreamState>;
	readonly events: TimeOrderedEvents;
	storedBytes: number;
}

const LOG_GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;
const LOG_STREAM_NAME = /^[^:*]{1,512}$/;
const EVENT_ID_BASE = 3n * 10n ** 55n;

export function logGroupArn(name: string): string {
	return `arn:aws:logs:${EMULATOR_REGION}:${EMULATOR_ACCOUNT_ID}:log-group:${name}`;
}

/** A log group name from a name or an ARN (with or without `:*`); undefined for other ARNs. */
export function logGroupNameFromIdentifier(identifier: string): string | undefined {
	if (!identifier.startsWith('arn:')) return identifier;
	const match = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:([^:]+)(?::\*)?$/.exec(identifier);
	return match?.[1];
}

export class LogsStore {
	readonly #groupsByName = new Map<string, LogGroupState>();
	/** Every event in write order; index === seq. */
	readonly #journal: StoredLogEvent[] = [];
	/** Events that were not yet visible when put; pruned as they become visible. */
	#delayed: StoredLogEvent[] = [];

	readonly #clock: () => number;

	constructor(clock: () => number = Date.now) {
		this.#clock = clock;
	}

	createLogGroup(name: string): void {
		if (!LOG_GROUP_NAME.test(name)) throw invalidParameter(`Invalid log group name: ${name}`);
		if (this.#groupsByName.has(name)) throw new ServiceError('ResourceAlreadyExistsException', 'The specified log group already exists');
		this.#groupsByName.set(name, {
			name,
			creationTime: this.#clock(),
			arn: logGroupArn(name),
			streams: new Map(),
			events: new TimeOrderedEvents(),
			storedBytes: 0,
		});
	}

	createLogStream(groupName: string, streamName: string): void {
		const group = this.requireGroup(groupName);
		if (!LOG_STREAM_NAME.test(streamName)) throw invalidParameter(`Invalid log stream name: ${streamName}`);
		if (group.streams.has(streamName)) throw new ServiceError('ResourceAlreadyExistsException', 'The specified log stream already exists');
		group.streams.set(streamName, {
			name: streamName,
			creationTime: this.#clock(),
			arn: `${group.arn}:log-stream:${streamName}`,
			events: new TimeOrderedEvents(),
			lastIngestionTime: undefined,
			storedBytes: 0,
		});
	}

	/** Creates the group and the stream when missing (for the demo and tests; the wire has no such call). */
	ensureLogStream(groupName: string, streamName: string): void {
		if (!this.#groupsByName.has(groupName)) this.createLogGroup(groupName);
		if (!this.requireGroup(groupName).streams.has(streamName)) this.createLogStream(groupName, streamName);
	}

	/** Stores events in any timestamp order; they are visible once the clock reaches their ingestion time. */
	putLogEvents(groupName: string, streamName: string, events: readonly InputLogEvent[], options: PutLogEventsOptions = {}): StoredLogEvent[] {
		const group = this.requireGroup(groupName);
		const stream = group.streams.get(streamName);
		if (stream === undefined) throw logStreamNotFound();
		if (events.length === 0) return [];
		for (const event of events) {
			if (!Number.isFinite(event.timestamp) || typeof event.message !== 'string') throw invalidParameter('Each log event needs a numeric timestamp and a string message');
		}
		const ingestionTime = this.#clock() + Math.max(0, options.ingestionDelayMs ?? 0);
		const stored = events.map((event) => {
			const seq = this.#journal.length;
			const record: StoredLogEvent = {
				seq,
				eventId: (EVENT_ID_BASE + BigInt(seq)).toString(),
				logGroupName: group.name,
				logStreamName: stream.name,
				timestamp: Math.trunc(event.timestamp),
				message: event.message,
				ingestionTime,
			};
			this.#journal.push(record);
			group.events.add(record);
			stream.events.add(record);
			const bytes = Buffer.byteLength(event.message, 'utf8');
			group.storedBytes += bytes;
			stream.storedBytes += bytes;
			return record;
		});
		stream.lastIngestionTime = ingestionTime;
		if (ingestionTime > this.#clock()) this.#delayed.push(...stored);
		return stored;
	}

	/** Every event of a group, visible or not, in (timestamp, write order) order. */
	allEvents(groupName: string): readonly StoredLogEvent[] {
		return this.requireGroup(groupName).events.list();
	}

	group(name: string): LogGroupState | undefined {
		return this.#groupsByName.get(name);
	}

	requireGroup(name: string): LogGroupState {
		const group = this.#groupsByName.get(name);
		if (group === undefined) throw logGroupNotFound();
		return group;
	}

	/** Resolves a log group name or ARN (the `logGroupIdentifier` of the API). */
	requireGroupByIdentifier(identifier: string): LogGroupState {
		const name = logGroupNameFromIdentifier(identifier);
		if (name === undefined) throw invalidParameter(`Invalid log group identifier: ${identifier}`);
		return this.requireGroup(name);
	}

	groups(): LogGroupState[] {
		return [...this.#groupsByName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	}

	/** The seq the next written event will get. */
	get nextSeq(): number {
		return this.#journal.length;
	}

	/** Events written at or after `seq`, in write order. */
	eventsFrom(seq: number): readonly StoredLogEvent[] {
		return this.#journal.slice(seq);
	}

	/** Events already written but not visible yet at `now`. */
	invisibleEvents(now: number): readonly StoredLogEvent[] {
		this.#delayed = this.#delayed.filter((event) => event.ingestionTime > now);
		return this.#delayed;
	}
}
