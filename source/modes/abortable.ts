// Ends an async iteration as soon as a signal aborts, even while the source waits (stdin that never
// closes, a quiet live tail), so Ctrl+C always gets to print what is final.

export async function* untilAborted<T>(source: AsyncIterable<T>, signal: AbortSignal): AsyncGenerator<T> {
	const iterator = source[Symbol.asyncIterator]();
	try {
		while (!signal.aborted) {
			const next = await nextOrAbort(iterator, signal);
			if (next === undefined || next.done) return;
			yield next.value;
		}
	} finally {
		// Do not wait: a source blocked on a read may only notice its end later.
		void iterator.return?.();
	}
}

// One listener per wait, removed when the wait ends. (Racing every wait against one long-lived abort
// promise would attach a reaction per batch to it and keep every batch alive: a leak of the whole input.)
async function nextOrAbort<T>(iterator: AsyncIterator<T>, signal: AbortSignal): Promise<IteratorResult<T> | undefined> {
	return new Promise((resolve, reject) => {
		const onAbort = () => resolve(undefined);
		signal.addEventListener('abort', onAbort, {once: true});
		iterator.next().then(
			(result) => {
				signal.removeEventListener('abort', onAbort);
				resolve(result);
			},
			(error: unknown) => {
				signal.removeEventListener('abort', onAbort);
				reject(error);
			},
		);
	});
}
