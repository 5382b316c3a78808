// Request views as the engine hands them to the UI model, built by hand for exact expectations.

import type {RequestChange} from '../../source/core/correlate.js';
import type {ErrorCategory, ErrorInfo, ExecutionKind, ExecutionRecord, RequestView} from '../../source/core/types.js';
import {LiveModel} from '../../source/ui/model/live-model.js';

/** 2023-07-26T12:00:00.000Z */
export const T0 = Date.UTC(2023, 6, 26, 12, 0, 0);

export function requestView(fields: Partial<RequestView> & {requestId: string}): RequestView {
	const firstTimestamp = fields.firstTimestamp ?? T0;
	return {
		aliases: [],
		connectionId: undefined,
		eventType: undefined,
		routeKey: undefined,
		status: undefined,
		lastTimestamp: firstTimestamp,
		integrationLatencyMs: undefined,
		access: null,
		accessGuessed: false,
		invocations: [],
		execution: [],
		errors: [],
		apiId: 'a1b2c3d4e5',
		stage: 'prod',
		...fields,
		firstTimestamp,
	};
}

export function change(request: RequestView, pending = false): RequestChange {
	return {request, pending};
}

export function failure(category: ErrorCategory, explanation: string, message = `${category} failed`): ErrorInfo {
	return {category, explanation, message};
}

export function executionLine(requestId: string, timestamp: number, kind: ExecutionKind, text: string): ExecutionRecord {
	return {
		type: 'execution',
		timestamp,
		event: {timestamp, message: `(${requestId}) ${text}`},
		requestId,
		kind,
		fields: {},
		truncated: false,
		text,
		leadingTimestamp: undefined,
	};
}

/** A request of a WebSocket connection at T0 + `second` seconds. */
export function wsRequest(
	requestId: string,
	connectionId: string,
	second: number,
	eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT',
	fields: Partial<RequestView> = {},
): RequestView {
	const routeKey = eventType === 'CONNECT' ? '$connect' : eventType === 'DISCONNECT' ? '$disconnect' : 'sendmessage';
	return requestView({
		requestId,
		connectionId,
		eventType,
		routeKey,
		status: 200,
		firstTimestamp: T0 + second * 1000,
		...fields,
	});
}

export function modelWith(requests: RequestView[], bounds = {maxRequests: 1000, maxConnections: 1000}): LiveModel {
	const model = new LiveModel(bounds);
	model.apply(requests.map((request) => change(request)));
	return model;
}
