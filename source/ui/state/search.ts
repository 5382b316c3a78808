// `/` search: what a needle matches (connection id, request id, route, error text, execution text), and
// the hits of a submitted search in the order n/N walk them. Case-insensitive, plain substring.

import type {RequestView} from '../../core/types.js';
import type {LiveModel} from '../model/live-model.js';
import {requestsList, statsList} from './lists.js';
import type {SearchHit, UiState} from './ui-state.js';

/** What is searched for, or undefined for an empty query. */
export function needleOf(text: string): string | undefined {
	const needle = text.trim().toLowerCase();
	return needle === '' ? undefined : needle;
}

/** The needle of the submitted search, if one is active (not while the prompt is still being typed). */
export function activeNeedle(state: UiState): string | undefined {
	return state.search.typing ? undefined : needleOf(state.search.text);
}

function has(text: string | undefined, needle: string): boolean {
	return typeof text === 'string' && text.toLowerCase().includes(needle);
}

export function requestMatches(request: RequestView, needle: string): boolean {
	return (
		has(request.requestId, needle) ||
		request.aliases.some((alias) => has(alias, needle)) ||
		has(request.connectionId, needle) ||
		has(request.routeKey, needle) ||
		request.errors.some((error) => has(error.explanation, needle) || has(error.message, needle)) ||
		request.execution.some((record) => has(record.text, needle))
	);
}

export function connectionIdMatches(connectionId: string, needle: string): boolean {
	return has(connectionId, needle);
}

/**
 * Every hit of `needle` in what the current view lists: requests (oldest first; in the connections view
 * only those with a connection to show them in), or route rows in the stats view.
 */
export function findHits(model: LiveModel, state: UiState, needle: string): SearchHit[] {
	if (state.view === 'stats') {
		const list = statsList(model, state);
		return list
			.slice(0, list.size)
			.filter((entry) => has(entry.label, needle))
			.map((entry) => ({id: entry.id, connectionId: undefined}));
	}

	const needsConnection = state.view === 'connections';
	const hits: SearchHit[] = [];
	const list = requestsList(model, state);
	for (const entry of list.slice(0, list.size)) {
		const {connectionId} = entry.request;
		if (needsConnection && (connectionId === undefined || model.connection(connectionId) === undefined)) continue;
		if (requestMatches(entry.request, needle)) hits.push({id: entry.request.requestId, connectionId});
	}

	return hits;
}

// The connections having a hit, per hit list (a connection row is marked when any of its requests is).
const hitConnections = new WeakMap<readonly SearchHit[], ReadonlySet<string>>();

export function connectionsWithHits(hits: readonly SearchHit[]): ReadonlySet<string> {
	let connections = hitConnections.get(hits);
	if (connections === undefined) {
		connections = new Set(hits.flatMap((hit) => (hit.connectionId === undefined ? [] : [hit.connectionId])));
		hitConnections.set(hits, connections);
	}

	return connections;
}
