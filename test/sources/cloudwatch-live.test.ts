// The transport following with StartLiveTail against the emulator, with the real SDK: backfill then
// live, sampled updates, ended sessions, late and out-of-order events, new streams, clean stops.

import {afterEach, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {tailCloudWatch} from '../../source/sources/cloudwatch/transport.js';
import {waitFor} from '../helpers/wait.js';
import {
	ACCESS,
	BOTH_GROUPS,
	callCount,
	EventWriter,
	EXECUTION,
	expectExactlyOnce,
	sdkClients,
	settle,
	startEmulator,
	startTail,
	stopEverythingStarted,
	type TailRun,
} from './cloudwatch-harness.js';

let emulator: Emulator | undefined;
let run: TailRun | undefined;

afterEach(stopEverythingStarted);

const isLive = (tail: TailRun) => () => tail.statuses.at(-1)?.phase === 'live';

describe('tailCloudWatch with live tail', () => {
	it('backfills, then follows both groups with one session, every event exactly once', async () => {
		emulator = await startEmulator();
		const writer = new EventWriter(emulator);
		writer.writeEverywhere(30, {timestamp: Date.now() - 10_000});
		run = startTail(emulator);
		await waitFor(isLive(run), 5000, 'the live phase');
		for (let round = 0; round < 5; round++) {
			writer.writeEverywhere(20);
			await waitFor(() => run!.events.length >= writer.written.length, 5000, `round ${round}`);
		}
		await expectExactlyOnce(run, writer.written);

		expect(callCount(emulator, 'StartLiveTail')).toBe(1);
		expect(emulator.liveTailSessionCount).toBe(1);
		for (const event of run.events) {
			expect(event.log).toBe(event.logGroup === EXECUTION ? 'execution' : 'access');
			expect(event.logStream).toBeTruthy();
		}
		// Backfilled events carry CloudWatch's eventId; live tail ones cannot.
		expect(run.events.filter((event) => event.eventId !== undefined)).toHaveLength(150);
		expect(run.statuses.map((status) => status.phase)).toEqual(expect.arrayContaining(['backfill', 'live']));
		expect(run.statuses.some((status) => status.sampled || status.throttled)).toBe(false);
		// Statuses keep coming (at most once a second) and tell how far behind the newest event is.
		await waitFor(() => (run!.statuses.at(-1)?.lagMs ?? Infinity) < 5000, 5000, 'a status with a small lag');
		expect(run.statuses.at(-1)?.eventsPerSecond).toBeGreaterThan(0);
	});

	it('delivers events written while the backfill runs once the backfill is out, without duplicates', async () => {
		// A small scan limit makes the backfill take many pages, while live tail already runs.
		emulator = await startEmulator({filterScanLimit: 200});
		const writer = new EventWriter(emulator);
		writer.writeEverywhere(400, {timestamp: Date.now() - 20_000});
		run = startTail(emulator, {requestsPerSecond: 20});
		await waitFor(() => emulator!.liveTailSessionCount === 1, 5000, 'the session');
		writer.writeEverywhere(10);
		await expectExactlyOnce(run, writer.written);
		const firstLive = run.events.findIndex((event) => event.eventId === undefined);
		// Held until the backfill was out: every backfilled event comes before the first live one.
		expect(run.events.slice(firstLive).every((event) => event.eventId === undefined)).toBe(true);
	});

	it('re-reads the window of a sampled update, so sampling loses nothing', async () => {
		emulator = await startEmulator({liveTailMaxEventsPerUpdate: 20});
		const writer = new EventWriter(emulator);
		run = startTail(emulator);
		await waitFor(isLive(run), 5000, 'the live phase');
		const readsBefore = callCount(emulator, 'FilterLogEvents');
		writer.write(ACCESS, 'access-a', 300);
		writer.write(EXECUTION, 'exec-b', 300);
		await waitFor(() => run!.statuses.some((status) => status.sampled), 5000, 'a sampled status');
		writer.write(ACCESS, 'access-c', 250);
		// Settled once the sampled windows were re-read and no re-read is still running (counted from
		// before the writes: under load the re-reads may all be done before everything has arrived).
		const settled = () => callCount(emulator!, 'FilterLogEvents') >= readsBefore + 2 && run!.statuses.at(-1)?.sampled === false;
		await expectExactlyOnce(run, writer.written, settled);
		// Most came from the re-reads (with eventIds), the samples from live tail (without).
		expect(run.events.filter((event) => event.eventId !== undefined).length).toBeGreaterThan(700);
		expect(run.events.some((event) => event.eventId === undefined)).toBe(true);
	});

	it.each([
		['SessionStreamingException', /live tail ended \(SessionStreamingException.*\): reconnecting/],
		['SessionTimeoutException', /live tail ended \(SessionTimeoutException.*\): reconnecting/],
		['close', /live tail ended \(the stream ended\): reconnecting/],
		['drop', /live tail ended \(.+\): reconnecting/],
	] as const)('reconnects when the session ends mid-tail (%s) and backfills the gap', async (ending, notice) => {
		emulator = await startEmulator();
		const writer = new EventWriter(emulator);
		run = startTail(emulator);
		await waitFor(isLive(run), 5000, 'the live phase');
		writer.writeEverywhere(10);
		await waitFor(() => run!.events.length === 50, 5000, 'the first events');
		expect(emulator.faults.endLiveTailSessions(ending)).toBe(1);
		// Written while no session is open: only the gap read can find these.
		writer.writeEverywhere(10);
		await waitFor(() => callCount(emulator!, 'StartLiveTail') === 2, 5000, 'a second session');
		writer.writeEverywhere(10);
		await expectExactlyOnce(run, writer.written, isLive(run));
		expect(run.notices()).toContainEqual(expect.stringMatching(notice));
		expect(run.statuses.map((status) => status.phase)).toContain('reconnecting');
		expect(emulator.liveTailSessionCount).toBe(1);
	});

	it('keeps every event across sessions that time out again and again', async () => {
		emulator = await startEmulator({liveTailSessionTimeoutMs: 250});
		const writer = new EventWriter(emulator);
		run = startTail(emulator);
		await waitFor(isLive(run), 5000, 'the live phase');
		for (let round = 0; round < 12; round++) {
			writer.writeEverywhere(4);
			await new Promise((resolve) => setTimeout(resolve, 60));
		}
		await waitFor(() => callCount(emulator!, 'StartLiveTail') >= 4, 10_000, 'several sessions');
		await expectExactlyOnce(run, writer.written, isLive(run));
	});

	it('delivers late-ingested events with older timestamps and events put out of order', async () => {
		emulator = await startEmulator();
		const writer = new EventWriter(emulator);
		run = startTail(emulator);
		await waitFor(isLive(run), 5000, 'the live phase');
		writer.writeEverywhere(5);
		await waitFor(() => run!.events.length === 25, 5000, 'the recent events');
		// Thirty seconds old, visible only 300 ms from now; then older ones written after newer ones.
		writer.write(ACCESS, 'access-b', 10, {timestamp: Date.now() - 30_000, ingestionDelayMs: 300});
		writer.write(EXECUTION, 'exec-a', 10, {timestamp: Date.now() - 5000});
		writer.write(EXECUTION, 'exec-a', 10, {timestamp: Date.now() - 40_000});
		await expectExactlyOnce(run, writer.written);
	});

	it('picks up streams created mid-tail', async () => {
		emulator = await startEmulator();
		const writer = new EventWriter(emulator);
		run = startTail(emulator);
		await waitFor(isLive(run), 5000, 'the live phase');
		emulator.logs.createLogStream(ACCESS, 'brand-new');
		emulator.logs.createLogStream(EXECUTION, 'brand-new-too');
		writer.write(ACCESS, 'brand-new', 15);
		writer.write(EXECUTION, 'brand-new-too', 15);
		await expectExactlyOnce(run, writer.written);
	});

	it('retries a connection reset while starting the session, and still follows live', async () => {
		emulator = await startEmulator();
		emulator.faults.resetConnectionNext(1, {operation: 'StartLiveTail'});
		const writer = new EventWriter(emulator);
		run = startTail(emulator, {mode: 'live'});
		await waitFor(isLive(run), 5000, 'the live phase');
		writer.writeEverywhere(10);
		await expectExactlyOnce(run, writer.written);
		expect(callCount(emulator, 'StartLiveTail')).toBe(2);
		expect(run.statuses.some((status) => status.phase === 'polling')).toBe(false);
	});

	it('stops on abort: the iteration ends, the session closes, no connection is left', async () => {
		emulator = await startEmulator();
		const tail = startTail(emulator);
		run = tail;
		await waitFor(isLive(tail), 5000, 'the live phase');
		expect(emulator.liveTailSessionCount).toBe(1);
		await tail.stop();
		expect(tail.ended()).toBe(true);
		expect(tail.failure()).toBeUndefined();
		expect(tail.statuses.at(-1)?.phase).toBe('stopped');
		await settle(emulator);
	});

	it('stops when the consumer stops iterating, and with an already aborted signal makes no call', async () => {
		emulator = await startEmulator();
		const writer = new EventWriter(emulator);
		writer.writeEverywhere(5, {timestamp: Date.now() - 1000});
		const clients = sdkClients(emulator.endpoint);
		try {
			const options = {...clients, groups: BOTH_GROUPS, startTime: Date.now() - 60_000, follow: true, mode: 'auto' as const};
			for await (const batch of tailCloudWatch({...options, signal: new AbortController().signal})) {
				expect(batch.length).toBeGreaterThan(0);
				break;
			}
			// Leaving the loop ran the generator's cleanup: the session is closed already.
			await waitFor(() => emulator!.liveTailSessionCount === 0, 5000, 'the session to close');
			const calls = emulator.calls.length;
			const aborted = AbortSignal.abort();
			const batches: unknown[] = [];
			for await (const batch of tailCloudWatch({...options, signal: aborted})) batches.push(batch);
			expect(batches).toEqual([]);
			expect(emulator.calls.length).toBe(calls);
		} finally {
			clients.logs.destroy();
			clients.liveTailLogs.destroy();
		}
		await settle(emulator);
	});

	it('closes the live tail connection by aborting alone, before the caller destroys the clients', async () => {
		emulator = await startEmulator();
		const clients = sdkClients(emulator.endpoint);
		const abort = new AbortController();
		let phase = '';
		const iteration = (async () => {
			for await (const batch of tailCloudWatch({...clients, groups: BOTH_GROUPS, startTime: Date.now(), follow: true, mode: 'live', signal: abort.signal, onStatus: (status) => (phase = status.phase)})) {
				expect(batch.length).toBeGreaterThan(0);
			}
		})();
		try {
			await waitFor(() => phase === 'live' && emulator!.liveTailSessionCount === 1, 5000, 'the session');
			abort.abort();
			await iteration;
			await waitFor(() => emulator!.liveTailSessionCount === 0, 5000, 'the session to close');
			// Only the FilterLogEvents client's idle keep-alive socket remains, until the caller destroys it.
			await waitFor(() => emulator!.connectionCount <= 1, 5000, 'the live tail socket to close');
		} finally {
			clients.logs.destroy();
			clients.liveTailLogs.destroy();
		}
		await settle(emulator);
	});
});
