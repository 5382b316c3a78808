import {mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {PassThrough} from 'node:stream';
import {fileURLToPath} from 'node:url';
import {gzipSync} from 'node:zlib';
import fc from 'fast-check';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {LogEvent} from '../../source/core/types.js';
import {describeReadError} from '../../source/sources/replay/input-errors.js';
import {LogTextDecoder} from '../../source/sources/replay/input-shapes.js';
import {
	decodeLogText,
	readReplayInputs,
	ReplayInputError,
	type InputShape,
	type ReplayInput,
} from '../../source/sources/replay/replay.js';

const inputsDir = fileURLToPath(new URL('../fixtures/inputs/', import.meta.url));
const samplesDir = fileURLToPath(new URL('../fixtures/samples/', import.meta.url));

const EXECUTION_GROUP = 'API-Gateway-Execution-Logs_z1ctxygne5/production';
const ACCESS_GROUP = '/aws/apigateway/websocket-access';
const STREAM = '8df3ad472b0a0797bd8a03566d991c2a';
const REQUEST = 'Iq9gwFDNoAMFo1A=';
const EXECUTION_MESSAGES = [
	`(${REQUEST}) Extended Request Id: ${REQUEST}`,
	`(${REQUEST}) Verifying Usage Plan for request: ${REQUEST}. API Key:  API Stage: z1ctxygne5/production`,
	`(${REQUEST}) Starting authorizer: 7xkcfz for request: ${REQUEST}`,
	`(${REQUEST}) Execution failed due to configuration error: Authorizer error`,
];
const EXECUTION_TIMES = [1690374046000, 1690374046001, 1690374046002, 1690374046120];
const ACCESS_MESSAGE =
	'{"requestId":"Iq9gwFDNoAMFo1A=","ip":"1.128.0.0","requestTime":"26/Jul/2023:12:20:46 +0000","eventType":"CONNECT","routeKey":"$connect","status":"500","connectionId":"Iq8gj1UmIAMCKpA="}';

async function fixtureText(name: string): Promise<string> {
	return readFile(join(inputsDir, name), 'utf8');
}

function subscribedExecutionEvents(): LogEvent[] {
	return EXECUTION_MESSAGES.map((message, index) => ({
		timestamp: EXECUTION_TIMES[index] ?? 0,
		message,
		logGroup: EXECUTION_GROUP,
		logStream: STREAM,
		eventId: `3771530145893746891683918530711354541623643144718336000${index}`,
		log: 'execution',
	}));
}

const subscribedAccessEvent: LogEvent = {
	timestamp: 1690374046130,
	message: ACCESS_MESSAGE,
	logGroup: ACCESS_GROUP,
	logStream: STREAM,
	eventId: '37715301461168546916839185307113545416236431447183360000',
};

function filteredEvents(): LogEvent[] {
	return EXECUTION_MESSAGES.map((message, index) => ({
		timestamp: EXECUTION_TIMES[index] ?? 0,
		message,
		logStream: STREAM,
		ingestionTime: (EXECUTION_TIMES[index] ?? 0) + 512,
		eventId: String(37000000000000000000000000000000000000000000000000000000n + BigInt(index)),
	}));
}

describe('decodeLogText: saved shapes', () => {
	const cases: Array<{file: string; shape: InputShape; events: () => LogEvent[]}> = [
		{file: 'filter-log-events.json', shape: 'filter-log-events-json', events: filteredEvents},
		{file: 'filter-log-events-pages.json', shape: 'filter-log-events-json', events: filteredEvents},
		{file: 'events-array.json', shape: 'filter-log-events-json', events: () => filteredEvents().slice(0, 2)},
		{
			file: 'get-log-events.json',
			shape: 'get-log-events-json',
			events: () =>
				EXECUTION_MESSAGES.slice(0, 3).map((message, index) => ({
					timestamp: EXECUTION_TIMES[index] ?? 0,
					message,
					ingestionTime: (EXECUTION_TIMES[index] ?? 0) + 300,
				})),
		},
		{
			file: 'subscription.ndjson',
			shape: 'subscription',
			events: () => [...subscribedExecutionEvents(), subscribedAccessEvent],
		},
		{file: 'subscription.json', shape: 'subscription', events: subscribedExecutionEvents},
		{file: 'subscription.b64', shape: 'subscription', events: subscribedExecutionEvents},
		{file: 'lambda-subscription-event.json', shape: 'subscription', events: () => [subscribedAccessEvent]},
		{
			file: 'logs-insights-export.json',
			shape: 'filter-log-events-json',
			events: () =>
				EXECUTION_MESSAGES.slice(0, 2).map((message) => ({
					timestamp: 1690374046000,
					message,
					logGroup: EXECUTION_GROUP,
					logStream: STREAM,
					log: 'execution',
				})),
		},
		{
			file: 'aws-logs-tail.txt',
			shape: 'aws-logs-tail',
			events: () => [
				{timestamp: 1690374046000, logStream: STREAM, message: EXECUTION_MESSAGES[0] ?? ''},
				{
					timestamp: 1690374046001,
					logStream: STREAM,
					message: `(${REQUEST}) Endpoint response body before transformations: {\n  "errorMessage": "boom",\n  "errorType": "Error"\n}`,
				},
				{timestamp: 1690374046120, logStream: STREAM, message: EXECUTION_MESSAGES[3] ?? ''},
				{timestamp: 1690374046130, logStream: '0e3c31c1d4ee4d3f9a1e4cc0b0f2a0c7', message: ACCESS_MESSAGE},
			],
		},
		{
			file: 'aws-logs-tail-short.txt',
			shape: 'aws-logs-tail',
			events: () => [
				{timestamp: 1690374046000, message: EXECUTION_MESSAGES[0] ?? ''},
				{
					timestamp: 1690374046000,
					message: `(${REQUEST}) Method request body before transformations: line one\nline two`,
				},
				{timestamp: 1690374047000, message: EXECUTION_MESSAGES[3] ?? ''},
			],
		},
		{
			file: 'aws-logs-tail-json.txt',
			shape: 'aws-logs-tail',
			events: () => [
				{
					timestamp: 1690374046000,
					logStream: '0e3c31c1d4ee4d3f9a1e4cc0b0f2a0c7',
					message: '{"requestId":"Iq9gwFDNoAMFo1A=","eventType":"CONNECT","status":"500"}',
				},
				{timestamp: 1690374046120, logStream: STREAM, message: EXECUTION_MESSAGES[3] ?? ''},
			],
		},
		{
			file: 'plain-execution.txt',
			shape: 'plain',
			events: () => [
				{
					timestamp: 1496685177673,
					message:
						'2017-06-05T17:52:57.673Z (9f7c1f7e-4a0c-11e7-8f8b-5d5d8a3a1c1e) Starting execution for request: 9f7c1f7e-4a0c-11e7-8f8b-5d5d8a3a1c1e',
				},
				{
					timestamp: 1496685177673,
					message: '2017-06-05T17:52:57.673Z (9f7c1f7e-4a0c-11e7-8f8b-5d5d8a3a1c1e) HTTP Method: GET, Resource Path: /pets',
				},
				{timestamp: 1496685177673, message: '(9f7c1f7e-4a0c-11e7-8f8b-5d5d8a3a1c1e) Method completed with status: 200'},
				{
					timestamp: Date.UTC(2022, 3, 23, 9, 37, 47, 70),
					message:
						'2022-04-23T18:37:47.070+09:00\t(0a1b2c3d-0000-4000-8000-000000000001) Execution failed due to a timeout error',
				},
			],
		},
	];

	it.each(cases)('$file -> $shape', async ({file, shape, events}) => {
		const decoded = decodeLogText(await fixtureText(file), file);
		expect(decoded.shape).toBe(shape);
		expect(decoded.events).toEqual(events());
	});

	it('decodes the real REST capture (subscription fields as NDJSON) as execution events', async () => {
		const text = await readFile(join(samplesDir, 'rest-lambda-proxy.jsonl'), 'utf8');
		const {shape, events} = decodeLogText(text, 'rest-lambda-proxy.jsonl');
		expect(shape).toBe('ndjson');
		expect(events).toHaveLength(23);
		expect(events.every((event) => event.log === 'execution' && event.logGroup === 'API-Gateway-Execution-Logs_h733q2j6gb/Prod')).toBe(true);
		expect(events[0]).toEqual({
			timestamp: 1551194973732,
			message: '(515f1e99-39db-11e9-9e96-01e5c04505b9) Extended Request Id: Vts2pH6ArPEFcuQ=',
			logGroup: 'API-Gateway-Execution-Logs_h733q2j6gb/Prod',
			logStream: '37a749d808e46495a8da1e5352d03cae',
			log: 'execution',
		});
	});

	it('decodes the real WebSocket access capture (logGroupName/logStreamName) leaving the log to the core', async () => {
		const text = await readFile(join(samplesDir, 'websocket-access.jsonl'), 'utf8');
		const {events} = decodeLogText(text, 'websocket-access.jsonl');
		expect(events.map((event) => event.timestamp)).toEqual([1690374046000, 1690374044000, 1689783437000]);
		for (const event of events) {
			expect(event.logGroup).toBe(ACCESS_GROUP);
			expect(event.logStream).toBe(STREAM);
			expect(event.log).toBeUndefined();
			expect(JSON.parse(event.message)).toHaveProperty('requestId');
		}
	});
});

describe('decodeLogText: field mapping', () => {
	it.each([
		{field: '"timestamp":1690374046000', timestamp: 1690374046000},
		{field: '"timestamp":"1690374046000"', timestamp: 1690374046000},
		{field: '"timestamp":"2023-07-26T12:20:46.123Z"', timestamp: 1690374046123},
		{field: '"timestamp":"2023-07-26T12:20:46.123456+00:00"', timestamp: 1690374046123},
		{field: '"timestamp":"2023-07-26T14:20:46+02:00"', timestamp: 1690374046000},
		{field: '"timestamp":"2023-07-26 12:20:46"', timestamp: 1690374046000},
		{field: '"timestamp":"yesterday"', timestamp: 5},
		{field: '"timestamp":null', timestamp: 5},
		{field: '"logStream":"s"', timestamp: 5},
	])('timestamp from {$field}', ({field, timestamp}) => {
		const text = `{"timestamp":5,"message":"before"}\n{${field},"message":"m"}\n`;
		expect(decodeLogText(text, 't').events[1]?.timestamp).toBe(timestamp);
	});

	it('gives the first event with no timestamp 0', () => {
		expect(decodeLogText('{"message":"m","logStream":"s"}', 't').events).toEqual([
			{timestamp: 0, message: 'm', logStream: 's'},
		]);
	});

	it('maps logGroupName/logGroup, logStreamName/logStream and eventId/id', () => {
		const text = [
			`{"timestamp":1,"message":"a","logGroupName":"${EXECUTION_GROUP}","logStreamName":"s1","eventId":"e1","ingestionTime":"9"}`,
			'{"timestamp":2,"message":"b","logGroup":"/custom/access","logStream":"s2","id":"e2"}',
		].join('\n');
		expect(decodeLogText(text, 't').events).toEqual([
			{timestamp: 1, message: 'a', logGroup: EXECUTION_GROUP, logStream: 's1', eventId: 'e1', ingestionTime: 9, log: 'execution'},
			{timestamp: 2, message: 'b', logGroup: '/custom/access', logStream: 's2', eventId: 'e2'},
		]);
	});

	it('keeps an access line written in JSON (no event fields) as the message, untouched', () => {
		const lines = [
			'{"requestId":"Iq9gwFDNoAMFo1A=","ip":"1.128.0.0","status":"500"}',
			'{"requestId":"x","message":"Unauthorized","status":"401"}',
		];
		const {shape, events} = decodeLogText(lines.join('\n'), 't');
		expect(shape).toBe('plain');
		expect(events.map((event) => event.message)).toEqual(lines);
	});

	it('shows an item of an event list that is not an event as its JSON text', () => {
		const {events} = decodeLogText('{"events":[{"timestamp":3,"message":"a"},{"foo":1},7]}', 't');
		expect(events).toEqual([
			{timestamp: 3, message: 'a'},
			{timestamp: 3, message: '{"foo":1}'},
			{timestamp: 3, message: '7'},
		]);
	});

	it('yields nothing for a CONTROL_MESSAGE', () => {
		const text = '{"messageType":"CONTROL_MESSAGE","owner":"CloudwatchLogs","logGroup":"","logStream":"","subscriptionFilters":[],"logEvents":[{"id":"","timestamp":1,"message":"CWL CONTROL MESSAGE: Checking health of destination"}]}';
		expect(decodeLogText(text, 't')).toEqual({shape: 'subscription', events: []});
	});

	it('decodes a subscription payload quoted as a JSON string, and Firehose-style concatenated payloads', async () => {
		const base64 = (await fixtureText('subscription.b64')).trim();
		expect(decodeLogText(`"${base64}"`, 't').events).toEqual(subscribedExecutionEvents());
		const payloads = (await fixtureText('subscription.ndjson')).split('\n').join('');
		expect(decodeLogText(payloads, 't').events).toEqual([...subscribedExecutionEvents(), subscribedAccessEvent]);
	});
});

describe('decodeLogText: robustness', () => {
	it('keeps a malformed NDJSON line as a plain event in its place', () => {
		const text = '{"timestamp":1,"message":"a"}\n{"timestamp":2,"message":"b"\n{"timestamp":3,"message":"c"}\n';
		expect(decodeLogText(text, 't')).toEqual({
			shape: 'ndjson',
			events: [
				{timestamp: 1, message: 'a'},
				{timestamp: 1, message: '{"timestamp":2,"message":"b"'},
				{timestamp: 3, message: 'c'},
			],
		});
	});

	it('streams on past a truncated NDJSON line instead of holding what follows until the end', () => {
		const decoder = new LogTextDecoder('t');
		decoder.write('{"timestamp":1,"message":"a"}\n{"timestamp":2,"message":"b"\n{"timestamp":3,"message":"c"}\n');
		expect(decoder.take().map((event) => event.message)).toEqual(['a', '{"timestamp":2,"message":"b"', 'c']);
	});

	it('recovers the lines after a truncated line that looked like the start of a document', () => {
		const text = '{"timestamp":1,"message":"a"}\n{"timestamp":2,"message":{\n{"timestamp":3,"message":"c"}\n{"timestamp":4,"message":"d"}';
		expect(decodeLogText(text, 't').events.map((event) => event.message)).toEqual([
			'a',
			'{"timestamp":2,"message":{',
			'c',
			'd',
		]);
	});

	it('keeps every line of a pretty document that does not parse', () => {
		const text = '{\n  "events": [\n    {"timestamp": 1, "message": "a"},\n  ]\n}\n';
		expect(decodeLogText(text, 't').events.map((event) => event.message)).toEqual([
			'{',
			'  "events": [',
			'    {"timestamp": 1, "message": "a"},',
			'  ]',
			'}',
		]);
	});

	it('gives up on a document at a line that ends inside a string, and reads the next document', () => {
		const text = '{\n  "message": "cut off\n{\n  "timestamp": 2,\n  "message": "b {\\"}"\n}\n';
		expect(decodeLogText(text, 't').events).toEqual([
			{timestamp: 0, message: '{'},
			{timestamp: 0, message: '  "message": "cut off'},
			{timestamp: 2, message: 'b {"}'},
		]);
	});

	it('reads a pretty document followed by NDJSON lines in one input', async () => {
		const text = (await fixtureText('get-log-events.json')) + '{"timestamp":9,"message":"after"}\n';
		const {events} = decodeLogText(text, 't');
		expect(events).toHaveLength(4);
		expect(events[3]).toEqual({timestamp: 9, message: 'after'});
	});

	it('unwraps payloads inside payloads only two levels deep', async () => {
		const wrap = (text: string) => gzipSync(text).toString('base64');
		const payload = await fixtureText('subscription.json');
		const once = wrap(payload);
		const twice = wrap(once);
		expect(decodeLogText(twice, 't').events).toEqual(subscribedExecutionEvents());
		expect(decodeLogText(wrap(twice), 't').events).toEqual([{timestamp: 0, message: once}]);
	});

	it('keeps a gzip payload that would unpack beyond 64 MiB as its text', () => {
		const bomb = gzipSync(Buffer.alloc(65 * 1024 * 1024, 0x61)).toString('base64');
		expect(decodeLogText(bomb, 't').events).toEqual([{timestamp: 0, message: bomb}]);
	});

	it('settles on plain lines when no tail timestamp shows up in the first 64 lines', () => {
		const lines = [...Array.from({length: 64}, (_, index) => `text ${index}`), '2023-07-26T12:20:46 late', 'after'];
		const {shape, events} = decodeLogText(lines.join('\n'), 't');
		expect(shape).toBe('plain');
		expect(events.map((event) => event.message)).toEqual(lines);
	});

	it('keeps base64 that is not gzip as text', () => {
		expect(decodeLogText('H4sIAAAAnotreallygzip==', 't').events).toEqual([
			{timestamp: 0, message: 'H4sIAAAAnotreallygzip=='},
		]);
	});

	it.each([
		{name: 'empty', text: ''},
		{name: 'blank lines only', text: '\n  \r\n\t\n'},
		{name: 'a BOM only', text: '\uFEFF'},
	])('yields nothing for $name input', ({text}) => {
		expect(decodeLogText(text, 't')).toEqual({shape: 'plain', events: []});
	});

	it.each(['subscription.ndjson', 'filter-log-events-pages.json', 'aws-logs-tail.txt', 'plain-execution.txt'])(
		'reads %s with CRLF line ends and a BOM',
		async (file) => {
			const text = await fixtureText(file);
			const windows = '\uFEFF' + text.replaceAll('\n', '\r\n');
			expect(decodeLogText(windows, file)).toEqual(decodeLogText(text, file));
		},
	);

	it.each(['subscription.ndjson', 'filter-log-events-pages.json', 'plain-execution.txt'])(
		'skips blank lines in %s',
		async (file) => {
			const text = await fixtureText(file);
			expect(decodeLogText(text.replaceAll('\n', '\n \n\n'), file)).toEqual(decodeLogText(text, file));
		},
	);

	it('keeps blank lines inside a multi-line tail message, not after it', () => {
		const text = '2023-07-26T12:20:46 first\n\nsecond\n\n\n2023-07-26T12:20:47 next\n\n';
		expect(decodeLogText(text, 't').events.map((event) => event.message)).toEqual(['first\n\nsecond', 'next']);
	});

	it('takes the first lines of cut-off tail output as one event and strips colours', () => {
		const green = '\u001B[32m';
		const cyan = '\u001B[36m';
		const reset = '\u001B[0m';
		const text = [
			'  "errorType": "Error"',
			'',
			'}',
			`${green}2023-07-26T12:20:46.000000+00:00${reset} ${cyan}${STREAM}${reset} (${REQUEST}) Method completed with status: 500`,
		].join('\n');
		expect(decodeLogText(text, 't')).toEqual({
			shape: 'aws-logs-tail',
			events: [
				{timestamp: 0, message: '  "errorType": "Error"\n\n}'},
				{timestamp: 1690374046000, logStream: STREAM, message: `(${REQUEST}) Method completed with status: 500`},
			],
		});
	});

	it('treats text before the first timestamp as plain lines when no tail timestamp follows', () => {
		const lines = ['hello', '2017-06-05T17:52:57.673Z (id) copied line'];
		expect(decodeLogText(lines.join('\n'), 't').events).toEqual([
			{timestamp: 0, message: 'hello'},
			{timestamp: 1496685177673, message: lines[1]},
		]);
	});

	it('never throws and keeps every line of arbitrary text', () => {
		fc.assert(
			fc.property(fc.string({unit: 'binary'}), (text) => {
				const {events} = decodeLogText(text, 't');
				for (const event of events) {
					expect(typeof event.message).toBe('string');
					expect(Number.isFinite(event.timestamp)).toBe(true);
				}
			}),
		);
		fc.assert(
			fc.property(fc.array(fc.stringMatching(/^[a-z(][^\r\n]*$/)), (lines) => {
				const messages = decodeLogText(lines.join('\n'), 't').events.map((event) => event.message);
				expect(messages).toEqual(lines.filter((line) => line.trim() !== ''));
			}),
		);
	});

	it('decodes the same events however the text is split into pieces', async () => {
		const texts = await Promise.all(
			['aws-logs-tail.txt', 'filter-log-events-pages.json', 'subscription.ndjson', 'plain-execution.txt'].map(fixtureText),
		);
		const windows = texts.map((text) => '\uFEFF' + text.replaceAll('\n', '\r\n'));
		fc.assert(
			fc.property(fc.constantFrom(...texts, ...windows), fc.array(fc.nat(), {maxLength: 12}), (text, cuts) => {
				const positions = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
				const decoder = new LogTextDecoder('t');
				let from = 0;
				for (const position of [...positions, text.length]) {
					decoder.write(text.slice(from, position));
					from = position;
				}
				decoder.end();
				expect(decoder.take()).toEqual(decodeLogText(text, 't').events);
			}),
		);
	});
});

describe('readReplayInputs', () => {
	let dir: string;

	beforeEach(async () => {
		dir = await mkdtemp(join(tmpdir(), 'apigw-tail-replay-'));
	});

	afterEach(async () => {
		await rm(dir, {recursive: true, force: true});
	});

	async function collect(
		inputs: ReplayInput[],
		options?: Parameters<typeof readReplayInputs>[1],
	): Promise<{batches: LogEvent[][]; events: LogEvent[]}> {
		const batches: LogEvent[][] = [];
		for await (const batch of readReplayInputs(inputs, options)) batches.push(batch);
		return {batches, events: batches.flat()};
	}

	async function writeInput(name: string, content: string | Buffer): Promise<string> {
		const path = join(dir, name);
		await writeFile(path, content);
		return path;
	}

	function ndjson(count: number): string {
		let text = '';
		for (let index = 0; index < count; index++) {
			text += JSON.stringify({timestamp: 1690374046000 + index, message: `line ${index}`, logStream: STREAM}) + '\n';
		}
		return text;
	}

	it('reads inputs of different shapes together, detecting gzip by its bytes whatever the name', async () => {
		const tail = join(inputsDir, 'aws-logs-tail.txt');
		const gzipped = await writeInput('subscription.log', gzipSync(await fixtureText('subscription.ndjson')));
		const {events} = await collect([{path: join(inputsDir, 'filter-log-events.json')}, {path: tail}, {path: gzipped}]);
		const expected = [
			...filteredEvents(),
			...decodeLogText(await fixtureText('aws-logs-tail.txt'), tail).events,
			...subscribedExecutionEvents(),
			subscribedAccessEvent,
		];
		const byContent = (a: LogEvent, b: LogEvent) => a.timestamp - b.timestamp || (a.message < b.message ? -1 : 1);
		expect([...events].sort(byContent)).toEqual([...expected].sort(byContent));
	});

	it('interleaves several inputs by timestamp, as the two logs of a stage happened', async () => {
		const at = (timestamp: number, message: string) => JSON.stringify({timestamp, message});
		const access = await writeInput('access.jsonl', [at(10, 'a1'), at(30, 'a2'), at(50, 'a3')].join('\n'));
		const execution = await writeInput('execution.jsonl', [at(5, 'e1'), at(10, 'e2'), at(40, 'e3'), at(60, 'e4')].join('\n'));
		const {events} = await collect([{path: access}, {path: execution}], {batchSize: 2});
		expect(events.map((event) => event.message)).toEqual(['e1', 'a1', 'e2', 'a2', 'e3', 'a3', 'e4']);
	});

	it('reads stdin for "-", plain or gzip, written in small pieces', async () => {
		const text = await fixtureText('aws-logs-tail.txt');
		for (const bytes of [Buffer.from(text), gzipSync(text)]) {
			const stdin = new PassThrough();
			const reading = collect([{path: '-'}], {stdin});
			for (let offset = 0; offset < bytes.length; offset += 7) stdin.write(bytes.subarray(offset, offset + 7));
			stdin.end();
			expect((await reading).events).toEqual(decodeLogText(text, 'stdin').events);
		}
	});

	it('reads a UTF-16LE file with a byte order mark (PowerShell redirection)', async () => {
		const text = await fixtureText('plain-execution.txt');
		const path = await writeInput('powershell.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
		expect((await collect([{path}])).events).toEqual(decodeLogText(text, path).events);
	});

	it('streams a large file in full batches with every event present and in order', async () => {
		const count = 25_000;
		const plain = await writeInput('large.jsonl', ndjson(count));
		const gzipped = await writeInput('large.jsonl.gz', gzipSync(ndjson(count)));
		for (const path of [plain, gzipped]) {
			const {batches, events} = await collect([{path}], {batchSize: 1000});
			expect(batches).toHaveLength(25);
			expect(batches.every((batch) => batch.length === 1000)).toBe(true);
			expect(events.map((event) => event.message)).toEqual(Array.from({length: count}, (_, index) => `line ${index}`));
		}
	});

	it('ends a single input with a partial batch, and batches merged inputs as one stream', async () => {
		const first = await writeInput('a.jsonl', ndjson(3));
		const second = await writeInput('b.jsonl', ndjson(2));
		expect((await collect([{path: first}], {batchSize: 2})).batches.map((batch) => batch.length)).toEqual([2, 1]);
		const {batches} = await collect([{path: first}, {path: second}], {batchSize: 2});
		expect(batches.map((batch) => batch.length)).toEqual([2, 2, 1]);
	});

	it('yields nothing for an empty file', async () => {
		const path = await writeInput('empty.log', '');
		expect((await collect([{path}])).batches).toEqual([]);
	});

	it('fails before reading anything when a later input is missing or a directory', async () => {
		const good = join(inputsDir, 'subscription.ndjson');
		const missing = join(dir, 'missing.log');
		const batches: LogEvent[][] = [];
		const read = async (path: string) => {
			for await (const batch of readReplayInputs([{path: good}, {path}])) batches.push(batch);
		};
		await expect(read(missing)).rejects.toThrow(new ReplayInputError(missing, 'no such file'));
		await expect(read(missing)).rejects.toThrow(`cannot read ${missing}: no such file`);
		await mkdir(join(dir, 'logs'));
		await expect(read(join(dir, 'logs'))).rejects.toThrow(`cannot read ${join(dir, 'logs')}: is a directory`);
		expect(batches).toEqual([]);
	});

	it('reports corrupt gzip data', async () => {
		const path = await writeInput('corrupt.gz', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x00, 0x01]));
		const error: unknown = await collect([{path}]).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(ReplayInputError);
		expect((error as Error).message).toMatch(new RegExp(`^cannot read ${path}: corrupt gzip data \\(.+\\)$`));
	});

	it('yields what a truncated gzip file held before reporting it', async () => {
		const whole = gzipSync(ndjson(3000));
		const path = await writeInput('truncated.jsonl.gz', whole.subarray(0, Math.floor(whole.length * 0.8)));
		const batches: LogEvent[][] = [];
		const reading = (async () => {
			for await (const batch of readReplayInputs([{path}])) batches.push(batch);
		})();
		await expect(reading).rejects.toThrow(/^cannot read .*truncated\.jsonl\.gz: corrupt gzip data \(unexpected end of file\)$/);
		const messages = batches.flat().map((event) => event.message);
		expect(messages.length).toBeGreaterThan(1000);
		expect(messages.slice(0, 1000)).toEqual(Array.from({length: 1000}, (_, index) => `line ${index}`));
	});

	// Bytes as an executable or a compressed image has them: deterministic, every value, many NULs.
	function binaryBytes(length: number): Buffer {
		const bytes = Buffer.alloc(length);
		let state = 7;
		for (let index = 0; index < length; index++) {
			state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
			bytes[index] = index % 4 === 0 ? 0 : state >> 23;
		}
		return bytes;
	}

	it('refuses binary data, plain or gzip, file or stdin, before yielding anything', async () => {
		const elf = Buffer.concat([Buffer.from('\u007FELF\u0002\u0001\u0001'), binaryBytes(100_000)]);
		const file = await writeInput('program', elf);
		const gzipped = await writeInput('image.gz', gzipSync(binaryBytes(5000)));
		for (const path of [file, gzipped]) {
			const batches: LogEvent[][] = [];
			const reading = (async () => {
				for await (const batch of readReplayInputs([{path}])) batches.push(batch);
			})();
			await expect(reading).rejects.toThrow(new ReplayInputError(path, 'binary data, not log text'));
			expect(batches).toEqual([]);
		}

		const stdin = new PassThrough();
		stdin.end(binaryBytes(30));
		await expect(collect([{path: '-'}], {stdin})).rejects.toThrow(new ReplayInputError('stdin', 'binary data, not log text'));
	});

	it('reads text with a few control characters and invalid bytes, keeping those lines', async () => {
		const lines = Array.from({length: 40}, (_, index) => `(Iq9gwFDNoAMFo1A=) Method request body before transformations: line ${index}`);
		const bad = Buffer.concat([Buffer.from('(Iq9gwFDNoAMFo1A=) body \u0000\u0007\b'), Buffer.from([0x9b, 0xff, 0xfe, 0xc0, 0x80]), Buffer.from(' end\n')]);
		const path = await writeInput('mostly-text.log', Buffer.concat([bad, Buffer.from(lines.join('\n'))]));
		const {events} = await collect([{path}]);
		expect(events).toHaveLength(41);
		expect(events[0]!.message).toMatch(/^\(Iq9gwFDNoAMFo1A=\) body \u0000.*\uFFFD.* end$/);
	});

	it('reports a failing stdin as one line', async () => {
		const stdin = new PassThrough();
		const reading = collect([{path: '-'}], {stdin});
		stdin.write('first line\n');
		stdin.destroy(new Error('read failed\nwith detail'));
		await expect(reading).rejects.toThrow(new ReplayInputError('stdin', 'read failed'));
	});

	it('releases the input when the reader stops early', async () => {
		const stdin = new PassThrough();
		stdin.end(ndjson(5000));
		for await (const batch of readReplayInputs([{path: '-'}], {stdin})) {
			expect(batch).toHaveLength(1000);
			break;
		}
		expect(stdin.destroyed).toBe(true);
	});
});

describe('describeReadError', () => {
	it.each([
		{code: 'ENOENT', reason: 'no such file'},
		{code: 'EISDIR', reason: 'is a directory'},
		{code: 'EACCES', reason: 'permission denied'},
		{code: 'EPERM', reason: 'permission denied'},
		{code: 'Z_DATA_ERROR', reason: 'corrupt gzip data (incorrect header check)'},
		{code: 'EWEIRD', reason: 'incorrect header check'},
	])('$code -> $reason', ({code, reason}) => {
		expect(describeReadError(Object.assign(new Error('incorrect header check\nsecond line'), {code}))).toBe(reason);
	});
});
