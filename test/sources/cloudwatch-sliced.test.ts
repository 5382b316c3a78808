// The backfill reads a window past its first page as concurrent time slices (sliced-window.ts) and
// delivers them in order:
// against the emulator answering every call after a delay (as AWS does), with pages small enough that
// each slice takes several, every event arrives exactly once and each group's events in time order,
// also those exactly on a slice boundary.

import {afterEach, describe, expect, it} from 'vitest';
import {MAX_SLICES, slicesOf} from '../../source/sources/cloudwatch/sliced-window.js';
import {ACCESS, BOTH_GROUPS, callCount, EventWriter, EXECUTION, expectSameEvents, startEmulator, startTail, stopEverythingStarted} from './cloudwatch-harness.js';

afterEach(stopEverythingStarted);

const MINUTE = 60_000;

describe('slicesOf', () => {
	const group = BOTH_GROUPS[0]!;

	it('cuts a window into contiguous slices that cover it, the last keeping its end (open or not)', () => {
		const open = slicesOf({group, startTime: 0}, 10 * MINUTE);
		expect(open).toHaveLength(MAX_SLICES);
		expect(open[0]!.startTime).toBe(0);
		for (let index = 1; index < open.length; index++) expect(open[index]!.startTime).toBe(open[index - 1]!.endTime);
		expect(open.at(-1)!.endTime).toBeUndefined();
		const closed = slicesOf({group, startTime: 0, endTime: 10 * MINUTE + 1, filterPattern: '"x"'}, 99 * MINUTE);
		expect(closed.at(-1)!.endTime).toBe(10 * MINUTE + 1);
		expect(closed.every((slice) => slice.filterPattern === '"x"' && slice.group === group)).toBe(true);
	});

	it('reads a short window as one slice', () => {
		expect(slicesOf({group, startTime: 0}, MINUTE + 30_000)).toEqual([{group, startTime: 0, endTime: undefined}]);
		expect(slicesOf({group, startTime: 0, endTime: 2 * MINUTE + 2}, 0)).toHaveLength(2);
	});
});

describe('backfill in slices against an emulator with latency', () => {
	it('reads a window that fits one page with one call a group, as before slicing (a quiet group costs one call)', async () => {
		const emulator = await startEmulator({latencyMs: [5, 25]});
		const writer = new EventWriter(emulator);
		writer.writeEverywhere(20, {timestamp: Date.now() - 9 * MINUTE});
		const run = startTail(emulator, {startTime: Date.now() - 10 * MINUTE, follow: false});
		await run.done;
		expectSameEvents(run.events, writer.written);
		expect(callCount(emulator, 'FilterLogEvents')).toBe(2);
	});

	it('delivers a 10-minute window exactly once and in time order per group, boundaries included', async () => {
		const emulator = await startEmulator({latencyMs: [5, 25], filterScanLimit: 100});
		const writer = new EventWriter(emulator);
		const start = Date.now() - 10 * MINUTE;
		// Spread over the window, and a few on every slice boundary the backfill will cut.
		for (let minute = 0; minute < 10; minute++) {
			writer.write(EXECUTION, minute % 2 === 0 ? 'exec-a' : 'exec-b', 120, {timestamp: start + minute * MINUTE + 500});
			writer.write(ACCESS, 'access-a', 60, {timestamp: start + minute * MINUTE + 700});
		}

		const cuts = slicesOf({group: BOTH_GROUPS[0]!, startTime: start}, Date.now()).slice(1).map((slice) => slice.startTime);
		for (const cut of cuts) {
			writer.write(EXECUTION, 'exec-b', 3, {timestamp: cut - 1});
			writer.write(ACCESS, 'access-c', 3, {timestamp: cut - 1});
		}

		const run = startTail(emulator, {startTime: start, follow: false, requestsPerSecond: 200});
		await run.done;
		expectSameEvents(run.events, writer.written);
		for (const group of [EXECUTION, ACCESS]) {
			const times = run.events.filter((event) => event.logGroup === group).map((event) => event.timestamp);
			expect(times).toEqual([...times].sort((a, b) => a - b));
		}

		// Several pages per slice, so slices really ran side by side, and no call more than the pages need.
		expect(callCount(emulator, 'FilterLogEvents')).toBeGreaterThan(2 * MAX_SLICES);
	});
});
