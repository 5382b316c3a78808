// The stats command: records fold into groups (by the `by` values) and accumulators (one per
// aggregate call); rows can be read at any time, which is how partial results of a running query
// are produced. pct is the nearest-rank percentile over the exact values (the service estimates it;
// its docs give no method), count_distinct is exact (the service approximates high cardinalities).

import {evaluate} from './insights-evaluate.js';
import {compareValues, InsightsTime, numberOf, textOf, type InsightsRecord, type Value} from './insights-record.js';
import {childrenOf, type AggregateFunction, type Command, type Expression} from './insights-syntax.js';

type StatsCommand = Extract<Command, {kind: 'stats'}>;
type AggregateCall = Extract<Expression, {kind: 'aggregate'}>;

interface Accumulator {
	add(value: Value | undefined): void;
	result(): Value | undefined;
}

interface Group {
	readonly keys: readonly (Value | undefined)[];
	readonly accumulators: readonly Accumulator[];
}

export class StatsAggregator {
	readonly #groups = new Map<string, Group>();
	readonly #calls: AggregateCall[];
	readonly #binGroups: number[];

	constructor(readonly command: StatsCommand) {
		this.#calls = command.items.flatMap((item) => aggregateCalls(item.expression)).sort((a, b) => a.slot - b.slot);
		this.#binGroups = command.groups.flatMap((group, index) => (group.expression.kind === 'call' && group.expression.name === 'bin' ? [index] : []));
	}

	add(record: InsightsRecord): void {
		const keys = this.command.groups.map((group) => evaluate(group.expression, record));
		// A bin's key by its milliseconds: formatting a timestamp for every event costs more than the rest of the fold.
		const id = keys.map((key) => (key === undefined ? '\u0000' : key instanceof InsightsTime ? `\u0002${key.ms}` : textOf(key))).join('\u0001');
		let group = this.#groups.get(id);
		if (group === undefined) {
			group = {keys, accumulators: this.#calls.map((call) => accumulatorFor(call))};
			this.#groups.set(id, group);
		}
		for (const [index, call] of this.#calls.entries()) {
			const argument = call.args[0];
			group.accumulators[index]?.add(argument === undefined ? true : evaluate(argument, record));
		}
	}

	/** One row per group: the `by` columns, then the stats items (later items may use earlier aliases). */
	rows(): InsightsRecord[] {
		let groups = [...this.#groups.values()];
		const bin = this.#binGroups[0];
		// Time series come newest bucket first, as the service returns them.
		if (bin !== undefined) groups = groups.sort((a, b) => -compareMissingLast(a.keys[bin], b.keys[bin]));
		if (groups.length === 0 && this.command.groups.length === 0) groups = [{keys: [], accumulators: this.#calls.map((call) => accumulatorFor(call))}];
		return groups.map((group) => {
			const row: InsightsRecord = new Map();
			for (const [index, projection] of this.command.groups.entries()) {
				const key = group.keys[index];
				if (key !== undefined) row.set(projection.name, key);
			}
			const values: Array<Value | undefined> = [];
			for (const [index, call] of this.#calls.entries()) values[call.slot] = group.accumulators[index]?.result();
			for (const item of this.command.items) {
				const value = evaluate(item.expression, row, values);
				if (value !== undefined) row.set(item.name, value);
			}
			return row;
		});
	}
}

function compareMissingLast(a: Value | undefined, b: Value | undefined): number {
	if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
	return compareValues(a, b);
}

function aggregateCalls(expression: Expression): AggregateCall[] {
	return expression.kind === 'aggregate' ? [expression] : childrenOf(expression).flatMap(aggregateCalls);
}

function accumulatorFor(call: AggregateCall): Accumulator {
	const percentile = call.args[1]?.kind === 'literal' ? Number(call.args[1].value) : 50;
	const makers: Record<AggregateFunction, () => Accumulator> = {
		count: () => counter(),
		count_distinct: () => distinct(),
		sum: () => moments((m) => (m.n === 0 ? undefined : m.sum)),
		avg: () => moments((m) => (m.n === 0 ? undefined : m.sum / m.n)),
		stddev: () => moments((m) => (m.n < 2 ? undefined : Math.sqrt(Math.max(0, (m.squares - (m.sum * m.sum) / m.n) / (m.n - 1))))),
		min: () => extreme(-1),
		max: () => extreme(1),
		pct: () => nearestRank(percentile),
	};
	return makers[call.name]();
}

function counter(): Accumulator {
	let count = 0;
	return {add: (value) => void (value !== undefined && count++), result: () => count};
}

function distinct(): Accumulator {
	const seen = new Set<string>();
	return {add: (value) => void (value !== undefined && seen.add(textOf(value))), result: () => seen.size};
}

interface Moments {
	n: number;
	sum: number;
	squares: number;
}

function moments(finish: (moments: Moments) => number | undefined): Accumulator {
	const m: Moments = {n: 0, sum: 0, squares: 0};
	return {
		add(value) {
			const number = numberOf(value);
			if (number === undefined) return;
			m.n++;
			m.sum += number;
			m.squares += number * number;
		},
		result: () => finish(m),
	};
}

/** min (direction -1) or max (1): numbers compare as numbers, text as text; the value keeps its type. */
function extreme(direction: 1 | -1): Accumulator {
	let best: Value | undefined;
	return {
		add(value) {
			if (value === undefined) return;
			if (best === undefined || compareValues(value, best) * direction > 0) best = value;
		},
		result: () => best,
	};
}

function nearestRank(percentile: number): Accumulator {
	const values: number[] = [];
	let sorted = true;
	return {
		add(value) {
			const number = numberOf(value);
			if (number === undefined) return;
			values.push(number);
			sorted = false;
		},
		result() {
			if (values.length === 0) return undefined;
			// Sorted in place: a poll adds a tail to a sorted run, which TimSort merges in close to linear time.
			if (!sorted) values.sort((a, b) => a - b);
			sorted = true;
			const rank = Math.max(1, Math.ceil((percentile / 100) * values.length));
			return values[rank - 1];
		},
	};
}
