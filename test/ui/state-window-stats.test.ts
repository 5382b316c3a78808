// The stats view's window in the reducer (ui/state/window-stats.ts): the key asks for a run, answers of a
// run the user left are dropped, leaving the view ends the window, and without a live source it says so.
import {describe, expect, it} from 'vitest';
import {zeroCounts} from '../../source/core/error-counts.js';
import type {StatsWindow} from '../../source/sources/insights/stats-window.js';
import {commandForKey} from '../../source/ui/keys.js';
import {initialUiState} from '../../source/ui/state/ui-state.js';
import {UNAVAILABLE_MESSAGE} from '../../source/ui/state/window-stats.js';
import {NO_KEY as PLAIN} from './ink-key-fixture.js';
import {chatModel, DATA, run} from './state-fixtures.js';

const live = () => initialUiState({width: 80, height: 24, timezone: 'utc', windowStats: {label: 'last 10m'}});
const answer: StatsWindow = {
	functions: [],
	figures: {
		routes: [],
		total: {requests: 0, connects: 0, messages: 0, disconnects: 0, errors: zeroCounts(), integrationLatencyMs: {p50: null, p95: null, p99: null}},
		bins: [],
		binTotals: [],
		topConnections: [],
		topErrorRequests: [],
		topLatencyRequests: [],
	},
	summary: {fromMs: 0, toMs: 600_000, queries: 9, recordsScanned: 10, bytesScanned: 100, estimatedCostUsd: 0},
	blindSpots: [],
};

describe('reduce: the stats window', () => {
	it('i is the stats view\'s key only', () => {
		expect(commandForKey('i', PLAIN, 'stats')).toBe('statsWindow');
		for (const context of ['connections', 'timeline', 'detail', 'requests', 'help'] as const) expect(commandForKey('i', PLAIN, context)).toBeUndefined();
	});

	it('asks for a new run each time it is switched on, and keeps only the answers of the run on screen', () => {
		const model = chatModel();
		const first = run(model, live(), DATA, 'stats', 'statsWindow');
		expect(first.windowStats).toMatchObject({mode: 'window', seq: 1, result: undefined});
		const second = run(model, first, 'statsWindow', 'statsWindow');
		expect(second.windowStats).toMatchObject({mode: 'window', seq: 2});
		const stale = run(model, second, {type: 'window-done', seq: 1, result: answer});
		expect(stale.windowStats.result).toBeUndefined();
		const progress = {queriesDone: 1, queriesPlanned: 9, recordsScanned: 5, bytesScanned: 50};
		const counted = run(model, second, {type: 'window-progress', seq: 2, progress}, {type: 'window-done', seq: 2, result: answer});
		expect(counted.windowStats).toMatchObject({progress, result: answer});
		expect(run(model, counted, 'statsWindow').windowStats.mode).toBe('session');
	});

	it('shows a failure as one clean line', () => {
		const model = chatModel();
		const failed = run(model, live(), DATA, 'stats', 'statsWindow', {type: 'window-failed', seq: 1, message: 'StartQuery failed: AccessDenied\n\u001B[2Jnext'});
		expect(failed.windowStats.error).toBe('StartQuery failed: AccessDenied ⏎ next');
	});

	it('ends when the user leaves the stats view', () => {
		const model = chatModel();
		for (const leave of ['back', 'stats', 'requests'] as const) {
			const left = run(model, live(), DATA, 'stats', 'statsWindow', leave);
			expect(left.view, leave).not.toBe('stats');
			expect(left.windowStats.mode, leave).toBe('session');
		}
	});

	it('without a live source says a window needs one', () => {
		const model = chatModel();
		const replay = run(model, initialUiState({width: 80, height: 24}), DATA, 'stats', 'statsWindow');
		expect(replay.windowStats.mode).toBe('session');
		expect(replay.message).toBe(UNAVAILABLE_MESSAGE);
	});
});
