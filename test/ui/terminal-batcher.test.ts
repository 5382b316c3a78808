import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {UpdateBatcher} from '../../source/ui/terminal/batcher.js';

describe('UpdateBatcher', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	const counting = (intervalMs?: number) => {
		const flushes: number[] = [];
		const batcher = new UpdateBatcher(() => flushes.push(Date.now()), intervalMs);
		return {batcher, flushes};
	};

	it('flushes on the next tick after the first mark, not synchronously', () => {
		const {batcher, flushes} = counting();
		batcher.mark();
		expect(flushes).toHaveLength(0);
		vi.advanceTimersByTime(1);
		expect(flushes).toHaveLength(1);
	});

	it('flushes at most once per interval under a stream of marks (500 events/s for 2 s)', () => {
		const {batcher, flushes} = counting(100);
		const start = Date.now();
		for (let elapsed = 0; elapsed < 2000; elapsed += 2) {
			batcher.mark();
			vi.advanceTimersByTime(2);
		}
		vi.advanceTimersByTime(500);
		// 2 s of marks at <= 10 flushes/s, plus the one that carries the last marks.
		expect(flushes.length).toBeGreaterThanOrEqual(20);
		expect(flushes.length).toBeLessThanOrEqual(21);
		for (let index = 1; index < flushes.length; index += 1) {
			expect((flushes[index] ?? 0) - (flushes[index - 1] ?? 0)).toBeGreaterThanOrEqual(100);
		}
		// Marks made just before the stream stopped were not lost: the last flush came after them.
		expect((flushes.at(-1) ?? 0) - start).toBeGreaterThanOrEqual(1998);
	});

	it('never waits longer than one interval to show a mark', () => {
		const {batcher, flushes} = counting(100);
		batcher.mark();
		vi.advanceTimersByTime(1); // first flush
		vi.advanceTimersByTime(10);
		batcher.mark(); // during the cool-down
		vi.advanceTimersByTime(88);
		expect(flushes).toHaveLength(1);
		vi.advanceTimersByTime(2);
		expect(flushes).toHaveLength(2);
	});

	it('does nothing while idle and holds no timer', () => {
		const {batcher, flushes} = counting(100);
		vi.advanceTimersByTime(1000);
		expect(flushes).toHaveLength(0);
		batcher.mark();
		vi.advanceTimersByTime(1000);
		expect(flushes).toHaveLength(1);
		expect(vi.getTimerCount()).toBe(0);
	});

	it('flushes at once again after a quiet period', () => {
		const {batcher, flushes} = counting(100);
		batcher.mark();
		vi.advanceTimersByTime(500);
		batcher.mark();
		vi.advanceTimersByTime(1);
		expect(flushes).toHaveLength(2);
	});

	it('leaves its timers unref-ed, so a pending redraw does not keep the process alive', () => {
		const {batcher} = counting(100);
		const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
		batcher.mark();
		const timer = setTimeoutSpy.mock.results[0]?.value as NodeJS.Timeout | undefined;
		expect(timer?.hasRef()).toBe(false);
		setTimeoutSpy.mockRestore();
	});

	it('stop() cancels a pending flush and ignores later marks', () => {
		const {batcher, flushes} = counting(100);
		batcher.mark();
		batcher.stop();
		batcher.mark();
		vi.advanceTimersByTime(1000);
		expect(flushes).toHaveLength(0);
		expect(vi.getTimerCount()).toBe(0);
	});

	it('keeps its pace when the flush itself marks again', () => {
		const flushes: number[] = [];
		const batcher: UpdateBatcher = new UpdateBatcher(() => {
			flushes.push(Date.now());
			batcher.mark();
		}, 100);
		batcher.mark();
		vi.advanceTimersByTime(1000);
		expect(flushes.length).toBeGreaterThanOrEqual(10);
		expect(flushes.length).toBeLessThanOrEqual(11);
		batcher.stop();
	});
});
