// The stats view's rows shared between the route table and the Lambda function table under it. The
// reducer scrolls the routes by the rows this leaves them and the selector windows to the same number, so
// a key moves by what is on screen. Functions are few (one per integration or authorizer) and are not
// scrolled: they get what the routes leave, and at least half the rows when both need more.

import {FUNCTION_CHROME_ROWS, WINDOW_NOTE_ROWS} from '../layout.js';
import type {LiveModel} from '../model/live-model.js';
import {statsList} from './lists.js';
import type {UiState} from './ui-state.js';

// Below this the functions would squeeze the routes to a row or two: the route table keeps the view.
const MIN_ROWS_WITH_FUNCTIONS = 8;

export interface StatsSplit {
	routes: number;
	functions: number;
}

/** `rows` is the stats view's list rows (routes' total row and rule excluded). */
export function splitStats(rows: number, routeCount: number, functionCount: number): StatsSplit {
	if (functionCount === 0 || rows < MIN_ROWS_WITH_FUNCTIONS) return {routes: rows, functions: 0};
	const room = rows - FUNCTION_CHROME_ROWS;
	const functions = Math.min(functionCount, Math.max(Math.floor(rows / 2) - FUNCTION_CHROME_ROWS, room - routeCount));
	return {routes: room - functions, functions};
}

/** The route rows on screen in the stats view of this state (a window has its note row and no functions). */
export function statsRouteRows(model: LiveModel, state: UiState, rows: number): number {
	if (state.windowStats.mode === 'window') return Math.max(0, rows - WINDOW_NOTE_ROWS);
	return splitStats(rows, statsList(model, state).size, model.functions().length).routes;
}
