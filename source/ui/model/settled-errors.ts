// The header's error counts: requests as finally classified. A request counts in a category once it has
// settled with an error of it; while it settles it counts as "settling", so a late access line that changes
// its category never makes a count go down. A settled request revised later (a rare, very late line) moves
// between categories in the open: the count it leaves is told as "revised".

import {errorCategoriesOf, zeroCounts, type ErrorCounts} from '../../core/error-counts.js';
import type {ErrorCategory, RequestView} from '../../core/types.js';

/** What one request contributes: the categories it settled with, and whether it is settling with errors. */
export interface SettledContribution {
	counted: readonly ErrorCategory[];
	settlingWithErrors: boolean;
}

export const NO_CONTRIBUTION: SettledContribution = {counted: [], settlingWithErrors: false};

export class SettledErrors {
	readonly counts: ErrorCounts = zeroCounts();
	/** Requests still settling that have an error so far. */
	settling = 0;
	/** Counts a settled request left when a later revision took that category away. */
	revised = 0;

	/** Replaces a request's contribution with its newer view's; returns the new contribution to keep. */
	update(previous: SettledContribution, request: RequestView, pending: boolean): SettledContribution {
		if (previous.settlingWithErrors) this.settling--;
		if (pending) {
			const settlingWithErrors = request.errors.length > 0;
			if (settlingWithErrors) this.settling++;
			// What it settled with before stays counted until it settles again.
			return {counted: previous.counted, settlingWithErrors};
		}

		const counted = errorCategoriesOf(request);
		for (const category of previous.counted) {
			if (counted.includes(category)) continue;
			this.counts[category]--;
			this.revised++;
		}

		for (const category of counted) if (!previous.counted.includes(category)) this.counts[category]++;
		return {counted, settlingWithErrors: false};
	}

	/** A request dropped from memory: its settled counts stay, it no longer settles here. */
	forget(contribution: SettledContribution): void {
		if (contribution.settlingWithErrors) this.settling--;
	}
}
