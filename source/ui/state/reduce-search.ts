// The search prompt and n/N: submitting finds every hit in the current view and selects the newest;
// n and N walk the hits (wrapping around) and select each one where it is shown.

import {sanitizeLine} from '../../core/sanitize.js';
import type {LiveModel} from '../model/live-model.js';
import {statsList} from './lists.js';
import {findHits, needleOf} from './search.js';
import type {SearchState, UiState} from './ui-state.js';

export function clearedSearch(search: SearchState): SearchState {
	return {...search, typing: false, text: '', matches: [], index: 0};
}

export function startSearch(state: UiState): UiState {
	return {...state, search: {...clearedSearch(state.search), typing: true}};
}

export function editSearch(state: UiState, text: string): UiState {
	// Pasted text could carry escape sequences; the prompt echoes it to the terminal.
	return {...state, search: {...state.search, typing: true, text: sanitizeLine(text)}};
}

export function cancelSearch(state: UiState): UiState {
	return {...state, search: clearedSearch(state.search)};
}

export function submitSearch(state: UiState, model: LiveModel): UiState {
	const {text} = state.search;
	const needle = needleOf(text);
	if (needle === undefined) return cancelSearch(state);
	const scope = state.view === 'stats' ? 'routes' : 'requests';
	const matches = findHits(model, state, needle);
	const search: SearchState = {typing: false, text, matches, index: 0, scope};
	if (matches.length === 0) return {...state, search, message: `no match for "${text.trim()}"`};
	// Requests: start at the newest hit, as a tail reader would. Routes: at the first row.
	return selectHit({...state, search}, model, scope === 'routes' ? 0 : matches.length - 1);
}

export function stepMatch(state: UiState, model: LiveModel, delta: 1 | -1): UiState {
	const {search} = state;
	if (needleOf(search.text) === undefined) return {...state, message: 'press / to search'};
	if (search.matches.length === 0) return {...state, message: `no match for "${search.text.trim()}"`};
	if ((search.scope === 'routes') !== (state.view === 'stats')) return {...state, message: 'press / to search this view'};
	const count = search.matches.length;
	return selectHit(state, model, (((search.index + delta) % count) + count) % count);
}

function selectHit(state: UiState, model: LiveModel, index: number): UiState {
	const hit = state.search.matches[index];
	if (hit === undefined) return state;
	const search = {...state.search, index};
	const {cursors} = state;
	switch (state.view) {
		case 'stats': {
			const row = statsList(model, state).indexOfId(hit.id);
			return {...state, search, cursors: {...cursors, stats: {...cursors.stats, offset: Math.max(0, row)}}};
		}

		case 'requests': {
			return {...state, search, follow: false, cursors: {...cursors, requests: {...cursors.requests, selectedId: hit.id}}};
		}

		case 'connections': {
			return {
				...state,
				search,
				follow: false,
				expandedRequestId: undefined,
				cursors: {
					...cursors,
					connections: {...cursors.connections, selectedId: hit.connectionId},
					timeline: {...cursors.timeline, selectedId: hit.id},
				},
			};
		}
	}
}
