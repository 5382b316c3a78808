// Logs Insights faults, armed like the other emulator faults (`emulator.faults.insights`): StartQuery
// refused with LimitExceededException, and queries that end Failed, Timeout or Cancelled instead of
// Complete, or never complete. Counted, never random, so tests can rely on them.

/** How a query ends instead of Complete; `NeverCompletes` stays Running (with every row) until stopped. */
export type QueryFate = 'Failed' | 'Timeout' | 'Cancelled' | 'NeverCompletes';

export class InsightsFaults {
	#limitExceeded = 0;
	#fates: QueryFate[] = [];

	/** The next `count` StartQuery calls answer LimitExceededException (as when the account's concurrent queries are in use). */
	limitExceededNext(count: number): void {
		this.#limitExceeded += wholeCount(count);
	}

	/** The next `count` queries started end with `fate` where they would have completed. */
	queryFateNext(fate: QueryFate, count = 1): void {
		this.#fates.push(...Array.from({length: wholeCount(count)}, () => fate));
	}

	takeLimitExceeded(): boolean {
		if (this.#limitExceeded === 0) return false;
		this.#limitExceeded--;
		return true;
	}

	takeFate(): QueryFate | undefined {
		return this.#fates.shift();
	}

	clear(): void {
		this.#limitExceeded = 0;
		this.#fates = [];
	}
}

function wholeCount(count: number): number {
	if (!Number.isInteger(count) || count < 0) throw new RangeError(`fault count must be a whole number, got ${count}`);
	return count;
}
