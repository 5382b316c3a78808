// Runs the stats queries over a window: cut into bin-aligned slices (about a day each), the first slice's
// first query of each set of log groups alone (their bytes scanned project the whole run, refused above
// --max-scan; the access log and the Lambda functions' groups differ in size), then the rest
// at most --max-queries at a time. A query whose rows reach the limit may have lost some: its slice is
// halved and both halves run again (never a silently cut result). On any failure or Ctrl+C every running
// query is stopped before this returns.

import type {CloudWatchLogsClient} from '@aws-sdk/client-cloudwatch-logs';
import {UserError} from '../../exit-codes.js';
import {DEFAULT_TIMING, QueryStopped, runQuery, type QueryRow, type QueryStats, type QueryTiming} from './query-client.js';
import {estimatedCostUsd, GB, gigabytes, USD_PER_GB, type StatsProgress} from './scan-cost.js';
import type {StatsQuery} from './stats-queries.js';

export const ROW_LIMIT = 10_000;
const DAY_MS = 86_400_000;

export interface StatsRunOptions {
	logGroupNames: string[];
	fromMs: number;
	toMs: number;
	binMs: number;
	maxQueries: number;
	maxScanBytes: number;
	rowLimit?: number;
	timing?: QueryTiming;
	/** Called whenever a query reports: totals so far. */
	onProgress?: (progress: StatsProgress) => void;
}

export interface SliceResult {
	query: StatsQuery;
	startMs: number;
	endMs: number;
	rows: QueryRow[];
}

export interface StatsRunResult {
	results: SliceResult[];
	queries: number;
	recordsScanned: number;
	bytesScanned: number;
}

interface Unit {
	query: StatsQuery;
	startMs: number;
	endMs: number;
}

export async function runStatsQueries(
	logs: CloudWatchLogsClient,
	queries: StatsQuery[],
	options: StatsRunOptions,
	signal: AbortSignal,
): Promise<StatsRunResult> {
	const slices = sliceWindow(options.fromMs, options.toMs, options.binMs);
	const limit = options.rowLimit ?? ROW_LIMIT;
	const timing = options.timing ?? DEFAULT_TIMING;
	const running = new AbortController();
	const stopAll = () => running.abort();
	signal.addEventListener('abort', stopAll, {once: true});
	const live = new Map<Unit, QueryStats>();
	const done: QueryStats[] = [];
	const results: SliceResult[] = [];
	let planned = queries.length * slices.length;
	const report = () => {
		const all = [...done, ...live.values()];
		options.onProgress?.({
			queriesDone: done.length,
			queriesPlanned: planned,
			recordsScanned: sum(all, 'recordsScanned'),
			bytesScanned: sum(all, 'bytesScanned'),
		});
	};

	const run = async (unit: Unit): Promise<Unit[]> => {
		live.set(unit, {recordsScanned: 0, bytesScanned: 0});
		const {rows, stats} = await runQuery(
			logs,
			{
				queryString: unit.query.queryString,
				logGroupNames: unit.query.logGroupNames ?? options.logGroupNames,
				startSeconds: unit.startMs / 1000,
				endSeconds: unit.endMs / 1000 - 1,
				limit,
			},
			running.signal,
			(partial) => {
				live.set(unit, partial);
				report();
			},
			timing,
		);
		live.delete(unit);
		done.push(stats);
		if (rows.length >= limit && !unit.query.limited) {
			const halves = splitUnit(unit, options.binMs, limit);
			planned += 1;
			report();
			return halves;
		}

		results.push({query: unit.query, startMs: unit.startMs, endMs: unit.endMs, rows});
		report();
		return [];
	};

	try {
		const units = slices.flatMap((slice) => queries.map((query): Unit => ({query, ...slice})));
		if (units.length === 0) return {results, queries: 0, recordsScanned: 0, bytesScanned: 0};
		// One probe per set of groups, one at a time (--max-queries may be 1): each set's first query of the first slice.
		const probes: Unit[] = [];
		for (const unit of units) {
			if (!probes.some((probe) => groupsKey(probe.query, options) === groupsKey(unit.query, options))) probes.push(unit);
		}

		const again: Unit[] = [];
		const probeBytes: number[] = [];
		for (const probe of probes) {
			again.push(...(await run(probe)));
			probeBytes.push(done.at(-1)!.bytesScanned);
		}

		refuseLargeScan(
			probes.map((probe, index) => ({bytes: probeBytes[index]!, queries: queries.filter((query) => groupsKey(query, options) === groupsKey(probe.query, options)).length})),
			probes[0]!,
			options,
			queries.length,
		);
		await pool([...again, ...units.filter((unit) => !probes.includes(unit))], options.maxQueries, run);
		return {results, queries: done.length, recordsScanned: sum(done, 'recordsScanned'), bytesScanned: sum(done, 'bytesScanned')};
	} catch (error) {
		stopAll();
		throw error instanceof QueryStopped && !signal.aborted ? new UserError('stats stopped') : error;
	} finally {
		signal.removeEventListener('abort', stopAll);
	}
}

/** Runs every unit, `width` at a a time; a unit may hand back more units (the halves of a split). */
async function pool(units: Unit[], width: number, run: (unit: Unit) => Promise<Unit[]>): Promise<void> {
	const queue = [...units];
	let failure: unknown;
	const worker = async () => {
		while (failure === undefined) {
			const unit = queue.shift();
			if (unit === undefined) return;
			try {
				queue.push(...(await run(unit)));
			} catch (error) {
				failure ??= error;
			}
		}
	};

	// A worker that finds the queue empty while others still run may miss their halves: each pass drains again.
	while (queue.length > 0 && failure === undefined) {
		await Promise.all(Array.from({length: Math.min(width, queue.length)}, worker));
	}

	if (failure !== undefined) throw failure;
}

/** Whole seconds; boundaries on multiples of the slice length (a whole number of bins, about a day). */
export function sliceWindow(fromMs: number, toMs: number, binMs: number): Array<{startMs: number; endMs: number}> {
	const sliceMs = binMs * Math.max(1, Math.round(DAY_MS / binMs));
	const slices: Array<{startMs: number; endMs: number}> = [];
	let start = Math.floor(fromMs / 1000) * 1000;
	const end = Math.ceil(toMs / 1000) * 1000;
	while (start < end) {
		const next = Math.min(end, (Math.floor(start / sliceMs) + 1) * sliceMs);
		slices.push({startMs: start, endMs: next});
		start = next;
	}

	return slices;
}

function splitUnit(unit: Unit, binMs: number, limit: number): Unit[] {
	const bins = Math.ceil((unit.endMs - unit.startMs) / binMs);
	const middle = (Math.floor(unit.startMs / binMs) + Math.ceil(bins / 2)) * binMs;
	if (middle <= unit.startMs || middle >= unit.endMs) {
		throw new UserError(
			`query ${unit.query.name} returns ${limit.toLocaleString('en-US')} rows or more for one ${binMs / 1000}s bin; narrow it with --route or a smaller --bin`,
		);
	}

	return [
		{...unit, endMs: middle},
		{...unit, startMs: middle},
	];
}

/**
 * A set's first query of the first slice stands for every query of that set in every slice: the same lines,
 * scanned once by each.
 */
function refuseLargeScan(sets: Array<{bytes: number; queries: number}>, first: Unit, options: StatsRunOptions, queriesPerSlice: number): void {
	const window = Math.ceil(options.toMs / 1000) * 1000 - Math.floor(options.fromMs / 1000) * 1000;
	const projected = sets.reduce((total, set) => total + set.bytes * set.queries, 0) * (window / (first.endMs - first.startMs));
	if (projected <= options.maxScanBytes) return;
	throw new UserError(
		`this window would scan about ${gigabytes(projected)} (about $${estimatedCostUsd(projected).toFixed(2)} at $${USD_PER_GB}/GB) in ${queriesPerSlice} queries per slice, more than --max-scan ${gigabytes(options.maxScanBytes)}: narrow --since/--until, or allow it with --max-scan ${Math.ceil(projected / GB)}GB`,
	);
}

/** Which log groups a query reads, as a key. */
function groupsKey(query: StatsQuery, options: StatsRunOptions): string {
	return (query.logGroupNames ?? options.logGroupNames).join('\u0000');
}

function sum(stats: QueryStats[], key: keyof QueryStats): number {
	return stats.reduce((total, each) => total + each[key], 0);
}
