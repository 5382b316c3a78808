// What a WebSocket connection's requests add up to: its state, its message count and its errors per
// category. Every request contributes a part; a request seen again (a newer view of it) takes its old
// part out and puts its new one in, so the tally never depends on arrival order and is never recounted.

import {errorCategoriesOf, zeroCounts, type ErrorCounts} from './error-counts.js';
import type {ErrorCategory, EventType, RequestView} from './types.js';

export type ConnectionState = 'open' | 'closed' | 'rejected';

/** One request's part in its connection's tally. */
export interface ConnectionPart {
	eventType: EventType | undefined;
	/** A $connect the gateway let through. */
	accepted: boolean;
	categories: readonly ErrorCategory[];
}

export function connectionPartOf(request: Pick<RequestView, 'eventType' | 'status' | 'errors'>): ConnectionPart {
	return {
		eventType: request.eventType,
		accepted: acceptsConnection(request.eventType, request.status),
		categories: errorCategoriesOf(request),
	};
}

/** A $connect answered below 400 let the client in; any other answer turned it away. */
export function acceptsConnection(eventType: EventType | undefined, status: number | undefined): boolean {
	return eventType === 'CONNECT' && status !== undefined && status < 400;
}

/** The time the access log says the connection was made (`$context.connectedAt`), when it says one. */
export function connectedAtOf(request: Pick<RequestView, 'access'>): number | undefined {
	const connectedAt = Number(request.access?.['connectedAt']);
	return Number.isFinite(connectedAt) && connectedAt > 0 ? connectedAt : undefined;
}

export class ConnectionTally {
	#connects = 0;
	#accepted = 0;
	#disconnects = 0;
	#messages = 0;
	readonly #errorCounts = zeroCounts();
	#errorTotal = 0;

	/** Adds (sign 1) or takes back (sign -1) one request's part. */
	add(part: ConnectionPart, sign: 1 | -1): void {
		if (part.eventType === 'CONNECT') {
			this.#connects += sign;
			if (part.accepted) this.#accepted += sign;
		} else if (part.eventType === 'DISCONNECT') {
			this.#disconnects += sign;
		} else if (part.eventType === 'MESSAGE') {
			this.#messages += sign;
		}

		for (const category of part.categories) this.#errorCounts[category] += sign;
		this.#errorTotal += sign * part.categories.length;
	}

	get state(): ConnectionState {
		if (this.#disconnects > 0) return 'closed';
		// Every $connect failed and nothing else happened: the client never got in.
		if (this.#connects > 0 && this.#accepted === 0 && this.#messages === 0) return 'rejected';
		return 'open';
	}

	get disconnects(): number {
		return this.#disconnects;
	}

	get messages(): number {
		return this.#messages;
	}

	/** Requests with an error of each category. The object is live: copy it to keep a snapshot. */
	get errorCounts(): Readonly<ErrorCounts> {
		return this.#errorCounts;
	}

	/** Errors over all categories: a request with errors of two categories counts twice. */
	get errorTotal(): number {
		return this.#errorTotal;
	}
}
