// Which requests' handlers wrote to a connection after it was gone (core/classify/lambda.ts goneWritesOf),
// by target connection: the timeline of the target says so, though the writers belong to other
// connections. Kept in step with the model's requests: a revision replaces a request's writes, a dropped
// request takes them along, so it is bounded by the requests in memory.

import {goneWritesOf, type GoneWrite} from '../../core/classify/lambda.js';
import type {RequestView} from '../../core/types.js';

export class GoneWritesIndex {
	readonly #byTarget = new Map<string, Map<string, GoneWrite>>();
	readonly #targetsOf = new Map<string, string[]>();

	/** The request as it is now (new or revised). */
	update(request: RequestView): void {
		this.remove(request.requestId);
		if (request.invocations.length === 0) return;
		const writes = goneWritesOf(request);
		if (writes.length === 0) return;
		for (const write of writes) {
			const byRequest = this.#byTarget.get(write.targetConnectionId) ?? new Map<string, GoneWrite>();
			byRequest.set(write.requestId, write);
			this.#byTarget.set(write.targetConnectionId, byRequest);
		}

		this.#targetsOf.set(request.requestId, writes.map((write) => write.targetConnectionId));
	}

	/** The request left memory. */
	remove(requestId: string): void {
		const targets = this.#targetsOf.get(requestId);
		if (targets === undefined) return;
		this.#targetsOf.delete(requestId);
		for (const target of targets) {
			const byRequest = this.#byTarget.get(target);
			byRequest?.delete(requestId);
			if (byRequest?.size === 0) this.#byTarget.delete(target);
		}
	}

	/** Oldest first; empty when none. */
	to(connectionId: string): GoneWrite[] {
		const byRequest = this.#byTarget.get(connectionId);
		if (byRequest === undefined) return [];
		return [...byRequest.values()].sort((a, b) => a.time - b.time || (a.requestId < b.requestId ? -1 : 1));
	}
}
