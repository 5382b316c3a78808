import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {DEFAULT_LIMITS, Engine, type EngineOptions, type EngineOutput} from '../../source/core/engine.js';
import {ACCESS_LOG_PRESETS, compileAccessFormat, createGuessingAccessParser} from '../../source/core/parse/access-format.js';
import type {ConnectionView} from '../../source/core/connection-timeline.js';
import type {LogEvent, RequestView} from '../../source/core/types.js';
import {loadEvents} from '../helpers/fixtures.js';

const chat = loadEvents('correlate/websocket-chat.jsonl');
const wsJsonPreset = compileAccessFormat(ACCESS_LOG_PRESETS.websocket.json);

function engine(overrides: Partial<EngineOptions> = {}): Engine {
	return new Engine({...DEFAULT_LIMITS, accessParser: wsJsonPreset, ...overrides});
}

/** Runs events through a fresh engine in batches and returns every output, final ones included. */
function run(events: LogEvent[], overrides: Partial<EngineOptions> = {}, batchSize = 7): EngineOutput[] {
	const subject = engine(overrides);
	const outputs: EngineOutput[] = [];
	for (let index = 0; index < events.length; index += batchSize) {
		outputs.push(...subject.ingest(events.slice(index, index + batchSize)));
	}

	outputs.push(...subject.finish());
	return outputs;
}

/** What a consumer keeps: the last revision of every request and connection. */
function finalState(outputs: EngineOutput[]) {
	const requests = new Map<string, RequestView>();
	const connections = new Map<string, ConnectionView>();
	for (const output of outputs) {
		if (output.type === 'request') requests.set(output.request.requestId, output.request);
		if (output.type === 'connection') connections.set(output.connection.connectionId, output.connection);
	}

	return {requests, connections};
}

describe('Engine over a WebSocket chat capture', () => {
	const outputs = run(chat);
	const {requests, connections} = finalState(outputs);

	it('joins execution and access lines into one request per requestId', () => {
		expect([...requests.keys()].sort()).toEqual(
			[
				'177a5660-9b20-4614-b620-51dd4d56fb4c',
				'Iq9gwFDNoAMFo1A=',
				'Iq9h0AbcdAMFx1Q=',
				'Iq9h1XyzaAMFy2Q=',
				'Iq9h9QwerAMFz3Q=',
				'JrAB0kLmNAMFq7w=',
			].sort(),
		);
		const connect = requests.get('Iq9gwFDNoAMFo1A=')!;
		expect(connect).toMatchObject({
			connectionId: 'Iq8gj1UmIAMCKpA=',
			eventType: 'CONNECT',
			routeKey: '$connect',
			status: 200,
			integrationLatencyMs: 22,
			apiId: 'z1ctxygne5',
			stage: 'production',
			errors: [],
		});
		expect(connect.execution).toHaveLength(13);
		expect(connect.execution[0]!.kind).toBe('authorizer-start');
		expect(connect.execution.at(-1)!.kind).toBe('integration-endpoint-request-id');
		expect(connect.access?.['identity.sourceIp']).toBe('1.128.0.0');
	});

	it('classifies each failure with an explanation', () => {
		const lambdaError = requests.get('Iq9h0AbcdAMFx1Q=')!;
		expect(lambdaError.errors.map((error) => error.category)).toEqual(['integration']);
		expect(lambdaError.errors[0]!.explanation).toMatch(/sendmessage/);
		expect(requests.get('JrAB0kLmNAMFq7w=')!.errors.map((error) => error.category)).toEqual(['authorizer']);
		expect(requests.get('177a5660-9b20-4614-b620-51dd4d56fb4c')!.errors.map((error) => error.category)).toEqual([
			'client',
		]);
	});

	it('builds connection timelines with their state', () => {
		const closed = connections.get('Iq8gj1UmIAMCKpA=')!;
		expect(closed.state).toBe('closed');
		expect(closed.messageCount).toBe(2);
		expect(closed.requests.map((ref) => ref.eventType)).toEqual(['CONNECT', 'MESSAGE', 'MESSAGE', 'DISCONNECT']);
		expect(closed.errorCounts.integration).toBe(1);
		expect(closed.disconnectedAt! - closed.connectedAt!).toBe(20_000);
		expect(connections.get('JrAAj1UmIAMCKpB=')!.state).toBe('rejected');
	});

	it('keeps the line it could not parse, and counts everything', () => {
		const unparsed = outputs.filter((output) => output.type === 'unparsed');
		expect(unparsed).toHaveLength(1);
		const subject = engine();
		subject.ingest(chat);
		subject.finish();
		expect(subject.summary()).toMatchObject({
			events: 37,
			executionEvents: 30,
			accessEvents: 6,
			unparsed: 1,
			requests: 6,
			connections: 2,
			evicted: {requests: 0, connections: 0},
		});
	});

	it('computes per-route figures', () => {
		const subject = engine();
		subject.ingest(chat);
		subject.finish();
		const stage = subject.summary().metrics.stages['z1ctxygne5/production']!;
		expect(stage.connectCount).toBe(2);
		expect(stage.messageCount).toBe(2);
		expect(stage.routes['sendmessage']!.integrationLatency.count).toBe(2);
	});
});

describe('Engine summary: access-log fields mapped by key name', () => {
	const executionLine: LogEvent = {timestamp: 1, message: '(Iq9gwFDNoAMFo1A=) Method completed with status: 200', logGroup: 'API-Gateway-Execution-Logs_a1b2c3d4e5/prod'};
	const accessLine: LogEvent = {timestamp: 2, message: '{"requestId":"Iq9gwFDNoAMFo1A=","status":"200"}', logGroup: 'access'};

	it.each([
		['only when an access line was read with the guess', [executionLine, accessLine], true],
		['not for an input without access lines', [executionLine], false],
	] as const)('%s', (_title, events, guessed) => {
		const subject = engine({accessParser: createGuessingAccessParser(), accessLogGroups: new Set(['access'])});
		subject.ingest(events);
		subject.finish();
		expect(subject.summary().accessFormatGuessed).toBe(guessed);
	});
});

describe('Engine streaming', () => {
	it('emits a request once it settles and revises it when a late line arrives', () => {
		const subject = engine({settleMs: 60_000});
		const sorted = [...chat].sort((a, b) => a.timestamp - b.timestamp);
		const outputs = [...sorted.flatMap((event) => subject.ingest([event])), ...subject.finish()];
		// R3's access line comes 4 minutes after its execution lines: R3 settled without it first.
		const r3 = outputs.filter((output) => output.type === 'request' && output.request.requestId === 'Iq9h1XyzaAMFy2Q=');
		expect(r3.map((output) => output.type === 'request' && output.revision)).toEqual([0, 1]);
		const [first, revised] = r3 as Array<Extract<EngineOutput, {type: 'request'}>>;
		expect(first!.request.access).toBeNull();
		expect(revised!.request.access?.['connectionId']).toBe('Iq8gj1UmIAMCKpA=');
		// Figures count a revised request once.
		expect(subject.summary().metrics.stages['z1ctxygne5/production']!.messageCount).toBe(2);
	});

	it('settles a request with its access line and final status after 30 s, not the full window', () => {
		const subject = engine();
		const sorted = [...chat].sort((a, b) => a.timestamp - b.timestamp);
		const early = sorted.flatMap((event) => subject.ingest([event]));
		const first = chat[0]!.timestamp;
		// By the last line (+249 s) the $connect, complete since +1.2 s, is final; R3, whose access line
		// came 4 minutes after its execution lines, was still waiting (5-minute window) and is not.
		const late = subject.tick(first + 10 * 60_000);
		const ids = (outputs: EngineOutput[]) =>
			outputs.flatMap((output) => (output.type === 'request' ? [output.request.requestId] : []));
		expect(ids(early)).toContain('Iq9gwFDNoAMFo1A=');
		expect(ids(early)).not.toContain('Iq9h1XyzaAMFy2Q=');
		expect(ids([...early, ...late])).toContain('Iq9h1XyzaAMFy2Q=');
	});

	it('gives the same final result for any arrival order and any duplication', () => {
		const reference = summarise(finalState(run(chat)));
		fc.assert(
			fc.property(
				fc.shuffledSubarray(chat, {minLength: chat.length, maxLength: chat.length}),
				fc.array(fc.nat(chat.length - 1), {maxLength: 10}),
				fc.integer({min: 1, max: 40}),
				(shuffled, duplicates, batchSize) => {
					const input = [...shuffled, ...duplicates.map((index) => chat[index]!)];
					expect(summarise(finalState(run(input, {}, batchSize)))).toEqual(reference);
				},
			),
			{numRuns: 200},
		);
	});

	it('bounds memory by evicting, counts evictions and still emits every request', () => {
		const subject = engine({maxRequests: 2, maxConnections: 1});
		const outputs = [...subject.ingest(chat), ...subject.finish()];
		const emitted = new Set(outputs.flatMap((output) => (output.type === 'request' ? [output.request.requestId] : [])));
		expect(emitted.size).toBe(6);
		const {evicted} = subject.summary();
		expect(evicted.requests).toBeGreaterThan(0);
		expect(evicted.connections).toBeGreaterThan(0);
	});

	it('filters what is printed without changing what is counted', () => {
		const outputs = run(chat, {filter: {errorsOnly: true}});
		const ids = outputs.flatMap((output) => (output.type === 'request' ? [output.request.requestId] : []));
		expect(new Set(ids)).toEqual(new Set(['Iq9h0AbcdAMFx1Q=', 'JrAB0kLmNAMFq7w=', '177a5660-9b20-4614-b620-51dd4d56fb4c']));
		const byConnection = run(chat, {filter: {connectionId: 'JrAAj1UmIAMCKpB='}});
		expect(byConnection.map((output) => output.type)).toEqual(['request', 'connection']);
	});
});

describe('Engine changes for views of the present', () => {
	it('reports each touched request once per batch, pending until it settles', () => {
		const subject = engine({trackChanges: true, settleMs: 60_000});
		const sorted = [...chat].sort((a, b) => a.timestamp - b.timestamp);
		subject.ingest(sorted.slice(0, 13));
		const first = subject.takeChanges();
		expect(first.map((change) => [change.request.requestId, change.pending])).toEqual([['Iq9gwFDNoAMFo1A=', true]]);
		expect(first[0]!.request.execution).toHaveLength(13);
		expect(subject.takeChanges()).toEqual([]);
		subject.tick(sorted[12]!.timestamp + 61_000);
		expect(subject.takeChanges().map((change) => [change.request.requestId, change.pending])).toEqual([
			['Iq9gwFDNoAMFo1A=', false],
		]);
	});

	it('tracks nothing unless asked', () => {
		const subject = engine();
		subject.ingest(chat);
		expect(subject.takeChanges()).toEqual([]);
	});
});

describe('Engine on REST logs', () => {
	it('links the extended request id to the request', () => {
		const restEvents = loadEvents('samples/rest-lambda-proxy.jsonl');
		const accessLine: LogEvent = {
			timestamp: restEvents[0]!.timestamp + 5,
			logGroup: 'rest-access',
			message: JSON.stringify({extendedRequestId: 'Vts2pH6ArPEFcuQ=', status: '200', routeKey: '-'}),
		};
		// The access line names only the extended id and arrives first.
		const outputs = run([accessLine, ...restEvents], {accessParser: createGuessingAccessParser()});
		const requests = outputs.filter((output) => output.type === 'request');
		expect(requests).toHaveLength(1);
		const [only] = requests as Array<Extract<EngineOutput, {type: 'request'}>>;
		expect(only!.request.requestId).toBe('515f1e99-39db-11e9-9e96-01e5c04505b9');
		expect(only!.request.aliases).toEqual(['Vts2pH6ArPEFcuQ=']);
		expect(only!.request.access?.['status']).toBe('200');
		expect(only!.request.execution).toHaveLength(23);
		expect(only!.request.eventType).toBeUndefined();
	});
});

function summarise({requests, connections}: ReturnType<typeof finalState>) {
	return {
		requests: [...requests.values()]
			.map((request) => ({
				...request,
				execution: request.execution.map((line) => `${line.timestamp} ${line.kind} ${line.text}`),
			}))
			.sort((a, b) => (a.requestId < b.requestId ? -1 : 1)),
		connections: [...connections.values()].sort((a, b) => (a.connectionId < b.connectionId ? -1 : 1)),
	};
}
