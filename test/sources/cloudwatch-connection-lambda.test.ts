// `--connection` and Lambda groups: the Lambda request ids the connection's access lines
// (`$context.integration.requestId`, `$context.authorizer.requestId`) and execution lines
// (`Lambda request id:`) name become the filter pattern of each Lambda group, so only the
// connection's invocations come back (real SDK against the emulator, the real access parser).

import {afterEach, expect, it} from 'vitest';
import {compileAccessFormat} from '../../source/core/parse/access-format.js';
import {lambdaRequestIdReader} from '../../source/modes/lambda-request-ids.js';
import {ACCESS, BOTH_GROUPS, EventWriter, EXECUTION, recordingClients, startEmulator, startTail, stopEverythingStarted, tailedGroup} from './cloudwatch-harness.js';

afterEach(stopEverythingStarted);

const FORMAT =
	'{"requestId":"$context.requestId","connectionId":"$context.connectionId","eventType":"$context.eventType","status":"$context.status","integrationRequestId":"$context.integration.requestId","authorizerRequestId":"$context.authorizer.requestId"}';
const LAMBDA = '/aws/lambda/chat-sendmessage';
const STREAM = '2026/11/21/[$LATEST]e6f4a0c4d1b2';
const MINE = 'L0SM9cOFvHcCIhw=';
const OTHER = 'K9xQ2aBcDeFgHiJ=';
const id = (n: number): string => `${String(n).padStart(8, '0')}-1111-4a2b-9c3d-0e1f2a3b4c5d`;

it("reads only the invocations the connection's lines name from the Lambda groups", async () => {
	const emulator = await startEmulator();
	emulator.logs.ensureLogStream(LAMBDA, STREAM);
	const writer = new EventWriter(emulator);
	const at = Date.now() - 5000;
	const access = (connectionId: string, requestId: string, integration: string, authorizer: string, offset: number): void => {
		writer.write(ACCESS, 'access-a', 1, {
			timestamp: at + offset,
			message: () => JSON.stringify({requestId, connectionId, eventType: 'MESSAGE', status: '200', integrationRequestId: integration, authorizerRequestId: authorizer}),
		});
	};
	const invocation = (lambdaId: string, offset: number): void => {
		writer.write(LAMBDA, STREAM, 1, {timestamp: at + offset, message: () => `START RequestId: ${lambdaId} Version: $LATEST\n`});
		writer.write(LAMBDA, STREAM, 1, {timestamp: at + offset + 1, message: () => `${new Date(at).toISOString()}\t${lambdaId}\tINFO\tsending\n`});
		writer.write(LAMBDA, STREAM, 1, {timestamp: at + offset + 2, message: () => `REPORT RequestId: ${lambdaId}\tDuration: 12.5 ms\tBilled Duration: 13 ms\tMemory Size: 256 MB\tMax Memory Used: 80 MB\t\n`});
	};
	access(MINE, 'rid-mine-1', id(1), id(2), 0);
	writer.write(EXECUTION, 'exec-a', 1, {timestamp: at + 10, message: () => `(rid-mine-1) Lambda execution failed with status 200 due to customer function error: boom. Lambda request id: ${id(3)}`});
	access(MINE, 'rid-mine-1', '-', '-', 11);
	access(OTHER, 'rid-other-1', id(9), '-', 20);
	for (const [n, offset] of [[1, 30], [2, 40], [3, 50], [9, 60]] as const) invocation(id(n), offset);

	const {inputs, ...clients} = recordingClients(emulator.endpoint);
	const parser = compileAccessFormat(FORMAT);
	const run = startTail(emulator, {
		...clients,
		groups: [...BOTH_GROUPS, tailedGroup(LAMBDA, 'lambda')],
		follow: false,
		connection: {
			connectionId: MINE,
			requestIdOf: (event) => {
				const result = parser.parse(event.message);
				return result.ok ? result.fields['requestId'] : undefined;
			},
			lambdaRequestIdsOf: lambdaRequestIdReader(parser),
		},
	});
	await run.done;

	const lambdaLines = run.events.filter((event) => event.logGroup === LAMBDA);
	expect(lambdaLines).toHaveLength(9);
	expect(lambdaLines.every((event) => event.log === 'lambda')).toBe(true);
	expect(lambdaLines.some((event) => event.message.includes(id(9)))).toBe(false);
	const lambdaInputs = inputs.filter((input) => input.logGroupName === LAMBDA);
	expect(lambdaInputs.map((input) => input.filterPattern)).toEqual([`?"${id(1)}" ?"${id(2)}" ?"${id(3)}"`]);
});
