// The stats view in window mode: the same per-route table as "this session", from the figures Logs
// Insights counted (ui/state/window-stats.ts), with a title that says which window and who counted it,
// and one note row for the run's progress, its cost once done, or its error.

import {zeroCounts} from '../../core/error-counts.js';
import {sanitizeLine} from '../../core/sanitize.js';
import {calendarDate, clockTime, type TimeZoneChoice} from '../../presentation/time-format.js';
import type {RouteFigures} from '../../sources/insights/stats-figures.js';
import {describeStatsProgress} from '../../sources/insights/scan-cost.js';
import type {RouteStatsRow, StatsView} from '../view-models.js';
import {clampScroll} from './cursor.js';
import type {UiState} from './ui-state.js';
import {WINDOW_NOTE_ROWS} from '../layout.js';

/** `height` is the view's list rows, the note row included. */
export function selectWindowStatsView(state: UiState, height: number): StatsView {
	const window = state.windowStats;
	const routes = window.result?.figures.routes ?? [];
	const rows = Math.max(0, height - WINDOW_NOTE_ROWS);
	const offset = clampScroll(state.cursors.stats.offset, rows, routes.length);
	return {
		rows: routes.slice(offset, offset + rows).map(({route, ...figures}) => routeRow(route, figures)),
		total: routes.length,
		offset,
		totals: routeRow('total', window.result?.figures.total),
		functions: {rows: [], total: 0},
		window: {title: windowTitle(state), note: windowNote(state), counted: window.result !== undefined},
	};
}

function routeRow(route: string, figures: RouteFigures | undefined): RouteStatsRow {
	return {
		// Route names come from the logs.
		route: sanitizeLine(route),
		requests: figures?.requests ?? 0,
		connects: figures?.connects ?? 0,
		messages: figures?.messages ?? 0,
		errors: {...(figures?.errors ?? zeroCounts())},
		p50: figures?.integrationLatencyMs.p50 ?? null,
		p95: figures?.integrationLatencyMs.p95 ?? null,
		p99: figures?.integrationLatencyMs.p99 ?? null,
		// Insights gives percentiles, not the distribution the session's sparkline draws.
		latencyShape: [],
	};
}

function windowTitle({windowStats: window, timezone}: UiState): string {
	// Short enough for 80 columns beside the scroll position: the note row says the rest.
	if (window.result === undefined) return `${window.label} · Logs Insights ${window.error === undefined ? 'counting…' : 'failed'}`;
	const {fromMs, toMs} = window.result.summary;
	return `${span(fromMs, toMs, timezone)} · Logs Insights`;
}

function windowNote({windowStats: window}: UiState): {text: string; error: boolean} {
	if (window.error !== undefined) return {text: `window failed: ${window.error}`, error: true};
	if (window.result !== undefined) {
		const {queries} = window.result.summary;
		return {text: `done: ${describeStatsProgress({queriesDone: queries, queriesPlanned: queries, ...window.result.summary})}`, error: false};
	}

	const progress = window.progress ?? {queriesDone: 0, queriesPlanned: 0, recordsScanned: 0, bytesScanned: 0};
	return {text: `running: ${describeStatsProgress(progress)}`, error: false};
}

/** "2026-01-05 10:00:00–10:10:00 UTC"; across midnight both dates. */
export function span(fromMs: number, toMs: number, zone: TimeZoneChoice): string {
	const [fromDay, zoneName] = splitDate(calendarDate(fromMs, zone));
	const [toDay] = splitDate(calendarDate(toMs, zone));
	const time = (ms: number) => clockTime(ms, zone).slice(0, 8);
	return fromDay === toDay ? `${fromDay} ${time(fromMs)}–${time(toMs)} ${zoneName}` : `${fromDay} ${time(fromMs)} – ${toDay} ${time(toMs)} ${zoneName}`;
}

function splitDate(date: string): [string, string] {
	const space = date.indexOf(' ');
	return space === -1 ? [date, ''] : [date.slice(0, space), date.slice(space + 1)];
}
