// How requests' Lambda invocations, and invocations no request named, are printed.
import {describe, expect, it} from 'vitest';
import type {Invocation} from '../source/core/lambda/types.js';
import type {RequestView} from '../source/core/types.js';
import {toNdjsonLine} from '../source/output/ndjson.js';
import {TextPrinter} from '../source/output/text.js';

const time = Date.UTC(2026, 11, 5, 11, 30);
const invocation: Invocation = {
	role: 'integration',
	function: 'chat-sendmessage',
	logGroup: '/aws/lambda/chat-sendmessage',
	requestId: '79b5e81f-4c2a-4e1b-9d3c-5a6b7c8d9e0f',
	outcome: 'error',
	coldStart: true,
	initMs: 463.512,
	durationMs: 18.43,
	billedMs: 482,
	memoryMB: 256,
	maxMemoryMB: 93,
	error: {type: 'TypeError', message: 'Cannot read properties of undefined (reading \'text\')\u001b[2J', stack: ['TypeError: x', '    at handler (index.mjs:21:34)']},
	lines: [{time: time + 5, level: 'ERROR', message: 'Invoke Error'}],
	firstTimestamp: time,
	lastTimestamp: time + 20,
};
const request: RequestView = {
	requestId: 'Dd4sendmessage00=',
	aliases: [],
	connectionId: 'L2mXwdEBoAMCJbQ=',
	eventType: 'MESSAGE',
	routeKey: 'sendmessage',
	status: 502,
	firstTimestamp: time,
	lastTimestamp: time,
	integrationLatencyMs: 20,
	access: null,
	accessGuessed: false,
	invocations: [invocation],
	execution: [],
	errors: [],
	apiId: undefined,
	stage: undefined,
};

describe('NDJSON invocations', () => {
	it('a request carries its invocations in the documented schema, times as ISO strings', () => {
		const json = JSON.parse(toNdjsonLine({type: 'request', request, revision: 0, partial: false})) as {invocations: unknown[]};
		const {firstTimestamp, lastTimestamp, ...fields} = invocation;
		expect(json.invocations).toEqual([{...fields, lines: [{time: '2026-12-05T11:30:00.005Z', level: 'ERROR', message: 'Invoke Error'}]}]);
	});

	it('an invocation no request named is a line of its own with role null', () => {
		const line = toNdjsonLine({type: 'invocation', invocation: {...invocation, role: null}, revision: 0});
		expect(Object.keys(JSON.parse(line) as object)).toEqual([
			'type', 'revision', 'role', 'function', 'logGroup', 'requestId', 'outcome', 'coldStart', 'initMs', 'durationMs',
			'billedMs', 'memoryMB', 'maxMemoryMB', 'error', 'lines',
		]);
		expect(JSON.parse(line)).toMatchObject({type: 'invocation', role: null});
	});
});

describe('text invocations', () => {
	it('shows each invocation under its request, sanitized', () => {
		const printer = new TextPrinter({colour: false, timezone: 'utc', apiType: 'WEBSOCKET'});
		const lines = printer.format({type: 'request', request, revision: 0, partial: false}).slice(1);
		expect(lines[1]).toBe(
			"              ↳ integration chat-sendmessage  error  18.43ms (billed 482ms)  cold start 464ms  memory 93/256MB · TypeError: Cannot read properties of undefined (reading 'text')  79b5e81f-4c2a-4e1b-9d3c-5a6b7c8d9e0f",
		);
	});

	it('prints a lone invocation as one line', () => {
		const printer = new TextPrinter({colour: false, timezone: 'utc'});
		const lines = printer.format({type: 'invocation', invocation: {...invocation, role: null, error: null, outcome: 'success', coldStart: false}, revision: 0});
		expect(lines.at(-1)).toBe('11:30:00.000  λ invocation chat-sendmessage  success  18.43ms (billed 482ms)  memory 93/256MB  79b5e81f-4c2a-4e1b-9d3c-5a6b7c8d9e0f');
	});
});
