// One WebSocket connection as a compact timeline: a reference per request, not the requests themselves,
// so that thousands of long-lived connections fit in memory. Derived facts (state, counts) are computed
// from the set of references, so they do not depend on the order requests arrived in.

import {ERROR_CATEGORIES, type ErrorCategory, type EventType, type RequestView} from './types.js';

export interface ConnectionRequestRef {
	requestId: string;
	eventType: EventType | undefined;
	routeKey: string | undefined;
	status: number | undefined;
	/** Epoch ms of the request's earliest line. */
	time: number;
	errorCategories: ErrorCategory[];
}

export type ConnectionState = 'open' | 'closed' | 'rejected';

export interface ConnectionView {
	connectionId: string;
	state: ConnectionState;
	connectedAt: number | undefined;
	disconnectedAt: number | undefined;
	disconnectStatusCode: number | undefined;
	disconnectReason: string | undefined;
	messageCount: number;
	/** Sorted by time; the oldest are dropped beyond the per-connection cap (see omittedRequests). */
	requests: ConnectionRequestRef[];
	omittedRequests: number;
	errorCounts: Record<ErrorCategory, number>;
	/** Epoch ms of the latest request. */
	lastActivity: number;
}

interface DisconnectFacts {
	statusCode: number | undefined;
	reason: string | undefined;
}

export class ConnectionTimeline {
	readonly connectionId: string;
	readonly #maxRequests: number;
	readonly #refs = new Map<string, ConnectionRequestRef>();
	// Requests dropped by the cap still count: their messages and errors happened.
	#omitted = 0;
	#omittedMessages = 0;
	readonly #omittedErrors = zeroCounts();
	#connectedAt: number | undefined;
	#disconnect: DisconnectFacts | undefined;

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
		if (replaced) this.#tally(replaced, -1);
		else if (omittedVersion) this.#countOmitted(refOf(omittedVersion), -1);
		const ref = refOf(request);
		this.#refs.set(request.requestId, ref);
		this.#tally(ref, 1);
		const connectedAt = Number(request.access?.['connectedAt']);
		if (Number.isFinite(connectedAt) && connectedAt > 0) this.#connectedAt ??= connectedAt;
		if (request.eventType === 'DISCONNECT') {
			const code = Number(request.access?.['disconnectStatusCode']);
			this.#disconnect = {
				statusCode: Number.isFinite(code) && request.access?.['disconnectStatusCode'] ? code : undefined,
				reason: request.access?.['disconnectReason'],
			};
		}

		return this.#refs.size > this.#maxRequests ? this.#omitOldest() : undefined;
	}

	/** The state alone, without building the view: asked after every request of every connection. */
	state(): ConnectionState {
		const {connects, accepted, disconnects, messages} = this.#tallies;
		return stateOf(connects > 0, accepted > 0, disconnects > 0, messages + this.#omittedMessages);
	}

	view(): ConnectionView {
		const requests = [...this.#refs.values()].sort(
			(a, b) => a.time - b.time || (a.requestId < b.requestId ? -1 : 1),
		);
		const errorCounts = {...this.#omittedErrors};
		let messageCount = this.#omittedMessages;
		for (const ref of requests) {
			if (ref.eventType === 'MESSAGE') messageCount++;
			for (const category of ref.errorCategories) errorCounts[category]++;
		}

		const connects = requests.filter((ref) => ref.eventType === 'CONNECT');
		const accepted = connects.find((ref) => isSuccess(ref.status));
		const disconnect = requests.find((ref) => ref.eventType === 'DISCONNECT');
		return {
			connectionId: this.connectionId,
			state: stateOf(connects.length > 0, accepted !== undefined, disconnect !== undefined, messageCount),
			connectedAt: this.#connectedAt ?? accepted?.time,
			disconnectedAt: disconnect?.time,
			disconnectStatusCode: this.#disconnect?.statusCode,
			disconnectReason: this.#disconnect?.reason,
			messageCount,
			requests,
			omittedRequests: this.#omitted,
			errorCounts,
			lastActivity: requests.at(-1)?.time ?? 0,
		};
	}

	// Running counts of what decides the state, kept as requests come, are replaced or are omitted.
	readonly #tallies = {connects: 0, accepted: 0, disconnects: 0, messages: 0};

	#tally(ref: ConnectionRequestRef, sign: 1 | -1): void {
		if (ref.eventType === 'CONNECT') {
			this.#tallies.connects += sign;
			if (isSuccess(ref.status)) this.#tallies.accepted += sign;
		} else if (ref.eventType === 'DISCONNECT') {
			this.#tallies.disconnects += sign;
		} else if (ref.eventType === 'MESSAGE') {
			this.#tallies.messages += sign;
		}
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
		this.#tally(oldest, -1);
		this.#countOmitted(oldest, 1);
		return oldest.requestId;
	}

	#countOmitted(ref: ConnectionRequestRef, sign: 1 | -1): void {
		this.#omitted += sign;
		if (ref.eventType === 'MESSAGE') this.#omittedMessages += sign;
		for (const category of ref.errorCategories) this.#omittedErrors[category] += sign;
	}
}

function refOf(request: RequestView): ConnectionRequestRef {
	return {
		requestId: request.requestId,
		eventType: request.eventType,
		routeKey: request.routeKey,
		status: request.status,
		time: request.firstTimestamp,
		errorCategories: [...new Set(request.errors.map((error) => error.category))],
	};
}

function stateOf(hasConnect: boolean, accepted: boolean, disconnected: boolean, messages: number): ConnectionState {
	if (disconnected) return 'closed';
	// Every $connect failed and nothing else happened: the client never got in.
	if (hasConnect && !accepted && messages === 0) return 'rejected';
	return 'open';
}

function isSuccess(status: number | undefined): boolean {
	return status !== undefined && status < 400;
}

export function zeroCounts(): Record<ErrorCategory, number> {
	return Object.fromEntries(ERROR_CATEGORIES.map((category) => [category, 0])) as Record<ErrorCategory, number>;
}
