// Exactly-once delivery across overlapping sources: live tail (no eventId), FilterLogEvents backfills,
// gap fills and polls that deliberately re-read an overlap window. Events are keyed by content:
// sha1(group, stream, timestamp, message), so memory does not grow with message size.
//
// Two events with the same group, stream, timestamp and message ARE possible (a client logging the
// same line twice in one millisecond). Rather than collapse them, each key counts copies: how many
// distinct eventIds FilterLogEvents returned and how many copies live tail delivered (it never
// repeats an event within or across sessions). The number delivered is the larger of the two, so
// identical twins both show, and the same event seen by both sources shows once.
//
// Memory is bounded by time: the owner forgets keys whose timestamp fell below the overlap window
// (no later query can return them), but only once no in-flight query started below that point
// (pins) and the key was last touched long enough ago that a live tail update cannot still carry it.

import {hash} from 'node:crypto';
import type {LogEvent} from '../../core/types.js';

interface Copies {
	/** Copies already delivered. */
	delivered: number;
	/** Copies live tail delivered. */
	live: number;
	/** Distinct FilterLogEvents eventIds seen. */
	ids: string[];
	/** When a source last returned this key (wall clock), for pruning. */
	touchedAt: number;
}

interface GroupMemory {
	/** Event timestamp in whole seconds -> content key -> copies. */
	buckets: Map<number, Map<string, Copies>>;
	/** Query start times of in-flight reads of this group; nothing at or after the lowest is forgotten. */
	pins: number[];
}

export class SeenEvents {
	readonly #groups = new Map<string, GroupMemory>();
	#keys = 0;

	readonly #now: () => number;

	constructor(now: () => number) {
		this.#now = now;
	}

	/** True when `event` is new and must be delivered; records it either way. */
	admit(event: LogEvent): boolean {
		const memory = this.#memoryOf(event.logGroup ?? '');
		const second = Math.floor(event.timestamp / 1000);
		let bucket = memory.buckets.get(second);
		if (bucket === undefined) {
			bucket = new Map();
			memory.buckets.set(second, bucket);
		}
		const key = contentKey(event);
		let copies = bucket.get(key);
		if (copies === undefined) {
			copies = {delivered: 0, live: 0, ids: [], touchedAt: 0};
			bucket.set(key, copies);
			this.#keys++;
		}
		copies.touchedAt = this.#now();
		let seenCopies: number;
		if (event.eventId === undefined) {
			seenCopies = ++copies.live;
		} else {
			if (copies.ids.includes(event.eventId)) return false;
			copies.ids.push(event.eventId);
			seenCopies = copies.ids.length;
		}
		if (seenCopies <= copies.delivered) return false;
		copies.delivered++;
		return true;
	}

	/** Keeps every key of `group` at or after `timestamp` until the returned release is called. */
	pin(group: string, timestamp: number): () => void {
		const {pins} = this.#memoryOf(group);
		pins.push(timestamp);
		let released = false;
		return () => {
			if (released) return;
			released = true;
			pins.splice(pins.indexOf(timestamp), 1);
		};
	}

	/** Forgets keys older than `timestamp` (per group: older than its lowest pin) untouched for `idleMs`. */
	forget(timestamp: number, idleMs: number): void {
		const touchedBefore = this.#now() - idleMs;
		for (const memory of this.#groups.values()) {
			const below = Math.floor(Math.min(timestamp, ...memory.pins) / 1000);
			for (const [second, bucket] of memory.buckets) {
				// A bucket holds whole seconds, so the one `below` falls in is kept whole.
				if (second >= below) continue;
				for (const [key, copies] of bucket) {
					if (copies.touchedAt >= touchedBefore) continue;
					bucket.delete(key);
					this.#keys--;
				}
				if (bucket.size === 0) memory.buckets.delete(second);
			}
		}
	}

	/** Keys held, for tests of the memory bound. */
	get size(): number {
		return this.#keys;
	}

	#memoryOf(group: string): GroupMemory {
		let memory = this.#groups.get(group);
		if (memory === undefined) {
			memory = {buckets: new Map(), pins: []};
			this.#groups.set(group, memory);
		}
		return memory;
	}
}

function contentKey(event: LogEvent): string {
	// NUL cannot occur in group or stream names, so the fields cannot run into each other. The one-shot
	// hash is about twice as fast as a Hash object per event (a 200,000-event backfill admits every one).
	return hash('sha1', `${event.logGroup ?? ''}\0${event.logStream ?? ''}\0${event.timestamp}\0${event.message}`, 'base64');
}
