// Yields an empty batch whenever the source has been quiet for a while, so a live pipeline keeps
// settling requests (and the UI keeps its clock) when a stage has no traffic.

export async function* withHeartbeat<T>(source: AsyncIterable<T[]>, intervalMs: number): AsyncGenerator<T[]> {
	const iterator = source[Symbol.asyncIterator]();
	let pending: Promise<IteratorResult<T[]>> | undefined;
	try {
		while (true) {
			pending ??= iterator.next();
			let timer: NodeJS.Timeout | undefined;
			const quiet = new Promise<'quiet'>((resolve) => {
				timer = setTimeout(() => resolve('quiet'), intervalMs);
			});
			const next = await Promise.race([pending, quiet]);
			clearTimeout(timer);
			if (next === 'quiet') {
				yield [];
				continue;
			}

			pending = undefined;
			if (next.done) return;
			yield next.value;
		}
	} finally {
		void iterator.return?.();
	}
}
