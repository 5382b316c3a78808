// One window of `stats` figures, start to end: the queries built from the access-log format, run in slices
// (stats-run.ts) and folded into figures (stats-figures.ts), with what the run scanned and cost. Both the
// `stats` command and the terminal UI's window (the stats view's `i`) call this, so the two cannot count
// differently.

import type {CloudWatchLogsClient} from '@aws-sdk/client-cloudwatch-logs';
import {foldLambdaResults, type LambdaFunctionFigures} from './lambda-figures.js';
import {buildLambdaQueries} from './lambda-queries.js';
import {foldStatsResults, type StatsFigures} from './stats-figures.js';
import {buildStatsQueries} from './stats-queries.js';
import {estimatedCostUsd, type StatsProgress} from './scan-cost.js';
import {runStatsQueries} from './stats-run.js';

export interface StatsWindowRequest {
	/** The access log group(s): every line is read as an access line of `template`. */
	logGroupNames: string[];
	/** The stage's access-log format (`$context.…`). */
	template: string;
	fromMs: number;
	toMs: number;
	binMs: number;
	route?: string | undefined;
	top: number;
	maxQueries: number;
	maxScanBytes: number;
	/** The Lambda functions' log groups, each with the function(s) writing to it; none when absent. */
	lambdaGroups?: ReadonlyMap<string, string> | undefined;
}

/** The window the figures cover (whole seconds, as queried) and what the queries scanned. */
export interface StatsSummary {
	fromMs: number;
	toMs: number;
	queries: number;
	recordsScanned: number;
	bytesScanned: number;
	estimatedCostUsd: number;
}

export interface StatsWindow {
	figures: StatsFigures;
	/** Per Lambda log group, from its REPORT lines (lambda-queries.ts). */
	functions: LambdaFunctionFigures[];
	summary: StatsSummary;
	/** Error categories the format cannot show or tell apart, one line each. */
	blindSpots: string[];
}

/**
 * Throws AccessFormatError for a format the queries cannot be built from, UserError for a refused or
 * failed run, and QueryStopped once `signal` aborted; every query it started has been stopped by then.
 */
export async function computeStatsWindow(
	logs: CloudWatchLogsClient,
	request: StatsWindowRequest,
	signal: AbortSignal,
	onProgress?: (progress: StatsProgress) => void,
): Promise<StatsWindow> {
	const plan = buildStatsQueries(request.template, {binMs: request.binMs, route: request.route, top: request.top});
	const lambdaGroups = request.lambdaGroups ?? new Map<string, string>();
	const lambdaQueries = buildLambdaQueries([...lambdaGroups.keys()]);
	const run = await runStatsQueries(
		logs,
		[...plan.queries, ...lambdaQueries],
		{
			logGroupNames: request.logGroupNames,
			fromMs: request.fromMs,
			toMs: request.toMs,
			binMs: request.binMs,
			maxQueries: request.maxQueries,
			maxScanBytes: request.maxScanBytes,
			onProgress,
		},
		signal,
	);
	const lambdaNames = new Set(lambdaQueries.map((query) => query.name));
	return {
		figures: foldStatsResults(run.results.filter((result) => !lambdaNames.has(result.query.name)), plan.columns, request.top),
		functions: foldLambdaResults(run.results.filter((result) => lambdaNames.has(result.query.name)), lambdaGroups),
		summary: {
			fromMs: Math.floor(request.fromMs / 1000) * 1000,
			toMs: Math.ceil(request.toMs / 1000) * 1000,
			queries: run.queries,
			recordsScanned: run.recordsScanned,
			bytesScanned: run.bytesScanned,
			estimatedCostUsd: estimatedCostUsd(run.bytesScanned),
		},
		blindSpots: plan.blindSpots,
	};
}
