// The engine's per-function figures (summary `functions`): every invocation it emits, on a request or on its
// own, counted once. A revision takes its earlier version out first, as the route figures do (stats.ts).

import {dropOldest} from '../bounded-map.js';
import {FunctionStats, type FunctionFigures} from './function-stats.js';
import type {Invocation} from './types.js';

export class EngineFunctionFigures {
	readonly #stats = new FunctionStats();
	/** The last emitted version of each lone invocation, so a revision replaces it; bounded, oldest out first. */
	readonly #lone = new Map<string, Invocation>();
	readonly #maxLone: number;

	constructor(maxLone: number) {
		this.#maxLone = maxLone;
	}

	/** A request emitted (or re-emitted with `previous` being the version it replaces), or taken back (`current` undefined). */
	request(previous: readonly Invocation[] | undefined, current: readonly Invocation[] | undefined): void {
		for (const invocation of previous ?? []) this.#stats.remove(invocation);
		for (const invocation of current ?? []) this.#stats.add(invocation);
	}

	/** An invocation no request named, emitted on its own (again when late lines revise it). */
	lone(invocation: Invocation): void {
		const key = `${invocation.logGroup}\u0000${invocation.requestId}`;
		const previous = this.#lone.get(key);
		if (previous !== undefined) {
			this.#stats.remove(previous);
			this.#lone.delete(key);
		}

		this.#stats.add(invocation);
		this.#lone.set(key, invocation);
		dropOldest(this.#lone, this.#maxLone);
	}

	snapshot(): FunctionFigures[] {
		return this.#stats.snapshot();
	}
}
