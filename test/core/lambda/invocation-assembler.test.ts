import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {InvocationAssembler} from '../../../source/core/lambda/invocation-assembler.js';
import {lambdaFunctionOfGroup} from '../../../source/core/lambda/lambda-log-group.js';
import {parseLambdaLine} from '../../../source/core/lambda/parse-lambda-line.js';
import type {LogEvent} from '../../../source/core/types.js';
import {loadEvents} from '../../helpers/fixtures.js';

const customGroups = new Map([['/chat-demo/functions', 'chat-default']]);
const all = [...loadEvents('lambda/node-text.jsonl'), ...loadEvents('lambda/node-json.jsonl'), ...loadEvents('lambda/python-text.jsonl')];

function assemble(events: LogEvent[]): InvocationAssembler {
	const assembler = new InvocationAssembler(1000);
	for (const event of events) {
		assembler.add(parseLambdaLine(event.message), event, lambdaFunctionOfGroup(event.logGroup, customGroups)!);
	}

	return assembler;
}

const ids = {
	authorizer: '0f0c2b1e-8d7a-4a43-9d4e-2c1b7a6f5e01',
	timeout: '5a7f3c2e-1b4d-4e8f-9a0b-c1d2e3f4a5b6',
	outOfMemory: '7d1e9f3a-2c4b-4d6e-8f0a-1b2c3d4e5f60',
	sendThrew: '79b5e81f-4c2a-4e1b-9d3c-5a6b7c8d9e0f',
	sendOk: '8a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
	disconnect: 'c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e6f',
	disconnectThrew: 'd3e4f5a6-b7c8-4d9e-8f0a-2b3c4d5e6f70',
	custom: 'e4f5a6b7-c8d9-4e0f-9a1b-3c4d5e6f7a81',
};

describe('InvocationAssembler', () => {
	const assembler = assemble(all);

	it('assembles a cold Node.js invocation that threw', () => {
		expect(assembler.view(ids.authorizer, 'authorizer')).toMatchObject({
			role: 'authorizer',
			function: 'chat-authorizer',
			logGroup: '/aws/lambda/chat-authorizer',
			outcome: 'error',
			coldStart: true,
			initMs: 164.35,
			durationMs: 14.27,
			billedMs: 15,
			memoryMB: 128,
			maxMemoryMB: 71,
			error: {type: 'Error', message: 'Unauthorized'},
		});
		expect(assembler.view(ids.authorizer, null)!.lines.map((line) => line.level)).toEqual(['INFO', 'ERROR']);
	});

	it('reads a timeout, and an out-of-memory crash as a failure', () => {
		expect(assembler.view(ids.timeout, null)).toMatchObject({outcome: 'timeout', coldStart: true, initMs: 812.44, error: null});
		expect(assembler.view(ids.outOfMemory, null)).toMatchObject({
			outcome: 'failure',
			coldStart: false,
			maxMemoryMB: 256,
			error: {type: 'Runtime.OutOfMemory', message: 'Runtime exited with error: signal: killed'},
		});
	});

	it('assembles the JSON log format, keeping records without the usual fields', () => {
		expect(assembler.view(ids.sendThrew, 'integration')).toMatchObject({
			function: 'chat-sendmessage',
			outcome: 'error',
			coldStart: true,
			initMs: 463.512,
			error: {type: 'TypeError', stack: expect.arrayContaining(['    at Runtime.handler (file:///var/task/index.mjs:21:34)'])},
		});
		const ok = assembler.view(ids.sendOk, null)!;
		expect(ok.outcome).toBe('success');
		expect(ok.lines.map((line) => line.message)).toEqual([
			'PostToConnection failed: GoneException: connection L2mXwdEBoAMCJbQ= is gone (410)',
			'{"msg":"pino-style record without the runtime\'s keys","requestId":"8a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"}',
			'not json at all, {half',
		]);
	});

	it('gives id-less lines (print(), a traceback) to the invocation running on their stream', () => {
		expect(assembler.view(ids.disconnect, null)!.lines.map((line) => line.message)).toEqual([
			'removing connection L2mXwdEBoAMCJbQ=',
			'deleted 1 item',
		]);
		const threw = assembler.view(ids.disconnectThrew, null)!;
		expect(threw).toMatchObject({outcome: 'error', error: {type: 'KeyError', message: "'room'"}});
		expect(threw.lines).toHaveLength(2);
		expect(threw.lines[0]).toEqual({time: 1_764_934_206_001, level: null, message: 'looking up room for connection'});
	});

	it('names a custom group\'s function from the caller\'s map', () => {
		expect(assembler.view(ids.custom, null)).toMatchObject({function: 'chat-default', logGroup: '/chat-demo/functions', outcome: 'success'});
	});

	it('gives the same invocations for any arrival order', () => {
		const expected = Object.values(ids).map((id) => assembler.view(id, null));
		fc.assert(
			fc.property(fc.shuffledSubarray(all, {minLength: all.length}), (shuffled) => {
				const again = assemble(shuffled);
				expect(Object.values(ids).map((id) => again.view(id, null))).toEqual(expected);
			}),
		);
	});

	it('leaves lines before the first START of a stream unowned, and ignores a repeated event', () => {
		const stray = {timestamp: 5, message: 'before anything', logGroup: '/aws/lambda/x', logStream: 's'};
		const subject = assemble([stray, stray]);
		expect(subject.takeUnowned()).toEqual([{line: {time: 5, level: null, message: 'before anything', error: undefined}, logGroup: '/aws/lambda/x', logStream: 's'}]);
	});
});
