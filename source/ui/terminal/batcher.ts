// Events arrive hundreds of times a second; React should see them at most ten times a second. The
// first event after a quiet spell goes out on the next tick (new data is on screen at once), then
// the batcher cools down for one interval, collecting marks, and flushes once at its end if any came.

const DEFAULT_INTERVAL_MS = 100;

type State = 'idle' | 'scheduled' | 'cooling';

export class UpdateBatcher {
	#state: State = 'idle';
	#dirty = false;
	#timer: NodeJS.Timeout | undefined;
	#stopped = false;
	readonly #flush: () => void;
	readonly #intervalMs: number;

	constructor(flush: () => void, intervalMs = DEFAULT_INTERVAL_MS) {
		this.#flush = flush;
		this.#intervalMs = intervalMs;
	}

	/** Something changed: a flush will follow, within one interval. */
	mark(): void {
		if (this.#stopped) return;
		this.#dirty = true;
		if (this.#state !== 'idle') return;
		this.#state = 'scheduled';
		this.#schedule(0);
	}

	/** Cancels any pending flush; later marks are ignored. */
	stop(): void {
		this.#stopped = true;
		clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#state = 'idle';
	}

	readonly #onTimer = (): void => {
		this.#timer = undefined;
		if (!this.#dirty) {
			// A whole interval without marks: nothing holds a timer until the next one.
			this.#state = 'idle';
			return;
		}
		this.#dirty = false;
		// Cool down before flushing: a flush that throws (or marks again) still leaves the pace intact.
		this.#state = 'cooling';
		this.#schedule(this.#intervalMs);
		this.#flush();
	};

	#schedule(delayMs: number): void {
		// unref: a pending redraw alone must not keep the process alive.
		this.#timer = setTimeout(this.#onTimer, delayMs).unref();
	}
}
