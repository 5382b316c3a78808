// The flat all-requests view and the stats view (per route, then per Lambda function), windowed to `height` rows.

import type {FunctionFigures} from '../../core/lambda/function-stats.js';
import {sanitizeLine} from '../../core/sanitize.js';
import {ERROR_CATEGORIES, type ErrorCategory} from '../../core/types.js';
import type {LiveModel} from '../model/live-model.js';
import type {FunctionStatsRow, RequestsView, RouteStatsRow, StatsView} from '../view-models.js';
import {clampScroll} from './cursor.js';
import {requestRow} from './format-rows.js';
import {requestsList, type StatsEntry, statsList} from './lists.js';
import {resolveRequests} from './resolve.js';
import {activeNeedle} from './search.js';
import {splitStats} from './stats-split.js';
import {selectWindowStatsView} from './select-window-stats.js';
import type {UiState} from './ui-state.js';

export function selectRequestsView(model: LiveModel, state: UiState, height: number): RequestsView {
	const list = requestsList(model, state);
	const resolved = resolveRequests(model, state, height);
	const needle = activeNeedle(state);
	const rows = list
		.slice(resolved.offset, Math.max(0, height))
		.map((entry, position) => requestRow(entry, state, resolved.offset + position === resolved.index, needle));
	return {rows, total: list.size, offset: resolved.offset, wrap: state.wrap};
}

export function selectStatsView(model: LiveModel, state: UiState, height: number): StatsView {
	if (state.windowStats.mode === 'window') return selectWindowStatsView(state, height);
	const list = statsList(model, state);
	const functions = model.functions();
	const split = splitStats(height, list.size, functions.length);
	const offset = clampScroll(state.cursors.stats.offset, split.routes, list.size);
	const rows = list.slice(offset, Math.max(0, split.routes)).map(
		(entry): RouteStatsRow => ({
			route: sanitizeLine(entry.label),
			requests: entry.metrics.requests,
			connects: entry.metrics.connectCount,
			messages: entry.metrics.messageCount,
			errors: {...entry.metrics.errors},
			p50: entry.metrics.integrationLatency.p50,
			p95: entry.metrics.integrationLatency.p95,
			p99: entry.metrics.integrationLatency.p99,
			// A route without latencies has no distribution to draw (a flat line would read as "all fast").
			latencyShape: entry.metrics.integrationLatency.p50 === null ? [] : model.latencyShape(entry.stageKey, entry.routeKey),
		}),
	);
	return {
		rows,
		total: list.size,
		offset,
		totals: totalsOf(list.slice(0, list.size)),
		functions: {rows: functions.slice(0, split.functions).map(functionRow), total: functions.length},
	};
}

function functionRow(figures: FunctionFigures): FunctionStatsRow {
	const {invocations, coldStarts, errors, timeouts, failures, duration} = figures;
	return {function: sanitizeLine(figures.function), invocations, coldStarts, errors, timeouts, failures, p50: duration.p50, p95: duration.p95, p99: duration.p99};
}

function totalsOf(entries: readonly StatsEntry[]): RouteStatsRow {
	const errors = Object.fromEntries(ERROR_CATEGORIES.map((category) => [category, 0])) as Record<ErrorCategory, number>;
	let requests = 0;
	let connects = 0;
	let messages = 0;
	for (const {metrics} of entries) {
		requests += metrics.requests;
		connects += metrics.connectCount;
		messages += metrics.messageCount;
		for (const category of ERROR_CATEGORIES) errors[category] += metrics.errors[category] ?? 0;
	}

	return {route: 'total', requests, connects, messages, errors, p50: null, p95: null, p99: null, latencyShape: []};
}
