// Latency percentiles that survive removal: a request re-emitted with a new revision takes its old
// latency back out. A sorted list would make every update O(n); a histogram keeps one counter per
// bucket, so adding and removing are O(1) and the state is the same whatever the insertion order.
//
// Whole milliseconds below EXACT_LIMIT (what API Gateway reports; nearly every latency is under 10 s) get
// a bucket each and come back exact, so the percentiles of a few requests read what their rows read
// (memory stays bounded: at most one bucket per millisecond below the limit). Everything else falls into a log-scale bucket i = ceil(log_gamma(v)), holding
// (gamma^(i-1), gamma^i], and is answered by the bucket's upper bound rounded up to a whole millisecond:
// never lower than any value in it (a p99 that reads below the slowest request it stands for looks like a
// bug), and at most gamma - 1 (2%) plus one millisecond higher.

const RELATIVE_ACCURACY = 0.01;
const EXACT_LIMIT = 10_000;
const GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
const LOG_GAMMA = Math.log(GAMMA);

export interface LatencySummary {
	count: number;
	p50: number | null;
	p95: number | null;
	p99: number | null;
	max: number | null;
}

export class LatencyHistogram {
	#count = 0;
	/** Count per bucket, keyed by the value the bucket answers with (distinct buckets have distinct values). */
	readonly #buckets = new Map<number, number>();

	get count(): number {
		return this.#count;
	}

	/** Records one latency; negative, infinite and NaN values are not latencies and are ignored. */
	add(value: number): void {
		const key = bucketValue(value);
		if (key === undefined) return;
		this.#buckets.set(key, (this.#buckets.get(key) ?? 0) + 1);
		this.#count += 1;
	}

	/** Takes back one latency added before; a value never added changes nothing. */
	remove(value: number): void {
		const key = bucketValue(value);
		const held = key === undefined ? 0 : (this.#buckets.get(key) ?? 0);
		if (key === undefined || held === 0) return;
		if (held === 1) this.#buckets.delete(key);
		else this.#buckets.set(key, held - 1);
		this.#count -= 1;
	}

	/** Nearest-rank percentile (the smallest value with at least q of all values at or below it); null when empty. */
	percentile(q: number): number | null {
		return this.#percentiles([q])[0] ?? null;
	}

	summary(): LatencySummary {
		const [p50 = null, p95 = null, p99 = null, max = null] = this.#percentiles([0.5, 0.95, 0.99, 1]);
		return {count: this.#count, p50, p95, p99, max};
	}

	/** One ascending walk over the buckets answers every (ascending) q. */
	#percentiles(qs: number[]): Array<number | null> {
		if (this.#count === 0) return qs.map(() => null);
		const ascending = [...this.#buckets].sort((a, b) => a[0] - b[0]);
		let seen = 0;
		let bucket = 0;
		return qs.map((q) => {
			const rank = Math.min(this.#count, Math.max(1, Math.ceil(q * this.#count)));
			while (bucket < ascending.length - 1 && seen + ascending[bucket]![1] < rank) {
				seen += ascending[bucket]![1];
				bucket += 1;
			}

			return ascending[bucket]![0];
		});
	}
}

/** The value a latency's bucket answers with, or undefined for something that is not a latency. */
function bucketValue(value: number): number | undefined {
	if (!Number.isFinite(value) || value < 0) return undefined;
	if (Number.isInteger(value) && value < EXACT_LIMIT) return value;
	// Tiny fractions share the lowest log bucket rather than reaching log(0).
	const index = Math.ceil(Math.log(Math.max(value, Number.MIN_VALUE)) / LOG_GAMMA);
	// The bound is computed in floating point: never answer below the value itself.
	return Math.ceil(Math.max(GAMMA ** index, value));
}
