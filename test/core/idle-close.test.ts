// Idle closes: API Gateway's 10-minute timeout, told from a connection's own timeline and close reason.
import {describe, expect, it} from 'vitest';
import {ConnectionTimeline} from '../../source/core/connection-timeline.js';
import {idleCloseExplanation, lastActivityBefore} from '../../source/core/classify/idle-close.js';
import {T0, wsRequest} from '../ui/model-fixtures.js';

const MINUTE = 60;

function timeline(disconnectAtSecond: number, access: Record<string, string> = {}): ConnectionTimeline {
	const connection = new ConnectionTimeline('Abc123DEFghiJKL=', 100);
	connection.upsert(wsRequest('c1', 'Abc123DEFghiJKL=', 0, 'CONNECT'));
	connection.upsert(wsRequest('m1', 'Abc123DEFghiJKL=', 30, 'MESSAGE'));
	connection.upsert(wsRequest('d1', 'Abc123DEFghiJKL=', disconnectAtSecond, 'DISCONNECT', {access}));
	return connection;
}

describe('idle close', () => {
	it('a $disconnect 10 minutes after the last message, with no reason logged, is the idle timeout', () => {
		expect(timeline(30 + 10 * MINUTE + 2).view().closeExplanation).toBe(
			'closed as idle after 10 min 2 s without a message: API Gateway closes a connection idle for 10 minutes; send a message (a heartbeat) more often to keep it open',
		);
	});

	it('the reason API Gateway logs decides; the gap is told when it is the timeout', () => {
		const idle = {disconnectStatusCode: '1001', disconnectReason: 'Connection Idle Timeout'};
		expect(timeline(30 + 10 * MINUTE + 3, idle).view().closeExplanation).toMatch(
			/^closed as idle after 10 min 3 s without a message \(1001 Connection Idle Timeout\): /,
		);
		// A shorter gap: the last message is not in view, so no gap is claimed.
		expect(timeline(45, idle).view().closeExplanation).toMatch(/^closed as idle \(1001 Connection Idle Timeout\): /);
	});

	it('no explanation for other gaps, other reasons, a client close, an open connection', () => {
		expect(timeline(30 + 5 * MINUTE).view().closeExplanation).toBeUndefined();
		expect(timeline(30 + 25 * MINUTE).view().closeExplanation).toBeUndefined();
		expect(timeline(30 + 10 * MINUTE, {disconnectReason: 'Going away', disconnectStatusCode: '1001'}).view().closeExplanation).toBeUndefined();
		expect(timeline(30 + 10 * MINUTE, {disconnectStatusCode: '1000'}).view().closeExplanation).toBeUndefined();
		const open = new ConnectionTimeline('Abc123DEFghiJKL=', 100);
		open.upsert(wsRequest('c1', 'Abc123DEFghiJKL=', 0, 'CONNECT'));
		expect(open.view().closeExplanation).toBeUndefined();
	});

	it('without a request before the close (the tail began later), only the logged reason can tell', () => {
		expect(idleCloseExplanation({disconnectedAt: T0, lastActivityBeforeClose: undefined, disconnectStatusCode: undefined, disconnectReason: undefined})).toBeUndefined();
		expect(
			idleCloseExplanation({disconnectedAt: T0, lastActivityBeforeClose: undefined, disconnectStatusCode: 1001, disconnectReason: 'Connection Idle Timeout'}),
		).toMatch(/^closed as idle \(1001 Connection Idle Timeout\)/);
	});

	it('the last activity is the latest CONNECT or MESSAGE at or before the close, in any order', () => {
		const requests = [
			{eventType: 'MESSAGE', time: 5},
			{eventType: 'DISCONNECT', time: 9},
			{eventType: 'CONNECT', time: 1},
			{eventType: 'MESSAGE', time: 12},
		];
		expect(lastActivityBefore(requests, 9)).toBe(5);
		expect(lastActivityBefore(requests.toReversed(), 9)).toBe(5);
		expect(lastActivityBefore(requests, undefined)).toBeUndefined();
	});
});
