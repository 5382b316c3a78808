// The backfill reads a window past its first page as concurrent time slices (sliced-window.ts) and
// delivers them in order:
// against the emulator answering every call after a delay (as AWS does), with pages small enough that
// each slice takes several, every event arrives exactly once and each group's events in time order,
// also those exactly on a slice boundary.

import {afterEach, describe, expect, it} from 'vitest';
import type {LogEvent} from '../../source/core/types.js';
import {MAX_SLICES, pageSizedSlices, slicesOf} from '../../source/sources/cloudwatch/sliced-window.js';
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

describe('pageSizedSlices', () => {
	const group = BOTH_GROUPS[0]!;
	/** `count` events one every `everyMs` from `from`. */
	const page = (from: number, count: number, everyMs: number): LogEvent[] =>
		Array.from({length: count}, (_, index) => ({timestamp: from + index * everyMs, message: 'x'}));

	it('cuts slices of whole pages from the first page on, covering the window from its start to its end', () => {
		// A quiet first half, then 10 events a second: the first page (10,000 events) spans 1,000 s.
		const start = 0;
		const end = 4 * 3600_000;
		const slices = pageSizedSlices({group, startTime: start, endTime: end}, end + 99, page(2 * 3600_000, 10_000, 100))!;
		expect(slices[0]!.startTime).toBe(start);
		expect(slices.at(-1)!.endTime).toBe(end);
		for (let index = 1; index < slices.length; index++) expect(slices[index]!.startTime).toBe(slices[index - 1]!.endTime);
		// 7,200 s at 1,000 s a page: 8 pages, one a slice; the first slice holds its page from the first event on.
		expect(slices).toHaveLength(8);
		// Cut for 95% of a page (events are never spread quite evenly): 950 s, to within the gap between two events.
		expect(Math.abs(slices[0]!.endTime! - (2 * 3600_000 + 950_000))).toBeLessThan(100);
		expect(Math.abs(slices[1]!.endTime! - slices[1]!.startTime - 950_000)).toBeLessThan(100);
	});

	it('gives a slice several pages when the window holds more pages than slices', () => {
		const slices = pageSizedSlices({group, startTime: 0}, 100_000, page(0, 10_000, 1))!;
		// 10 pages of 10 s: two pages a slice, five slices, the last open.
		expect(slices).toHaveLength(5);
		expect(slices[1]!.endTime! - slices[1]!.startTime).toBe(19_000);
		expect(slices.at(-1)!.endTime).toBeUndefined();
	});

	it('leaves a first page that says too little to even cuts', () => {
		expect(pageSizedSlices({group, startTime: 0}, 100_000, page(0, 50, 1))).toBeUndefined();
		// Events outside the window (a clock that moved) say nothing about it either.
		expect(pageSizedSlices({group, startTime: 0, endTime: 5000}, 0, page(0, 10_000, 1))).toBeUndefined();
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

	it('reads full pages under a tight budget: nothing lost or doubled across page-sized cuts, in order, never over the rate', async () => {
		const emulator = await startEmulator({latencyMs: [5, 25]});
		const writer = new EventWriter(emulator);
		const start = Date.now() - 20 * MINUTE;
		// A quiet first half, then 50 events a second for ten minutes: 30,000 events, three full pages.
		for (let second = 0; second < 600; second++) writer.write(EXECUTION, second % 2 === 0 ? 'exec-a' : 'exec-b', 50, {timestamp: start + 10 * MINUTE + second * 1000});
		// Events on and just before every cut the backfill will make (the first page is the oldest 10,000).
		const firstPage = [...writer.written].sort((a, b) => a.timestamp - b.timestamp).slice(0, 10_000);
		const slices = pageSizedSlices({group: BOTH_GROUPS[0]!, startTime: start}, Date.now(), firstPage)!;
		const newest = firstPage.at(-1)!.timestamp;
		for (const cut of slices.slice(1).map((slice) => slice.startTime)) {
			if (cut > newest + 1) writer.write(EXECUTION, 'exec-b', 2, {timestamp: cut - 1, message: (serial) => `on the cut ${serial}`});
		}

		// One call a second: the five calls then take three seconds under the budget and a fraction of one
		// without it, so the check below tells the two apart with room for a loaded machine's jitter.
		const rate = 1;
		const run = startTail(emulator, {groups: [BOTH_GROUPS[0]!], startTime: start, follow: false, requestsPerSecond: rate});
		await run.done;
		expectSameEvents(run.events, writer.written);
		const times = run.events.map((event) => event.timestamp);
		expect(times).toEqual([...times].sort((a, b) => a - b));

		// Full pages: the first page, then one call per page of each slice (the last may be short).
		const calls = emulator.calls.filter((call) => call.operation === 'FilterLogEvents').map((call) => call.at);
		expect(slices.length).toBeLessThanOrEqual(4);
		expect(calls.length).toBeLessThanOrEqual(1 + Math.ceil(writer.written.length / 10_000) + slices.length - 1);
		// The budget: a burst of two seconds' worth, then `rate` a second. The emulator logs a call after its
		// delay (5-25 ms) and on this process's event loop, which a page's JSON holds for tens of ms on a loaded
		// machine: two calls sent 500 ms apart were logged 471 ms apart in CI. So the window is read with 300 ms
		// of slack (under a third of a call at this rate); a tail without a budget (checked by hand with
		// requestsPerSecond 1000) makes its five calls within about 300 ms and fails.
		const slackMs = 300;
		for (let first = 0; first < calls.length; first++) {
			for (let last = first; last < calls.length; last++) {
				expect(last - first + 1).toBeLessThanOrEqual(2 * rate + (rate * (calls[last]! - calls[first]! + slackMs)) / 1000);
			}
		}
	});
});
