// Why a WebSocket connection closed when nothing failed: API Gateway's 10-minute idle timeout. A request
// cannot tell (its `$disconnect` lines do not say when the last message was), so this reads the
// connection's own timeline: the gap between its last request before the close and the `$disconnect`,
// and the close reason API Gateway gives (`$context.disconnectReason`: `Connection Idle Timeout`, code 1001).

import type {RequestView} from '../types.js';

/** API Gateway closes a WebSocket connection that has had no message for 10 minutes. */
export const IDLE_TIMEOUT_MS = 10 * 60_000;
// Lines carry the time they were logged, a moment after the event: a gap this close to the timeout is it.
const EARLY_SLACK_MS = 5_000;
const LATE_SLACK_MS = 90_000;
const IDLE_REASON = /idle timeout/i;
/** Close codes a client sends when it closes on purpose (normal closure, no status): not a timeout. */
const CLIENT_CLOSE_CODES = new Set([1000, 1005]);

export interface CloseFacts {
	/** Epoch ms of the `$disconnect`; undefined while the connection is open. */
	disconnectedAt: number | undefined;
	/** Epoch ms of the connection's latest CONNECT or MESSAGE before the close, when one is known. */
	lastActivityBeforeClose: number | undefined;
	disconnectStatusCode: number | undefined;
	disconnectReason: string | undefined;
}

/** The close code and reason a `$disconnect` request's access line gives (`$context.disconnectStatusCode`, `disconnectReason`). */
export function disconnectFactsOf(request: Pick<RequestView, 'access'>): Pick<CloseFacts, 'disconnectStatusCode' | 'disconnectReason'> {
	const code = request.access?.['disconnectStatusCode'];
	return {
		disconnectStatusCode: code && Number.isFinite(Number(code)) ? Number(code) : undefined,
		disconnectReason: request.access?.['disconnectReason'],
	};
}

/** An explanation of an idle close, or undefined when the connection did not close for being idle. */
export function idleCloseExplanation(facts: CloseFacts): string | undefined {
	const {disconnectedAt, lastActivityBeforeClose, disconnectStatusCode, disconnectReason} = facts;
	if (disconnectedAt === undefined) return undefined;
	const gap = lastActivityBeforeClose === undefined ? undefined : disconnectedAt - lastActivityBeforeClose;
	// A shorter gap than the timeout means the last message is not in view (sent before the tail began, or
	// by a route that logs nothing): the gap would mislead, so it is told only when it is the timeout's.
	const quiet = gap === undefined || gap < IDLE_TIMEOUT_MS - EARLY_SLACK_MS ? '' : ` after ${minutesAndSeconds(gap)} without a message`;
	const advice = 'API Gateway closes a connection idle for 10 minutes; send a message (a heartbeat) more often to keep it open';
	if (disconnectReason !== undefined && IDLE_REASON.test(disconnectReason)) {
		return `closed as idle${quiet} (${disconnectStatusCode ?? 1001} ${disconnectReason}): ${advice}`;
	}

	if (disconnectReason !== undefined || gap === undefined) return undefined;
	if (disconnectStatusCode !== undefined && CLIENT_CLOSE_CODES.has(disconnectStatusCode)) return undefined;
	if (gap < IDLE_TIMEOUT_MS - EARLY_SLACK_MS || gap > IDLE_TIMEOUT_MS + LATE_SLACK_MS) return undefined;
	return `closed as idle${quiet}: ${advice}`;
}

/** The latest CONNECT or MESSAGE at or before the disconnect, from a connection's requests in any order. */
export function lastActivityBefore(
	requests: Iterable<{eventType: string | undefined; time: number}>,
	disconnectedAt: number | undefined,
): number | undefined {
	if (disconnectedAt === undefined) return undefined;
	let latest: number | undefined;
	for (const {eventType, time} of requests) {
		if (eventType === 'DISCONNECT' || time > disconnectedAt) continue;
		if (latest === undefined || time > latest) latest = time;
	}

	return latest;
}

/** `10 min 2 s`, `9 min 58 s`, `45 s`: the gap an idle close is judged by, to the second. */
function minutesAndSeconds(ms: number): string {
	const seconds = Math.round(ms / 1000);
	const minutes = Math.floor(seconds / 60);
	return minutes === 0 ? `${seconds} s` : `${minutes} min ${seconds % 60} s`;
}
