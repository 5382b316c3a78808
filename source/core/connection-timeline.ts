// One WebSocket connection as a compact timeline: a reference per request, not the requests themselves,
// so that thousands of long-lived connections fit in memory. Derived facts (state, counts) are tallied
// over every request the connection had, so they do not depend on the order requests arrived in.

import {
	acceptsConnection,
	connectedAtOf,
	connectionPartOf,
	ConnectionTally,
	type ConnectionPart,
	type ConnectionState,
} from './connection-tally.js';
import {disconnectFactsOf, idleCloseExplanation, lastActivityBefore} from './classify/idle-close.js';
import type {GoneWrite} from './classify/lambda.js';
import {errorCategoriesOf} from './error-counts.js';
import {StringPool} from './retained-strings.js';
import type {ErrorCategory, EventType, RequestView} from './types.js';

export interface ConnectionRequestRef {
	requestId: string;
	eventType: EventType | undefined;
	routeKey: string | undefined;
	status: number | undefined;
	/** Epoch ms of the request's earliest line. */
	time: number;
	errorCategories: readonly ErrorCategory[];
}

export interface ConnectionView {
	connectionId: string;
	state: ConnectionState;
	connectedAt: number | undefined;
	disconnectedAt: number | undefined;
	disconnectStatusCode: number | undefined;
	disconnectReason: string | undefined;
	/** Why it closed when nothing failed (API Gateway's idle timeout), from its timeline; undefined otherwise. */
	closeExplanation: string | undefined;
	/** Messages other requests' handlers tried to send it after it was gone (GoneException), oldest first. */
	goneWrites: GoneWrite[];
	messageCount: number;
	/** Sorted by time; the oldest are dropped beyond the per-connection cap (see omittedRequests). */
	requests: ConnectionRequestRef[];
	omittedRequests: number;
	errorCounts: Record<ErrorCategory, number>;
	/** Epoch ms of the latest request. */
	lastActivity: number;
}

export class ConnectionTimeline {
	readonly connectionId: string;
	readonly #maxRequests: number;
	readonly #refs = new Map<string, ConnectionRequestRef>();
	// Requests dropped by the cap still count: their messages and errors happened. So the tally covers
	// every request, kept or dropped, and dropping one leaves it as it is.
	readonly #tally = new ConnectionTally();
	#omitted = 0;
	#connectedAt: number | undefined;
	#disconnect: ReturnType<typeof disconnectFactsOf> = {disconnectStatusCode: undefined, disconnectReason: undefined};
	// By the writing request's id: a revision of that request replaces its write, never adds one. Made on the
	// first write: few connections get one, and an empty Map per connection was 2 MB of 10,000 connections.
	#goneWrites: Map<string, GoneWrite> | undefined;

	constructor(connectionId: string, maxRequests: number) {
		this.connectionId = connectionId;
		this.#maxRequests = maxRequests;
	}

	/**
	 * Adds a request, or replaces the earlier version of the same request. When the cap omitted the earlier
	 * version, the caller passes it as `omittedVersion`: it stops counting, so that a revision is not counted
	 * twice. Returns the id of the request the cap omits now, if it omits one.
	 */
	upsert(request: RequestView, omittedVersion?: RequestView): string | undefined {
		const replaced = this.#refs.get(request.requestId);
		if (replaced) {
			this.#tally.add(partOf(replaced), -1);
		} else if (omittedVersion) {
			this.#omitted--;
			this.#tally.add(connectionPartOf(omittedVersion), -1);
		}

		const ref = refOf(request);
		this.#refs.set(request.requestId, ref);
		this.#tally.add(partOf(ref), 1);
		this.#connectedAt ??= connectedAtOf(request);
		if (request.eventType === 'DISCONNECT') this.#disconnect = disconnectFactsOf(request);

		return this.#refs.size > this.#maxRequests ? this.#omitOldest() : undefined;
	}

	/** Another request's handler wrote to this connection after it was gone; false when nothing changed. */
	addGoneWrite(write: GoneWrite): boolean {
		this.#goneWrites ??= new Map();
		const known = this.#goneWrites.get(write.requestId);
		if (known && known.time === write.time && known.function === write.function && known.connectionId === write.connectionId) return false;
		this.#goneWrites.set(write.requestId, write);
		return true;
	}

	/** The state alone, without building the view: asked after every request of every connection. */
	state(): ConnectionState {
		return this.#tally.state;
	}

	view(): ConnectionView {
		const requests = [...this.#refs.values()].sort(
			(a, b) => a.time - b.time || (a.requestId < b.requestId ? -1 : 1),
		);
		const accepted = requests.find((ref) => acceptsConnection(ref.eventType, ref.status));
		const disconnect = requests.find((ref) => ref.eventType === 'DISCONNECT');
		const closeExplanation = idleCloseExplanation({
			...this.#disconnect,
			disconnectedAt: disconnect?.time,
			lastActivityBeforeClose: lastActivityBefore(requests, disconnect?.time),
		});
		return {
			connectionId: this.connectionId,
			state: this.#tally.state,
			connectedAt: this.#connectedAt ?? accepted?.time,
			disconnectedAt: disconnect?.time,
			disconnectStatusCode: this.#disconnect.disconnectStatusCode,
			disconnectReason: this.#disconnect.disconnectReason,
			closeExplanation,
			goneWrites: [...(this.#goneWrites?.values() ?? [])].sort((a, b) => a.time - b.time || (a.requestId < b.requestId ? -1 : 1)),
			messageCount: this.#tally.messages,
			requests,
			omittedRequests: this.#omitted,
			errorCounts: {...this.#tally.errorCounts},
			lastActivity: requests.at(-1)?.time ?? 0,
		};
	}

	#omitOldest(): string | undefined {
		let oldest: ConnectionRequestRef | undefined;
		for (const ref of this.#refs.values()) {
			// The CONNECT and the DISCONNECT stay: they say how the connection began and ended (its state).
			if (ref.eventType === 'CONNECT' || ref.eventType === 'DISCONNECT') continue;
			// Requests of one millisecond are told apart by id, not by the order they came in.
			if (oldest === undefined || ref.time < oldest.time || (ref.time === oldest.time && ref.requestId < oldest.requestId)) {
				oldest = ref;
			}
		}

		if (oldest === undefined) return undefined;
		this.#refs.delete(oldest.requestId);
		this.#omitted++;
		return oldest.requestId;
	}
}

// Refs are what a connection keeps of each of its requests, up to 10,000 connections of hundreds each: a
// route key is one shared string (a copy per ref measured 2 MB in a 1M-line replay, and a route key cut from
// its line would keep the line), and most requests share one empty list of categories.
const routeKeys = new StringPool();
const NO_CATEGORIES: readonly ErrorCategory[] = Object.freeze([]);

function refOf(request: RequestView): ConnectionRequestRef {
	const categories = errorCategoriesOf(request);
	return {
		requestId: request.requestId,
		eventType: request.eventType,
		routeKey: routeKeys.get(request.routeKey),
		status: request.status,
		time: request.firstTimestamp,
		errorCategories: categories.length === 0 ? NO_CATEGORIES : categories,
	};
}

function partOf(ref: ConnectionRequestRef): ConnectionPart {
	return {eventType: ref.eventType, accepted: acceptsConnection(ref.eventType, ref.status), categories: ref.errorCategories};
}
