import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {LatencyHistogram} from '../../source/core/latency-histogram.js';
import {MetricsCollector, type RouteMetrics} from '../../source/core/stats.js';
import type {AccessFields, ErrorCategory, EventType, ExecutionRecord, RequestView} from '../../source/core/types.js';

const T0 = 1_690_374_046_000;
let sequence = 0;

interface Shape {
	eventType?: EventType;
	routeKey?: string;
	status?: number;
	latency?: number;
	errors?: ErrorCategory[];
	access?: AccessFields;
	execution?: ExecutionRecord[];
	apiId?: string;
	stage?: string;
}

function view(shape: Shape = {}): RequestView {
	sequence += 1;
	return {
		requestId: `req-${sequence}`,
		aliases: [],
		connectionId: 'Iq8gj1UmIAMCKpA=',
		eventType: 'eventType' in shape ? shape.eventType : 'MESSAGE',
		routeKey: 'routeKey' in shape ? shape.routeKey : 'sendmessage',
		status: shape.status ?? 200,
		firstTimestamp: T0,
		lastTimestamp: T0,
		integrationLatencyMs: shape.latency,
		access: shape.access ?? null,
		accessGuessed: false,
		invocations: [],
		execution: shape.execution ?? [],
		errors: (shape.errors ?? []).map((category) => ({category, message: category, explanation: category})),
		apiId: 'apiId' in shape ? shape.apiId : 'z1ctxygne5',
		stage: 'stage' in shape ? shape.stage : 'production',
	};
}

function collect(...requests: RequestView[]): MetricsCollector {
	const collector = new MetricsCollector();
	for (const request of requests) collector.add(request);
	return collector;
}

const STAGE = 'z1ctxygne5/production';

function routeOf(collector: MetricsCollector, route = 'sendmessage', stage = STAGE): RouteMetrics {
	const metrics = collector.snapshot().stages[stage]?.routes[route];
	expect(metrics).toBeDefined();
	return metrics!;
}

function nearestRank(values: number[], q: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length))) - 1]!;
}

describe('MetricsCollector: counts', () => {
	it('counts connections, messages and disconnections per route and per stage', () => {
		const collector = collect(
			view({eventType: 'CONNECT', routeKey: '$connect'}),
			view({eventType: 'CONNECT', routeKey: '$connect'}),
			view(),
			view(),
			view(),
			view({eventType: 'DISCONNECT', routeKey: '$disconnect'}),
		);
		const stage = collector.snapshot().stages[STAGE]!;
		expect(stage).toMatchObject({connectCount: 2, messageCount: 3, disconnectCount: 1, requests: 6});
		expect(Object.keys(stage.routes)).toEqual(['$connect', '$disconnect', 'sendmessage']);
		expect(stage.routes['$connect']).toMatchObject({connectCount: 2, messageCount: 0, requests: 2});
		expect(stage.routes['sendmessage']).toMatchObject({connectCount: 0, messageCount: 3, requests: 3});
	});

	it('keys stages by apiId/stage and routes by routeKey, with `-` for unknowns', () => {
		const collector = collect(
			view({apiId: undefined, stage: undefined, routeKey: undefined, eventType: undefined}),
			view({apiId: 'h733q2j6gb', stage: 'Prod', routeKey: '__proto__'}),
		);
		const {stages} = collector.snapshot();
		expect(Object.keys(stages)).toEqual(['-/-', 'h733q2j6gb/Prod']);
		expect(Object.keys(stages['-/-']!.routes)).toEqual(['-']);
		// A route key from a log is data: `__proto__` is an entry like any other.
		expect(Object.keys(stages['h733q2j6gb/Prod']!.routes)).toEqual(['__proto__']);
		expect(Object.getPrototypeOf(stages['h733q2j6gb/Prod']!.routes)).toBe(Object.prototype);
	});

	const rows: Array<[string, Shape, Partial<RouteMetrics>]> = [
		['a success', {status: 200}, {integrationError: 0, clientError: 0, executionError: 0}],
		['an integration error', {status: 502, errors: ['integration']}, {integrationError: 1, clientError: 0, executionError: 1}],
		['integration.status 500', {status: 500, access: {'integration.status': '500'}}, {integrationError: 1, executionError: 0}],
		['integrationStatus 404 passed through', {status: 404, access: {integrationStatus: '404'}, errors: ['client']}, {integrationError: 1, clientError: 0}],
		['integration.integrationStatus 503', {status: 200, access: {'integration.integrationStatus': '503'}}, {integrationError: 1}],
		['a 4xx before the integration', {status: 403, errors: ['authorizer']}, {integrationError: 0, clientError: 1, executionError: 0}],
		['a throttled request', {status: 429, errors: ['throttle']}, {clientError: 1}],
		['a gateway 5xx', {status: 500, errors: ['gateway']}, {integrationError: 0, clientError: 0, executionError: 1}],
		['a 5xx without a classified error', {status: 500}, {integrationError: 0, clientError: 0, executionError: 0}],
	];

	it.each(rows)('%s', (_name, shape, expected) => {
		expect(routeOf(collect(view(shape)))).toMatchObject(expected);
	});

	it('reads the integration status from the `Received response` line', () => {
		const received: ExecutionRecord = {
			type: 'execution',
			requestId: 'req',
			kind: 'integration-response',
			fields: {status: 500, integrationLatencyMs: 12},
			truncated: false,
			text: 'Received response. Status: 500, Integration latency: 12 ms',
			leadingTimestamp: undefined,
			timestamp: T0,
			event: {timestamp: T0, message: '(req) Received response. Status: 500, Integration latency: 12 ms'},
		};
		expect(routeOf(collect(view({status: 500, execution: [received]}))).integrationError).toBe(1);
		expect(routeOf(collect(view({status: 200, execution: [{...received, fields: {status: 200}}]}))).integrationError).toBe(0);
	});

	it('counts requests per error category, not errors', () => {
		const collector = collect(
			view({status: 504, errors: ['integration', 'integration', 'gateway']}),
			view({status: 401, errors: ['authorizer']}),
			view({status: 403, errors: ['waf']}),
		);
		expect(routeOf(collector).errors).toEqual({authorizer: 1, waf: 1, integration: 1, throttle: 0, client: 0, gateway: 1});
		expect(collector.snapshot().stages[STAGE]!.errors.integration).toBe(1);
	});

	it('sums routes into their stage', () => {
		const collector = collect(
			view({eventType: 'CONNECT', routeKey: '$connect', status: 401, errors: ['authorizer'], latency: 30}),
			view({status: 502, errors: ['integration'], latency: 10}),
			view({status: 200, latency: 20}),
		);
		const stage = collector.snapshot().stages[STAGE]!;
		expect(stage).toMatchObject({requests: 3, clientError: 1, integrationError: 1, executionError: 1});
		expect(stage.integrationLatency).toEqual({count: 3, p50: 20, p95: 30, p99: 30, max: 30});
		expect(stage.routes['sendmessage']!.integrationLatency).toEqual({count: 2, p50: 10, p95: 20, p99: 20, max: 20});
	});

	it('has no latency figures for a route without latencies', () => {
		expect(routeOf(collect(view())).integrationLatency).toEqual({count: 0, p50: null, p95: null, p99: null, max: null});
	});
});

describe('MetricsCollector: add and remove', () => {
	it('add then remove leaves nothing behind', () => {
		const requests = [view({status: 502, errors: ['integration'], latency: 1234}), view({eventType: 'CONNECT', routeKey: '$connect'})];
		const collector = collect(...requests);
		for (const request of requests) collector.remove(request);
		expect(collector.snapshot()).toEqual({stages: {}});
	});

	it('replaces a revision: remove the old view, add the new one', () => {
		const first = view({status: undefined, latency: undefined});
		const revised = {...first, status: 504, errors: [{category: 'integration' as const, message: 'x', explanation: 'x'}], integrationLatencyMs: 29_000};
		const collector = collect(first, view({latency: 40}));
		collector.remove(first);
		collector.add(revised);
		expect(collector.snapshot()).toEqual(collect(view({latency: 40}), revised).snapshot());
	});

	const shape: fc.Arbitrary<Shape> = fc.record({
		eventType: fc.constantFrom(undefined, 'CONNECT' as const, 'MESSAGE' as const, 'DISCONNECT' as const),
		routeKey: fc.constantFrom(undefined, '$connect', 'sendmessage', '$default'),
		status: fc.constantFrom(200, 401, 403, 429, 500, 502, 504),
		latency: fc.option(fc.integer({min: 0, max: 30_000}), {nil: undefined}),
		errors: fc.subarray(['authorizer', 'waf', 'integration', 'throttle', 'client', 'gateway'] as ErrorCategory[]),
		access: fc.constantFrom<Array<AccessFields | undefined>>(undefined, {'integration.status': '500'}, {integrationStatus: '200'}),
		apiId: fc.constantFrom(undefined, 'z1ctxygne5', 'h733q2j6gb'),
		stage: fc.constantFrom('production', 'Prod'),
	});

	it('removing some requests gives what adding only the others gives (property)', () => {
		fc.assert(
			fc.property(fc.array(fc.tuple(shape, fc.boolean()), {maxLength: 40}), (entries) => {
				const requests = entries.map(([s, keep]) => ({request: view(s), keep}));
				const collector = collect(...requests.map(({request}) => request));
				for (const {request, keep} of requests) if (!keep) collector.remove(request);
				const kept = collect(...requests.filter(({keep}) => keep).map(({request}) => request));
				expect(collector.snapshot()).toEqual(kept.snapshot());
			}),
		);
	});

	it('gives the same snapshot whatever the order requests arrive in (property)', () => {
		fc.assert(
			fc.property(
				fc.array(shape, {minLength: 1, maxLength: 40}).chain((shapes) => {
					const requests = shapes.map((s) => view(s));
					return fc.tuple(fc.constant(requests), fc.shuffledSubarray(requests, {minLength: requests.length}));
				}),
				([requests, shuffled]) => {
					expect(collect(...shuffled).snapshot()).toEqual(collect(...requests).snapshot());
				},
			),
		);
	});
});

describe('LatencyHistogram', () => {
	it('is exact for whole milliseconds below 10 s', () => {
		const histogram = new LatencyHistogram();
		for (const value of [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 99]) histogram.add(value);
		expect(histogram.summary()).toEqual({count: 12, p50: 8, p95: 99, p99: 99, max: 99});
		expect(histogram.percentile(0)).toBe(0);
	});

	it('reads what the rows read for a few requests: p95 of 45 ms and 119 ms is 119 ms', () => {
		const histogram = new LatencyHistogram();
		for (const value of [45, 119]) histogram.add(value);
		expect(histogram.summary()).toEqual({count: 2, p50: 45, p95: 119, p99: 119, max: 119});
		histogram.add(9999);
		expect(histogram.summary().max).toBe(9999);
	});

	it('never reads below the exact nearest-rank percentile, and at most 2% and a millisecond above it (property)', () => {
		const latency = fc.oneof(fc.integer({min: 0, max: 120_000}), fc.double({min: 0.001, max: 120_000, noNaN: true}));
		fc.assert(
			fc.property(fc.array(latency, {minLength: 1, maxLength: 300}), fc.double({min: 0, max: 1, noNaN: true}), (values, q) => {
				const histogram = new LatencyHistogram();
				for (const value of values) histogram.add(value);
				const exact = nearestRank(values, q);
				const answer = histogram.percentile(q)!;
				if (Number.isInteger(exact) && exact < 10_000) expect(answer).toBe(exact);
				expect(answer).toBeGreaterThanOrEqual(exact);
				expect(answer).toBeLessThanOrEqual(exact * 1.021 + 1);
				const max = Math.max(...values);
				expect(histogram.summary().max).toBeGreaterThanOrEqual(max);
				expect(histogram.summary().max).toBeLessThanOrEqual(max * 1.021 + 1);
			}),
			{numRuns: 300},
		);
	});

	it('does not depend on insertion order, and removal undoes addition (property)', () => {
		const values = fc.array(fc.integer({min: 0, max: 60_000}), {minLength: 1, maxLength: 200});
		fc.assert(
			fc.property(values, fc.array(fc.integer({min: 0, max: 60_000}), {maxLength: 50}), (kept, removed) => {
				const forward = new LatencyHistogram();
				for (const value of [...kept, ...removed]) forward.add(value);
				for (const value of removed) forward.remove(value);
				const backward = new LatencyHistogram();
				for (const value of [...kept].reverse()) backward.add(value);
				expect(forward.summary()).toEqual(backward.summary());
			}),
		);
	});

	it('ignores what is not a latency, and removing a value never added', () => {
		const histogram = new LatencyHistogram();
		for (const value of [Number.NaN, -1, Number.POSITIVE_INFINITY]) histogram.add(value);
		histogram.remove(42);
		expect(histogram.summary()).toEqual({count: 0, p50: null, p95: null, p99: null, max: null});
		histogram.add(1500);
		histogram.remove(7);
		histogram.remove(Number.NaN);
		expect(histogram.count).toBe(1);
	});
});
