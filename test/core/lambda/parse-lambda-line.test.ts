import {describe, expect, it} from 'vitest';
import {looksLikeLambdaLine, parseLambdaLine} from '../../../source/core/lambda/parse-lambda-line.js';
import {loadEvents} from '../../helpers/fixtures.js';

const nodeText = loadEvents('lambda/node-text.jsonl');
const nodeJson = loadEvents('lambda/node-json.jsonl');
const python = loadEvents('lambda/python-text.jsonl');

function parsed(events: typeof nodeText, index: number) {
	return parseLambdaLine(events[index]!.message);
}

describe('Lambda Text format, platform lines', () => {
	it('reads INIT_START, START and END', () => {
		expect(parsed(nodeText, 0)).toMatchObject({kind: 'init-start'});
		expect(parsed(nodeText, 1)).toEqual({kind: 'start', requestId: '0f0c2b1e-8d7a-4a43-9d4e-2c1b7a6f5e01', functionName: undefined});
		expect(parsed(nodeText, 4)).toEqual({kind: 'end', requestId: '0f0c2b1e-8d7a-4a43-9d4e-2c1b7a6f5e01'});
	});

	it('reads a cold REPORT with its Init Duration', () => {
		expect(parsed(nodeText, 5)).toEqual({
			kind: 'report',
			requestId: '0f0c2b1e-8d7a-4a43-9d4e-2c1b7a6f5e01',
			report: {durationMs: 14.27, billedMs: 15, memoryMB: 128, maxMemoryMB: 71, initMs: 164.35, status: undefined, errorType: undefined},
		});
	});

	it('reads the timeout line and a REPORT with Status: timeout', () => {
		expect(parsed(nodeText, 9)).toEqual({kind: 'timeout', requestId: '5a7f3c2e-1b4d-4e8f-9a0b-c1d2e3f4a5b6', seconds: 30.03});
		expect(parsed(nodeText, 11)).toMatchObject({report: {status: 'timeout', initMs: 812.44, durationMs: 30_030}});
	});

	it('reads an out-of-memory REPORT and the runtime exit line', () => {
		expect(parsed(nodeText, 15)).toMatchObject({report: {status: 'error', errorType: 'Runtime.OutOfMemory', maxMemoryMB: 256}});
		expect(parsed(nodeText, 16)).toEqual({
			kind: 'runtime-exit',
			requestId: '7d1e9f3a-2c4b-4d6e-8f0a-1b2c3d4e5f60',
			message: 'Runtime exited with error: signal: killed',
		});
	});
});

describe('Node.js runtime lines', () => {
	it('reads TIME ID LEVEL message', () => {
		expect(parsed(nodeText, 2)).toEqual({
			kind: 'app',
			requestId: '0f0c2b1e-8d7a-4a43-9d4e-2c1b7a6f5e01',
			level: 'INFO',
			message: 'authorizing connection with token ****',
			error: undefined,
		});
	});

	it('reads Invoke Error with its JSON error and stack', () => {
		const line = parsed(nodeText, 3);
		expect(line).toMatchObject({kind: 'app', level: 'ERROR', error: {type: 'Error', message: 'Unauthorized'}});
		expect(line.kind === 'app' && line.error?.stack[1]).toBe('    at Runtime.handler (file:///var/task/index.mjs:9:11)');
	});

	it('reads the `trace` key newer runtimes write, and keeps an unreadable error as text', () => {
		const trace = parseLambdaLine('2026-12-05T11:30:00.000Z\tid-1\tERROR\tInvoke Error \t{"errorType":"Error","errorMessage":"boom","trace":["Error: boom","    at x (index.mjs:3:9)"]}');
		expect(trace).toMatchObject({error: {type: 'Error', message: 'boom', stack: ['Error: boom', '    at x (index.mjs:3:9)']}});
		const broken = parseLambdaLine('2026-12-05T11:30:00.000Z\tid-1\tERROR\tInvoke Error \t{"errorType":');
		expect(broken).toMatchObject({kind: 'app', requestId: 'id-1', error: undefined, message: 'Invoke Error \t{"errorType":'});
	});
});

describe('Python runtime lines', () => {
	it('reads [LEVEL] TIME ID message', () => {
		expect(parsed(python, 2)).toEqual({
			kind: 'app',
			requestId: 'c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e6f',
			level: 'INFO',
			message: 'removing connection L2mXwdEBoAMCJbQ=',
			error: undefined,
		});
	});

	it('keeps print() output as an id-less line', () => {
		expect(parsed(python, 3)).toEqual({kind: 'app', requestId: undefined, level: null, message: 'deleted 1 item', error: undefined});
	});

	it('reads an unhandled exception as one id-less event with its traceback', () => {
		const line = parsed(python, 8);
		expect(line).toMatchObject({kind: 'app', requestId: undefined, level: 'ERROR', error: {type: 'KeyError', message: "'room'"}});
		expect(line.kind === 'app' && line.error?.stack).toEqual([
			'Traceback (most recent call last):',
			'  File "/var/task/app.py", line 14, in handler',
			"    room = item['room']",
		]);
	});
});

describe('JSON log format', () => {
	it('reads platform.initStart, platform.start (function from its ARN) and platform.runtimeDone', () => {
		expect(parsed(nodeJson, 0)).toEqual({kind: 'init-start', requestId: undefined, functionName: 'chat-sendmessage'});
		expect(parsed(nodeJson, 1)).toEqual({kind: 'start', requestId: '79b5e81f-4c2a-4e1b-9d3c-5a6b7c8d9e0f', functionName: 'chat-sendmessage'});
		expect(parsed(nodeJson, 4)).toEqual({kind: 'runtime-done', requestId: '79b5e81f-4c2a-4e1b-9d3c-5a6b7c8d9e0f', status: 'error'});
	});

	it('reads platform.report metrics and status', () => {
		expect(parsed(nodeJson, 5)).toEqual({
			kind: 'report',
			requestId: '79b5e81f-4c2a-4e1b-9d3c-5a6b7c8d9e0f',
			report: {durationMs: 18.43, billedMs: 482, memoryMB: 256, maxMemoryMB: 93, initMs: 463.512, status: 'error', errorType: 'TypeError'},
		});
	});

	it('reads application records, with their error', () => {
		expect(parsed(nodeJson, 2)).toEqual({
			kind: 'app',
			requestId: '79b5e81f-4c2a-4e1b-9d3c-5a6b7c8d9e0f',
			level: 'INFO',
			message: 'broadcasting to 3 connections',
			error: undefined,
		});
		expect(parsed(nodeJson, 3)).toMatchObject({error: {type: 'TypeError', message: "Cannot read properties of undefined (reading 'text')"}});
	});

	it('keeps records missing the usual fields, and text that is no JSON, as lines', () => {
		expect(parsed(nodeJson, 6 + 2)).toMatchObject({kind: 'app', requestId: '8a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', level: null});
		expect(parsed(nodeJson, 9)).toEqual({kind: 'app', requestId: undefined, level: null, message: 'not json at all, {half', error: undefined});
	});
});

describe('looksLikeLambdaLine (events of no known group)', () => {
	it('knows every id-carrying shape of the fixtures', () => {
		for (const event of [...nodeText, ...nodeJson.slice(0, 8), ...python]) {
			const line = parseLambdaLine(event.message);
			if (line.requestId !== undefined || line.kind === 'init-start') expect(looksLikeLambdaLine(event.message), event.message).toBe(true);
		}
	});

	it('does not take access lines or execution lines for Lambda lines', () => {
		expect(looksLikeLambdaLine('{"requestId":"Aa1=","routeKey":"$connect","status":"200"}')).toBe(false);
		expect(looksLikeLambdaLine('{"requestId":"Aa1=","level":"x","status":"200"}')).toBe(false);
		expect(looksLikeLambdaLine('(Aa1=) Method completed with status: 200')).toBe(false);
	});
});
