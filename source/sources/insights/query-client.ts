// Runs one Logs Insights query to the end: StartQuery (waiting out LimitExceededException, the account's
// concurrency quota), GetQueryResults until Complete, and StopQuery whenever it ends any other way (Ctrl+C,
// a failure elsewhere, a query running past its time). A query left running keeps costing.

import {
	GetQueryResultsCommand,
	StartQueryCommand,
	StopQueryCommand,
	type CloudWatchLogsClient,
	type QueryStatistics,
} from '@aws-sdk/client-cloudwatch-logs';
import {UserError} from '../../exit-codes.js';
import {classifyFailure, describeFailure} from '../cloudwatch/call-failures.js';

export interface QueryRequest {
	queryString: string;
	logGroupNames: string[];
	/** Epoch seconds, inclusive both ends (StartQuery's own convention). */
	startSeconds: number;
	endSeconds: number;
	limit: number;
}

export type QueryRow = Record<string, string>;

export interface QueryStats {
	recordsScanned: number;
	bytesScanned: number;
}

export interface QueryTiming {
	/** First wait between polls and between retries; doubled up to maxDelayMs. */
	pollMs: number;
	maxDelayMs: number;
	/** A query still not Complete after this long is stopped and reported (the service's own limit is 60 min). */
	maxQueryMs: number;
}

export const DEFAULT_TIMING: QueryTiming = {pollMs: 500, maxDelayMs: 5000, maxQueryMs: 65 * 60_000};

/** Called with the query's statistics as they grow (partial while Running). */
export type StatsListener = (stats: QueryStats) => void;

export class QueryStopped extends Error {
	constructor() {
		super('query stopped');
		this.name = 'QueryStopped';
	}
}

export async function runQuery(
	logs: CloudWatchLogsClient,
	request: QueryRequest,
	signal: AbortSignal,
	onStats: StatsListener,
	timing: QueryTiming = DEFAULT_TIMING,
): Promise<{rows: QueryRow[]; stats: QueryStats}> {
	const queryId = await startQuery(logs, request, signal, timing);
	const started = Date.now();
	let delay = timing.pollMs;
	try {
		for (;;) {
			if (signal.aborted) throw new QueryStopped();
			const answer = await logs.send(new GetQueryResultsCommand({queryId}), {abortSignal: signal});
			const stats = statsOf(answer.statistics);
			onStats(stats);
			switch (answer.status) {
				case 'Complete':
					return {rows: (answer.results ?? []).map(rowOf), stats};
				case 'Failed':
				case 'Cancelled':
				case 'Timeout':
				case 'Unknown':
					throw new UserError(`Logs Insights query ended ${answer.status}: ${request.queryString.slice(0, 120)}${request.queryString.length > 120 ? '…' : ''}`);
				default:
					break;
			}

			if (Date.now() - started >= timing.maxQueryMs) {
				throw new UserError(`Logs Insights query did not complete in ${Math.round(timing.maxQueryMs / 60_000)} min; stopped it`);
			}

			await pause(delay, signal);
			delay = Math.min(delay * 2, timing.maxDelayMs);
		}
	} catch (error) {
		// Awaited: on Ctrl+C the process exits right after, and the stop must have reached the service.
		await stopQuery(logs, queryId);
		if (signal.aborted) throw new QueryStopped();
		if (error instanceof UserError) throw error;
		throw new UserError(`GetQueryResults failed: ${describeFailure(error)}`);
	}
}

async function startQuery(logs: CloudWatchLogsClient, request: QueryRequest, signal: AbortSignal, timing: QueryTiming): Promise<string> {
	let delay = timing.pollMs;
	for (;;) {
		if (signal.aborted) throw new QueryStopped();
		try {
			const {queryId} = await logs.send(
				new StartQueryCommand({
					logGroupNames: request.logGroupNames,
					startTime: request.startSeconds,
					endTime: request.endSeconds,
					queryString: request.queryString,
					limit: request.limit,
				}),
				{abortSignal: signal},
			);
			if (queryId === undefined) throw new UserError('StartQuery returned no query id');
			if (signal.aborted) {
				// Started as Ctrl+C came: it must not run on unseen.
				await stopQuery(logs, queryId);
				throw new QueryStopped();
			}

			return queryId;
		} catch (error) {
			if (signal.aborted) throw new QueryStopped();
			if (error instanceof UserError) throw error;
			const kind = classifyFailure(error, signal);
			if (kind !== 'throttled' && kind !== 'transient') throw new UserError(`StartQuery failed: ${describeFailure(error)}`);
			await pause(delay * (0.5 + Math.random()), signal);
			delay = Math.min(delay * 2, timing.maxDelayMs);
		}
	}
}

/** Never throws: a query that already ended makes StopQuery fail, which is fine. */
async function stopQuery(logs: CloudWatchLogsClient, queryId: string): Promise<void> {
	await logs.send(new StopQueryCommand({queryId})).catch(() => undefined);
}

function rowOf(fields: Array<{field?: string | undefined; value?: string | undefined}>): QueryRow {
	const row: QueryRow = {};
	for (const {field, value} of fields) {
		if (field !== undefined && field !== '@ptr' && value !== undefined) row[field] = value;
	}

	return row;
}

function statsOf(statistics: QueryStatistics | undefined): QueryStats {
	return {recordsScanned: statistics?.recordsScanned ?? 0, bytesScanned: statistics?.bytesScanned ?? 0};
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
	return new Promise((resolve) => {
		const done = () => {
			clearTimeout(timer);
			signal.removeEventListener('abort', done);
			resolve();
		};

		const timer = setTimeout(done, ms);
		signal.addEventListener('abort', done, {once: true});
	});
}
