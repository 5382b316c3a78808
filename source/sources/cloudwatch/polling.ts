// Backfill and polling with FilterLogEvents. A poll re-reads from the newest event time seen minus
// the overlap window, so an event ingested late with an older timestamp is still delivered (what
// `aws logs tail --follow` misses: it polls from the newest timestamp and drops anything older);
// exactly-once memory removes what the overlap reads again.

import {sleep} from './request-budget.js';
import {readWindow} from './filter-window.js';
import {readSlicedWindow} from './sliced-window.js';
import type {TailContext} from './tail-context.js';
import type {TailedGroup} from './types.js';

/**
 * Every group from --since, one after the other, each in concurrent time slices delivered in order
 * (sliced-window.ts); up to `endTime` (exclusive), or open-ended.
 */
export async function backfill(context: TailContext, endTime?: number): Promise<void> {
	// Live tail may deliver events of a group before its turn comes; they must still be known then.
	const release = context.rememberAll(context.startTime);
	try {
		for (const group of context.groups) {
			if (context.stopped) return;
			await readSlicedWindow(context, {group, startTime: context.startTime, endTime});
		}
	} finally {
		release();
	}
}

/** Polls every group until stopped; `cycle` replaces the plain re-read (the connection push-down). */
export async function pollForever(context: TailContext, cycle: () => Promise<void> = () => pollOnce(context)): Promise<void> {
	if (context.phase !== 'polling') context.enterPhase('polling');
	while (!context.stopped) {
		await sleep(context.pollIntervalMs, context.signal);
		if (context.stopped) return;
		await cycle();
		context.reportStatus();
	}
}

/**
 * Polls the groups live tail cannot take (past its 10) while the session follows the rest; ends when
 * stopped, or once the whole tail has fallen back to polling every group.
 */
export async function pollBesideLiveTail(context: TailContext): Promise<void> {
	const done = (): boolean => context.stopped || context.phase === 'polling';
	while (context.polledGroups.length > 0 && !done()) {
		await sleep(context.pollIntervalMs, context.signal);
		if (done()) return;
		await pollOnce(context, context.polledGroups);
	}
}

async function pollOnce(context: TailContext, groups: readonly TailedGroup[] = context.groups): Promise<void> {
	// One start for the whole cycle: events of the first group must not move the second one's start.
	const startTime = context.floor();
	const release = context.rememberAll(startTime);
	try {
		for (const group of groups) {
			if (context.stopped) return;
			await readWindow(context, {group, startTime});
		}
	} finally {
		release();
	}
}

/** `2s`, `500ms`: the poll interval as a notice says it. */
export function describeInterval(ms: number): string {
	if (ms < 1000) return `${ms}ms`;
	return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}
