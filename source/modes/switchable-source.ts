// A live source that can be reopened with other settings while it runs: pinning a connection in the
// terminal UI narrows the CloudWatch transport to it (as --connection does), unpinning widens it again.

import type {LogEvent} from '../core/types.js';
import {untilAborted} from './abortable.js';

export type SourceOpener<Setting> = (setting: Setting, signal: AbortSignal) => AsyncIterable<LogEvent[]>;

export class SwitchableSource<Setting> {
	readonly #open: SourceOpener<Setting>;
	#setting: Setting;
	#current: AbortController | undefined;
	#switched = false;

	constructor(open: SourceOpener<Setting>, initial: Setting) {
		this.#open = open;
		this.#setting = initial;
	}

	/** Ends the running source and reopens it with `setting`. */
	switchTo(setting: Setting): void {
		this.#setting = setting;
		this.#switched = true;
		this.#current?.abort();
	}

	async *batches(signal: AbortSignal): AsyncGenerator<LogEvent[]> {
		while (!signal.aborted) {
			const current = new AbortController();
			const stop = () => current.abort();
			signal.addEventListener('abort', stop, {once: true});
			this.#current = current;
			this.#switched = false;
			try {
				yield* untilAborted(this.#open(this.#setting, current.signal), current.signal);
			} finally {
				signal.removeEventListener('abort', stop);
				current.abort();
			}

			// The source ended by itself (a --no-follow backfill): that is the end.
			if (!this.#switched) return;
		}
	}
}
