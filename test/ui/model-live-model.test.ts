import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import type {ConnectionState} from '../../source/core/connection-tally.js';
import type {EngineSummary} from '../../source/core/engine.js';
import {ERROR_CATEGORIES, type ErrorCategory, type RequestView} from '../../source/core/types.js';
import {compareRequests, type ModelRequest} from '../../source/ui/model/entries.js';
import {CONNECTION_SORTS} from '../../source/ui/model/connection-order.js';
import {LiveModel} from '../../source/ui/model/live-model.js';
import type {ConnectionSort} from '../../source/ui/view-models.js';
import {change, failure, modelWith, requestView, T0, wsRequest} from './model-fixtures.js';

const ids = (model: LiveModel): string[] => [...model.requestsByTime()].map((entry) => entry.request.requestId);

describe('LiveModel: requests', () => {
	it('adds requests, replaces them with their newer view, and keeps them in time order', () => {
		const model = new LiveModel({maxRequests: 10, maxConnections: 10});
		model.apply([change(wsRequest('b', 'C1', 2, 'MESSAGE'), true), change(wsRequest('a', 'C1', 1, 'CONNECT'))]);
		expect(ids(model)).toEqual(['a', 'b']);
		expect(model.request('b')).toMatchObject({pending: true, seq: 1});

		// A late line earlier than everything moves the request to the front; the seq stays.
		model.apply([change(wsRequest('b', 'C1', 0, 'MESSAGE', {status: 500}))]);
		expect(ids(model)).toEqual(['b', 'a']);
		expect(model.request('b')).toMatchObject({pending: false, seq: 1, request: {status: 500}});
		expect(model.requestCount).toBe(2);
		expect(model.requestsSeen).toBe(2);
	});

	it('counts a version on every apply, status and summary; data version only on apply', () => {
		const model = new LiveModel({maxRequests: 10, maxConnections: 10});
		model.apply([]);
		model.setStatus({source: 'chat', transport: 'live', sampled: false, throttled: false, eventsPerSecond: 3});
		model.setSummary({unparsed: 2} as EngineSummary);
		expect([model.version, model.dataVersion]).toEqual([3, 1]);
		expect(model.status?.eventsPerSecond).toBe(3);
		expect(model.summary?.unparsed).toBe(2);
	});

	it('tallies error categories, routes and latest time over every request seen', () => {
		const model = modelWith([
			wsRequest('a', 'C1', 1, 'CONNECT', {status: 401, errors: [failure('authorizer', 'denied')]}),
			wsRequest('b', 'C2', 5, 'MESSAGE', {errors: [failure('integration', 'timeout'), failure('gateway', 'boom')]}),
		]);
		model.apply([change(wsRequest('a', 'C1', 1, 'CONNECT', {status: 200}))]);
		expect(model.errorCounts).toEqual({authorizer: 0, waf: 0, integration: 1, throttle: 0, client: 0, gateway: 1});
		expect(model.routes()).toEqual(['$connect', 'sendmessage']);
		expect(model.latestTime).toBe(T0 + 5000);
	});
});

describe('LiveModel: connection state, like ConnectionTimeline', () => {
	const cases: Array<{name: string; requests: RequestView[]; state: ConnectionState}> = [
		{name: 'accepted connect', requests: [wsRequest('1', 'C', 1, 'CONNECT')], state: 'open'},
		{name: 'refused connect only', requests: [wsRequest('1', 'C', 1, 'CONNECT', {status: 401})], state: 'rejected'},
		{
			name: 'refused, then accepted',
			requests: [wsRequest('1', 'C', 1, 'CONNECT', {status: 403}), wsRequest('2', 'C', 2, 'CONNECT')],
			state: 'open',
		},
		{
			name: 'refused connect but messages flowed',
			requests: [wsRequest('1', 'C', 1, 'CONNECT', {status: 500}), wsRequest('2', 'C', 2, 'MESSAGE')],
			state: 'open',
		},
		{name: 'messages only (connected before the tail)', requests: [wsRequest('1', 'C', 1, 'MESSAGE')], state: 'open'},
		{
			name: 'disconnected',
			requests: [wsRequest('1', 'C', 1, 'CONNECT'), wsRequest('2', 'C', 9, 'DISCONNECT')],
			state: 'closed',
		},
		{name: 'disconnect only', requests: [wsRequest('1', 'C', 1, 'DISCONNECT')], state: 'closed'},
		{
			name: 'connect still settling (no status yet)',
			requests: [wsRequest('1', 'C', 1, 'CONNECT', {status: undefined})],
			state: 'rejected',
		},
	];

	it.each(cases)('$name -> $state', ({requests, state}) => {
		expect(modelWith(requests).connection('C')?.state).toBe(state);
	});

	it('follows a request whose newer view changes the state (pending connect accepted, then disconnect)', () => {
		const model = modelWith([wsRequest('1', 'C', 1, 'CONNECT', {status: undefined})]);
		model.apply([change(wsRequest('1', 'C', 1, 'CONNECT', {status: 200}))]);
		expect(model.connection('C')?.state).toBe('open');
		model.apply([change(wsRequest('2', 'C', 4, 'DISCONNECT'))]);
		expect(model.connection('C')).toMatchObject({state: 'closed', disconnectedAt: T0 + 4000});
	});
});

describe('LiveModel: connection summaries', () => {
	it('summarises times, counts, last route, errors and the requests in time order', () => {
		const model = modelWith([
			wsRequest('m2', 'C', 7, 'MESSAGE', {routeKey: 'join', lastTimestamp: T0 + 7500}),
			wsRequest('c', 'C', 1, 'CONNECT', {access: {connectedAt: String(T0 + 900)}}),
			wsRequest('m1', 'C', 3, 'MESSAGE', {errors: [failure('integration', 'lambda failed')]}),
			wsRequest('d', 'C', 9, 'DISCONNECT', {routeKey: undefined}),
		]);
		const connection = model.connection('C')!;
		expect(connection).toMatchObject({
			connectionId: 'C',
			state: 'closed',
			firstSeen: T0 + 1000,
			lastActivity: T0 + 9000,
			connectedAt: T0 + 900,
			disconnectedAt: T0 + 9000,
			messageCount: 2,
			lastRoute: 'join',
			errorTotal: 1,
			errorCounts: {authorizer: 0, waf: 0, integration: 1, throttle: 0, client: 0, gateway: 0},
		});
		expect([...connection.requests].map((entry) => entry.request.requestId)).toEqual(['c', 'm1', 'm2', 'd']);
		expect(connection.hasRoute('join')).toBe(true);
		expect(connection.hasRoute('$default')).toBe(false);
	});

	it('connectedAt falls back to the accepted connect when the access log has no connectedAt', () => {
		const model = modelWith([wsRequest('c1', 'C', 2, 'CONNECT', {status: 401}), wsRequest('c2', 'C', 3, 'CONNECT')]);
		expect(model.connection('C')?.connectedAt).toBe(T0 + 3000);
	});

	it('moves a request that learns its connection late (access line after the execution lines)', () => {
		const model = modelWith([requestView({requestId: 'r', firstTimestamp: T0, eventType: 'MESSAGE'})]);
		expect(model.connectionCount).toBe(0);
		model.apply([change(wsRequest('r', 'C', 0, 'MESSAGE'))]);
		expect(model.connection('C')?.messageCount).toBe(1);
		expect(model.request('r')?.request.connectionId).toBe('C');
	});
});

describe('LiveModel: bounds', () => {
	it('evicts the least recently changed requests beyond maxRequests, and counts them', () => {
		const model = modelWith([wsRequest('a', 'C', 1, 'MESSAGE'), wsRequest('b', 'C', 2, 'MESSAGE'), wsRequest('c', 'C', 3, 'MESSAGE')], {
			maxRequests: 3,
			maxConnections: 10,
		});
		// Touching `a` makes `b` the least recently active.
		model.apply([change(wsRequest('a', 'C', 1, 'MESSAGE', {status: 500}))]);
		model.apply([change(wsRequest('d', 'C', 4, 'MESSAGE')), change(wsRequest('e', 'C', 5, 'MESSAGE'))]);
		expect(ids(model)).toEqual(['a', 'd', 'e']);
		expect(model.evicted).toEqual({requests: 2, connections: 0});
		const connection = model.connection('C')!;
		expect([...connection.requests].map((entry) => entry.request.requestId)).toEqual(['a', 'd', 'e']);
		// What happened still counts.
		expect([connection.messageCount, connection.evictedRequests]).toEqual([5, 2]);
	});

	it('evicts the least recently active connection with its requests beyond maxConnections', () => {
		const model = modelWith([wsRequest('a', 'C1', 1, 'CONNECT'), wsRequest('b', 'C2', 2, 'CONNECT'), wsRequest('x', 'C1', 3, 'MESSAGE')], {
			maxRequests: 100,
			maxConnections: 2,
		});
		model.apply([change(wsRequest('c', 'C3', 4, 'CONNECT'))]);
		expect(model.connection('C1')).toBeUndefined();
		expect(model.connectionCount).toBe(2);
		expect(ids(model)).toEqual(['b', 'c']);
		expect(model.evicted).toEqual({requests: 2, connections: 1});
		expect([...model.connectionsBy('activity')].map((connection) => connection.connectionId)).toEqual(['C3', 'C2']);
	});
});

// Random batches against a from-scratch recomputation: the incremental orderings must always equal a sort.
const REQUEST_IDS = Array.from({length: 40}, (_, index) => `r${index}`);
const CONNECTION_IDS = ['C0', 'C1', 'C2', 'C3', 'C4', 'C5'];

const versionArbitrary = fc.record({
	requestId: fc.constantFrom(...REQUEST_IDS),
	hasConnection: fc.boolean(),
	eventType: fc.constantFrom('CONNECT' as const, 'MESSAGE' as const, 'DISCONNECT' as const, undefined),
	status: fc.constantFrom(200, 401, 500, undefined),
	earlier: fc.nat(3000),
	later: fc.nat(3000),
	categories: fc.subarray([...ERROR_CATEGORIES]),
	pending: fc.boolean(),
});

type VersionSpec = typeof versionArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** Like the engine: a newer view of a request only widens its time range, and its connection never changes once known. */
function nextView(previous: RequestView | undefined, spec: VersionSpec, index: number): RequestView {
	const start = previous?.firstTimestamp ?? T0 + 100_000 + index * 10;
	const firstTimestamp = start - spec.earlier;
	const connectionId =
		previous?.connectionId ?? (spec.hasConnection ? CONNECTION_IDS[Number(spec.requestId.slice(1)) % CONNECTION_IDS.length] : undefined);
	return requestView({
		requestId: spec.requestId,
		connectionId,
		eventType: spec.eventType,
		routeKey: spec.eventType === undefined ? undefined : spec.eventType.toLowerCase(),
		status: spec.status,
		firstTimestamp,
		lastTimestamp: Math.max(previous?.lastTimestamp ?? start, start) + spec.later,
		errors: spec.categories.map((category: ErrorCategory) => failure(category, category)),
	});
}

function bruteConnectionOrder(latest: Map<string, RequestView>, sort: ConnectionSort): string[] {
	const rows = CONNECTION_IDS.flatMap((connectionId) => {
		const requests = [...latest.values()].filter((request) => request.connectionId === connectionId);
		if (requests.length === 0) return [];
		return [
			{
				connectionId,
				firstSeen: Math.min(...requests.map((request) => request.firstTimestamp)),
				lastActivity: Math.max(...requests.map((request) => request.lastTimestamp)),
				errors: requests.reduce((sum, request) => sum + request.errors.length, 0),
				messages: requests.filter((request) => request.eventType === 'MESSAGE').length,
			},
		];
	});
	const activity = (a: (typeof rows)[number], b: (typeof rows)[number]): number =>
		b.lastActivity - a.lastActivity || (a.connectionId < b.connectionId ? -1 : 1);
	const order = {
		activity,
		errors: (a: (typeof rows)[number], b: (typeof rows)[number]) => b.errors - a.errors || activity(a, b),
		age: (a: (typeof rows)[number], b: (typeof rows)[number]) => a.firstSeen - b.firstSeen || activity(a, b),
		messages: (a: (typeof rows)[number], b: (typeof rows)[number]) => b.messages - a.messages || activity(a, b),
	}[sort];
	return rows.sort(order).map((row) => row.connectionId);
}

describe('LiveModel: orderings stay equal to a brute-force sort', () => {
	it('over random batches of new and revised requests', () => {
		fc.assert(
			fc.property(fc.array(fc.array(versionArbitrary, {maxLength: 25}), {minLength: 1, maxLength: 12}), (batches) => {
				const model = new LiveModel({maxRequests: 1000, maxConnections: 1000});
				const latest = new Map<string, RequestView>();
				let index = 0;
				for (const batch of batches) {
					model.apply(
						batch.map((spec) => {
							const view = nextView(latest.get(spec.requestId), spec, index++);
							latest.set(spec.requestId, view);
							return change(view, spec.pending);
						}),
					);
				}

				const byTime = [...latest.values()]
					.map((request) => ({request, time: request.firstTimestamp}) as ModelRequest)
					.sort(compareRequests)
					.map((entry) => entry.request.requestId);
				expect(ids(model)).toEqual(byTime);
				for (const sort of CONNECTION_SORTS) {
					expect([...model.connectionsBy(sort)].map((connection) => connection.connectionId)).toEqual(
						bruteConnectionOrder(latest, sort),
					);
				}

				for (const connection of model.connectionsBy('activity')) {
					const own = byTime.filter((id) => latest.get(id)?.connectionId === connection.connectionId);
					expect([...connection.requests].map((entry) => entry.request.requestId)).toEqual(own);
				}
			}),
			{numRuns: 150},
		);
	});

	it('and within the bounds, counting every eviction', () => {
		fc.assert(
			fc.property(fc.array(fc.array(versionArbitrary, {maxLength: 25}), {minLength: 1, maxLength: 12}), (batches) => {
				const model = new LiveModel({maxRequests: 12, maxConnections: 3});
				const latest = new Map<string, RequestView>();
				let index = 0;
				for (const batch of batches) {
					model.apply(
						batch.map((spec) => {
							const view = nextView(latest.get(spec.requestId), spec, index++);
							latest.set(spec.requestId, view);
							return change(view);
						}),
					);
					expect(model.requestCount).toBeLessThanOrEqual(12);
					expect(model.connectionCount).toBeLessThanOrEqual(3);
					expect(model.requestsSeen - model.requestCount).toBe(model.evicted.requests);
					const kept = [...model.requestsByTime()];
					expect(kept.map((entry) => entry.request.requestId)).toEqual([...kept].sort(compareRequests).map((entry) => entry.request.requestId));
					expect(kept.every((entry) => model.request(entry.request.requestId) === entry)).toBe(true);
					for (const connection of model.connectionsBy('activity')) {
						for (const entry of connection.requests) expect(model.request(entry.request.requestId)).toBe(entry);
					}
				}
			}),
			{numRuns: 150},
		);
	});
});
