// One request as a row of the timeline or of the all-requests view. Log text goes through sanitizeLine.

import {disconnectFactsOf, idleCloseExplanation, lastActivityBefore} from '../../core/classify/idle-close.js';
import type {GoneWrite} from '../../core/classify/lambda.js';
import {errorCategoriesOf} from '../../core/error-counts.js';
import {sanitizeLine} from '../../core/sanitize.js';
import {goneWritesText} from '../../presentation/gone-writes.js';
import {invocationsMark, invocationsMarkText} from '../../presentation/lambda-format.js';
import {clockTime, formatDuration} from '../../presentation/time-format.js';
import type {ConnectionSummary, ModelRequest} from '../model/entries.js';
import type {RequestRow, TimelineRow} from '../view-models.js';
import {requestMatches} from './search.js';
import type {UiState} from './ui-state.js';

/**
 * `closeExplanation`: why the connection closed when no request failed (its idle timeout) and who wrote to
 * it after it was gone; it stands in the `$disconnect` row's explanation when that request has none of its own.
 */
export function timelineRow(
	entry: ModelRequest,
	state: UiState,
	selected: boolean,
	needle: string | undefined,
	closeExplanation?: string,
): TimelineRow {
	const {request} = entry;
	const mark = invocationsMark(request.invocations);
	const errors = request.errors.map((error) => error.explanation).join('; ');
	const explanation = errors === '' && request.eventType === 'DISCONNECT' ? (closeExplanation ?? '') : errors;
	return {
		requestId: sanitizeLine(request.requestId),
		time: clockTime(entry.time, state.timezone),
		eventType: request.eventType,
		eventLabel: request.eventType ?? '?',
		route: sanitizeLine(request.routeKey ?? '-'),
		status: request.status,
		latencyText: request.integrationLatencyMs === undefined ? '' : formatDuration(request.integrationLatencyMs),
		errorCategories: errorCategoriesOf(request),
		explanation: sanitizeLine(explanation),
		selected,
		expanded: request.requestId === state.expandedRequestId,
		matched: needle !== undefined && requestMatches(request, needle),
		pending: entry.pending,
		lambda: mark === undefined ? undefined : {text: invocationsMarkText(mark), failed: mark.outcome !== 'success'},
	};
}

export function requestRow(entry: ModelRequest, state: UiState, selected: boolean, needle: string | undefined): RequestRow {
	return {
		...timelineRow(entry, state, selected, needle),
		// Requests open in their connection's timeline, not here.
		expanded: false,
		connectionId: sanitizeLine(entry.request.connectionId ?? '-'),
	};
}

/**
 * Why the connection closed (its idle timeout, core/classify/idle-close.ts), from its requests in memory,
 * and who still wrote to it afterwards (GoneException in other requests' handlers).
 */
export function closeExplanationOf(connection: ConnectionSummary | undefined, goneWrites: readonly GoneWrite[] = []): string | undefined {
	if (connection?.disconnectedAt === undefined) return undefined;
	let disconnect: ModelRequest | undefined;
	for (const entry of connection.requests) if (entry.request.eventType === 'DISCONNECT') disconnect = entry;
	if (disconnect === undefined) return undefined;
	const requests = [...connection.requests].map((entry) => ({eventType: entry.request.eventType, time: entry.time}));
	const idle = idleCloseExplanation({
		...disconnectFactsOf(disconnect.request),
		disconnectedAt: disconnect.time,
		lastActivityBeforeClose: lastActivityBefore(requests, disconnect.time),
	});
	const gone = goneWritesText(goneWrites);
	return idle === undefined ? gone : gone === undefined ? idle : `${idle}; ${gone}`;
}
