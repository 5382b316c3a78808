// The orderings the connections pane offers. Each puts "the most" first (newest activity, most errors,
// oldest, most messages); ties fall back to activity, then to the id, so that every order is total.

import type {ConnectionSort} from '../view-models.js';
import {compareIds, type ConnectionSummary} from './entries.js';

export const CONNECTION_SORTS: readonly ConnectionSort[] = ['activity', 'errors', 'age', 'messages'];

export const CONNECTION_ORDER: Record<ConnectionSort, (a: ConnectionSummary, b: ConnectionSummary) => number> = {
	activity: (a, b) => descending(a.lastActivity, b.lastActivity) || compareIds(a.connectionId, b.connectionId),
	errors: (a, b) => descending(a.errorTotal, b.errorTotal) || CONNECTION_ORDER.activity(a, b),
	age: (a, b) => descending(b.firstSeen, a.firstSeen) || CONNECTION_ORDER.activity(a, b),
	messages: (a, b) => descending(a.messageCount, b.messageCount) || CONNECTION_ORDER.activity(a, b),
};

/** Larger first; equal values (infinities included) tie instead of comparing as NaN. */
function descending(a: number, b: number): number {
	return a === b ? 0 : a > b ? -1 : 1;
}
