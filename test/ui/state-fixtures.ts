// A small chat workload for reducer and selector tests, and a way to drive the reducer with commands.

import type {RequestView} from '../../source/core/types.js';
import type {LiveModel} from '../../source/ui/model/live-model.js';
import type {CommandName} from '../../source/ui/state/commands.js';
import {reduce} from '../../source/ui/state/reduce.js';
import {initialUiState, type UiAction, type UiState} from '../../source/ui/state/ui-state.js';
import {executionLine, failure, modelWith, T0, wsRequest} from './model-fixtures.js';

/**
 * Ten connections C00..C09, C0n active at second 10n..10n+3 (so C09 is the newest): a $connect and three
 * messages each. C03's second message failed in its integration; C05 disconnected at 10·5+5.
 */
export function chatRequests(): RequestView[] {
	const requests: RequestView[] = [];
	for (let n = 0; n < 10; n++) {
		const connection = `C0${n}`;
		const base = n * 10;
		requests.push(wsRequest(`${connection}-connect`, connection, base, 'CONNECT'));
		for (let m = 1; m <= 3; m++) {
			const failed = n === 3 && m === 2;
			requests.push(
				wsRequest(`${connection}-m${m}`, connection, base + m, 'MESSAGE', {
					integrationLatencyMs: 20 * m,
					...(failed ? failedMessage(`${connection}-m${m}`, T0 + (base + m) * 1000) : {}),
				}),
			);
		}

		if (n === 5) requests.push(wsRequest(`${connection}-bye`, connection, base + 5, 'DISCONNECT'));
	}

	return requests;
}

/** A message whose Lambda threw: five execution lines (the fourth is the evidence) and four access fields. */
function failedMessage(requestId: string, time: number): Partial<RequestView> {
	return {
		status: 502,
		errors: [failure('integration', 'Lambda threw: boom', 'Lambda function error: boom')],
		execution: [
			executionLine(requestId, time, 'websocket-route', 'Starting execution for request: ' + requestId),
			executionLine(requestId, time, 'endpoint-request', 'Endpoint request body after transformations: {"action":"sendmessage"}'),
			executionLine(requestId, time + 20, 'integration-response', 'Received response. Status: 200, Integration latency: 40 ms'),
			executionLine(requestId, time + 20, 'lambda-function-error', 'Lambda function error: boom'),
			executionLine(requestId, time + 21, 'method-completed', 'Method completed with status: 502'),
		],
		access: {requestId, eventType: 'MESSAGE', routeKey: 'sendmessage', status: '502'},
	};
}

export function chatModel(): LiveModel {
	return modelWith(chatRequests());
}

/** 80 columns, 13 rows: connections list 2 rows, timeline 4, all requests 8, stats 6. */
export function smallState(overrides: Partial<UiState> = {}): UiState {
	return {...initialUiState({width: 80, height: 13, timezone: 'utc'}), ...overrides};
}

/** 80 columns, 16 rows: connections list 3 rows, timeline 6 (an open request: 2 rows and 3 lines), all requests 11, stats 9. */
export function pagingState(overrides: Partial<UiState> = {}): UiState {
	return {...initialUiState({width: 80, height: 16, timezone: 'utc'}), ...overrides};
}

export function run(model: LiveModel, state: UiState, ...actions: Array<CommandName | UiAction>): UiState {
	let current = state;
	for (const action of actions) {
		current = reduce(current, typeof action === 'string' ? {type: 'command', command: action} : action, model);
	}

	return current;
}

export const DATA: UiAction = {type: 'data'};
