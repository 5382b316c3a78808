// Hands batches from the transport's concurrent tasks (live tail reader, gap fills, polls) to the one
// consumer of the async iterable, in the order they were pushed; the first close wins.

export class BatchChannel<T> {
	readonly #queue: T[] = [];
	#waiting: (() => void) | undefined;
	#roomWaiters: Array<() => void> = [];
	#closed = false;
	#failure: {error: unknown} | undefined;

	push(item: T): void {
		if (this.#closed) return;
		this.#queue.push(item);
		this.#wake();
	}

	/** Ends the iteration once the queue is drained; with an error, the iteration throws it instead. */
	close(error?: unknown): void {
		if (this.#closed) return;
		this.#closed = true;
		if (error !== undefined) this.#failure = {error};
		this.#wake();
		this.#wakeRoomWaiters();
	}

	/**
	 * Resolves once at most `maxQueued` items wait for the consumer. Readers that can wait (FilterLogEvents
	 * pages) call it before fetching more, so a slow consumer slows the backfill instead of filling memory.
	 */
	async room(maxQueued: number): Promise<void> {
		while (this.#queue.length > maxQueued && !this.#closed) {
			await new Promise<void>((resolve) => this.#roomWaiters.push(resolve));
		}
	}

	async *drain(): AsyncGenerator<T> {
		for (;;) {
			const item = this.#queue.shift();
			if (item !== undefined) {
				this.#wakeRoomWaiters();
				yield item;
				continue;
			}
			if (this.#failure !== undefined) throw this.#failure.error;
			if (this.#closed) return;
			await new Promise<void>((resolve) => {
				this.#waiting = resolve;
			});
		}
	}

	#wakeRoomWaiters(): void {
		const waiters = this.#roomWaiters;
		this.#roomWaiters = [];
		for (const resolve of waiters) resolve();
	}

	#wake(): void {
		const waiting = this.#waiting;
		this.#waiting = undefined;
		waiting?.();
	}
}
