// A handler that writes to a connection after it closed (PostToConnection -> GoneException) is told on
// the connection it wrote to, whatever order the lines arrive in: the target's timeline names the writer.
import {describe, expect, it} from 'vitest';
import {DEFAULT_LIMITS, Engine} from '../../source/core/engine.js';
import type {ConnectionView} from '../../source/core/connection-timeline.js';
import {compileAccessFormat} from '../../source/core/parse/access-format.js';
import type {LogEvent} from '../../source/core/types.js';
import {toNdjsonLine} from '../../source/output/ndjson.js';
import {goneWritesText} from '../../source/presentation/gone-writes.js';

const ACCESS = '/aws/apigateway/chat-access';
const accessFormat = compileAccessFormat(
	'{"requestId":"$context.requestId","eventType":"$context.eventType","routeKey":"$context.routeKey","status":"$context.status","connectionId":"$context.connectionId","integrationRequestId":"$context.integration.requestId"}',
);
const T0 = 1_764_934_200_000;
const TARGET = 'Tt1targetconn00=';
const SENDER = 'Ss1senderconn00=';
const LAMBDA_ID = '5e1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const STREAM = '2026/12/05/[$LATEST]3c4d5e6f7a8b49c0d1e2f3a4b5c6d7e8';

function access(time: number, requestId: string, connectionId: string, eventType: string, routeKey: string, integrationRequestId = '-'): LogEvent {
	const message = JSON.stringify({requestId, eventType, routeKey, status: '200', connectionId, integrationRequestId});
	return {logGroup: ACCESS, logStream: 'acc', timestamp: time, message};
}

function lambda(time: number, record: object): LogEvent {
	return {logGroup: '/aws/lambda/chat-sendmessage', logStream: STREAM, timestamp: time, message: JSON.stringify(record)};
}

const iso = (time: number) => new Date(time).toISOString();
const EVENTS: LogEvent[] = [
	access(T0, 'Aa1connect00000=', TARGET, 'CONNECT', '$connect'),
	access(T0 + 1000, 'Aa2disconnect00=', TARGET, 'DISCONNECT', '$disconnect'),
	access(T0 + 2000, 'Bb1connect00000=', SENDER, 'CONNECT', '$connect'),
	access(T0 + 3000, 'Bb2message00000=', SENDER, 'MESSAGE', 'sendmessage', LAMBDA_ID),
	lambda(T0 + 3001, {time: iso(T0 + 3001), type: 'platform.start', record: {requestId: LAMBDA_ID, version: '$LATEST'}}),
	lambda(T0 + 3002, {timestamp: iso(T0 + 3002), level: 'WARN', requestId: LAMBDA_ID, message: `PostToConnection failed: GoneException: connection ${TARGET} is gone (410)`}),
	lambda(T0 + 3010, {time: iso(T0 + 3010), type: 'platform.report', record: {requestId: LAMBDA_ID, metrics: {durationMs: 9.8, billedDurationMs: 10, memorySizeMB: 256, maxMemoryUsedMB: 94}, status: 'success'}}),
];

/** Every connection's last revision, with the revisions counted, for events given in this order and batching. */
function run(events: LogEvent[], batch: number): {last: Map<string, ConnectionView>; revisions: Map<string, number>} {
	const engine = new Engine({...DEFAULT_LIMITS, settleMs: 1000, accessParser: accessFormat, accessLogGroups: new Set([ACCESS])});
	const last = new Map<string, ConnectionView>();
	const revisions = new Map<string, number>();
	const outputs = [];
	for (let index = 0; index < events.length; index += batch) outputs.push(...engine.ingest(events.slice(index, index + batch)));
	outputs.push(...engine.finish());
	for (const output of outputs) {
		if (output.type !== 'connection') continue;
		last.set(output.connection.connectionId, output.connection);
		revisions.set(output.connection.connectionId, output.revision);
	}

	return {last, revisions};
}

describe('writes to a connection after it closed', () => {
	const expected = [{targetConnectionId: TARGET, requestId: 'Bb2message00000=', connectionId: SENDER, function: 'chat-sendmessage', time: T0 + 3002}];

	it('are told on the connection written to, not only on the writer', () => {
		const {last} = run(EVENTS, EVENTS.length);
		expect(last.get(TARGET)!.goneWrites).toEqual(expected);
		expect(last.get(SENDER)!.goneWrites).toEqual([]);
		expect(goneWritesText(last.get(TARGET)!.goneWrites)).toBe(`written to after it closed: chat-sendmessage for ${SENDER} got GoneException (410)`);
	});

	it('are the same in any arrival order, with the target printed again when it was printed before the write', () => {
		const orders = [EVENTS, [...EVENTS].reverse(), [...EVENTS.slice(2), ...EVENTS.slice(0, 2)], [EVENTS[4]!, EVENTS[5]!, EVENTS[6]!, EVENTS[3]!, EVENTS[2]!, EVENTS[1]!, EVENTS[0]!]];
		for (const order of orders) {
			for (const batch of [1, 2, order.length]) expect(run(order, batch).last.get(TARGET)!.goneWrites).toEqual(expected);
		}

		// One line at a time in time order: the target closes and settles before the write is logged.
		const {revisions} = run(
			EVENTS.map((event, index) => ({...event, timestamp: event.timestamp + (index >= 2 ? 60_000 : 0)})),
			1,
		);
		expect(revisions.get(TARGET)).toBeGreaterThan(0);
	});

	it('reach NDJSON as the connection goneWrites field', () => {
		const {last} = run(EVENTS, EVENTS.length);
		expect(JSON.parse(toNdjsonLine({type: 'connection', connection: last.get(TARGET)!, revision: 0}))['goneWrites']).toEqual([{requestId: 'Bb2message00000=', connectionId: SENDER, function: 'chat-sendmessage', time: iso(T0 + 3002)}]);
	});
});
