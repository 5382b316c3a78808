// Rows of the Lambda queries -> one figure per function log group: invocations, cold starts, outcomes and
// duration percentiles. Counts of every slice add up; the percentiles come from the exact per-millisecond
// histogram through the engine's own LatencyHistogram, and each invocation's outcome is decided as the
// engine decides it (core/lambda/invocation-state.ts outcomeOf): timeout, then crash, then error. Pure.

import {LatencyHistogram} from '../../core/latency-histogram.js';
import {lambdaFunctionOfGroup} from '../../core/lambda/lambda-log-group.js';
import {LAMBDA_DURATION_COLUMNS, LAMBDA_OUTCOME_COLUMNS} from './lambda-queries.js';
import type {QueryRow} from './query-client.js';
import type {LatencyPercentiles} from './stats-figures.js';
import type {SliceResult} from './stats-run.js';

export interface LambdaFunctionFigures {
	/** The function(s) writing to the group, `a, b` when several share it. */
	function: string;
	logGroup: string;
	invocations: number;
	coldStarts: number;
	errors: number;
	timeouts: number;
	/** The runtime crashed (out of memory, killed): Lambda's "failure". */
	failures: number;
	durationMs: LatencyPercentiles;
}

// A crash of the runtime is Lambda's "failure" whatever word the Text REPORT used for it (as the engine reads it).
const CRASH_TYPES = new Set(['Runtime.OutOfMemory', 'Runtime.ExitError']);

interface Tally {
	invocations: number;
	coldStarts: number;
	errors: number;
	timeouts: number;
	failures: number;
	histogram: LatencyHistogram;
}

/**
 * `functionsByGroup`: log group -> the function name(s) discovery found writing to it. Every group queried
 * gets a figure, with zero invocations when it logged none in the window: a silent function is news too.
 */
export function foldLambdaResults(results: SliceResult[], functionsByGroup: ReadonlyMap<string, string>): LambdaFunctionFigures[] {
	const tallies = new Map<string, Tally>();
	const tallyOf = (row: QueryRow, column: string): Tally => {
		const group = groupName(row[column]);
		let tally = tallies.get(group);
		if (tally === undefined) tallies.set(group, (tally = newTally()));
		return tally;
	};

	for (const group of functionsByGroup.keys()) tallies.set(group, newTally());
	for (const {query, rows} of results) {
		for (const row of rows) {
			if (query.name === 'lambda-outcomes') addOutcomes(tallyOf(row, LAMBDA_OUTCOME_COLUMNS.logGroup), row);
			else if (query.name === 'lambda-durations') addDurations(tallyOf(row, LAMBDA_DURATION_COLUMNS.logGroup), row);
		}
	}

	return [...tallies]
		.map(([logGroup, tally]) => {
			const {p50, p95, p99} = tally.histogram.summary();
			return {
				function: lambdaFunctionOfGroup(logGroup, functionsByGroup) ?? logGroup,
				logGroup,
				invocations: tally.invocations,
				coldStarts: tally.coldStarts,
				errors: tally.errors,
				timeouts: tally.timeouts,
				failures: tally.failures,
				durationMs: {p50, p95, p99},
			};
		})
		.sort((a, b) => b.invocations - a.invocations || (a.function < b.function ? -1 : a.function > b.function ? 1 : 0));
}

function newTally(): Tally {
	return {invocations: 0, coldStarts: 0, errors: 0, timeouts: 0, failures: 0, histogram: new LatencyHistogram()};
}

function addOutcomes(tally: Tally, row: QueryRow): void {
	const c = LAMBDA_OUTCOME_COLUMNS;
	const count = Number(row[c.count] ?? 0);
	if (!(count > 0)) return;
	const isReport = present(row[c.reportLine]) || row[c.jsonType] === 'platform.report';
	if (!isReport) {
		// A line that alone tells the outcome of a Text-format invocation whose REPORT does not.
		if (present(row[c.timeoutLine])) tally.timeouts += count;
		else tally.errors += count;
		return;
	}

	tally.invocations += count;
	if (present(row[c.coldStart])) tally.coldStarts += count;
	const status = present(row[c.textStatus]) ? row[c.textStatus] : row[c.jsonStatus];
	const errorType = present(row[c.textErrorType]) ? row[c.textErrorType]!.trim() : row[c.jsonErrorType];
	if (status === 'timeout') tally.timeouts += count;
	else if (status === 'failure' || CRASH_TYPES.has(errorType ?? '')) tally.failures += count;
	else if (status === 'error') tally.errors += count;
}

function addDurations(tally: Tally, row: QueryRow): void {
	const count = Number(row[LAMBDA_DURATION_COLUMNS.count] ?? 0);
	const text = row[LAMBDA_DURATION_COLUMNS.durationMs];
	const value = text === undefined || text.trim() === '' ? Number.NaN : Number(text);
	if (!Number.isFinite(value)) return;
	for (let index = 0; index < count; index++) tally.histogram.add(value);
}

/** `ACCOUNT:GROUP` (Logs Insights' `@log`) -> GROUP; a group name has no colon. */
function groupName(log: string | undefined): string {
	if (log === undefined) return '?';
	const colon = log.indexOf(':');
	return colon === -1 ? log : log.slice(colon + 1);
}

function present(value: string | undefined): boolean {
	return value !== undefined && value !== '';
}
