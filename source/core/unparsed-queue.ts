// Unparsed lines waiting for their place in time order. Requests are printed when they settle, which is
// later than the lines that make them; an unparsed line printed as it is read would come before older
// requests. So a dated unparsed line waits, by log time, until every request that began before it has been
// emitted and the quick settle window has passed it (lines of older requests may still be on their way).

import type {UnparsedRecord} from './types.js';

/** Past this many waiting lines, the oldest are let go at once: memory stays bounded whatever the input. */
const MAX_WAITING = 1000;

export class UnparsedQueue {
	// Sorted by time; lines mostly arrive in order, so an insert is almost always at the end.
	readonly #waiting: UnparsedRecord[] = [];

	/** Queues a line; returns the oldest ones it pushed over the bound, to emit now. */
	add(record: UnparsedRecord): UnparsedRecord[] {
		const waiting = this.#waiting;
		let low = 0;
		let high = waiting.length;
		while (low < high) {
			const middle = (low + high) >>> 1;
			if (waiting[middle]!.timestamp <= record.timestamp) low = middle + 1;
			else high = middle;
		}

		waiting.splice(low, 0, record);
		return waiting.length > MAX_WAITING ? waiting.splice(0, waiting.length - MAX_WAITING) : [];
	}

	/**
	 * The lines that are due, oldest first: at least `quietMs` older than `watermark` and older than the
	 * earliest request still settling. Both conditions hold for a prefix of the queue.
	 */
	takeDue(watermark: number, quietMs: number, earliestPending: number): UnparsedRecord[] {
		let count = 0;
		for (const record of this.#waiting) {
			if (watermark - record.timestamp < quietMs || record.timestamp >= earliestPending) break;
			count++;
		}

		return this.#waiting.splice(0, count);
	}

	/** End of input: every waiting line, oldest first. */
	takeAll(): UnparsedRecord[] {
		return this.#waiting.splice(0);
	}
}
