// A function's execution environments, as Lambda runs them: each is one log stream and runs one
// invocation at a time; a request that finds none free starts a new one (a cold start); idle ones are
// reclaimed, and one whose runtime timed out or crashed is never used again.

import type {Random} from './random.js';

export interface ExecutionEnvironment {
	/** `2026/12/05/[$LATEST]<32 hex>`: the day it started, and its instance. */
	stream: string;
	instanceId: string;
	/** Epoch ms its current invocation ends; it takes no other before then. */
	busyUntil: number;
}

/** Lambda reclaims environments that sat idle for a while (minutes, not documented). */
const IDLE_RECLAIM_MS = 5 * 60_000;

export class EnvironmentPool {
	readonly #rng: Random;
	readonly #byFunction = new Map<string, ExecutionEnvironment[]>();

	constructor(rng: Random) {
		this.#rng = rng;
	}

	/**
	 * The environment that runs an invocation starting at `at`: the most recently used free one (so the
	 * others idle out, as Lambda's own placement lets them), or a new one when none is free or `cold`
	 * (the gateway already measured a cold start). The caller marks it busy with `occupy`.
	 */
	acquire(functionName: string, at: number, cold: boolean): {environment: ExecutionEnvironment; isNew: boolean} {
		const pool = (this.#byFunction.get(functionName) ?? []).filter((environment) => environment.busyUntil > at - IDLE_RECLAIM_MS);
		this.#byFunction.set(functionName, pool);
		let warmest: ExecutionEnvironment | undefined;
		if (!cold) {
			for (const environment of pool) {
				if (environment.busyUntil <= at && (warmest === undefined || environment.busyUntil > warmest.busyUntil)) warmest = environment;
			}
		}
		if (warmest !== undefined) return {environment: warmest, isNew: false};
		return {environment: this.#start(functionName, at), isNew: true};
	}

	/** An environment that was already running before `at` (its INIT_START is not in this log). */
	warm(functionName: string, at: number): void {
		this.#start(functionName, at);
	}

	occupy(environment: ExecutionEnvironment, until: number): void {
		environment.busyUntil = Math.max(environment.busyUntil, until);
	}

	/** After a timeout or a crash Lambda resets the environment: the next invocation starts a new one. */
	retire(functionName: string, environment: ExecutionEnvironment): void {
		const pool = this.#byFunction.get(functionName) ?? [];
		this.#byFunction.set(functionName, pool.filter((candidate) => candidate !== environment));
	}

	#start(functionName: string, at: number): ExecutionEnvironment {
		const day = new Date(at).toISOString().slice(0, 10).replaceAll('-', '/');
		const environment: ExecutionEnvironment = {stream: `${day}/[$LATEST]${this.#rng.hex(32)}`, instanceId: this.#rng.hex(32), busyUntil: at};
		const pool = this.#byFunction.get(functionName) ?? [];
		pool.push(environment);
		this.#byFunction.set(functionName, pool);
		return environment;
	}
}
