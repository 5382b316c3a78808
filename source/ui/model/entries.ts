// The records the live model keeps: one per request (the latest view of it) and one per connection
// (running tallies over its requests, plus its requests in time order). Tallies are updated by taking a
// request's old contribution out and its new one in, so no connection is ever recounted from scratch.

import {
	connectedAtOf,
	connectionPartOf,
	ConnectionTally,
	type ConnectionPart,
	type ConnectionState,
} from '../../core/connection-tally.js';
import type {ErrorCategory, RequestView} from '../../core/types.js';
import {NO_CONTRIBUTION, type SettledContribution} from './settled-errors.js';
import {SortedList, type OrderedItems} from './sorted-list.js';

/** A request as the UI knows it. */
export interface ModelRequest {
	readonly request: RequestView;
	/** Still settling: more of its lines may come. */
	readonly pending: boolean;
	/** 1, 2, 3... in the order the model first saw requests: a paused view hides the ones seen after the pause. */
	readonly seq: number;
	/** Its time in the orderings (first line's time; 0 when the log gave none). */
	readonly time: number;
}

export interface ConnectionSummary {
	readonly connectionId: string;
	/** Like ModelRequest.seq, counted over connections. */
	readonly seq: number;
	readonly state: ConnectionState;
	/** Earliest and latest line time of its requests, epoch ms. */
	readonly firstSeen: number;
	readonly lastActivity: number;
	readonly connectedAt: number | undefined;
	readonly disconnectedAt: number | undefined;
	readonly messageCount: number;
	readonly lastRoute: string | undefined;
	/** Requests with an error of each category (requests dropped from memory still count). */
	readonly errorCounts: Readonly<Record<ErrorCategory, number>>;
	readonly errorTotal: number;
	/** Its requests still in memory, oldest first. */
	readonly requests: OrderedItems<ModelRequest>;
	/** Its requests dropped from memory by the model's bounds. */
	readonly evictedRequests: number;
	hasRoute(route: string): boolean;
}

export class RequestEntry implements ModelRequest {
	request: RequestView;
	pending: boolean;
	readonly seq: number;
	time: number;
	connection: ConnectionEntry | undefined;
	/** Its part in the header's settled error counts. */
	settled: SettledContribution = NO_CONTRIBUTION;

	constructor(request: RequestView, pending: boolean, seq: number) {
		this.request = request;
		this.pending = pending;
		this.seq = seq;
		this.time = timeOf(request);
		this.connection = undefined;
	}
}

export function timeOf(request: RequestView): number {
	return Number.isFinite(request.firstTimestamp) ? request.firstTimestamp : 0;
}

export function compareRequests(a: ModelRequest, b: ModelRequest): number {
	return a.time - b.time || compareIds(a.request.requestId, b.request.requestId);
}

export function compareIds(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** What one request adds to its connection: its part in the tally, and the times and route the UI shows. */
interface Contribution extends ConnectionPart {
	route: string | undefined;
	time: number;
	lastTime: number;
	connectedAt: number | undefined;
}

export function contributionOf(entry: ModelRequest): Contribution {
	const {request} = entry;
	const lastTime = Number.isFinite(request.lastTimestamp) ? request.lastTimestamp : entry.time;
	return {
		...connectionPartOf(request),
		route: request.routeKey,
		time: entry.time,
		lastTime: Math.max(lastTime, entry.time),
		connectedAt: connectedAtOf(request),
	};
}

export class ConnectionEntry implements ConnectionSummary {
	readonly connectionId: string;
	readonly seq: number;
	readonly requests = new SortedList<ModelRequest>(compareRequests);
	firstSeen = Number.POSITIVE_INFINITY;
	lastActivity = Number.NEGATIVE_INFINITY;
	disconnectedAt: number | undefined;
	lastRoute: string | undefined;
	evictedRequests = 0;
	readonly #tally = new ConnectionTally();
	#lastRouteTime = Number.NEGATIVE_INFINITY;
	#connectedAtField: number | undefined;
	#acceptedAt: number | undefined;
	readonly #routes = new Map<string, number>();

	constructor(connectionId: string, seq: number) {
		this.connectionId = connectionId;
		this.seq = seq;
	}

	get state(): ConnectionState {
		return this.#tally.state;
	}

	get messageCount(): number {
		return this.#tally.messages;
	}

	get errorCounts(): Readonly<Record<ErrorCategory, number>> {
		return this.#tally.errorCounts;
	}

	get errorTotal(): number {
		return this.#tally.errorTotal;
	}

	get connectedAt(): number | undefined {
		return this.#connectedAtField ?? this.#acceptedAt;
	}

	hasRoute(route: string): boolean {
		return (this.#routes.get(route) ?? 0) > 0;
	}

	/** Adds (sign 1) or takes back (sign -1) one request's part in the tallies. */
	tally(contribution: Contribution, sign: 1 | -1): void {
		const {eventType, route} = contribution;
		this.#tally.add(contribution, sign);
		if (route !== undefined) this.#routes.set(route, (this.#routes.get(route) ?? 0) + sign);
		if (sign === -1) {
			if (eventType === 'DISCONNECT' && this.#tally.disconnects === 0) this.disconnectedAt = undefined;
			return;
		}

		// Times only ever widen: a request replaced by its newer view never makes the connection younger.
		this.firstSeen = Math.min(this.firstSeen, contribution.time);
		this.lastActivity = Math.max(this.lastActivity, contribution.lastTime);
		if (eventType === 'DISCONNECT') this.disconnectedAt = contribution.time;
		if (contribution.accepted) this.#acceptedAt = Math.min(this.#acceptedAt ?? contribution.time, contribution.time);
		this.#connectedAtField ??= contribution.connectedAt;
		if (route !== undefined && contribution.time >= this.#lastRouteTime) {
			this.lastRoute = route;
			this.#lastRouteTime = contribution.time;
		}
	}
}
