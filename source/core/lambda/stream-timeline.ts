// One log stream of a function: one execution environment, running one invocation at a time. A line
// without a request id (print(), a Python traceback) belongs to the invocation running on its stream at
// its event time, so ownership is decided from START/END times, never from arrival order: the same
// lines in any order give the same owners.

import type {InvocationState} from './invocation-state.js';
import type {InvocationError} from './types.js';

export interface IdlessLine {
	time: number;
	message: string;
	level: string | null;
	error: InvocationError | undefined;
}

export class StreamTimeline {
	/** Invocations that logged a START (or a report), by start time. */
	readonly invocations: InvocationState[] = [];
	/** Id-less lines, by time. */
	readonly idless: IdlessLine[] = [];
	readonly #seen = new Set<string>();

	/** Adds an id-less line; false when this very event was already added (overlapping inputs). */
	addIdless(line: IdlessLine): boolean {
		const key = `${line.time}\u0000${line.message}`;
		if (this.#seen.has(key)) return false;
		this.#seen.add(key);
		let index = this.idless.length;
		while (index > 0 && compareLines(this.idless[index - 1]!, line) > 0) index--;
		this.idless.splice(index, 0, line);
		return true;
	}

	/** Places an invocation by its start time (again after its start time became known). */
	place(state: InvocationState): void {
		const at = this.invocations.indexOf(state);
		if (at >= 0) this.invocations.splice(at, 1);
		let index = this.invocations.length;
		while (index > 0 && compareStarts(this.invocations[index - 1]!, state) > 0) index--;
		this.invocations.splice(index, 0, state);
	}

	remove(state: InvocationState): void {
		const at = this.invocations.indexOf(state);
		if (at < 0) return;
		const owned = new Set(this.linesOf(state));
		this.invocations.splice(at, 1);
		for (let index = this.idless.length - 1; index >= 0; index--) {
			if (owned.has(this.idless[index]!)) this.idless.splice(index, 1);
		}
	}

	/**
	 * The invocation running at `time`: the latest one started by then, unless it had already ended, in
	 * which case the next one (what an environment prints while it initializes comes before its START).
	 */
	ownerAt(time: number): InvocationState | undefined {
		const index = this.#lastStartedBy(time);
		const running = index >= 0 ? this.invocations[index] : undefined;
		if (running && (running.end === undefined || time <= running.end)) return running;
		return this.invocations[index + 1];
	}

	/** The invocations next to one (whose id-less lines a new START or END may move). */
	neighboursAt(time: number): InvocationState[] {
		const index = this.#lastStartedBy(time);
		return [this.invocations[index], this.invocations[index + 1]].filter((state) => state !== undefined);
	}

	/** The id-less lines an invocation owns, in time order. */
	linesOf(state: InvocationState): IdlessLine[] {
		if (state.start === undefined || !this.invocations.includes(state)) return [];
		const owned: IdlessLine[] = [];
		for (const line of this.idless) if (this.ownerAt(line.time) === state) owned.push(line);
		return owned;
	}

	/** Id-less lines no invocation owns (before the first START of a stream, or after the last END). */
	unowned(): IdlessLine[] {
		return this.idless.filter((line) => this.ownerAt(line.time) === undefined);
	}

	#lastStartedBy(time: number): number {
		let low = 0;
		let high = this.invocations.length - 1;
		let found = -1;
		while (low <= high) {
			const middle = (low + high) >> 1;
			if (this.invocations[middle]!.start! <= time) {
				found = middle;
				low = middle + 1;
			} else {
				high = middle - 1;
			}
		}

		return found;
	}
}

function compareStarts(a: InvocationState, b: InvocationState): number {
	return a.start! - b.start! || (a.requestId < b.requestId ? -1 : a.requestId > b.requestId ? 1 : 0);
}

export function compareLines(a: {time: number; message: string}, b: {time: number; message: string}): number {
	return a.time - b.time || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}
