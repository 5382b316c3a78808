// Figures per Lambda function over the invocations seen: how many, how many served a request of the stage,
// cold starts, outcomes, and duration percentiles. Like the route figures (core/stats.ts) every figure is a
// sum of per-invocation contributions, so a request re-emitted with a new revision takes its old
// invocations out and puts the new ones back exactly, and the result does not depend on arrival order.
//
// Durations count in whole milliseconds rounded up (Lambda reports hundredths and bills whole
// milliseconds): a percentile never reads below the invocation it stands for, and below 10 s it is exact
// to the millisecond, as the route latencies are (core/latency-histogram.ts).

import {LatencyHistogram, type LatencySummary} from '../latency-histogram.js';
import type {Invocation} from './types.js';

export interface FunctionFigures {
	function: string;
	invocations: number;
	/** Invocations that served a request of the stage (role is not null). */
	joined: number;
	coldStarts: number;
	/** Outcomes as Lambda reported them: error (threw), timeout, failure (the runtime crashed). */
	errors: number;
	timeouts: number;
	failures: number;
	/** Percentiles of the invocations that reported a duration (`count` says how many did). */
	duration: LatencySummary;
}

type Counter = Exclude<keyof FunctionFigures, 'function' | 'duration'>;

class FunctionTally {
	readonly counters: Record<Counter, number> = {invocations: 0, joined: 0, coldStarts: 0, errors: 0, timeouts: 0, failures: 0};
	readonly duration = new LatencyHistogram();

	apply(invocation: Invocation, sign: 1 | -1): void {
		this.counters.invocations += sign;
		if (invocation.role !== null) this.counters.joined += sign;
		if (invocation.coldStart) this.counters.coldStarts += sign;
		if (invocation.outcome === 'error') this.counters.errors += sign;
		if (invocation.outcome === 'timeout') this.counters.timeouts += sign;
		if (invocation.outcome === 'failure') this.counters.failures += sign;
		if (invocation.durationMs === null) return;
		const whole = Math.ceil(invocation.durationMs);
		if (sign === 1) this.duration.add(whole);
		else this.duration.remove(whole);
	}

	figures(name: string): FunctionFigures {
		return {function: name, ...this.counters, duration: this.duration.summary()};
	}
}

export class FunctionStats {
	readonly #functions = new Map<string, FunctionTally>();

	/** Adds one invocation (joined to a request or on its own). */
	add(invocation: Invocation): void {
		let tally = this.#functions.get(invocation.function);
		if (tally === undefined) {
			tally = new FunctionTally();
			this.#functions.set(invocation.function, tally);
		}

		tally.apply(invocation, 1);
	}

	/**
	 * Takes back an invocation added before (pass the same view that was added: its contribution is recomputed
	 * from it, not remembered). A function nothing counts for any more is forgotten.
	 */
	remove(invocation: Invocation): void {
		const tally = this.#functions.get(invocation.function);
		if (tally === undefined) return;
		tally.apply(invocation, -1);
		if (tally.counters.invocations <= 0) this.#functions.delete(invocation.function);
	}

	/** One entry per function, sorted by name (independent of arrival order). */
	snapshot(): FunctionFigures[] {
		return [...this.#functions]
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
			.map(([name, tally]) => tally.figures(name));
	}
}
