import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {DEFAULT_LIMITS, Engine, type EngineOptions, type EngineOutput} from '../../../source/core/engine.js';
import type {Invocation} from '../../../source/core/lambda/types.js';
import {compileAccessFormat, createGuessingAccessParser} from '../../../source/core/parse/access-format.js';
import type {LogEvent, RequestView} from '../../../source/core/types.js';
import {loadEvents} from '../../helpers/fixtures.js';

const accessFormat = compileAccessFormat(
	'{"requestId":"$context.requestId","eventType":"$context.eventType","routeKey":"$context.routeKey","status":"$context.status","connectionId":"$context.connectionId","integrationRequestId":"$context.integration.requestId","authorizerRequestId":"$context.authorizer.requestId"}',
);
const api = loadEvents('lambda/chat-api.jsonl');
const lambda = [...loadEvents('lambda/node-text.jsonl'), ...loadEvents('lambda/node-json.jsonl'), ...loadEvents('lambda/python-text.jsonl')];
const options: Partial<EngineOptions> = {
	accessLogGroups: new Set(['/aws/apigateway/chat-access']),
	lambdaLogGroups: new Map([['/chat-demo/functions', 'chat-default']]),
};

function run(events: LogEvent[], overrides: Partial<EngineOptions> = {}, batchSize = 5): EngineOutput[] {
	const engine = new Engine({...DEFAULT_LIMITS, accessParser: accessFormat, ...options, ...overrides});
	const outputs: EngineOutput[] = [];
	for (let index = 0; index < events.length; index += batchSize) outputs.push(...engine.ingest(events.slice(index, index + batchSize)));
	outputs.push(...engine.finish());
	return outputs;
}

/** The last revision of every request, and the invocations emitted on their own that no request took. */
function finalState(outputs: EngineOutput[]) {
	const requests = new Map<string, RequestView>();
	const lone = new Map<string, Invocation>();
	for (const output of outputs) {
		if (output.type === 'request') requests.set(output.request.requestId, output.request);
		if (output.type === 'invocation') lone.set(output.invocation.requestId, output.invocation);
	}

	const joined = new Set([...requests.values()].flatMap((request) => request.invocations.map((invocation) => invocation.requestId)));
	for (const id of joined) lone.delete(id);
	return {requests, lone};
}

function invocationsOf(requests: Map<string, RequestView>, requestId: string) {
	return requests.get(requestId)!.invocations.map(({role, function: name, outcome}) => ({role, function: name, outcome}));
}

describe('Lambda lines in the engine', () => {
	it('never reads JSON-format Lambda lines as access lines (no phantom requests), nor files any as unparsed', () => {
		const outputs = run(lambda, {accessParser: createGuessingAccessParser(), accessLogGroups: new Set()});
		expect(outputs.filter((output) => output.type === 'request')).toEqual([]);
		expect(outputs.filter((output) => output.type === 'unparsed')).toEqual([]);
		expect(outputs.filter((output) => output.type === 'invocation')).toHaveLength(8);
	});

	it('joins integration and authorizer invocations to their requests, Lambda lines after the API lines', () => {
		const {requests, lone} = finalState(run([...api, ...lambda]));
		expect(invocationsOf(requests, 'Aa1connectDenied=')).toEqual([{role: 'authorizer', function: 'chat-authorizer', outcome: 'error'}]);
		expect(invocationsOf(requests, 'Bb2connectTimeou=')).toEqual([{role: 'integration', function: 'chat-connect', outcome: 'timeout'}]);
		expect(invocationsOf(requests, 'Cc3connectOOM000=')).toEqual([{role: 'integration', function: 'chat-connect', outcome: 'failure'}]);
		expect(invocationsOf(requests, 'Dd4sendmessage00=')).toEqual([{role: 'integration', function: 'chat-sendmessage', outcome: 'error'}]);
		expect(invocationsOf(requests, 'Ee5sendmessage00=')).toEqual([{role: 'integration', function: 'chat-sendmessage', outcome: 'success'}]);
		expect(invocationsOf(requests, 'Ff6disconnect000=')).toEqual([{role: 'integration', function: 'chat-disconnect', outcome: 'success'}]);
		// Named only by the execution log's `Lambda request id:`.
		expect(invocationsOf(requests, 'Gg7disconnect000=')).toEqual([{role: 'integration', function: 'chat-disconnect', outcome: 'error'}]);
		expect([...lone.values()].map((invocation) => [invocation.function, invocation.role])).toEqual([['chat-default', null]]);
	});

	it('joins the same when the Lambda lines come first', () => {
		const after = finalState(run([...api, ...lambda]));
		const before = finalState(run([...lambda, ...api]));
		expect(before).toEqual(after);
	});

	it('revises a request already emitted when its Lambda lines arrive later', () => {
		const engine = new Engine({...DEFAULT_LIMITS, accessParser: accessFormat, ...options});
		const outputs = [...engine.ingest(api), ...engine.tick(api[0]!.timestamp + 3_600_000)];
		outputs.push(...engine.ingest(lambda), ...engine.finish());
		const revisions = outputs.filter((output) => output.type === 'request' && output.request.requestId === 'Ee5sendmessage00=');
		expect(revisions).toMatchObject([
			{revision: 0, request: {invocations: []}},
			{revision: 1, request: {invocations: [{outcome: 'success'}]}},
		]);
	});

	it('gives the same join for any arrival order and any interleaving of streams', () => {
		const expected = finalState(run([...api, ...lambda]));
		const all = [...api, ...lambda];
		fc.assert(
			fc.property(fc.shuffledSubarray(all, {minLength: all.length}), fc.integer({min: 1, max: 20}), (shuffled, batchSize) => {
				expect(finalState(run(shuffled, {}, batchSize))).toEqual(expected);
			}),
			{numRuns: 60},
		);
	});

	it('reads Lambda lines of no known group by their shape, in a replay mixing them with the stage\'s lines', () => {
		// A record of another logger with neither `level` nor the gateway's keys cannot be told from an access
		// line by its text alone: without its group it is left out here.
		const groupless = [...api, ...lambda].filter((event) => !event.message.startsWith('{"msg"')).map(({timestamp, message}) => ({timestamp, message}));
		const outputs = run(groupless, {accessLogGroups: new Set(), lambdaLogGroups: new Map()});
		const {requests} = finalState(outputs);
		expect(requests.size).toBe(7);
		expect(invocationsOf(requests, 'Dd4sendmessage00=')).toEqual([{role: 'integration', function: 'chat-sendmessage', outcome: 'error'}]);
		expect(invocationsOf(requests, 'Aa1connectDenied=')).toEqual([{role: 'authorizer', function: 'unknown', outcome: 'error'}]);
	});

	it('counts Lambda events in the summary', () => {
		const engine = new Engine({...DEFAULT_LIMITS, accessParser: accessFormat, ...options});
		engine.ingest([...api, ...lambda]);
		engine.finish();
		expect(engine.summary()).toMatchObject({events: api.length + lambda.length, lambdaEvents: lambda.length, unparsed: 0});
	});
});
