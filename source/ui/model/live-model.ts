// Everything the terminal UI knows, bounded. The engine hands over the requests each batch touched; the
// model keeps their latest views, a summary per connection, and every ordering a view shows, each
// maintained incrementally: a batch of 500 changes costs 500 small updates, never a re-sort of 100,000.

import type {GoneWrite} from '../../core/classify/lambda.js';
import type {RequestChange} from '../../core/correlate.js';
import type {EngineSummary} from '../../core/engine.js';
import type {ErrorCounts} from '../../core/error-counts.js';
import type {FunctionFigures} from '../../core/lambda/function-stats.js';
import type {MetricsSnapshot} from '../../core/stats.js';
import type {SourceStatus} from '../../sources/source-status.js';
import type {ConnectionSort} from '../view-models.js';
import {CONNECTION_ORDER, CONNECTION_SORTS} from './connection-order.js';
import {
	compareRequests,
	ConnectionEntry,
	contributionOf,
	RequestEntry,
	timeOf,
	type ConnectionSummary,
	type ModelRequest,
} from './entries.js';
import {Figures} from './figures.js';
import {GoneWritesIndex} from './gone-writes-index.js';
import {SettledErrors} from './settled-errors.js';
import {SortedList, type OrderedItems} from './sorted-list.js';

export interface LiveModelOptions {
	maxRequests: number;
	maxConnections: number;
}

export class LiveModel {
	readonly #maxRequests: number;
	readonly #maxConnections: number;
	// Both maps are kept in order of last change (a change moves an entry to the end): the first entry is
	// the least recently active, the one to evict.
	readonly #requests = new Map<string, RequestEntry>();
	readonly #connections = new Map<string, ConnectionEntry>();
	readonly #goneWrites = new GoneWritesIndex();
	readonly #byTime = new SortedList<ModelRequest>(compareRequests);
	readonly #orders = Object.fromEntries(
		CONNECTION_SORTS.map((sort) => [sort, new SortedList<ConnectionSummary>(CONNECTION_ORDER[sort])]),
	) as Record<ConnectionSort, SortedList<ConnectionSummary>>;

	readonly #figures = new Figures();
	readonly #settledErrors = new SettledErrors();
	#metricsSnapshot: {dataVersion: number; snapshot: MetricsSnapshot} | undefined;
	#functionsSnapshot: {dataVersion: number; snapshot: FunctionFigures[]} | undefined;
	#version = 0;
	#dataVersion = 0;
	#requestsSeen = 0;
	#connectionsSeen = 0;
	readonly #evicted = {requests: 0, connections: 0};
	#status: SourceStatus | undefined;
	#summary: EngineSummary | undefined;

	constructor(options: LiveModelOptions) {
		this.#maxRequests = Math.max(1, options.maxRequests);
		this.#maxConnections = Math.max(1, options.maxConnections);
	}

	/** Applies engine.takeChanges(): upserts requests and updates their connections. */
	apply(changes: readonly RequestChange[]): void {
		// A connection touched by many requests of one batch leaves its orderings once and comes back once.
		const touched = new Set<ConnectionEntry>();
		const detach = (connection: ConnectionEntry): void => {
			if (touched.has(connection)) return;
			touched.add(connection);
			for (const sort of CONNECTION_SORTS) this.#orders[sort].delete(connection);
		};

		for (const change of changes) this.#upsert(change, detach, touched);
		for (const connection of touched) {
			this.#connections.delete(connection.connectionId);
			this.#connections.set(connection.connectionId, connection);
			for (const sort of CONNECTION_SORTS) this.#orders[sort].insert(connection);
		}

		this.#evict();
		this.#version++;
		this.#dataVersion++;
	}

	setStatus(status: SourceStatus): void {
		this.#status = status;
		this.#version++;
	}

	setSummary(summary: EngineSummary): void {
		this.#summary = summary;
		this.#version++;
	}

	/** +1 on every apply/setStatus/setSummary. */
	get version(): number {
		return this.#version;
	}

	/** +1 on every apply only: what cached orderings and figures depend on. */
	get dataVersion(): number {
		return this.#dataVersion;
	}

	get status(): SourceStatus | undefined {
		return this.#status;
	}

	get summary(): EngineSummary | undefined {
		return this.#summary;
	}

	/** Requests and connections dropped to stay within the bounds. */
	get evicted(): Readonly<{requests: number; connections: number}> {
		return this.#evicted;
	}

	/** How many distinct requests the model has ever seen (the seq of the newest). */
	get requestsSeen(): number {
		return this.#requestsSeen;
	}

	get connectionsSeen(): number {
		return this.#connectionsSeen;
	}

	/** Latest line time seen, epoch ms (undefined before any): "now" for a replay. */
	get latestTime(): number | undefined {
		return this.#figures.latestTime;
	}

	/** Settled requests with an error of each category (see SettledErrors). */
	get errorCounts(): Readonly<ErrorCounts> {
		return this.#settledErrors.counts;
	}

	/** Requests still settling that have an error so far: not in errorCounts yet. */
	get settlingErrors(): number {
		return this.#settledErrors.settling;
	}

	/** Counts taken back from errorCounts because a settled request was revised without that error. */
	get revisedErrors(): number {
		return this.#settledErrors.revised;
	}

	get requestCount(): number {
		return this.#requests.size;
	}

	get connectionCount(): number {
		return this.#connections.size;
	}

	request(requestId: string): ModelRequest | undefined {
		return this.#requests.get(requestId);
	}

	connection(connectionId: string): ConnectionSummary | undefined {
		return this.#connections.get(connectionId);
	}

	/** Every request, oldest first. */
	requestsByTime(): OrderedItems<ModelRequest> {
		return this.#byTime;
	}

	connectionsBy(sort: ConnectionSort): OrderedItems<ConnectionSummary> {
		return this.#orders[sort];
	}

	/** Every route seen, sorted (what the route filter cycles through). */
	routes(): readonly string[] {
		return this.#figures.routes();
	}

	/** Per stage and route figures over every request seen, pending ones included. */
	metrics(): MetricsSnapshot {
		if (this.#metricsSnapshot?.dataVersion !== this.#dataVersion) {
			this.#metricsSnapshot = {dataVersion: this.#dataVersion, snapshot: this.#figures.metrics()};
		}

		return this.#metricsSnapshot.snapshot;
	}

	/** Per Lambda function figures over the invocations of every request seen, sorted by function name. */
	functions(): readonly FunctionFigures[] {
		if (this.#functionsSnapshot?.dataVersion !== this.#dataVersion) {
			this.#functionsSnapshot = {dataVersion: this.#dataVersion, snapshot: this.#figures.functions()};
		}

		return this.#functionsSnapshot.snapshot;
	}

	/** Messages other requests' handlers sent this connection after it was gone (GoneException), oldest first. */
	goneWritesTo(connectionId: string): GoneWrite[] {
		return this.#goneWrites.to(connectionId);
	}

	/** Integration latency spread of one route: 8 heights 0..7, fastest first (keys as in metrics()). */
	latencyShape(stageKey: string, routeKey: string): number[] {
		return this.#figures.latencyShape(stageKey, routeKey);
	}

	#upsert(change: RequestChange, detach: (connection: ConnectionEntry) => void, touched: Set<ConnectionEntry>): void {
		const {request, pending} = change;
		let entry = this.#requests.get(request.requestId);
		let previousTime: number | undefined;
		if (entry === undefined) {
			entry = new RequestEntry(request, pending, ++this.#requestsSeen);
		} else {
			this.#requests.delete(request.requestId);
			this.#figures.tally(entry.request, -1);
			previousTime = entry.time;
			const time = timeOf(request);
			const {connection} = entry;
			if (connection !== undefined) {
				detach(connection);
				connection.tally(contributionOf(entry), -1);
				if (connection.connectionId !== request.connectionId || time !== previousTime) connection.requests.delete(entry);
			}

			if (time !== previousTime) this.#byTime.delete(entry);
			entry.request = request;
			entry.pending = pending;
			entry.time = time;
		}

		this.#requests.set(request.requestId, entry);
		if (entry.time !== previousTime) this.#byTime.insert(entry);
		this.#figures.tally(entry.request, 1);
		this.#goneWrites.update(request);
		entry.settled = this.#settledErrors.update(entry.settled, request, pending);
		const connection = request.connectionId === undefined ? undefined : this.#connectionFor(request.connectionId, touched);
		if (connection !== undefined) {
			detach(connection);
			connection.tally(contributionOf(entry), 1);
			if (entry.connection !== connection || entry.time !== previousTime) connection.requests.insert(entry);
		}

		entry.connection = connection;
	}

	#connectionFor(connectionId: string, touched: Set<ConnectionEntry>): ConnectionEntry {
		let connection = this.#connections.get(connectionId);
		if (connection === undefined) {
			connection = new ConnectionEntry(connectionId, ++this.#connectionsSeen);
			this.#connections.set(connectionId, connection);
			// Not in any ordering yet: mark it touched so that it joins them at the end of the batch.
			touched.add(connection);
		}

		return connection;
	}

	#evict(): void {
		for (const entry of this.#requests.values()) {
			if (this.#requests.size <= this.#maxRequests) break;
			this.#drop(entry);
			this.#evicted.requests++;
		}

		for (const connection of this.#connections.values()) {
			if (this.#connections.size <= this.#maxConnections) break;
			this.#connections.delete(connection.connectionId);
			for (const sort of CONNECTION_SORTS) this.#orders[sort].delete(connection);
			// Its requests go with it: a request is shown in its connection's timeline.
			for (const request of [...connection.requests]) {
				this.#drop(this.#requests.get(request.request.requestId)!);
				this.#evicted.requests++;
			}

			this.#evicted.connections++;
		}
	}

	#drop(entry: RequestEntry): void {
		this.#settledErrors.forget(entry.settled);
		this.#goneWrites.remove(entry.request.requestId);
		this.#requests.delete(entry.request.requestId);
		this.#byTime.delete(entry);
		if (entry.connection === undefined) return;
		entry.connection.requests.delete(entry);
		entry.connection.evictedRequests++;
	}
}
