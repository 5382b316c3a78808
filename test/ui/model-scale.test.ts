// The load: 100,000 requests over 10,000 connections in batches of 500, with revisions of
// earlier requests mixed in. Correctness only (timings belong to `npm run bench`).
import {describe, expect, it} from 'vitest';
import type {RequestView} from '../../source/core/types.js';
import {LiveModel} from '../../source/ui/model/live-model.js';
import {layoutFor} from '../../source/ui/state/page-sizes.js';
import {selectConnectionsPane, selectTimelinePane} from '../../source/ui/state/select-connections.js';
import {selectRequestsView, selectStatsView} from '../../source/ui/state/select-views.js';
import {change, failure, wsRequest} from './model-fixtures.js';
import {DATA, run, smallState} from './state-fixtures.js';

const REQUESTS = 100_000;
const CONNECTIONS = 10_000;
const BATCH = 500;

function nth(index: number, status = 200): RequestView {
	const connection = `conn-${String(index % CONNECTIONS).padStart(5, '0')}`;
	const failed = index % 97 === 0;
	return wsRequest(`req-${index}`, connection, index / 100, index < CONNECTIONS ? 'CONNECT' : 'MESSAGE', {
		status: failed ? 500 : status,
		integrationLatencyMs: index % 300,
		routeKey: index < CONNECTIONS ? '$connect' : `route${index % 5}`,
		errors: failed ? [failure('integration', 'boom')] : [],
	});
}

function load(model: LiveModel): void {
	for (let start = 0; start < REQUESTS; start += BATCH) {
		const batch = [];
		for (let index = start; index < start + BATCH; index++) batch.push(change(nth(index), true));
		// Earlier requests settle: a newer view of each.
		for (let index = Math.max(0, start - BATCH); index < start; index += 10) batch.push(change(nth(index, 201)));
		model.apply(batch);
	}
}

describe('100,000 requests across 10,000 connections', () => {
	it('apply within the bounds, and every selector returns the rows that fit', () => {
		const model = new LiveModel({maxRequests: REQUESTS, maxConnections: CONNECTIONS});
		load(model);
		expect([model.requestCount, model.connectionCount, model.evicted.requests]).toEqual([REQUESTS, CONNECTIONS, 0]);
		expect(model.request('req-500')?.request.status).toBe(201);

		const state = run(model, {...smallState(), width: 160, height: 50}, DATA);
		const layout = layoutFor(160, 50);
		const connections = selectConnectionsPane(model, state, layout.connections.rows);
		expect(connections.rows).toHaveLength(layout.connections.rows);
		expect(connections.total).toBe(CONNECTIONS);
		expect(connections.rows[0]).toMatchObject({connectionId: 'conn-09999', selected: true, messageCount: 9});
		const timeline = selectTimelinePane(model, state, layout.timeline.rows);
		expect(timeline).toMatchObject({total: 10, offset: 0});
		expect(timeline.rows.at(-1)).toMatchObject({requestId: 'req-99999', selected: true});

		const requests = selectRequestsView(model, run(model, state, 'requests'), layout.requests.rows);
		expect([requests.rows.length, requests.total]).toEqual([layout.requests.rows, REQUESTS]);
		expect(requests.rows.at(-1)).toMatchObject({requestId: 'req-99999', selected: true});

		const errors = run(model, state, 'requests', 'errorsOnly', 'top');
		const failedCount = Math.ceil(REQUESTS / 97);
		expect(selectRequestsView(model, errors, layout.requests.rows).total).toBe(failedCount);
		expect(selectConnectionsPane(model, run(model, errors, 'back'), 5).total).toBe(new Set(Array.from({length: failedCount}, (_, n) => (n * 97) % CONNECTIONS)).size);
		expect(selectStatsView(model, run(model, state, 'stats'), layout.stats.rows).rows.map((row) => [row.route, row.requests])).toEqual([
			['$connect', CONNECTIONS],
			...[0, 1, 2, 3, 4].map((n) => [`route${n}`, (REQUESTS - CONNECTIONS) / 5]),
		]);
	});

	it('beyond the bounds, keeps the most recently active and counts the rest', () => {
		const model = new LiveModel({maxRequests: 30_000, maxConnections: 4000});
		load(model);
		expect(model.requestCount).toBeLessThanOrEqual(30_000);
		expect(model.connectionCount).toBe(4000);
		// Connections come round-robin, so each one is the least recently active when it comes back.
		expect(model.evicted.connections).toBe(model.connectionsSeen - model.connectionCount);
		expect(model.evicted.connections).toBeGreaterThan(CONNECTIONS - 4000);
		expect(model.evicted.requests).toBe(model.requestsSeen - model.requestCount);
		const state = run(model, smallState(), DATA, 'requests');
		const requests = selectRequestsView(model, state, 9);
		expect([requests.rows.length, requests.total]).toEqual([9, model.requestCount]);
		expect(requests.rows.at(-1)?.requestId).toBe('req-99999');
	});
});
