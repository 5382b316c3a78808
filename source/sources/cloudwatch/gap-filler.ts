// Re-reads windows live tail may have missed (a sampled update, a reconnect), one at a time, in the
// background so the live stream keeps being read meanwhile (a slow reader loses events server-side).
// Windows asked for while a fill runs are merged per group into the next fill: a window is covered
// by any read that STARTS after it was asked for, so nothing requested is skipped.

import type {TailContext} from './tail-context.js';
import {readWindow} from './filter-window.js';
import type {TailedGroup} from './types.js';

interface PendingWindow {
	group: TailedGroup;
	start: number;
	/** Open-ended (up to now) when undefined. */
	end: number | undefined;
	sampled: boolean;
	/** Keeps what the group delivered since `start` known until the window is read. */
	release: () => void;
}

export class GapFiller {
	readonly #pending = new Map<string, PendingWindow>();
	#running: Promise<void> | undefined;

	readonly #context: TailContext;

	constructor(context: TailContext) {
		this.#context = context;
	}

	/** Asks for [start, end) of every live-tailed group to be re-read; `sampled` keeps the status's flag on until done. */
	request(start: number, end: number | undefined, sampled: boolean): void {
		for (const group of this.#context.liveGroups) {
			const known = this.#pending.get(group.name);
			if (known === undefined) {
				this.#pending.set(group.name, {group, start, end, sampled, release: this.#context.remember(group.name, start)});
				continue;
			}
			if (start < known.start) {
				known.release();
				known.release = this.#context.remember(group.name, start);
				known.start = start;
			}
			known.end = known.end === undefined || end === undefined ? undefined : Math.max(known.end, end);
			known.sampled ||= sampled;
		}
		this.#kick();
	}

	/** Resolves when no fill is pending or running. */
	async idle(): Promise<void> {
		while (this.#running !== undefined) await this.#running;
	}

	#kick(): void {
		if (this.#running !== undefined || this.#pending.size === 0 || this.#context.stopped) return;
		this.#running = this.#drain()
			.catch((error: unknown) => this.#context.fail(error))
			.finally(() => {
				this.#running = undefined;
				this.#kick();
			});
	}

	async #drain(): Promise<void> {
		while (this.#pending.size > 0 && !this.#context.stopped) {
			const windows = [...this.#pending.values()];
			this.#pending.clear();
			for (const window of windows) {
				if (window.sampled) this.#context.sampledFill(1);
				try {
					await readWindow(this.#context, {group: window.group, startTime: window.start, endTime: window.end});
				} finally {
					window.release();
					if (window.sampled) this.#context.sampledFill(-1);
				}
			}
		}
	}
}
