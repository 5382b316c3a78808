// The transport's FilterLogEvents side against the emulator, with the real SDK: polling (late and
// out-of-order events, new streams, future-dated events), --no-follow backfills over many pages,
// and the shared request budget.

import {afterEach, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {waitFor} from '../helpers/wait.js';
import {
	ACCESS,
	callCount,
	EventWriter,
	EXECUTION,
	expectExactlyOnce,
	expectSameEvents,
	moreCalls,
	settle,
	startEmulator,
	startTail,
	stopEverythingStarted,
	type TailRun,
} from './cloudwatch-harness.js';

let emulator: Emulator | undefined;
let run: TailRun | undefined;

afterEach(stopEverythingStarted);

const isPolling = (tail: TailRun) => () => tail.statuses.at(-1)?.phase === 'polling';

describe('tailCloudWatch polling', () => {
	it("mode 'poll' never starts live tail and delivers backfill and new events exactly once", async () => {
		emulator = await startEmulator();
		const writer = new EventWriter(emulator);
		writer.writeEverywhere(20, {timestamp: Date.now() - 5000});
		run = startTail(emulator, {mode: 'poll'});
		await waitFor(isPolling(run), 5000, 'the polling phase');
		for (let round = 0; round < 4; round++) {
			writer.writeEverywhere(10);
			await waitFor(() => run!.events.length >= writer.written.length, 5000, `round ${round}`);
		}
		// Every poll re-reads the overlap window: two more rounds of both groups must not duplicate.
		await expectExactlyOnce(run, writer.written, moreCalls(emulator, 'FilterLogEvents', 4));
		expect(callCount(emulator, 'StartLiveTail')).toBe(0);
		expect(run.events.every((event) => event.eventId !== undefined)).toBe(true);
	});

	it('delivers events ingested late with older timestamps, and events put out of order', async () => {
		emulator = await startEmulator();
		const writer = new EventWriter(emulator);
		run = startTail(emulator, {mode: 'poll'});
		await waitFor(isPolling(run), 5000, 'the polling phase');
		writer.writeEverywhere(5);
		await waitFor(() => run!.events.length === 25, 5000, 'the recent events');
		// Older than the newest event seen: `aws logs tail` polls from the newest and never shows these.
		writer.write(ACCESS, 'access-b', 10, {timestamp: Date.now() - 30_000, ingestionDelayMs: 400});
		writer.write(EXECUTION, 'exec-b', 10, {timestamp: Date.now() - 20_000});
		writer.write(EXECUTION, 'exec-b', 10, {timestamp: Date.now() - 45_000});
		await expectExactlyOnce(run, writer.written, moreCalls(emulator, 'FilterLogEvents', 4));
	});

	it('without an overlap window (how `aws logs tail` polls) the late events are lost: the control case', async () => {
		emulator = await startEmulator();
		const writer = new EventWriter(emulator);
		run = startTail(emulator, {mode: 'poll', overlapMs: 0});
		await waitFor(isPolling(run), 5000, 'the polling phase');
		writer.writeEverywhere(5);
		await waitFor(() => run!.events.length === 25, 5000, 'the recent events');
		writer.write(ACCESS, 'access-b', 10, {timestamp: Date.now() - 30_000});
		await waitFor(moreCalls(emulator, 'FilterLogEvents', 6), 5000, 'three more polls');
		expect(run.events).toHaveLength(25);
	});

	it('picks up streams created mid-tail', async () => {
		emulator = await startEmulator();
		const writer = new EventWriter(emulator);
		run = startTail(emulator, {mode: 'poll'});
		await waitFor(isPolling(run), 5000, 'the polling phase');
		emulator.logs.createLogStream(ACCESS, 'brand-new');
		writer.write(ACCESS, 'brand-new', 15);
		emulator.logs.createLogStream(EXECUTION, 'brand-new-too');
		writer.write(EXECUTION, 'brand-new-too', 15);
		await expectExactlyOnce(run, writer.written, moreCalls(emulator, 'FilterLogEvents', 4));
	});

	it('is not blinded by a future-dated event: later events still arrive', async () => {
		emulator = await startEmulator();
		const writer = new EventWriter(emulator);
		run = startTail(emulator, {mode: 'poll'});
		await waitFor(isPolling(run), 5000, 'the polling phase');
		writer.write(ACCESS, 'access-a', 1, {timestamp: Date.now() + 3_600_000});
		await waitFor(() => run!.events.length === 1, 5000, 'the future-dated event');
		writer.writeEverywhere(5);
		await expectExactlyOnce(run, writer.written, moreCalls(emulator, 'FilterLogEvents', 4));
	});

	it('--no-follow: backfills to now over every page (25,000 events, empty pages with a token) and ends', async () => {
		emulator = await startEmulator({filterScanLimit: 4000});
		const writer = new EventWriter(emulator);
		const base = Date.now() - 50_000;
		for (const stream of ['exec-a', 'exec-b']) writer.write(EXECUTION, stream, 5000, {timestamp: base});
		for (const stream of ['access-a', 'access-b', 'access-c']) writer.write(ACCESS, stream, 5000, {timestamp: base + 7});
		emulator.faults.emptyFilterPagesNext(4);
		run = startTail(emulator, {follow: false});
		await run.done;
		expectSameEvents(run.events, writer.written);
		expect(writer.written).toHaveLength(25_000);
		// 3 pages of execution, 4 of access under the scan limit, and the 4 empty pages.
		expect(callCount(emulator, 'FilterLogEvents')).toBeGreaterThanOrEqual(3 + 4 + 4);
		expect(callCount(emulator, 'StartLiveTail')).toBe(0);
		expect(run.statuses.at(-1)?.phase).toBe('stopped');
		await run.stop();
		await settle(emulator);
	});

	it('--no-follow leaves out what is written after it started', async () => {
		emulator = await startEmulator();
		const writer = new EventWriter(emulator);
		writer.writeEverywhere(10, {timestamp: Date.now() - 1000});
		const expected = [...writer.written];
		run = startTail(emulator, {follow: false});
		writer.writeEverywhere(10, {timestamp: Date.now() + 60_000});
		await run.done;
		expectSameEvents(run.events, expected);
	});

	it('keeps every call within the one request budget', async () => {
		emulator = await startEmulator();
		const requestsPerSecond = 4;
		run = startTail(emulator, {mode: 'poll', pollIntervalMs: 0, requestsPerSecond});
		await waitFor(isPolling(run), 5000, 'the polling phase');
		const from = Date.now();
		const before = callCount(emulator, 'FilterLogEvents');
		await waitFor(() => Date.now() - from >= 1500, 5000, '1.5 s of polling');
		const made = callCount(emulator, 'FilterLogEvents') - before;
		const elapsed = (Date.now() - from) / 1000;
		// A full bucket (one second's worth) plus the steady rate, never more.
		expect(made).toBeLessThanOrEqual(Math.ceil(requestsPerSecond * (elapsed + 1)) + 1);
		expect(made).toBeGreaterThanOrEqual(Math.floor(requestsPerSecond * elapsed) - 1);
	});
});
