// Lambda invocations as the join hands them over on a request (source/core/lambda/types.ts), shaped after
// the demo chat API's functions and real Lambda logs (reference/lambda-logs.md), built by hand for exact
// expectations.

import type {Invocation} from '../../source/core/lambda/types.js';
import type {LiveModel} from '../../source/ui/model/live-model.js';
import {failure, modelWith, T0, wsRequest} from './model-fixtures.js';

export function invocation(fields: Partial<Invocation> = {}): Invocation {
	const firstTimestamp = fields.firstTimestamp ?? T0 + 15;
	return {
		role: 'integration',
		function: 'chat-sendmessage',
		logGroup: '/aws/lambda/chat-sendmessage',
		requestId: '79b5e81f-2c4e-4d7e-9a3b-6f1c0e8d2a11',
		outcome: 'success',
		coldStart: false,
		initMs: null,
		durationMs: 128.83,
		billedMs: 129,
		memoryMB: 128,
		maxMemoryMB: 74,
		error: null,
		lines: [],
		lastTimestamp: firstTimestamp + 130,
		...fields,
		firstTimestamp,
	};
}

/** chat-sendmessage on a cold start, throwing a TypeError with a Node stack, after logging what it got. */
export function threwOnColdStart(fields: Partial<Invocation> = {}): Invocation {
	return invocation({
		outcome: 'error',
		coldStart: true,
		initMs: 812.4,
		durationMs: 1233.96,
		billedMs: 1234,
		memoryMB: 256,
		maxMemoryMB: 123,
		error: {
			type: 'TypeError',
			message: "Cannot read properties of undefined (reading 'text')",
			stack: [
				"TypeError: Cannot read properties of undefined (reading 'text')",
				'    at Runtime.handler (file:///var/task/index.mjs:21:37)',
				'    at Runtime.handleOnceNonStreaming (file:///var/runtime/index.mjs:1173:29)',
				'    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
			],
		},
		lines: [
			{time: T0 + 840, level: 'INFO', message: 'received {"action":"sendmessage","room":"lobby"}'},
			{time: T0 + 2061, level: 'ERROR', message: 'Invoke Error'},
		],
		firstTimestamp: T0 + 20,
		lastTimestamp: T0 + 2070,
		...fields,
	});
}

/** chat-authorizer allowing the $connect. */
export function authorizerAllowed(fields: Partial<Invocation> = {}): Invocation {
	return invocation({
		role: 'authorizer',
		function: 'chat-authorizer',
		logGroup: '/aws/lambda/chat-authorizer',
		requestId: 'c793869b-ee49-115b-a5b6-4fd21e8dedac',
		durationMs: 3.41,
		billedMs: 4,
		lines: [{time: T0 + 4, level: 'INFO', message: 'allow user-17'}],
		firstTimestamp: T0 + 2,
		lastTimestamp: T0 + 6,
		...fields,
	});
}

/** chat-sendmessage running into its 30 s timeout. */
export function timedOut(fields: Partial<Invocation> = {}): Invocation {
	return invocation({
		outcome: 'timeout',
		durationMs: 30_030.41,
		billedMs: 30_000,
		lines: [{time: T0 + 100, level: null, message: 'broadcasting to 4,000 connections'}],
		...fields,
	});
}

export const CONNECTION = 'L0SM9cOFvHcCIhw=';

/** One connection: a $connect its authorizer let through, then a message whose integration threw on a cold start. */
export function modelWithInvocations(message: Invocation[] = [threwOnColdStart()]): LiveModel {
	return modelWith([
		wsRequest('connect-1', CONNECTION, 0, 'CONNECT', {invocations: [authorizerAllowed()]}),
		wsRequest('message-1', CONNECTION, 2, 'MESSAGE', {
			status: 502,
			errors: [failure('integration', 'chat-sendmessage threw TypeError', 'Invoke Error')],
			invocations: message.map((each) => ({...each, firstTimestamp: each.firstTimestamp + 2000, lines: each.lines.map((line) => ({...line, time: line.time + 2000}))})),
		}),
	]);
}
