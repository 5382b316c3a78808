// Live figures per stage and per route, the ones API Gateway publishes to CloudWatch (reference §6),
// computed from the logs. Every figure is a sum of per-request contributions, so a request re-emitted
// with a new revision is taken out (its previous view) and put back (its new view) exactly.
import {errorCategoriesOf, zeroCounts} from './error-counts.js';
import {LatencyHistogram, type LatencySummary} from './latency-histogram.js';
import type {ErrorCategory, KnownApi, RequestView} from './types.js';

export interface RouteMetrics {
	/** ConnectCount: requests with eventType CONNECT. */
	connectCount: number;
	/** MessageCount: requests with eventType MESSAGE. */
	messageCount: number;
	/** Requests with eventType DISCONNECT. */
	disconnectCount: number;
	/** Every request, whatever its type (REST requests too). */
	requests: number;
	/** IntegrationError: the integration answered 4xx/5xx (its status >= 400), or an integration-category error. */
	integrationError: number;
	/** ClientError: a 4xx API Gateway returned before the integration (status 4xx and no integration error). */
	clientError: number;
	/** ExecutionError: the integration could not be called or failed (integration-category errors) or the gateway failed (gateway errors). */
	executionError: number;
	/** Requests having at least one error of each category. */
	errors: Record<ErrorCategory, number>;
	/** IntegrationLatency percentiles: exact for whole milliseconds below 10 s, else never lower and at most 2% higher. */
	integrationLatency: LatencySummary;
}

export interface MetricsSnapshot {
	/** Keyed `${apiId ?? '-'}/${stage ?? '-'}`; each stage's own figures cover all its routes (keyed routeKey ?? '-'). */
	stages: Record<string, RouteMetrics & {routes: Record<string, RouteMetrics>}>;
}

type Counter = Exclude<keyof RouteMetrics, 'errors' | 'integrationLatency'>;
const COUNTERS: readonly Counter[] = [
	'connectCount',
	'messageCount',
	'disconnectCount',
	'requests',
	'integrationError',
	'clientError',
	'executionError',
];

/** What one request adds to the figures of its stage and of its route. */
interface Contribution {
	counters: Record<Counter, number>;
	categories: ErrorCategory[];
	latencyMs: number | undefined;
}

const INTEGRATION_STATUS_FIELDS = ['integration.status', 'integrationStatus', 'integration.integrationStatus'];
// The `Received response. Status: {s}` line; other lines' statuses are the method's or Lambda's own.
const INTEGRATION_RESPONSE_KIND = 'integration-response';

function contributionOf(request: RequestView): Contribution {
	const categories = errorCategoriesOf(request);
	const integrationFailed =
		categories.includes('integration') || (integrationStatusOf(request) ?? 0) >= 400;
	const status = request.status;
	const clientError = status !== undefined && status >= 400 && status < 500 && !integrationFailed;
	return {
		counters: {
			connectCount: request.eventType === 'CONNECT' ? 1 : 0,
			messageCount: request.eventType === 'MESSAGE' ? 1 : 0,
			disconnectCount: request.eventType === 'DISCONNECT' ? 1 : 0,
			requests: 1,
			integrationError: integrationFailed ? 1 : 0,
			clientError: clientError ? 1 : 0,
			executionError: categories.includes('integration') || categories.includes('gateway') ? 1 : 0,
		},
		categories,
		latencyMs: request.integrationLatencyMs,
	};
}

/** The integration's own status: from the access log, else from the execution log's response line. */
function integrationStatusOf(request: RequestView): number | undefined {
	for (const name of INTEGRATION_STATUS_FIELDS) {
		const value = request.access?.[name]?.trim();
		if (value !== undefined && /^\d{3}$/.test(value)) return Number(value);
	}

	return request.execution.find((record) => record.kind === INTEGRATION_RESPONSE_KIND && record.fields.status !== undefined)
		?.fields.status;
}

class Tally {
	readonly counters: Record<Counter, number> = {
		connectCount: 0,
		messageCount: 0,
		disconnectCount: 0,
		requests: 0,
		integrationError: 0,
		clientError: 0,
		executionError: 0,
	};

	readonly errors = zeroCounts();

	readonly latency = new LatencyHistogram();

	apply(contribution: Contribution, sign: 1 | -1): void {
		for (const counter of COUNTERS) this.counters[counter] += sign * contribution.counters[counter];
		for (const category of contribution.categories) this.errors[category] += sign;
		if (contribution.latencyMs === undefined) return;
		if (sign === 1) this.latency.add(contribution.latencyMs);
		else this.latency.remove(contribution.latencyMs);
	}

	get empty(): boolean {
		return this.counters.requests <= 0;
	}

	metrics(): RouteMetrics {
		return {...this.counters, errors: {...this.errors}, integrationLatency: this.latency.summary()};
	}
}

interface StageTally {
	total: Tally;
	routes: Map<string, Tally>;
}

export class MetricsCollector {
	readonly #stages = new Map<string, StageTally>();
	readonly #known: Partial<KnownApi>;

	/**
	 * `known` is the tailed API and stage: a request whose lines do not name them (an HTTP API logs only its
	 * access log, and the format may leave out `$context.apiId` and `$context.stage`) counts under it.
	 */
	constructor(known: Partial<KnownApi> = {}) {
		this.#known = known;
	}

	/** Adds one request's contribution. */
	add(request: RequestView): void {
		this.#apply(request, 1);
	}

	/**
	 * Removes a contribution added before (a request re-emitted with a new revision is removed then added
	 * again). Pass the view that was added: the contribution is recomputed from it, not remembered.
	 */
	remove(request: RequestView): void {
		this.#apply(request, -1);
	}

	snapshot(): MetricsSnapshot {
		// Keys in sorted order: the snapshot must not depend on which request came first.
		const stages: MetricsSnapshot['stages'] = {};
		for (const [stageKey, stage] of sortedEntries(this.#stages)) {
			const routes: Record<string, RouteMetrics> = {};
			for (const [routeKey, route] of sortedEntries(stage.routes)) defineEntry(routes, routeKey, route.metrics());
			defineEntry(stages, stageKey, {...stage.total.metrics(), routes});
		}

		return {stages};
	}

	#apply(request: RequestView, sign: 1 | -1): void {
		const contribution = contributionOf(request);
		const stageKey = `${request.apiId ?? this.#known.apiId ?? '-'}/${request.stage ?? this.#known.stage ?? '-'}`;
		const routeKey = request.routeKey ?? '-';
		let stage = this.#stages.get(stageKey);
		if (stage === undefined) {
			stage = {total: new Tally(), routes: new Map()};
			this.#stages.set(stageKey, stage);
		}

		let route = stage.routes.get(routeKey);
		if (route === undefined) {
			route = new Tally();
			stage.routes.set(routeKey, route);
		}

		stage.total.apply(contribution, sign);
		route.apply(contribution, sign);
		// Forget what no request contributes to any more, so that add-then-remove leaves nothing behind.
		if (route.empty) stage.routes.delete(routeKey);
		if (stage.total.empty) this.#stages.delete(stageKey);
	}
}

function sortedEntries<T>(map: Map<string, T>): Array<[string, T]> {
	return [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Keys come from logs: a route called `__proto__` must be an entry like any other, not a prototype. */
function defineEntry<T>(target: Record<string, T>, key: string, value: T): void {
	Object.defineProperty(target, key, {value, enumerable: true, writable: true, configurable: true});
}
