// A backfill window read as several time slices at once (once its first page shows there is more than a
// page), delivered slice after slice in time order.
// On AWS a FilterLogEvents page takes 80-200 ms, so one reader that waits for each page before asking
// for the next cannot use the request budget; slices read concurrently can, and the budget still bounds
// every call. Each slice reads at most a few pages ahead of delivery (bounded memory); the engine gets
// the window in order, as from one reader. Events on a slice boundary are deduplicated like any other.
// Under a budget every call counts (3 calls/s by default), so slices are cut where the first page says
// whole pages end: a slice of even width ends with a short page, and one before the first event is an
// empty call.

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
 * A slice is cut for this share of the pages it should hold: events are never spread quite evenly, and a
 * slice that holds a few more than its pages costs a whole call for them, one that holds a few less a
 * slightly short page.
 */
const PAGE_FILL = 0.95;
/**
 * About how long one call takes, answer and decoding included (80-200 ms on AWS): the budget is kept busy
 * with as many slices reading at once as calls it allows in that time, plus one.
 */
const CALL_SECONDS = 0.3;
/** A first page with fewer events than this says too little about the window's density to cut by. */
const MIN_SAMPLE_EVENTS = 100;

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
		await readSlices(context, pageSizedSlices(window, context.now(), first.value.events) ?? slicesOf(window, context.now()));
	} finally {
		release();
	}
}

async function readSlices(context: TailContext, slices: FilterWindow[]): Promise<void> {
	const buffers = slices.map(() => new SliceBuffer());
	// Slices start reading in delivery order, a few at a time: the budget hands out calls first come first
	// served, so slices far ahead of delivery must not take the calls the slice being delivered waits for
	// (at 3 calls/s that held the engine idle while later slices filled their buffers).
	const reading = Math.max(2, Math.ceil(context.requestsPerSecond * CALL_SECONDS) + 1);
	const readers: Array<Promise<void>> = [];
	for (const [index, slice] of slices.entries()) {
		const buffer = buffers[index]!;
		const after = readers[index - reading] ?? Promise.resolve();
		readers.push(after.then(() => fill(context, slice, buffer, index === 0)));
	}
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

/**
 * Cut points from the first page (a full page: the service said there is more): the time it spans is
 * taken as the time a page spans anywhere in the window, so each slice but the last is cut to hold whole
 * pages, and the first starts at the window's start but holds its pages from the first event on (before
 * it a quiet stretch would cost calls that return nothing). Undefined when the page says too little.
 * Only where the cuts fall depends on this guess: the slices always cover the window whole.
 */
export function pageSizedSlices(window: FilterWindow, now: number, firstPage: readonly LogEvent[]): FilterWindow[] | undefined {
	if (firstPage.length < MIN_SAMPLE_EVENTS) return undefined;
	let oldest = Number.POSITIVE_INFINITY;
	let newest = Number.NEGATIVE_INFINITY;
	for (const {timestamp} of firstPage) {
		if (timestamp < oldest) oldest = timestamp;
		if (timestamp > newest) newest = timestamp;
	}
	const end = window.endTime ?? now;
	if (!(oldest >= window.startTime && newest < end)) return undefined;
	const pageMs = newest - oldest + 1;
	const pages = Math.max(1, (end - oldest) / pageMs);
	const pagesPerSlice = Math.ceil(pages / MAX_SLICES);
	const count = Math.max(1, Math.ceil(pages / pagesPerSlice));
	const width = Math.max(1, Math.floor(pagesPerSlice * pageMs * PAGE_FILL));
	return Array.from({length: count}, (_, index) => ({
		...window,
		startTime: index === 0 ? window.startTime : oldest + index * width,
		// The last slice keeps the window's own end (open when the window is), and whatever the guess missed.
		endTime: index === count - 1 ? window.endTime : oldest + (index + 1) * width,
	}));
}

async function fill(context: TailContext, slice: FilterWindow, buffer: SliceBuffer, first: boolean): Promise<void> {
	if (buffer.cancelled) return;
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
