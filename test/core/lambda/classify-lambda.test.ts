import {describe, expect, it} from 'vitest';
import {classifyRequest} from '../../../source/core/classify/classify.js';
import {locationOf} from '../../../source/core/classify/lambda.js';
import {DEFAULT_LIMITS, Engine} from '../../../source/core/engine.js';
import type {Invocation} from '../../../source/core/lambda/types.js';
import {compileAccessFormat} from '../../../source/core/parse/access-format.js';
import type {RequestView} from '../../../source/core/types.js';
import {loadEvents} from '../../helpers/fixtures.js';

const accessFormat = compileAccessFormat(
	'{"requestId":"$context.requestId","eventType":"$context.eventType","routeKey":"$context.routeKey","status":"$context.status","connectionId":"$context.connectionId","integrationRequestId":"$context.integration.requestId","authorizerRequestId":"$context.authorizer.requestId"}',
);
const events = ['chat-api', 'node-text', 'node-json', 'python-text'].flatMap((name) => loadEvents(`lambda/${name}.jsonl`));

function joinedRequests(): Map<string, RequestView> {
	const engine = new Engine({...DEFAULT_LIMITS, accessParser: accessFormat, accessLogGroups: new Set(['/aws/apigateway/chat-access'])});
	const requests = new Map<string, RequestView>();
	for (const output of [...engine.ingest(events), ...engine.finish()]) {
		if (output.type === 'request') requests.set(output.request.requestId, output.request);
	}

	return requests;
}

describe('explanations from the joined Lambda invocations', () => {
	const requests = joinedRequests();
	const explained = (requestId: string) => requests.get(requestId)!.errors.map(({category, explanation}) => ({category, explanation}));

	it('says what the handler threw and where, with its Lambda line as evidence', () => {
		expect(explained('Dd4sendmessage00=')).toEqual([
			{
				category: 'integration',
				explanation: "Lambda integration failed on sendmessage (502): chat-sendmessage threw TypeError: Cannot read properties of undefined (reading 'text') at index.mjs:21",
			},
		]);
		expect(requests.get('Dd4sendmessage00=')!.errors[0]!.message).toBe('chat-sendmessage 79b5e81f-4c2a-4e1b-9d3c-5a6b7c8d9e0f: Invoke Error');
	});

	it('says a $connect failed in its Lambda: a timeout after a cold start, an out-of-memory crash', () => {
		expect(explained('Bb2connectTimeou=')).toEqual([
			{category: 'integration', explanation: 'connection refused: $connect failed in its Lambda (client saw 504): chat-connect timed out after 30.03 s after a 812 ms cold start'},
		]);
		expect(explained('Cc3connectOOM000=')).toEqual([
			{category: 'integration', explanation: 'connection refused: $connect failed in its Lambda (client saw 502): chat-connect ran out of memory at 256 MB'},
		]);
	});

	it('names the authorizer that threw', () => {
		expect(explained('Aa1connectDenied=')).toEqual([
			{category: 'authorizer', explanation: 'Lambda authorizer failed on $connect (403): authorizer chat-authorizer threw Error: Unauthorized at index.mjs:9'},
		]);
	});

	it('merges the gateway\'s failure line with the Python traceback it was about', () => {
		expect(explained('Gg7disconnect000=')).toEqual([
			{category: 'integration', explanation: "Lambda integration failed (502): chat-disconnect threw KeyError: 'room' at app.py:14"},
		]);
	});

	it('links a GoneException the handler logged to the connection it names', () => {
		expect(explained('Ee5sendmessage00=')).toEqual([
			{
				category: 'integration',
				explanation: 'chat-sendmessage wrote to a closed connection on sendmessage: PostToConnection to L2mXwdEBoAMCJbQ= failed with GoneException (410): that client has disconnected',
			},
		]);
	});
});

const base: Omit<RequestView, 'errors'> = {
	requestId: 'Hh8aaaaaaaaaaaa=',
	aliases: [],
	connectionId: 'Kx9aaaaaaaaaaaa=',
	eventType: 'MESSAGE',
	routeKey: 'broadcast',
	status: 200,
	firstTimestamp: 1_764_934_200_000,
	lastTimestamp: 1_764_934_200_000,
	integrationLatencyMs: undefined,
	access: null,
	accessGuessed: false,
	execution: [],
	invocations: [],
	apiId: undefined,
	stage: undefined,
};
const invocation: Invocation = {
	role: 'integration',
	function: 'chat-sendmessage',
	logGroup: '/aws/lambda/chat-sendmessage',
	requestId: 'id-1',
	outcome: 'success',
	coldStart: false,
	initMs: null,
	durationMs: 20,
	billedMs: 20,
	memoryMB: 256,
	maxMemoryMB: 90,
	error: null,
	lines: [],
	firstTimestamp: 0,
	lastTimestamp: 0,
};

describe('why did my connection drop', () => {
	it('LimitExceededException while broadcasting is a throttle', () => {
		const lines = [{time: 1, level: 'ERROR', message: 'LimitExceededException: Rate exceeded posting to Kx1aaaaaaaaaaaa='}];
		expect(classifyRequest({...base, invocations: [{...invocation, lines}]})).toEqual([
			{
				category: 'throttle',
				message: 'chat-sendmessage id-1: LimitExceededException: Rate exceeded posting to Kx1aaaaaaaaaaaa=',
				explanation:
					'chat-sendmessage was throttled while broadcasting on broadcast: PostToConnection failed with LimitExceededException (429): too many messages per second to the connections',
			},
		]);
	});

	it('close code 1009 on $disconnect', () => {
		const access = {eventType: 'DISCONNECT', routeKey: '$disconnect', status: '200', disconnectStatusCode: '1009'};
		expect(classifyRequest({...base, eventType: 'DISCONNECT', routeKey: '$disconnect', access})).toEqual([
			{category: 'client', message: 'disconnectStatusCode=1009', explanation: 'connection closed with 1009 (message too big): a frame over 32 KB or a message over 128 KB'},
		]);
	});

	it('a connection closed at the 2-hour maximum, and not one closed earlier', () => {
		const closedAt = base.firstTimestamp;
		const access = (connectedAt: number) => ({eventType: 'DISCONNECT', status: '200', connectedAt: String(connectedAt), requestTimeEpoch: String(closedAt)});
		expect(classifyRequest({...base, eventType: 'DISCONNECT', access: access(closedAt - 7_200_000)}).map((error) => error.explanation)).toEqual([
			'connection closed at the 2-hour maximum: it had been open 2 h 0 min; clients must reconnect',
		]);
		expect(classifyRequest({...base, eventType: 'DISCONNECT', access: access(closedAt - 600_000)})).toEqual([]);
	});

	it('a missing invoke permission (API_CONFIGURATION_ERROR) stays explained by the gateway\'s line', async () => {
		const {parseExecutionMessage} = await import('../../../source/core/parse/execution.js');
		const text = '(Ii9aaaaaaaaaaaa=) Execution failed due to configuration error: Invalid permissions on Lambda function';
		const parsed = parseExecutionMessage(text);
		const record = {...parsed, type: 'execution' as const, requestId: 'Ii9aaaaaaaaaaaa=', timestamp: 1, event: {timestamp: 1, message: text}};
		expect(classifyRequest({...base, routeKey: '$connect', eventType: 'CONNECT', status: 500, execution: [record]}).map((error) => error.explanation)).toEqual([
			'API Gateway may not invoke the Lambda function on $connect (500): missing permission',
		]);
	});
});

describe('locationOf', () => {
	it('reads Node.js frames and the innermost Python frame', () => {
		expect(locationOf(['Error: x', '    at Runtime.handler (file:///var/task/src/index.mjs:21:34)'])).toBe('src/index.mjs:21');
		expect(locationOf(['Traceback (most recent call last):', '  File "/var/task/app.py", line 14, in handler', '  File "/var/task/rooms.py", line 3, in find'])).toBe('rooms.py:3');
		expect(locationOf(['no frames'])).toBeUndefined();
	});
});
