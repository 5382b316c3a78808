// Hands batches from the transport's concurrent tasks (live tail reader, gap fills, polls) to the one
// consumer of the async iterable, in the order they were pushed; the first close wins.

export class BatchChannel<T> {
	private readonly queue: T[] = [];
	private waiting: (() => void) | undefined;
	private closed = false;
	private failure: {error: unknown} | undefined;

	push(item: T): void {
		if (this.closed) return;
		this.queue.push(item);
		this.wake();
	}

	/** Ends the iteration once the queue is drained; with an error, the iteration throws it instead. */
	close(error?: unknown): void {
		if (this.closed) return;
		this.closed = true;
		if (error !== undefined) this.failure = {error};
		this.wake();
	}

	async *drain(): AsyncGenerator<T> {
		for (;;) {
			const item = this.queue.shift();
			if (item !== undefined) {
				yield item;
				continue;
			}
			if (this.failure !== undefined) throw this.failure.error;
			if (this.closed) return;
			await new Promise<void>((resolve) => {
				this.waiting = resolve;
			});
		}
	}

	private wake(): void {
		const waiting = this.waiting;
		this.waiting = undefined;
		waiting?.();
	}
}
