// How every view words a Lambda invocation: its outcome, durations at the precision a 29-second
// integration budget needs, memory, cold start, and times relative to the request it served. Plain text;
// callers sanitize what came from a log (function names, ids) themselves.

import type {Invocation, InvocationOutcome} from '../core/lambda/types.js';

/** The Greek letter AWS draws for Lambda: marks an invocation wherever it is shown. */
export const LAMBDA_MARK = 'λ';

/** In help's order: the good news first. */
export const INVOCATION_OUTCOMES: readonly InvocationOutcome[] = ['success', 'error', 'timeout', 'failure', 'unknown'];

/** Short words for a request row: the outcome is read, never told by colour alone. */
export const OUTCOME_WORD: Readonly<Record<InvocationOutcome, string>> = {
	success: 'ok',
	error: 'err',
	timeout: 'timeout',
	failure: 'crash',
	unknown: '?',
};

/** Beside the outcome word when an invocation of the request started cold. */
export const COLD_WORD = 'cold';

/** What each word means, for help's legend. */
export const OUTCOME_MEANING: Readonly<Record<InvocationOutcome, string>> = {
	success: 'the function returned',
	error: 'the function threw an error',
	timeout: 'the function ran into its timeout',
	failure: 'the runtime crashed (out of memory, killed)',
	unknown: 'no report from the function yet',
};

export const COLD_MEANING = 'a cold start: a new execution environment ran its init first';

// The worst first: a request served by a crashed authorizer and a successful integration reads "crash".
const SEVERITY: readonly InvocationOutcome[] = ['failure', 'timeout', 'error', 'unknown', 'success'];

/** The outcome that tells most about a request's invocations, and whether any started cold; undefined without any. */
export function invocationsMark(invocations: readonly Invocation[]): {outcome: InvocationOutcome; coldStart: boolean} | undefined {
	if (invocations.length === 0) return undefined;
	const outcome = SEVERITY.find((candidate) => invocations.some((each) => each.outcome === candidate)) ?? 'unknown';
	return {outcome, coldStart: invocations.some((each) => each.coldStart)};
}

/** `λ err cold`: the row mark of a request's invocations. */
export function invocationsMarkText(mark: {outcome: InvocationOutcome; coldStart: boolean}): string {
	return [LAMBDA_MARK, OUTCOME_WORD[mark.outcome], ...(mark.coldStart ? [COLD_WORD] : [])].join(' ');
}

/** `128.83 ms` below a second, `30.03 s` above: Lambda reports hundredths, and timeouts are read in seconds. */
export function lambdaDuration(ms: number): string {
	if (!Number.isFinite(ms) || ms < 0) return '-';
	if (ms < 1000) return `${Number(ms.toFixed(2))} ms`;
	return `${(ms / 1000).toFixed(2)} s`;
}

/** `+123 ms`, `+1.23 s`, `-4 ms`: a line's time against the request's first line. */
export function relativeTime(epochMs: number, reference: number): string {
	const offset = epochMs - reference;
	if (!Number.isFinite(offset)) return '?';
	const sign = offset < 0 ? '-' : '+';
	const size = Math.abs(offset);
	return size < 1000 ? `${sign}${Math.round(size)} ms` : `${sign}${(size / 1000).toFixed(2)} s`;
}

/**
 * The facts of one invocation after its function's name, each a phrase:
 * `error`, `cold start (init 812.4 ms)`, `1.23 s (billed 1.23 s)`, `123 of 256 MB`.
 */
export function invocationFacts(invocation: Invocation): string[] {
	const facts: string[] = [invocation.outcome];
	if (invocation.coldStart) {
		facts.push(invocation.initMs === null ? 'cold start' : `cold start (init ${lambdaDuration(invocation.initMs)})`);
	}

	if (invocation.durationMs !== null) {
		const billed = invocation.billedMs === null ? '' : ` (billed ${lambdaDuration(invocation.billedMs)})`;
		facts.push(`${lambdaDuration(invocation.durationMs)}${billed}`);
	}

	if (invocation.maxMemoryMB !== null || invocation.memoryMB !== null) {
		facts.push(`${invocation.maxMemoryMB ?? '?'} of ${invocation.memoryMB ?? '?'} MB`);
	}

	return facts;
}
