// Writes lines to stdout with backpressure (a slow pipe must slow us down, not fill memory), and treats a
// closed pipe (`apigw-tail ... | head -1`) as a normal end rather than a crash.

import type {Writable} from 'node:stream';

export class LineSink {
	readonly #stream: Writable;
	#closed = false;

	constructor(stream: Writable) {
		this.#stream = stream;
		stream.on('error', (error: NodeJS.ErrnoException) => {
			if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') {
				this.#closed = true;
				return;
			}

			throw error;
		});
	}

	/** True once the reader went away; callers stop producing. */
	get closed(): boolean {
		return this.#closed;
	}

	async write(lines: readonly string[]): Promise<void> {
		if (lines.length === 0 || this.#closed) return;
		// One join with an empty last line gives the final newline: appending it to the joined text would
		// make a two-part string that the write copies once more to flatten (a tenth of the write's time).
		const accepted = this.#stream.write([...lines, ''].join('\n'));
		if (!accepted && !this.#closed) await this.#drained();
	}

	async #drained(): Promise<void> {
		await new Promise<void>((resolve) => {
			const done = () => {
				this.#stream.off('drain', done);
				this.#stream.off('close', done);
				this.#stream.off('error', done);
				resolve();
			};

			this.#stream.once('drain', done);
			this.#stream.once('close', done);
			this.#stream.once('error', done);
		});
	}
}
