// More groups than one live tail session takes (10): an API's execution and access logs plus its
// Lambda functions' groups. The first 10 are followed live, the rest polled beside the session,
// backfill reads them all, and every event arrives exactly once (real SDK against the emulator).

import {afterEach, describe, expect, it} from 'vitest';
import {tailCloudWatch} from '../../source/sources/cloudwatch/transport.js';
import {waitFor} from '../helpers/wait.js';
import {BOTH_GROUPS, callCount, EventWriter, expectExactlyOnce, sdkClients, startEmulator, startTail, stopEverythingStarted, tailedGroup} from './cloudwatch-harness.js';

afterEach(stopEverythingStarted);

const LAMBDA_GROUPS = Array.from({length: 10}, (_, index) => `/aws/lambda/fn-${index}`);
const STREAM = '2026/11/21/[$LATEST]e6f4a0c4';
const GROUPS = [...BOTH_GROUPS, ...LAMBDA_GROUPS.map((name) => tailedGroup(name, 'lambda'))];

describe('tailing more than 10 log groups', () => {
	it('follows 10 with one live tail session and polls the other 2 beside it, each event once, Lambda events marked lambda', async () => {
		const emulator = await startEmulator();
		for (const group of LAMBDA_GROUPS) emulator.logs.ensureLogStream(group, STREAM);
		const writer = new EventWriter(emulator);
		const writeAll = (count: number, timestamp?: number): void => {
			writer.writeEverywhere(count, timestamp === undefined ? {} : {timestamp});
			for (const group of LAMBDA_GROUPS) writer.write(group, STREAM, count, timestamp === undefined ? {} : {timestamp});
		};
		writeAll(3, Date.now() - 10_000);
		const run = startTail(emulator, {groups: GROUPS});
		await waitFor(() => run.statuses.at(-1)?.phase === 'live', 5000, 'the live phase');
		for (let round = 0; round < 3; round++) {
			writeAll(2);
			await waitFor(() => run.events.length >= writer.written.length, 10_000, `round ${round}`);
		}
		await expectExactlyOnce(run, writer.written);

		expect(callCount(emulator, 'StartLiveTail')).toBe(1);
		const overflow = LAMBDA_GROUPS.slice(8);
		expect(run.notices()).toContain(
			`live tail follows at most 10 log groups: 2 more polled with FilterLogEvents every 100ms (${overflow.join(', ')})`,
		);
		expect(run.statuses.filter((status) => status.phase === 'live').at(-1)?.polledBesideLiveTail).toEqual(overflow);
		for (const event of run.events) {
			if (LAMBDA_GROUPS.includes(event.logGroup ?? '')) expect(event.log).toBe('lambda');
			// After the backfill the overflow groups arrive only through FilterLogEvents (which has event ids).
			if (overflow.includes(event.logGroup ?? '')) expect(event.eventId).toBeDefined();
		}
	});

	it('polling mode reads every group and says nothing about live tail', async () => {
		const emulator = await startEmulator();
		for (const group of LAMBDA_GROUPS) emulator.logs.ensureLogStream(group, STREAM);
		const writer = new EventWriter(emulator);
		for (const group of LAMBDA_GROUPS) writer.write(group, STREAM, 2);
		const run = startTail(emulator, {groups: GROUPS, mode: 'poll'});
		await expectExactlyOnce(run, writer.written);
		expect(callCount(emulator, 'StartLiveTail')).toBe(0);
		expect(run.statuses.some((status) => status.polledBesideLiveTail !== undefined)).toBe(false);
	});

	it('no group at all is refused', async () => {
		const emulator = await startEmulator();
		const controller = new AbortController();
		const {logs} = sdkClients(emulator.endpoint);
		const tail = tailCloudWatch({logs, liveTailLogs: logs, groups: [], startTime: 0, follow: false, mode: 'poll', signal: controller.signal});
		await expect(tail.next()).rejects.toThrow('no log group to tail');
		logs.destroy();
	});
});
