// What the user asked to see (`--connection`, `--request`, `--route`, `--errors-only`). Filters choose
// what is printed; they never change what is parsed, correlated or counted.

import type {ConnectionView} from './connection-timeline.js';
import type {RequestView} from './types.js';

export interface EmissionFilter {
	connectionId?: string | undefined;
	requestId?: string | undefined;
	routeKey?: string | undefined;
	errorsOnly?: boolean | undefined;
}

export function isFilterActive(filter: EmissionFilter): boolean {
	return Boolean(filter.connectionId ?? filter.requestId ?? filter.routeKey ?? filter.errorsOnly);
}

export function requestMatches(filter: EmissionFilter, request: RequestView): boolean {
	if (filter.connectionId !== undefined && request.connectionId !== filter.connectionId) return false;
	if (filter.requestId !== undefined && !hasId(request, filter.requestId)) return false;
	if (filter.routeKey !== undefined && request.routeKey !== filter.routeKey) return false;
	if (filter.errorsOnly && request.errors.length === 0) return false;
	return true;
}

export function connectionMatches(filter: EmissionFilter, connection: ConnectionView): boolean {
	if (filter.connectionId !== undefined && connection.connectionId !== filter.connectionId) return false;
	const {requests} = connection;
	if (filter.requestId !== undefined && !requests.some((ref) => ref.requestId === filter.requestId)) return false;
	if (filter.routeKey !== undefined && !requests.some((ref) => ref.routeKey === filter.routeKey)) return false;
	if (filter.errorsOnly && connection.state !== 'rejected' && !Object.values(connection.errorCounts).some(Boolean)) {
		return false;
	}

	return true;
}

/** Unparsed lines match no id or route, so only an unfiltered or errors-only view shows them. */
export function unparsedMatches(filter: EmissionFilter): boolean {
	return filter.connectionId === undefined && filter.requestId === undefined && filter.routeKey === undefined;
}

function hasId(request: RequestView, id: string): boolean {
	return request.requestId === id || request.aliases.includes(id);
}
