import {readFileSync} from 'node:fs';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {
	EXECUTION_PHASE_RANK,
	looksLikeExecutionLine,
	parseExecutionMessage,
} from '../../source/core/parse/execution.js';
import type {ExecutionKind} from '../../source/core/types.js';
import {EXECUTION_SHAPES, type ExecutionShapeRow} from '../fixtures/execution/shapes.js';

interface CapturedEvent {
	timestamp: number;
	message: string;
}

function readCapture(name: string): CapturedEvent[] {
	const text = readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
	return text
		.split('\n')
		.filter((line) => line.trim() !== '')
		.map((line) => JSON.parse(line) as CapturedEvent);
}

const REST_ID = '515f1e99-39db-11e9-9e96-01e5c04505b9';
const V4_ID = '0c9a7f6e-1b2d-4c3e-8f4a-5b6c7d8e9f0a';
const WEBSOCKET_ID = 'Iq9gwFDNoAMFo1A=';
const STAMP_Z = Date.UTC(2017, 5, 5, 17, 52, 57, 673);
const STAMP_PLUS_NINE = Date.UTC(2022, 3, 23, 9, 37, 47, 70);

interface Variant {
	name: string;
	message: (text: string) => string;
	requestId: (row: ExecutionShapeRow) => string | undefined;
	/** Has an `(id) ` prefix of a known id shape or a redaction. */
	prefixed: boolean;
	leadingTimestamp?: number;
	truncated?: boolean;
}

const VARIANTS: Variant[] = [
	{name: 'bare', message: (text) => text, requestId: (row) => row.namedRequestId, prefixed: false},
	{name: 'REST v1 prefix', message: (text) => `(${REST_ID}) ${text}`, requestId: () => REST_ID, prefixed: true},
	{name: 'REST v4 prefix', message: (text) => `(${V4_ID}) ${text}`, requestId: () => V4_ID, prefixed: true},
	{name: 'WebSocket prefix', message: (text) => `(${WEBSOCKET_ID}) ${text}`, requestId: () => WEBSOCKET_ID, prefixed: true},
	{name: 'redacted prefix', message: (text) => `(XXX) ${text}`, requestId: (row) => row.namedRequestId, prefixed: true},
	{
		name: 'copied Z timestamp',
		message: (text) => `2017-06-05T17:52:57.673Z (${REST_ID}) ${text}`,
		requestId: () => REST_ID,
		prefixed: true,
		leadingTimestamp: STAMP_Z,
	},
	{
		name: 'copied +09:00 timestamp and tab',
		message: (text) => `2022-04-23T18:37:47.070+09:00\t(${WEBSOCKET_ID}) ${text}`,
		requestId: () => WEBSOCKET_ID,
		prefixed: true,
		leadingTimestamp: STAMP_PLUS_NINE,
	},
	{
		name: 'copied timestamp, no prefix',
		message: (text) => `2022-04-23T18:37:47.070+09:00\t${text}`,
		requestId: (row) => row.namedRequestId,
		prefixed: false,
		leadingTimestamp: STAMP_PLUS_NINE,
	},
	{
		name: 'truncated',
		message: (text) => `(${REST_ID}) ${text} [TRUNCATED]\n`,
		requestId: () => REST_ID,
		prefixed: true,
		truncated: true,
	},
];

describe('parseExecutionMessage: every §3 shape', () => {
	const cases = EXECUTION_SHAPES.flatMap((row) => VARIANTS.map((variant) => ({row, variant})));
	it.each(cases.map(({row, variant}) => [variant.name, row.text, row, variant] as const))(
		'%s: %s',
		(_name, _text, row, variant) => {
			const message = variant.message(row.text);
			const parsed = parseExecutionMessage(message);
			expect(parsed.kind).toBe(row.kind);
			expect(parsed.fields).toStrictEqual(row.fields);
			expect(parsed.requestId).toBe(variant.requestId(row));
			expect(parsed.truncated).toBe(variant.truncated === true);
			expect(parsed.text).toBe(variant.truncated === true ? `${row.text} [TRUNCATED]\n` : row.text);
			expect(parsed.leadingTimestamp).toBe(variant.leadingTimestamp);
			// Without a prefix only a known gateway shape counts; a bare `Connection Id:` could be anyone's text.
			const knownShape = row.kind !== 'unparsed' && row.kind !== 'websocket-connection';
			expect(looksLikeExecutionLine(message)).toBe(variant.prefixed || knownShape);
		},
	);
});

describe('parseExecutionMessage: multi-line and hostile text', () => {
	const cases: Array<{name: string; message: string; kind: ExecutionKind; expected?: Record<string, unknown>}> = [
		{
			name: 'a JSON body across lines stays one event',
			message: `(${REST_ID}) Method request body before transformations: {\n  "action": "sendMessage",\n  "data": "hi"\n}`,
			kind: 'method-request',
		},
		{
			name: 'an XML error body',
			message: `(${REST_ID}) Endpoint response body before transformations: <?xml version="1.0"?>\n<Error><Code>AccessDenied</Code></Error>`,
			kind: 'endpoint-response',
		},
		{
			name: 'a stack trace in the Lambda error keeps the LAST request id marker',
			message: `(${REST_ID}) Lambda execution failed with status 200 due to customer function error: Error: bad. input\n    at handler (/var/task/index.js:3:9). Lambda request id: 0c8f2a1e-9b7d-4e6f-8a5b-3c2d1e0f9a8b`,
			kind: 'lambda-function-error',
			expected: {
				errorText: 'Error: bad. input\n    at handler (/var/task/index.js:3:9)',
				integrationRequestId: '0c8f2a1e-9b7d-4e6f-8a5b-3c2d1e0f9a8b',
				status: 200,
			},
		},
		{
			name: "an error that quotes another Lambda's failure keeps the gateway's (last) request id",
			message: `(${REST_ID}) Lambda execution failed with status 200 due to customer function error: upstream: Boom. Lambda request id: 11111111-1111-4111-8111-111111111111. Lambda request id: 22222222-2222-4222-8222-222222222222`,
			kind: 'lambda-function-error',
			expected: {
				errorText: 'upstream: Boom. Lambda request id: 11111111-1111-4111-8111-111111111111',
				integrationRequestId: '22222222-2222-4222-8222-222222222222',
				status: 200,
			},
		},
		{
			name: 'a Lambda error cut before its request id',
			message: `(${REST_ID}) Lambda execution failed with status 200 due to customer function error: ${'x'.repeat(40)} [TRUNCATED]`,
			kind: 'lambda-function-error',
			expected: {errorText: 'x'.repeat(40), status: 200},
		},
		{
			name: 'the kind comes from the first line only',
			message: `(${REST_ID}) Nothing we know\nMethod completed with status: 200`,
			kind: 'unparsed',
		},
		{
			name: 'a body naming a connection or a request is data, not attribution',
			message: 'Endpoint request body after transformations: {"x":"Connection Id: AAAAAAAAAAAAAAA=", "y":"for request: abc"}',
			kind: 'endpoint-request',
			expected: {},
		},
		{
			name: 'a configuration error with a trailing newline',
			message: `(${REST_ID}) Execution failed due to configuration error: Malformed Lambda proxy response\n`,
			kind: 'configuration-error',
			expected: {errorText: 'Malformed Lambda proxy response'},
		},
		{
			name: 'a wrapped API-key line pasted from a web page',
			message: "API Key not authorized because method 'GET /' requires API Key and API \nKey is not associated with a Usage Plan for API Stage \nabc123/prod: API Key was required but not present",
			kind: 'api-key-not-authorized',
			expected: {httpMethod: 'GET', resourcePath: '/', apiStage: 'abc123/prod', errorText: 'API Key was required but not present'},
		},
		{
			name: 'a word that merely starts like a shape',
			message: `(${REST_ID}) AuthorizerConfigurationExceptionally odd`,
			kind: 'unparsed',
		},
		{
			name: 'a Lambda invocation failure without a colon does not read the request id as status',
			message: `(${REST_ID}) Lambda invocation failed with status 429. Lambda request id: 57593f79-6e46-4a6f-91b1-f5d848cc2059`,
			kind: 'lambda-invocation-failed',
			expected: {
				status: 429,
				integrationRequestId: '57593f79-6e46-4a6f-91b1-f5d848cc2059',
				errorText: 'Lambda invocation failed with status 429. Lambda request id: 57593f79-6e46-4a6f-91b1-f5d848cc2059',
			},
		},
	];
	it.each(cases)('$name', ({message, kind, expected}) => {
		const parsed = parseExecutionMessage(message);
		expect(parsed.kind).toBe(kind);
		expect(message.endsWith(parsed.text)).toBe(true);
		if (expected !== undefined) expect(parsed.fields).toStrictEqual(expected);
		if (message.startsWith('(')) expect(parsed.requestId).toBe(REST_ID);
		else expect(parsed.requestId).toBeUndefined();
	});
});

describe('parseExecutionMessage: prefix, timestamp and truncation edges', () => {
	it.each([
		['a redacted prefix takes the id the text names', `(XXX) Starting execution for request: ${REST_ID}`, REST_ID],
		['a redacted id in the text is no id', '(xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx) Starting execution for request: XXX', undefined],
		['any other word in parentheses is kept as the id', '(abc-123) Method completed with status: 200', 'abc-123'],
		['the prefix wins over the text', `(${WEBSOCKET_ID}) Starting execution for request: ${REST_ID}`, WEBSOCKET_ID],
		['no space after the parenthesis is no prefix', `(${REST_ID})Method completed with status: 200`, undefined],
		['a parenthesis with spaces is no prefix', '(see above) Method completed with status: 200', undefined],
	])('%s', (_name, message, requestId) => {
		expect(parseExecutionMessage(message).requestId).toBe(requestId);
	});

	it('keeps a prefix with nothing after it', () => {
		expect(parseExecutionMessage(`(${REST_ID})`)).toStrictEqual({
			requestId: REST_ID,
			kind: 'unparsed',
			fields: {},
			truncated: false,
			text: '',
			leadingTimestamp: undefined,
		});
	});

	it.each([
		['space separator, comma fraction, no zone (read as UTC)', '2017-06-05 17:52:57,673 ', STAMP_Z],
		['no fraction, negative offset', '2017-06-05T12:52:57-05:00 ', Date.UTC(2017, 5, 5, 17, 52, 57)],
		['microseconds, compact offset', '2022-04-23T18:37:47.070123+0900\t', STAMP_PLUS_NINE],
	])('reads a copied timestamp: %s', (_name, stamp, epochMs) => {
		const parsed = parseExecutionMessage(`${stamp}Method completed with status: 504`);
		expect(parsed.leadingTimestamp).toBe(epochMs);
		expect(parsed.kind).toBe('method-completed');
		expect(parsed.text).toBe('Method completed with status: 504');
	});

	it.each([
		['an impossible month', '2017-13-05T17:52:57Z '],
		['a timestamp with nothing after it', '2017-06-05T17:52:57Z'],
		['a date without a time', '2017-06-05 '],
	])('leaves text that is not a copied timestamp alone: %s', (_name, stamp) => {
		const message = `${stamp}Method completed with status: 504`;
		const parsed = parseExecutionMessage(message);
		expect(parsed.leadingTimestamp).toBeUndefined();
		expect(parsed.text).toBe(message);
	});

	it.each([
		['marker then spaces and newlines', 'Method request headers: {A=b [TRUNCATED]  \r\n', true],
		['marker in the middle', 'Method request headers: {A=b [TRUNCATED] more}', false],
		['marker without its space', 'Method request headers: {A=b[TRUNCATED]', false],
		['no marker', 'Method request headers: {A=b}', false],
	])('truncation: %s', (_name, text, truncated) => {
		const parsed = parseExecutionMessage(`(${REST_ID}) ${text}`);
		expect(parsed.truncated).toBe(truncated);
		expect(parsed.text).toBe(text);
	});
});

describe('the real REST Lambda-proxy capture', () => {
	const events = readCapture('samples/rest-lambda-proxy.jsonl');
	const parsed = events.map((event) => parseExecutionMessage(event.message));

	it('recognises all 23 lines', () => {
		expect(parsed.map((line) => line.kind)).toStrictEqual([
			'extended-request-id',
			'usage-plan',
			'usage-plan',
			'usage-plan',
			'execution-start',
			'http-method',
			'method-request',
			'method-request',
			'method-request',
			'method-request',
			'endpoint-request',
			'endpoint-request',
			'endpoint-request',
			'sending-request',
			'integration-response',
			'endpoint-response',
			'endpoint-response',
			'method-response',
			'method-response',
			'execution-success',
			'method-completed',
			'integration-endpoint-request-id',
			'xray-trace-id',
		]);
		expect(new Set(parsed.map((line) => line.requestId))).toStrictEqual(new Set([REST_ID]));
	});

	it('marks the four lines API Gateway cut', () => {
		expect(parsed.flatMap((line, index) => (line.truncated ? [index] : []))).toStrictEqual([11, 12, 15, 17]);
		expect(parsed[11]?.text.endsWith('LnVx [TRUNCATED]')).toBe(true);
	});

	it('reads the facts the request is correlated and classified by', () => {
		const fields = Object.assign({}, ...parsed.map((line) => line.fields));
		expect(fields).toStrictEqual({
			extendedRequestId: 'Vts2pH6ArPEFcuQ=',
			apiStage: 'h733q2j6gb/Prod',
			httpMethod: 'POST',
			resourcePath: '/verifyReceipt',
			integrationLatencyMs: 40,
			status: 200,
			integrationRequestId: '57593f79-6e46-4a6f-91b1-f5d848cc2059',
			xrayTraceId: '1-5c755b5d-07b29b94e632d3da19d88789',
		});
	});

	it('is in phase order: ranks never go down within one millisecond', () => {
		for (let index = 1; index < events.length; index++) {
			if (events[index]?.timestamp !== events[index - 1]?.timestamp) continue;
			const previous = EXECUTION_PHASE_RANK[parsed[index - 1]!.kind];
			expect(EXECUTION_PHASE_RANK[parsed[index]!.kind], events[index]!.message.slice(0, 60)).toBeGreaterThanOrEqual(previous);
		}
	});

	it('sorting a reversed copy by time then rank restores the phase order', () => {
		const sorted = [...parsed.keys()]
			.reverse()
			.sort((a, b) => events[a]!.timestamp - events[b]!.timestamp || EXECUTION_PHASE_RANK[parsed[a]!.kind] - EXECUTION_PHASE_RANK[parsed[b]!.kind]);
		expect(sorted.map((index) => parsed[index]!.kind)).toStrictEqual(parsed.map((line) => line.kind));
	});
});

describe('the synthetic WebSocket connection fixture', () => {
	const events = readCapture('execution/synthetic-websocket-connection.jsonl');
	const parsed = events.map((event) => parseExecutionMessage(event.message));

	it('recognises every line and never reads ids out of bodies', () => {
		expect(parsed.filter((line) => line.kind === 'unparsed')).toStrictEqual([]);
		expect(parsed.flatMap((line) => (line.fields.connectionId === undefined ? [] : [line.kind]))).toStrictEqual([
			'websocket-connection',
			'websocket-connection',
		]);
		expect(parsed.map((line) => line.requestId)).toStrictEqual(events.map((event) => /^\(([^)]+)\)/.exec(event.message)?.[1]));
	});

	it('reads the authorizer denial and the Lambda failure', () => {
		const byKind = (kind: ExecutionKind) => parsed.filter((line) => line.kind === kind).map((line) => line.fields);
		expect(byKind('authorizer-start')).toStrictEqual([{authorizerId: '4xk2ab'}]);
		expect(byKind('authorizer-unauthorized')).toStrictEqual([{errorText: 'Unauthorized request: Iq9gjE_aIAMFZTg='}]);
		expect(byKind('lambda-function-error')).toStrictEqual([
			{
				status: 200,
				errorText: "Cannot read properties of undefined (reading 'length')",
				integrationRequestId: '8c0d2e4f-1a3b-4c5d-8e9f-0a1b2c3d4e5f',
			},
		]);
		expect(byKind('websocket-route').map((fields) => fields.routeKey)).toStrictEqual(['$connect', 'sendMessage']);
		expect(byKind('websocket-connecting')).toStrictEqual([{userAgent: 'Python/3.11 websockets/12.0', sourceIp: '198.51.100.24'}]);
	});
});

describe('EXECUTION_PHASE_RANK', () => {
	const ranks = Object.entries(EXECUTION_PHASE_RANK) as Array<[ExecutionKind, number]>;

	it('ranks every kind the shape table produces', () => {
		const kinds = new Set(EXECUTION_SHAPES.map((row) => row.kind));
		expect([...kinds].filter((kind) => EXECUTION_PHASE_RANK[kind] === undefined)).toStrictEqual([]);
		expect(ranks.every(([, rank]) => Number.isInteger(rank))).toBe(true);
	});

	it('starts with the extended id and ends with the ids that follow Method completed', () => {
		const order: ExecutionKind[] = [
			'extended-request-id',
			'usage-plan',
			'authorizer-start',
			'authorizer-success',
			'execution-start',
			'http-method',
			'method-request',
			'endpoint-request',
			'sending-request',
			'integration-response',
			'endpoint-response',
			'method-response',
			'execution-success',
			'method-completed',
			'integration-endpoint-request-id',
			'xray-trace-id',
		];
		const orderedRanks = order.map((kind) => EXECUTION_PHASE_RANK[kind]);
		expect(orderedRanks).toStrictEqual([...orderedRanks].sort((a, b) => a - b));
		expect(new Set(orderedRanks).size).toBe(order.length);
		expect(Math.min(...ranks.map(([, rank]) => rank))).toBe(EXECUTION_PHASE_RANK['extended-request-id']);
		expect(Math.max(...ranks.map(([, rank]) => rank))).toBe(EXECUTION_PHASE_RANK['xray-trace-id']);
		expect(EXECUTION_PHASE_RANK['unparsed']).toBeLessThan(EXECUTION_PHASE_RANK['method-completed']);
	});

	it('cannot be changed at run time', () => {
		expect(Object.isFrozen(EXECUTION_PHASE_RANK)).toBe(true);
	});
});

describe('looksLikeExecutionLine', () => {
	it('accepts every line of the real capture', () => {
		for (const event of readCapture('samples/rest-lambda-proxy.jsonl')) expect(looksLikeExecutionLine(event.message)).toBe(true);
	});

	it.each([
		['a redacted prefix on unknown text', '(XXX) something we have never seen'],
		['a WebSocket id prefix on unknown text', `(${WEBSOCKET_ID}) Gateway response type: DEFAULT_5XX with status code: 500`],
		['a copied timestamp and prefix', `2017-06-05T17:52:57.673Z (${REST_ID}) Gateway response body: {}`],
		['a prefix-less known shape (2016 logs)', 'Method completed with status: 200'],
	])('accepts %s', (_name, message) => {
		expect(looksLikeExecutionLine(message)).toBe(true);
	});

	it.each([
		[
			'JSON (real WebSocket capture)',
			'{"requestId":"Iq9gwFDNoAMFo1A=","ip":"1.128.0.0","caller":"-","user":"-","requestTime":"26/Jul/2023:12:20:46 +0000","eventType":"CONNECT","routeKey":"$connect","status":"500","connectionId":"Iq8gj1UmIAMCKpA="}',
		],
		[
			'JSON with spaces and a UUID (real capture)',
			'{"requestId": "177a5660-9b20-4614-b620-51dd4d56fb4c","ip": "1.128.0.0","caller": "-","user": "-","requestTime": "19/Jul/2023:16:17:17 +0000","eventType": "-","routeKey": "-","status": "403","connectionId": "-"}',
		],
		['JSON behind a copied timestamp', '2023-07-26T12:20:46.000Z {"requestId":"Iq9gwFDNoAMFo1A=","status":"500"}'],
		['CLF (WebSocket preset)', '1.128.0.0 - - [26/Jul/2023:12:20:46 +0000] "CONNECT $connect Iq8gj1UmIAMCKpA=" 500 Iq9gwFDNoAMFo1A='],
		['CLF (REST preset)', '203.0.113.7 - - [26/Feb/2019:15:29:33 +0000] "POST /verifyReceipt HTTP/1.1" 200 1136 515f1e99-39db-11e9-9e96-01e5c04505b9'],
		['CSV (WebSocket preset)', '1.128.0.0,-,-,26/Jul/2023:12:20:46 +0000,CONNECT,$connect,Iq8gj1UmIAMCKpA=,500,Iq9gwFDNoAMFo1A='],
		['CSV starting with the request id', 'Iq9gwFDNoAMFo1A=,CONNECT,$connect,500'],
		[
			'XML (WebSocket preset)',
			'<request id="Iq9gwFDNoAMFo1A="> <ip>1.128.0.0</ip> <caller>-</caller> <user>-</user> <requestTime>26/Jul/2023:12:20:46 +0000</requestTime> <eventType>CONNECT</eventType> <routeKey>$connect</routeKey> <status>500</status> <connectionId>Iq8gj1UmIAMCKpA=</connectionId> </request>',
		],
		['a custom format that spells Connection Id', 'Connection Id: Iq8gj1UmIAMCKpA= status 500'],
		['a parenthesised word that is no id', '(note) not an execution line'],
		['an empty message', ''],
	])('rejects an access line or text: %s', (_name, message) => {
		expect(looksLikeExecutionLine(message)).toBe(false);
	});
});

describe('never throws', () => {
	const kinds = new Set(Object.keys(EXECUTION_PHASE_RANK));
	const checkInvariants = (message: string): void => {
		const parsed = parseExecutionMessage(message);
		expect(kinds.has(parsed.kind)).toBe(true);
		expect(message.endsWith(parsed.text)).toBe(true);
		expect(typeof looksLikeExecutionLine(message)).toBe('boolean');
	};
	const hostileCharacter = fc.constantFrom(...' ()[]:,.\'=-_/+XZT0129\n\r\t\u0000\u001b\u2028\uD800'.split(''));
	const starts = [
		'',
		'(',
		'(XXX) ',
		`(${REST_ID}) `,
		'2017-06-05T17:52:57.673Z ',
		'9999-99-99T99:99:99+99:99 ',
		...EXECUTION_SHAPES.map((row) => row.text.slice(0, 1 + (row.text.length >> 1))),
	];

	it('holds for arbitrary strings', () => {
		fc.assert(fc.property(fc.string({unit: 'binary', maxLength: 400}), checkInvariants), {numRuns: 2000});
	});

	it('holds for shape beginnings followed by hostile characters', () => {
		fc.assert(
			fc.property(fc.constantFrom(...starts), fc.constantFrom(...starts), fc.string({unit: hostileCharacter, maxLength: 80}), (a, b, tail) =>
				checkInvariants(a + b + tail),
			),
			{numRuns: 3000},
		);
	});

	it('keeps any id in a prefix, whatever follows', () => {
		fc.assert(
			fc.property(fc.uuid(), fc.string({unit: 'binary'}), (id, tail) => {
				const parsed = parseExecutionMessage(`(${id}) ${tail}`);
				return parsed.requestId === id && parsed.text === tail && looksLikeExecutionLine(`(${id}) ${tail}`);
			}),
		);
	});

	it.each([
		['a 5 MB body', `(${REST_ID}) Method request body before transformations: ${'x'.repeat(5_000_000)} [TRUNCATED]`],
		['a million parentheses', '('.repeat(1_000_000)],
		['a million spaces after a timestamp', `2017-06-05T17:52:57.673Z ${' '.repeat(1_000_000)}`],
		['repeated key words', 'API Key '.repeat(200_000)],
		['a user agent of separators', `Client [UserAgent: ${', SourceIp: '.repeat(100_000)}`],
		['a status too long for a number', `Lambda execution failed with status ${'9'.repeat(100_000)}`],
		['a million lines', `(${REST_ID}) Endpoint response body before transformations: ${'{}\n'.repeat(1_000_000)}`],
		['control characters', '\u0000(XXX)\u001b[31m Method completed with status: \u0007200\r\n'],
	])('holds for %s', (_name, message) => {
		checkInvariants(message);
	});
});
