// One request as a row of the timeline or of the all-requests view. Log text goes through sanitizeLine.

import {errorCategoriesOf} from '../../core/error-counts.js';
import {sanitizeLine} from '../../core/sanitize.js';
import {invocationsMark, invocationsMarkText} from '../../presentation/lambda-format.js';
import {clockTime, formatDuration} from '../../presentation/time-format.js';
import type {ModelRequest} from '../model/entries.js';
import type {RequestRow, TimelineRow} from '../view-models.js';
import {requestMatches} from './search.js';
import type {UiState} from './ui-state.js';

export function timelineRow(
	entry: ModelRequest,
	state: UiState,
	selected: boolean,
	needle: string | undefined,
): TimelineRow {
	const {request} = entry;
	const mark = invocationsMark(request.invocations);
	return {
		requestId: sanitizeLine(request.requestId),
		time: clockTime(entry.time, state.timezone),
		eventType: request.eventType,
		eventLabel: request.eventType ?? '?',
		route: sanitizeLine(request.routeKey ?? '-'),
		status: request.status,
		latencyText: request.integrationLatencyMs === undefined ? '' : formatDuration(request.integrationLatencyMs),
		errorCategories: errorCategoriesOf(request),
		explanation: sanitizeLine(request.errors.map((error) => error.explanation).join('; ')),
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
