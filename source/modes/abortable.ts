// Ends an async iteration as soon as a signal aborts, even while the source waits (stdin that never
// closes, a quiet live tail), so Ctrl+C always gets to print what is final.

export async function* untilAborted<T>(source: AsyncIterable<T>, signal: AbortSignal): AsyncGenerator<T> {
	if (signal.aborted) return;
	const iterator = source[Symbol.asyncIterator]();
	const aborted = new Promise<'aborted'>((resolve) => {
		signal.addEventListener('abort', () => resolve('aborted'), {once: true});
	});
	try {
		while (true) {
			const next = await Promise.race([iterator.next(), aborted]);
			if (next === 'aborted' || next.done) return;
			yield next.value;
		}
	} finally {
		// Do not wait: a source blocked on a read may only notice its end later.
		void iterator.return?.();
	}
}
