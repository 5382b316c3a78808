// The stats view's window: besides "this session" (what the engine counted from the lines it was given),
// the same per-route figures over the last --since span, counted by Logs Insights with the queries of the
// `stats` command. The UI only holds where a run stands; running it is the mode's business (a live source
// and its AWS clients), handed in as a `WindowStatsSource`. The reducer stays pure: a key asks for a run
// (a new `seq`), the app runs it and reports back with the actions below, and results of a run the user
// has since left are dropped by their `seq`.

import {sanitizeLine} from '../../core/sanitize.js';
import type {StatsProgress} from '../../sources/insights/scan-cost.js';
import type {StatsWindow} from '../../sources/insights/stats-window.js';
import type {UiState} from './ui-state.js';

/** Runs the window's queries ending now; rejects on failure, and once `signal` aborted (every query stopped). */
export type WindowStatsRunner = (signal: AbortSignal, onProgress: (progress: StatsProgress) => void) => Promise<StatsWindow>;

export interface WindowStatsSource {
	/** The span as the title names it before the answer: "last 10m". */
	label: string;
	run: WindowStatsRunner;
}

export interface WindowStatsState {
	mode: 'session' | 'window';
	/** A source that can run queries was handed in (a replay has none). */
	available: boolean;
	/** The span the source counts ("last 10m"), for the title while it runs. */
	label: string;
	/** One per window asked for. */
	seq: number;
	progress: StatsProgress | undefined;
	result: StatsWindow | undefined;
	/** One line, sanitized. */
	error: string | undefined;
}

export type WindowStatsAction =
	| {type: 'window-progress'; seq: number; progress: StatsProgress}
	| {type: 'window-done'; seq: number; result: StatsWindow}
	| {type: 'window-failed'; seq: number; message: string};

export const UNAVAILABLE_MESSAGE = 'a window needs a live source: --api, --log-group or demo';

export function initialWindowStats(source: Pick<WindowStatsSource, 'label'> | undefined): WindowStatsState {
	return {
		mode: 'session',
		available: source !== undefined,
		label: source?.label ?? '',
		seq: 0,
		progress: undefined,
		result: undefined,
		error: undefined,
	};
}

/** The key: this session -> a new window run -> this session. */
export function toggleWindow(state: UiState): UiState {
	if (state.view !== 'stats') return state;
	const window = state.windowStats;
	if (!window.available) return {...state, message: UNAVAILABLE_MESSAGE};
	if (window.mode === 'window') return {...state, windowStats: {...window, mode: 'session'}};
	return {
		...state,
		windowStats: {...window, mode: 'window', seq: window.seq + 1, progress: undefined, result: undefined, error: undefined},
		cursors: {...state.cursors, stats: {...state.cursors.stats, offset: 0}},
	};
}

/** Leaving the stats view ends the window (the app stops its queries): it is not left running unseen. */
export function leaveWindowWithView(before: UiState, after: UiState): UiState {
	if (after.view === 'stats' || after.windowStats.mode === 'session' || before.view !== 'stats') return after;
	return {...after, windowStats: {...after.windowStats, mode: 'session'}};
}

export function reduceWindowStats(state: UiState, action: WindowStatsAction): UiState {
	const window = state.windowStats;
	if (window.mode !== 'window' || action.seq !== window.seq) return state;
	switch (action.type) {
		case 'window-progress': {
			return window.result === undefined ? {...state, windowStats: {...window, progress: action.progress}} : state;
		}

		case 'window-done': {
			return {...state, windowStats: {...window, result: action.result, error: undefined}};
		}

		case 'window-failed': {
			// Error texts may quote the service, which may quote the logs: one clean line.
			return {...state, windowStats: {...window, error: sanitizeLine(action.message)}};
		}
	}
}

/** The route rows the stats view lists in the window (none until the answer). */
export function windowRouteCount(state: UiState): number {
	return state.windowStats.result?.figures.routes.length ?? 0;
}
