import {describe, expect, it} from 'vitest';
import {dropOldest} from '../../../source/core/bounded-map.js';
import {DEFAULT_LIMITS, Engine, type EngineOutput} from '../../../source/core/engine.js';
import {InvocationJoin} from '../../../source/core/lambda/invocation-join.js';
import {parseLambdaLine} from '../../../source/core/lambda/parse-lambda-line.js';
import {compileAccessFormat} from '../../../source/core/parse/access-format.js';
import type {LogEvent} from '../../../source/core/types.js';

// One function, one execution environment (log stream): invocations run on it one after the other.
const group = '/aws/lambda/chat-sendmessage';
const stream = '2024/01/15/[$LATEST]0123456789abcdef0123456789abcdef';
const accessGroup = '/aws/apigateway/chat-access';
const t0 = Date.parse('2024-01-15T12:00:00.000Z');
const accessFormat = compileAccessFormat(
	'{"requestId":"$context.requestId","eventType":"$context.eventType","routeKey":"$context.routeKey","status":"$context.status","connectionId":"$context.connectionId","integrationRequestId":"$context.integration.requestId"}',
);

const lambdaEvent = (offset: number, message: string): LogEvent => ({logGroup: group, logStream: stream, timestamp: t0 + offset, message});
const start = (id: string, offset: number) => lambdaEvent(offset, `START RequestId: ${id} Version: $LATEST\n`);
const end = (id: string, offset: number) => lambdaEvent(offset, `END RequestId: ${id}\n`);
const report = (id: string, offset: number) =>
	lambdaEvent(offset, `REPORT RequestId: ${id}\tDuration: 20.00 ms\tBilled Duration: 20 ms\tMemory Size: 128 MB\tMax Memory Used: 70 MB\t\n`);
const printed = (offset: number, text: string) => lambdaEvent(offset, `${text}\n`);
const access = (requestId: string, lambdaId: string, offset: number): LogEvent => ({
	logGroup: accessGroup,
	logStream: 'access',
	timestamp: t0 + offset,
	message: JSON.stringify({requestId, eventType: 'MESSAGE', routeKey: 'sendmessage', status: '200', connectionId: 'conn1=', integrationRequestId: lambdaId}),
});

const first = '11111111-1111-4111-8111-111111111111';
const second = '22222222-2222-4222-8222-222222222222';

function engine(): Engine {
	return new Engine({...DEFAULT_LIMITS, accessParser: accessFormat, accessLogGroups: new Set([accessGroup])});
}

function emissionsOf(outputs: EngineOutput[], requestId: string) {
	return outputs.flatMap((output) => (output.type === 'request' && output.request.requestId === requestId ? [output] : []));
}

describe('revisions caused by Lambda lines', () => {
	it('does not revise a settled request when the next invocation on its stream leaves its lines where they were', () => {
		const tail = engine();
		const outputs = tail.ingest([start(first, 0), printed(5, 'first handler printed'), end(first, 20), report(first, 20), access('REQ1=', first, 40)]);
		outputs.push(...tail.tick(t0 + 120_000));
		expect(emissionsOf(outputs, 'REQ1=')).toHaveLength(1);

		// The next invocation on the same environment: its START and END are neighbours of the first one's.
		outputs.push(...tail.ingest([start(second, 130_000), end(second, 130_020), report(second, 130_020), access('REQ2=', second, 130_040)]));
		outputs.push(...tail.finish());
		expect(emissionsOf(outputs, 'REQ1=').map(({revision}) => revision)).toEqual([0]);
		expect(emissionsOf(outputs, 'REQ1=')[0]!.request.invocations[0]!.lines.map(({message}) => message)).toEqual(['first handler printed']);
		expect(emissionsOf(outputs, 'REQ2=')).toHaveLength(1);
	});

	it('revises a settled request when a later START takes over a line it showed', () => {
		const tail = engine();
		// No END for the first invocation yet: a line printed at +60 s is its, until a START before it says otherwise.
		const outputs = tail.ingest([start(first, 0), printed(60_000, 'printed by whoever ran at +60 s'), access('REQ1=', first, 40)]);
		outputs.push(...tail.tick(t0 + 200_000));
		expect(emissionsOf(outputs, 'REQ1=')[0]!.request.invocations[0]!.lines.map(({message}) => message)).toEqual(['printed by whoever ran at +60 s']);

		outputs.push(...tail.ingest([start(second, 50_000)]), ...tail.finish());
		const revisions = emissionsOf(outputs, 'REQ1=');
		expect(revisions.map(({revision}) => revision)).toEqual([0, 1]);
		expect(revisions[1]!.request.invocations[0]!.lines).toEqual([]);
	});
});

describe('invocations forgotten with their request', () => {
	const settleMs = 60_000;

	it('forgets a request\'s invocations when the request is released, and keeps the link', () => {
		const join = new InvocationJoin({settleMs, maxInvocations: 100});
		for (const event of [start(first, 0), printed(5, 'hello'), end(first, 20), report(first, 20)]) join.add(parseLambdaLine(event.message), event, 'chat-sendmessage');
		join.link({lambdaRequestId: first, role: 'integration'}, 'REQ1=');
		expect(join.lookup(first, 'integration')).toMatchObject({requestId: first, outcome: 'success'});

		join.release('REQ1=');
		expect(join.lookup(first, 'integration')).toBeUndefined();
		// A very late line of it is still known to have served a request: never emitted as one that served none.
		const late = printed(25, 'late');
		join.add(parseLambdaLine(late.message), late, 'chat-sendmessage');
		join.advanceTo(t0 + 10 * settleMs);
		expect([...join.takeSettled(), ...join.flush()]).toEqual([]);
	});

	it('keeps an invocation whose request was not released', () => {
		const join = new InvocationJoin({settleMs, maxInvocations: 100});
		const event = start(first, 0);
		join.add(parseLambdaLine(event.message), event, 'chat-sendmessage');
		join.link({lambdaRequestId: first, role: 'integration'}, 'REQ1=');
		join.release('OTHER=');
		expect(join.lookup(first, 'integration')).toMatchObject({requestId: first});
	});
});

describe('dropOldest', () => {
	it('keeps a map within its bound, dropping the oldest entries first', () => {
		const map = new Map<number, string>();
		for (let key = 0; key < 1000; key++) {
			map.set(key, `value ${key}`);
			dropOldest(map, 160);
			expect(map.size).toBeLessThanOrEqual(160);
		}

		const keys = [...map.keys()];
		// The newest entries are all there, in order; what went were the oldest.
		expect(keys.at(-1)).toBe(999);
		expect(keys).toEqual(Array.from({length: keys.length}, (_, index) => 1000 - keys.length + index));
		expect(keys.length).toBeGreaterThanOrEqual(150);
	});

	it('leaves a map within its bound alone, and drops at least one entry from a bound of one', () => {
		const map = new Map([['a', 1], ['b', 2]]);
		dropOldest(map, 2);
		expect([...map.keys()]).toEqual(['a', 'b']);
		dropOldest(map, 1);
		expect([...map.keys()]).toEqual(['b']);
	});
});
