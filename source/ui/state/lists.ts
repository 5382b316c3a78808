// The lists each view shows, as the user's choices shape them: filters, the pinned connection, a pause.
// Unfiltered live lists are the model's orderings themselves; anything else is a filtered copy cached
// until the data or the choice changes.

import type {RouteMetrics} from '../../core/stats.js';
import type {ConnectionSummary, ModelRequest} from '../model/entries.js';
import type {LiveModel} from '../model/live-model.js';
import {arrayView, memo, orderedView, type ListView} from './list-view.js';
import type {Filters, UiState} from './ui-state.js';

export interface StatsEntry {
	/** Unique per row: stage key and route. */
	id: string;
	stageKey: string;
	routeKey: string;
	/** The route, with its stage when several stages are shown. */
	label: string;
	metrics: RouteMetrics;
}

const requestId = (entry: ModelRequest): string => entry.request.requestId;
const connectionId = (connection: ConnectionSummary): string => connection.connectionId;
const statsId = (entry: StatsEntry): string => entry.id;

export function filtering(filters: Filters): boolean {
	return filters.errorsOnly || filters.category !== undefined || filters.route !== undefined;
}

function requestPasses(filters: Filters, entry: ModelRequest): boolean {
	const {request} = entry;
	if (filters.errorsOnly && request.errors.length === 0) return false;
	if (filters.category !== undefined && !request.errors.some((error) => error.category === filters.category)) return false;
	return filters.route === undefined || request.routeKey === filters.route;
}

function connectionPasses(filters: Filters, connection: ConnectionSummary): boolean {
	// A rejected connection is an error even when no request carried one (mirrors --errors-only).
	if (filters.errorsOnly && connection.errorTotal === 0 && connection.state !== 'rejected') return false;
	if (filters.category !== undefined && connection.errorCounts[filters.category] === 0) return false;
	return filters.route === undefined || connection.hasRoute(filters.route);
}

/**
 * The connections pane's list: newest activity first (or the chosen sort), frozen in order while paused
 * or held (the user reads: see hold.ts).
 */
export function connectionsList(model: LiveModel, state: UiState): ListView<ConnectionSummary> {
	const {filters, paused, held, pinnedConnectionId: pinned} = state;
	const lookup = (id: string): ConnectionSummary | undefined => model.connection(id);
	const frozen = paused?.connectionOrder ?? held?.connectionOrder;
	if (frozen === undefined && pinned === undefined && !filtering(filters)) {
		return orderedView(model.connectionsBy(state.sort), lookup, connectionId);
	}

	const deps = [model.dataVersion, frozen, pinned, state.sort, filters.errorsOnly, filters.category, filters.route];
	return memo(model, 'connections', deps, () => {
		const source: Iterable<ConnectionSummary | undefined> =
			frozen === undefined ? model.connectionsBy(state.sort) : frozen.map(lookup);
		const kept: ConnectionSummary[] = [];
		for (const connection of source) {
			if (connection === undefined) continue;
			if (pinned !== undefined && connection.connectionId !== pinned) continue;
			if (connectionPasses(filters, connection)) kept.push(connection);
		}

		return arrayView(kept, connectionId);
	});
}

/** One connection's requests, oldest first. */
export function timelineList(model: LiveModel, state: UiState, connection: string | undefined): ListView<ModelRequest> {
	const summary = connection === undefined ? undefined : model.connection(connection);
	if (summary === undefined) return arrayView([], requestId);
	const {filters, paused} = state;
	if (paused === undefined && !filtering(filters)) {
		return orderedView(summary.requests, (id) => model.request(id), requestId);
	}

	const deps = [model.dataVersion, connection, paused?.requestsSeen, filters.errorsOnly, filters.category, filters.route];
	return memo(model, 'timeline', deps, () => arrayView(keptRequests(summary.requests, state), requestId));
}

/** Every request, oldest first (newest at the bottom, like `tail -f`). */
export function requestsList(model: LiveModel, state: UiState): ListView<ModelRequest> {
	const {filters, paused, pinnedConnectionId: pinned} = state;
	if (paused === undefined && pinned === undefined && !filtering(filters)) {
		return orderedView(model.requestsByTime(), (id) => model.request(id), requestId);
	}

	const deps = [model.dataVersion, paused?.requestsSeen, pinned, filters.errorsOnly, filters.category, filters.route];
	return memo(model, 'requests', deps, () => {
		const source = pinned === undefined ? model.requestsByTime() : (model.connection(pinned)?.requests ?? []);
		return arrayView(keptRequests(source, state), requestId);
	});
}

function keptRequests(source: Iterable<ModelRequest>, state: UiState): ModelRequest[] {
	const limit = state.paused?.requestsSeen ?? Number.POSITIVE_INFINITY;
	const kept: ModelRequest[] = [];
	for (const entry of source) if (entry.seq <= limit && requestPasses(state.filters, entry)) kept.push(entry);
	return kept;
}

/** Per stage and route figures; the filters narrow the rows (route, errors, category). */
export function statsList(model: LiveModel, state: UiState): ListView<StatsEntry> {
	const {filters} = state;
	return memo(model, 'stats', [model.dataVersion, filters.errorsOnly, filters.category, filters.route], () => {
		const stages = Object.entries(model.metrics().stages);
		const entries: StatsEntry[] = [];
		for (const [stageKey, stage] of stages) {
			for (const [routeKey, metrics] of Object.entries(stage.routes)) {
				if (filters.route !== undefined && routeKey !== filters.route) continue;
				if (filters.errorsOnly && !Object.values(metrics.errors).some((count) => count > 0)) continue;
				if (filters.category !== undefined && metrics.errors[filters.category] === 0) continue;
				const stageName = stageKey.slice(stageKey.indexOf('/') + 1);
				const label = stages.length > 1 ? `${stageName} ${routeKey}` : routeKey;
				entries.push({id: `${stageKey} ${routeKey}`, stageKey, routeKey, label, metrics});
			}
		}

		return arrayView(entries, statsId);
	});
}
