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
	/** Adds an id-less line; false when this very event was already added (overlapping inputs). */
	addIdless(line: IdlessLine): boolean {
		let index = this.idless.length;
		while (index > 0 && compareLines(this.idless[index - 1]!, line) > 0) index--;
		if (index > 0 && compareLines(this.idless[index - 1]!, line) === 0) return false;
		this.idless.splice(index, 0, line);
		return true;
	}

	/**
	 * Places an invocation by its start time; again when its START arrives after its report set a start
	 * (rare: a linear search is fine there).
	 */
	place(state: InvocationState, placedBefore: boolean): void {
		const at = placedBefore ? this.invocations.indexOf(state) : -1;
		if (at >= 0) this.invocations.splice(at, 1);
		let index = this.invocations.length;
		while (index > 0 && compareStarts(this.invocations[index - 1]!, state) > 0) index--;
		this.invocations.splice(index, 0, state);
	}

	remove(state: InvocationState): void {
		if (state.start === undefined) return;
		const at = this.#indexOf(state, state.start);
		if (at < 0) return;
		// Ownership goes by time alone, so what one invocation owns is a run of the time-sorted lines.
		const owned = this.linesOf(state);
		this.invocations.splice(at, 1);
		if (owned.length === 0) return;
		let first = this.#firstLineAt(owned[0]!.time);
		while (first < this.idless.length && this.idless[first] !== owned[0]) first++;
		this.idless.splice(first, owned.length);
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
		if (state.start === undefined) return [];
		const at = this.#indexOf(state, state.start);
		if (at < 0) return [];
		// ownerAt(t) is the invocation started last by t, or the one after it: what this one owns lies
		// between the start of the one before it and the start of the one after it.
		const from = at > 0 ? this.invocations[at - 1]!.start! : Number.NEGATIVE_INFINITY;
		const to = at + 1 < this.invocations.length ? this.invocations[at + 1]!.start! : Number.POSITIVE_INFINITY;
		const owned: IdlessLine[] = [];
		for (let index = this.#firstLineAt(from); index < this.idless.length && this.idless[index]!.time <= to; index++) {
			const line = this.idless[index]!;
			if (this.ownerAt(line.time) === state) owned.push(line);
		}

		return owned;
	}

	/** Id-less lines no invocation owns (before the first START of a stream, or after the last END). */
	unowned(): IdlessLine[] {
		return this.idless.filter((line) => this.ownerAt(line.time) === undefined);
	}

	/** Where an invocation sits, found by the start it was placed with. */
	#indexOf(state: InvocationState, start: number): number {
		let low = 0;
		let high = this.invocations.length - 1;
		while (low <= high) {
			const middle = (low + high) >> 1;
			const other = this.invocations[middle]!;
			const order = other.start! - start || compareIds(other.requestId, state.requestId);
			if (order === 0) return other === state ? middle : -1;
			if (order < 0) low = middle + 1;
			else high = middle - 1;
		}

		return -1;
	}

	#firstLineAt(time: number): number {
		let low = 0;
		let high = this.idless.length;
		while (low < high) {
			const middle = (low + high) >> 1;
			if (this.idless[middle]!.time < time) low = middle + 1;
			else high = middle;
		}

		return low;
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
	return a.start! - b.start! || compareIds(a.requestId, b.requestId);
}

function compareIds(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

export function compareLines(a: {time: number; message: string}, b: {time: number; message: string}): number {
	return a.time - b.time || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}
