// The connections the correlator knows, with what decides when each is printed: a connection is emitted
// once it is over (closed or rejected) and none of its requests is still settling, and again whenever a
// later request changes it. Bounded: past maxConnections the least recently active one is emitted (if it
// had news) and evicted, and counted.

import {dropOldest} from './bounded-map.js';
import {detach} from './retained-strings.js';
import type {GoneWrite} from './classify/lambda.js';
import {ConnectionTimeline, type ConnectionView} from './connection-timeline.js';
import type {RequestView} from './types.js';

export interface ConnectionEmission {
	type: 'connection';
	connection: ConnectionView;
	revision: number;
}

export interface ConnectionRegistryOptions {
	maxConnections: number;
	maxRequestsPerConnection: number;
}

interface ConnectionEntry {
	timeline: ConnectionTimeline;
	revision: number;
	dirty: boolean;
	/**
	 * Requests of this connection that have lines not yet emitted; undefined when none (most connections at
	 * any time: a Set kept per connection was 1.5 MB of 10,000).
	 */
	pending: Set<string> | undefined;
	touched: number;
}

// Moving an entry to the young end of the Map on every line costs two hash operations; an entry moves only
// once this many touches old, which keeps eviction order close enough to least-recently-active.
const LRU_SLACK = 256;

export class ConnectionRegistry {
	readonly #options: ConnectionRegistryOptions;
	readonly #emit: (emission: ConnectionEmission) => void;
	readonly #connections = new Map<string, ConnectionEntry>();
	// Writes to connections not (yet) known here: their lines may come later than the writer's, so the
	// write waits for them; bounded like the connections, the oldest dropped first.
	readonly #goneWritesWaiting = new Map<string, GoneWrite[]>();
	#touches = 0;
	#seen = 0;
	#evicted = 0;

	constructor(options: ConnectionRegistryOptions, emit: (emission: ConnectionEmission) => void) {
		this.#options = options;
		this.#emit = emit;
	}

	/** A request of this connection has lines that are not yet final. */
	markPending(connectionId: string, requestId: string): void {
		(this.#entryFor(connectionId).pending ??= new Set()).add(requestId);
	}

	clearPending(connectionId: string, requestId: string): void {
		const entry = this.#connections.get(connectionId);
		if (entry?.pending === undefined) return;
		entry.pending.delete(requestId);
		if (entry.pending.size === 0) entry.pending = undefined;
	}

	/**
	 * A request of the connection became final: update its timeline and emit it when due. Returns the id of
	 * the request the per-connection cap omitted, if it omitted one (see ConnectionTimeline.upsert).
	 */
	join(connectionId: string, request: RequestView, omittedVersion?: RequestView): string | undefined {
		const entry = this.#entryFor(connectionId);
		const omitted = entry.timeline.upsert(request, omittedVersion);
		entry.dirty = true;
		const over = entry.timeline.state() !== 'open' && entry.pending === undefined;
		if (entry.revision >= 0 || over) this.#emitEntry(entry);
		return omitted;
	}

	/**
	 * Handlers of a request wrote to these connections after they were gone: each target's timeline shows it,
	 * and a target already printed is printed again (a revision).
	 */
	noteGoneWrites(writes: readonly GoneWrite[]): void {
		for (const write of writes) {
			const entry = this.#connections.get(write.targetConnectionId);
			if (entry === undefined) {
				this.#waitForTarget(write);
				continue;
			}

			if (!entry.timeline.addGoneWrite(write)) continue;
			entry.dirty = true;
			if (entry.revision >= 0) this.#emitEntry(entry);
		}
	}

	/** End of input: every connection with news is emitted. */
	flush(): void {
		for (const entry of this.#connections.values()) {
			if (entry.dirty) this.#emitEntry(entry);
		}
	}

	counts(): {connections: number; evictedConnections: number} {
		return {connections: this.#seen, evictedConnections: this.#evicted};
	}

	#emitEntry(entry: ConnectionEntry): void {
		entry.revision++;
		entry.dirty = false;
		this.#emit({type: 'connection', connection: entry.timeline.view(), revision: entry.revision});
	}

	#entryFor(lineConnectionId: string): ConnectionEntry {
		this.#touches++;
		let entry = this.#connections.get(lineConnectionId);
		let connectionId = lineConnectionId;
		if (entry) {
			if (this.#touches - entry.touched <= LRU_SLACK) return entry;
			this.#connections.delete(connectionId);
			connectionId = entry.timeline.connectionId;
		} else {
			// Cut from a line, the id would keep that whole line alive as long as the connection is known.
			connectionId = detach(lineConnectionId);
			entry = {
				timeline: new ConnectionTimeline(connectionId, this.#options.maxRequestsPerConnection),
				revision: -1,
				dirty: false,
				pending: undefined,
				touched: 0,
			};
			this.#seen++;
			this.#evictIfFull();
			const waiting = this.#goneWritesWaiting.get(connectionId);
			if (waiting !== undefined) {
				this.#goneWritesWaiting.delete(connectionId);
				for (const write of waiting) entry.timeline.addGoneWrite(write);
			}
		}

		entry.touched = this.#touches;
		this.#connections.set(connectionId, entry);
		return entry;
	}

	#waitForTarget(write: GoneWrite): void {
		const waiting = this.#goneWritesWaiting.get(write.targetConnectionId) ?? [];
		const index = waiting.findIndex((known) => known.requestId === write.requestId);
		if (index >= 0) waiting[index] = write;
		else waiting.push(write);
		this.#goneWritesWaiting.set(write.targetConnectionId, waiting);
		dropOldest(this.#goneWritesWaiting, this.#options.maxConnections);
	}

	#evictIfFull(): void {
		if (this.#connections.size < this.#options.maxConnections) return;
		const [connectionId, oldest] = this.#connections.entries().next().value!;
		if (oldest.dirty) this.#emitEntry(oldest);
		this.#connections.delete(connectionId);
		this.#evicted++;
	}
}
