// A backfill window read as several time slices at once (once its first page shows there is more than a
// page), delivered slice after slice in time order.
// On AWS a FilterLogEvents page takes 80-200 ms, so one reader that waits for each page before asking
// for the next cannot use the request budget; slices read concurrently can, and the budget still bounds
// every call. Each slice reads at most a few pages ahead of delivery (bounded memory); the engine gets
// the window in order, as from one reader. Events on a slice boundary are deduplicated like any other.

import type {LogEvent} from '../../core/types.js';
import {MAX_QUEUED_PAGES} from './filter-window.js';
import type {TailContext} from './tail-context.js';
import {windowPages, type FilterWindow} from './window-pages.js';

/** Slices of a window at the most; a window shorter than MIN_SLICE_MS a slice gets fewer. */
export const MAX_SLICES = 8;
const MIN_SLICE_MS = 60_000;
/** Pages a slice that is not being delivered yet may hold. */
const PAGES_AHEAD = 4;

/**
 * Every event of the window through exactly-once delivery. Its first page is read whole: most windows
 * (a quiet group, a short --since) end there, at one call, as before slicing. Only when the service says
 * there is more is the window read again in slices (the first page's events deduplicated), delivered in
 * slice order.
 */
export async function readSlicedWindow(context: TailContext, window: FilterWindow): Promise<void> {
	const release = context.remember(window.group.name, window.startTime);
	try {
		const whole = windowPages(context, window, () => context.waitForRoom(MAX_QUEUED_PAGES));
		const first = await whole.next();
		if (first.done) return;
		context.emit(first.value.events);
		if (!first.value.more) return;
		await whole.return(undefined);
		// The slices cover the whole window again: nothing says a page holds the window's oldest events
		// first, so starting after the first page could lose some. What the first page read is deduplicated.
		await readSlices(context, window);
	} finally {
		release();
	}
}

async function readSlices(context: TailContext, window: FilterWindow): Promise<void> {
	const slices = slicesOf(window, context.now());
	const buffers = slices.map(() => new SliceBuffer());
	const readers = slices.map((slice, index) => fill(context, slice, buffers[index]!, index === 0));
	try {
		for (const buffer of buffers) {
			for await (const events of buffer.drain()) {
				await context.waitForRoom(MAX_QUEUED_PAGES);
				context.emit(events);
			}
		}
	} finally {
		for (const buffer of buffers) buffer.cancel();
		await Promise.allSettled(readers);
	}
}

/** Cut points of the window: whole slices from its start to its end (or to now when it is open). */
export function slicesOf(window: FilterWindow, now: number): FilterWindow[] {
	const end = window.endTime ?? now;
	const count = Math.max(1, Math.min(MAX_SLICES, Math.floor((end - window.startTime) / MIN_SLICE_MS)));
	const width = Math.ceil((end - window.startTime) / count);
	return Array.from({length: count}, (_, index) => ({
		...window,
		startTime: window.startTime + index * width,
		// The last slice keeps the window's own end: open when the window is.
		endTime: index === count - 1 ? window.endTime : window.startTime + (index + 1) * width,
	}));
}

async function fill(context: TailContext, slice: FilterWindow, buffer: SliceBuffer, first: boolean): Promise<void> {
	try {
		// The slice being delivered waits for the consumer's room like any reader; later ones for their own.
		const beforePage = first ? () => context.waitForRoom(MAX_QUEUED_PAGES) : () => buffer.room(PAGES_AHEAD);
		for await (const {events} of windowPages(context, slice, beforePage)) {
			if (buffer.cancelled) return;
			buffer.push(events);
		}
		buffer.end();
	} catch (error) {
		buffer.end(error);
	}
}

/** The pages one slice has read and not yet delivered. */
class SliceBuffer {
	cancelled = false;
	readonly #pages: LogEvent[][] = [];
	#ended = false;
	#failure: unknown;
	#wake: (() => void) | undefined;

	push(events: LogEvent[]): void {
		this.#pages.push(events);
		this.#notify();
	}

	end(failure?: unknown): void {
		this.#ended = true;
		this.#failure = failure;
		this.#notify();
	}

	cancel(): void {
		this.cancelled = true;
		this.#notify();
	}

	/** Resolves once fewer than `limit` pages wait (or delivery was cancelled). */
	async room(limit: number): Promise<void> {
		while (this.#pages.length >= limit && !this.cancelled) await this.#next();
	}

	async *drain(): AsyncGenerator<LogEvent[]> {
		for (;;) {
			const page = this.#pages.shift();
			if (page !== undefined) {
				this.#notify();
				yield page;
				continue;
			}

			if (this.#ended) {
				if (this.#failure !== undefined) throw this.#failure;
				return;
			}

			await this.#next();
		}
	}

	// The reader waits for room and the deliverer for pages, which cannot both be wanting at once; a
	// second waiter is chained all the same, so that none can be lost.
	#next(): Promise<void> {
		return new Promise((resolve) => {
			const previous = this.#wake;
			this.#wake = () => {
				previous?.();
				resolve();
			};
		});
	}

	#notify(): void {
		const wake = this.#wake;
		this.#wake = undefined;
		wake?.();
	}
}
