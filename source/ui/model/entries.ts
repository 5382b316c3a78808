// The records the live model keeps: one per request (the latest view of it) and one per connection
// (running tallies over its requests, plus its requests in time order). Tallies are updated by taking a
// request's old contribution out and its new one in, so no connection is ever recounted from scratch.

import type {ConnectionState} from '../../core/connection-timeline.js';
import {ERROR_CATEGORIES, type ErrorCategory, type EventType, type RequestView} from '../../core/types.js';
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

/** What one request adds to its connection's tallies. */
interface Contribution {
	eventType: EventType | undefined;
	accepted: boolean;
	categories: ErrorCategory[];
	route: string | undefined;
	time: number;
	lastTime: number;
	connectedAt: number | undefined;
}

export function contributionOf(entry: ModelRequest): Contribution {
	const {request} = entry;
	const connectedAt = Number(request.access?.['connectedAt']);
	const lastTime = Number.isFinite(request.lastTimestamp) ? request.lastTimestamp : entry.time;
	return {
		eventType: request.eventType,
		accepted: request.eventType === 'CONNECT' && request.status !== undefined && request.status < 400,
		categories: categoriesOf(request),
		route: request.routeKey,
		time: entry.time,
		lastTime: Math.max(lastTime, entry.time),
		connectedAt: Number.isFinite(connectedAt) && connectedAt > 0 ? connectedAt : undefined,
	};
}

export function categoriesOf(request: RequestView): ErrorCategory[] {
	return ERROR_CATEGORIES.filter((category) => request.errors.some((error) => error.category === category));
}

export class ConnectionEntry implements ConnectionSummary {
	readonly connectionId: string;
	readonly seq: number;
	readonly requests = new SortedList<ModelRequest>(compareRequests);
	firstSeen = Number.POSITIVE_INFINITY;
	lastActivity = Number.NEGATIVE_INFINITY;
	disconnectedAt: number | undefined;
	messageCount = 0;
	lastRoute: string | undefined;
	readonly errorCounts = zeroCounts();
	errorTotal = 0;
	evictedRequests = 0;
	#lastRouteTime = Number.NEGATIVE_INFINITY;
	#connects = 0;
	#accepted = 0;
	#disconnects = 0;
	#connectedAtField: number | undefined;
	#acceptedAt: number | undefined;
	readonly #routes = new Map<string, number>();

	constructor(connectionId: string, seq: number) {
		this.connectionId = connectionId;
		this.seq = seq;
	}

	get state(): ConnectionState {
		if (this.#disconnects > 0) return 'closed';
		// Every $connect failed and nothing else happened: the client never got in.
		if (this.#connects > 0 && this.#accepted === 0 && this.messageCount === 0) return 'rejected';
		return 'open';
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
		if (eventType === 'CONNECT') {
			this.#connects += sign;
			if (contribution.accepted) this.#accepted += sign;
		} else if (eventType === 'DISCONNECT') {
			this.#disconnects += sign;
		} else if (eventType === 'MESSAGE') {
			this.messageCount += sign;
		}

		for (const category of contribution.categories) this.errorCounts[category] += sign;
		this.errorTotal += sign * contribution.categories.length;
		if (route !== undefined) this.#routes.set(route, (this.#routes.get(route) ?? 0) + sign);
		if (sign === -1) {
			if (eventType === 'DISCONNECT' && this.#disconnects === 0) this.disconnectedAt = undefined;
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

export function zeroCounts(): Record<ErrorCategory, number> {
	return {authorizer: 0, waf: 0, integration: 0, throttle: 0, client: 0, gateway: 0};
}
