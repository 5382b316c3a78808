// Query rows -> the figures `stats` prints: per route, per bin and route, and the whole stage. Counts of
// every slice add up; route latency percentiles come from the exact per-value histogram (the engine's
// own LatencyHistogram, so they read as the engine's do); a bin's come from the service's pct(), a bin
// never spanning two slices. Pure.

import {zeroCounts, type ErrorCounts} from '../../core/error-counts.js';
import {LatencyHistogram} from '../../core/latency-histogram.js';
import type {ErrorCategory} from '../../core/types.js';
import type {QueryRow} from './query-client.js';
import type {SliceResult} from './stats-run.js';
import type {StatsColumns} from './stats-queries.js';

/** Requests rejected before routing, and formats that log no route. */
export const NO_ROUTE = '-';

export interface LatencyPercentiles {
	p50: number | null;
	p95: number | null;
	p99: number | null;
}

export interface RouteFigures {
	requests: number;
	connects: number;
	messages: number;
	disconnects: number;
	errors: ErrorCounts;
	integrationLatencyMs: LatencyPercentiles;
}

export interface TopConnection {
	connectionId: string;
	errors: number;
}

export interface TopRequest {
	requestId: string;
	connectionId: string | undefined;
	route: string;
	status: number | undefined;
	latencyMs: number | undefined;
	timestampMs: number;
}

export interface StatsFigures {
	/** Most requests first. */
	routes: Array<{route: string} & RouteFigures>;
	total: RouteFigures;
	/** In time order, routes in the order of `routes`. */
	bins: Array<{startMs: number; route: string} & RouteFigures>;
	/** Per bin, every route together (for the chart). */
	binTotals: Array<{startMs: number} & RouteFigures>;
	topConnections: TopConnection[];
	topErrorRequests: TopRequest[];
	topLatencyRequests: TopRequest[];
}

interface Tally {
	figures: RouteFigures;
	histogram: LatencyHistogram;
}

export function foldStatsResults(results: SliceResult[], columns: StatsColumns, top: number): StatsFigures {
	const routes = new Map<string, Tally>();
	const bins = new Map<string, {startMs: number; route: string; tally: Tally}>();
	const total = newTally();
	const routeOf = (row: QueryRow) => routeName(row, columns);
	const binOf = (row: QueryRow) => {
		const startMs = timestampOf(row[columns.bin]);
		const route = routeOf(row);
		const key = `${startMs}\u0000${route}`;
		let bin = bins.get(key);
		if (bin === undefined) bins.set(key, (bin = {startMs, route, tally: newTally()}));
		return bin.tally;
	};
	const routeTally = (route: string) => {
		let tally = routes.get(route);
		if (tally === undefined) routes.set(route, (tally = newTally()));
		return tally;
	};

	const connections = new Map<string, number>();
	const errorRequests: TopRequest[] = [];
	const latencyRequests: TopRequest[] = [];
	for (const {query, rows} of results) {
		for (const row of rows) {
			const count = Number(row['requests'] ?? 0);
			if (query.name === 'events') {
				const kind = eventTypeOf(row, columns);
				for (const tally of [routeTally(routeOf(row)), binOf(row), total]) {
					tally.figures.requests += count;
					if (kind !== undefined) tally.figures[kind] += count;
				}
			} else if (query.name.startsWith('errors:')) {
				const category = query.name.slice('errors:'.length) as ErrorCategory;
				for (const tally of [routeTally(routeOf(row)), binOf(row), total]) tally.figures.errors[category] += count;
			} else if (query.name === 'latency-bins') {
				binOf(row).figures.integrationLatencyMs = {p50: numberOf(row['p50']), p95: numberOf(row['p95']), p99: numberOf(row['p99'])};
			} else if (query.name === 'latency-histogram') {
				const latency = numberOf(row[columns.latency ?? '']);
				if (latency === null) continue;
				for (const tally of [routeTally(routeOf(row)), total]) {
					for (let index = 0; index < count; index++) tally.histogram.add(latency);
				}
			} else if (query.name === 'top-connections') {
				const id = valueOf(row, columns.connectionId);
				if (id !== undefined) connections.set(id, (connections.get(id) ?? 0) + Number(row['errors'] ?? 0));
			} else {
				(query.name === 'top-errors' ? errorRequests : latencyRequests).push(topRequestOf(row, columns));
			}
		}
	}

	const byRequests = [...routes.entries()].sort(([a, x], [b, y]) => y.figures.requests - x.figures.requests || a.localeCompare(b));
	const order = new Map(byRequests.map(([route], index) => [route, index]));
	const binList = [...bins.values()].sort((a, b) => a.startMs - b.startMs || (order.get(a.route) ?? 0) - (order.get(b.route) ?? 0));
	const totals = new Map<number, Tally>();
	for (const bin of binList) {
		const tally = totals.get(bin.startMs) ?? newTally();
		totals.set(bin.startMs, tally);
		addCounts(tally.figures, bin.tally.figures);
	}

	const byLatency = (a: TopRequest, b: TopRequest) => (b.latencyMs ?? -1) - (a.latencyMs ?? -1) || b.timestampMs - a.timestampMs;
	return {
		routes: byRequests.map(([route, tally]) => ({route, ...finish(tally)})),
		total: finish(total),
		bins: binList.map(({startMs, route, tally}) => ({startMs, route, ...tally.figures})),
		binTotals: [...totals.entries()].map(([startMs, tally]) => ({startMs, ...tally.figures})),
		topConnections: [...connections.entries()]
			.map(([connectionId, errors]) => ({connectionId, errors}))
			.sort((a, b) => b.errors - a.errors || a.connectionId.localeCompare(b.connectionId))
			.slice(0, top),
		topErrorRequests: dedupe(errorRequests).sort(byLatency).slice(0, top),
		topLatencyRequests: dedupe(latencyRequests).sort(byLatency).slice(0, top),
	};
}

function newTally(): Tally {
	return {
		figures: {requests: 0, connects: 0, messages: 0, disconnects: 0, errors: zeroCounts(), integrationLatencyMs: {p50: null, p95: null, p99: null}},
		histogram: new LatencyHistogram(),
	};
}

function finish(tally: Tally): RouteFigures {
	if (tally.histogram.count === 0) return tally.figures;
	const {p50, p95, p99} = tally.histogram.summary();
	return {...tally.figures, integrationLatencyMs: {p50, p95, p99}};
}

function addCounts(into: RouteFigures, from: RouteFigures): void {
	into.requests += from.requests;
	into.connects += from.connects;
	into.messages += from.messages;
	into.disconnects += from.disconnects;
	for (const category of Object.keys(into.errors) as ErrorCategory[]) into.errors[category] += from.errors[category];
}

/** `-` (AWS's "no value") and empty are no value, as in the parsers. */
function valueOf(row: QueryRow, column: string | undefined): string | undefined {
	const value = column === undefined ? undefined : row[column]?.trim();
	return value === undefined || value === '' || value === '-' ? undefined : value;
}

function routeName(row: QueryRow, columns: StatsColumns): string {
	const parts = columns.route.map((column) => valueOf(row, column));
	return parts.length === 0 || parts.some((part) => part === undefined) ? NO_ROUTE : parts.join(' ');
}

/** core/request-view.ts eventTypeOf, from the grouped fields. */
function eventTypeOf(row: QueryRow, columns: StatsColumns): 'connects' | 'messages' | 'disconnects' | undefined {
	const logged = valueOf(row, columns.eventType);
	const route = columns.route.length === 1 ? valueOf(row, columns.route[0]) : undefined;
	if (logged === 'CONNECT' || (logged === undefined && route === '$connect')) return 'connects';
	if (logged === 'DISCONNECT' || (logged === undefined && route === '$disconnect')) return 'disconnects';
	if (logged === 'MESSAGE' || (logged === undefined && route !== undefined && columns.hasConnectionId)) return 'messages';
	return undefined;
}

function topRequestOf(row: QueryRow, columns: StatsColumns): TopRequest {
	return {
		requestId: valueOf(row, columns.requestId) ?? '?',
		connectionId: valueOf(row, columns.connectionId),
		route: routeName(row, columns),
		status: numberOf(row[columns.status ?? '']) ?? undefined,
		latencyMs: numberOf(row[columns.latency ?? '']) ?? undefined,
		timestampMs: timestampOf(row['@timestamp']),
	};
}

function dedupe(requests: TopRequest[]): TopRequest[] {
	return [...new Map(requests.map((request) => [request.requestId, request])).values()];
}

function numberOf(value: string | undefined): number | null {
	if (value === undefined || value.trim() === '') return null;
	const number = Number(value);
	return Number.isFinite(number) ? number : null;
}

/** `2026-12-05 12:00:00.000` (UTC, the service's spelling) -> epoch ms. */
export function timestampOf(value: string | undefined): number {
	return value === undefined ? Number.NaN : Date.parse(`${value.replace(' ', 'T')}Z`);
}
