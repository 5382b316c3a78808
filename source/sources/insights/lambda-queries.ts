// The Logs Insights queries behind `stats`' Lambda figures, over the functions' own log groups: one reads
// every invocation's outcome (its REPORT line or platform.report record, plus the lines that alone tell a
// Text-format timeout or thrown error), one the exact duration histogram. Both group by `@log`, so one
// query serves every group, and their rows add up over slices. Both log formats are read by the same
// query: a Text REPORT is parsed, a JSON record's keys are fields already. Pure.

import type {StatsQuery} from './stats-queries.js';

/** A Text REPORT line, or a JSON-format platform.report record. */
const REPORT = '@message like /^REPORT RequestId: / or type = "platform.report"';

/**
 * Older runtimes' timeout line (current ones say `Status: timeout` in the REPORT instead: never both).
 * As core/lambda/parse-platform-text.ts reads it.
 */
const timeoutLine = (capture: string): string => String.raw`^(?:\d{4}-\d\d-\d\dT\S+\s+)?\S+\s+${capture} after [\d.]+ seconds`;

/**
 * A thrown error in the Text format, whose REPORT says nothing of it: Node's `Invoke Error` (and its
 * kin) with the error's JSON, Python's uncaught traceback (core/lambda/parse-node.ts, parse-python.ts).
 * The JSON format's platform.report names the error itself, so its error records are not read.
 */
const NODE_ERROR = String.raw`^\d{4}-\d\d-\d\dT[\d:.]+Z\t[^\t]+\t[A-Z]+\t(?:Invoke Error|Uncaught Exception|Unhandled Promise Rejection)\s*\t\{.*"error(?:Type|Message)"`;
const PYTHON_ERROR = String.raw`^\[ERROR\] [A-Za-z_][\w.]*(?:: [^\r\n]*)?[\r\n]+Traceback \(most recent call last\):`;

/** The group-by columns of `lambda-outcomes`, as result rows name them. */
export const LAMBDA_OUTCOME_COLUMNS = {
	logGroup: '@log',
	jsonType: 'type',
	reportLine: 'reportLine',
	timeoutLine: 'timeoutLine',
	coldStart: 'coldStart',
	textStatus: 'textStatus',
	jsonStatus: 'record.status',
	textErrorType: 'textErrorType',
	jsonErrorType: 'record.errorType',
	count: 'lines',
} as const;

export const LAMBDA_DURATION_COLUMNS = {logGroup: '@log', durationMs: 'durationMs', count: 'invocations'} as const;

/** The two queries over `logGroupNames` (empty: none, the stage has no Lambda groups to read). */
export function buildLambdaQueries(logGroupNames: readonly string[]): StatsQuery[] {
	if (logGroupNames.length === 0) return [];
	const groups = [...logGroupNames];
	const c = LAMBDA_OUTCOME_COLUMNS;
	const outcomes = [
		`filter ${REPORT} or @message like /${timeoutLine('Task timed out')}/ or @message like /${NODE_ERROR}/ or @message like /${PYTHON_ERROR}/`,
		`parse @message /^(?<${c.reportLine}>REPORT) RequestId: /`,
		`parse @message /${timeoutLine(`(?<${c.timeoutLine}>Task timed out)`)}/`,
		// A cold start is an invocation whose report has an init duration; the marker's text only says it is there.
		String.raw`parse @message /(?<${c.coldStart}>\tInit Duration: |"initDurationMs":)/`,
		String.raw`parse @message /\tStatus: (?<${c.textStatus}>[A-Za-z]+)/`,
		String.raw`parse @message /\tError Type: (?<${c.textErrorType}>[^\t\n]+)/`,
		`stats count(*) as ${c.count} by ${[c.logGroup, c.jsonType, c.reportLine, c.timeoutLine, c.coldStart, c.textStatus, c.jsonStatus, c.textErrorType, c.jsonErrorType].join(', ')}`,
	].join(' | ');
	const d = LAMBDA_DURATION_COLUMNS;
	const durations = [
		`filter ${REPORT}`,
		String.raw`parse @message /^REPORT RequestId: \S+\tDuration: (?<textDuration>[\d.]+) ms/`,
		// Whole milliseconds rounded up, as the engine counts them (core/lambda/function-stats.ts): one row per value.
		`fields ${d.logGroup}, ceil(coalesce(textDuration, record.metrics.durationMs)) as ${d.durationMs}`,
		`stats count(*) as ${d.count} by ${d.logGroup}, ${d.durationMs}`,
	].join(' | ');
	return [
		{name: 'lambda-outcomes', queryString: outcomes, limited: false, logGroupNames: groups},
		{name: 'lambda-durations', queryString: durations, limited: false, logGroupNames: groups},
	];
}
