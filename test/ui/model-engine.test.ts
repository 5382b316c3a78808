// The model fed the way the app feeds it (engine.takeChanges() after every batch) over a real capture
// agrees with the engine's own connection timelines.
import {describe, expect, it} from 'vitest';
import type {ConnectionView} from '../../source/core/connection-timeline.js';
import {DEFAULT_LIMITS, Engine} from '../../source/core/engine.js';
import {ACCESS_LOG_PRESETS, compileAccessFormat} from '../../source/core/parse/access-format.js';
import {LiveModel} from '../../source/ui/model/live-model.js';
import {loadEvents} from '../helpers/fixtures.js';

describe('LiveModel fed by the engine over the WebSocket chat capture', () => {
	const events = loadEvents('correlate/websocket-chat.jsonl');
	const engine = new Engine({
		...DEFAULT_LIMITS,
		trackChanges: true,
		accessParser: compileAccessFormat(ACCESS_LOG_PRESETS.websocket.json),
	});
	const model = new LiveModel({maxRequests: 1000, maxConnections: 1000});
	const connections = new Map<string, ConnectionView>();
	const keep = (outputs: ReturnType<Engine['ingest']>): void => {
		for (const output of outputs) if (output.type === 'connection') connections.set(output.connection.connectionId, output.connection);
	};

	for (let index = 0; index < events.length; index += 5) {
		keep(engine.ingest(events.slice(index, index + 5)));
		model.apply(engine.takeChanges());
	}

	keep(engine.finish());
	model.apply(engine.takeChanges());

	it('holds every request the engine has, none pending after the end', () => {
		const engineIds = [...engine.liveRequests()].map((request) => request.requestId).sort();
		expect([...model.requestsByTime()].map((entry) => entry.request.requestId).sort()).toEqual(engineIds);
		expect([...model.requestsByTime()].every((entry) => !entry.pending)).toBe(true);
	});

	it('derives each connection as the engine does', () => {
		expect(connections.size).toBeGreaterThan(0);
		for (const view of connections.values()) {
			const summary = model.connection(view.connectionId);
			expect(summary, view.connectionId).toBeDefined();
			expect({
				state: summary!.state,
				messageCount: summary!.messageCount,
				errorCounts: summary!.errorCounts,
				connectedAt: summary!.connectedAt,
				disconnectedAt: summary!.disconnectedAt,
				requests: [...summary!.requests].map((entry) => entry.request.requestId),
			}).toEqual({
				state: view.state,
				messageCount: view.messageCount,
				errorCounts: view.errorCounts,
				connectedAt: view.connectedAt,
				disconnectedAt: view.disconnectedAt,
				requests: view.requests.map((ref) => ref.requestId),
			});
		}
	});

	it('gives the same per-route figures as the engine once everything has settled', () => {
		expect(model.metrics()).toEqual(engine.summary().metrics);
	});
});
