// Why a WebSocket connection dropped, as far as its `$disconnect` request tells: the close code the
// gateway recorded (`$context.disconnectStatusCode`) and how long the connection had lived
// (`$context.connectedAt` to the disconnect). Idle closes need the connection's last message: they are
// the connection's to explain, not one request's.

import {explain, fieldValue, SPECIFICITY, type Evidence, type RequestContext} from './evidence.js';
import type {RequestView} from '../types.js';

/** API Gateway closes every WebSocket connection after two hours. */
export const MAX_CONNECTION_MS = 2 * 60 * 60_000;
// The close happens within moments of the limit; a connection this close to it was closed by it.
const MAX_CONNECTION_SLACK_MS = 60_000;

export function disconnectEvidence(request: Omit<RequestView, 'errors'>, context: RequestContext): Evidence[] {
	if (request.eventType !== 'DISCONNECT' && request.routeKey !== '$disconnect') return [];
	const found: Evidence[] = [];
	const statusCode = fieldValue(context.access, 'disconnectStatusCode');
	if (statusCode === '1009') {
		found.push(closeEvidence('client', `disconnectStatusCode=${statusCode}`, () =>
			explain('connection closed with 1009 (message too big)', 'a frame over 32 KB or a message over 128 KB'),
		));
	}

	const connectedAt = Number(fieldValue(context.access, 'connectedAt'));
	const closedAt = Number(fieldValue(context.access, 'requestTimeEpoch') ?? request.firstTimestamp);
	if (Number.isFinite(connectedAt) && connectedAt > 0 && Number.isFinite(closedAt) && closedAt - connectedAt >= MAX_CONNECTION_MS - MAX_CONNECTION_SLACK_MS) {
		const minutes = Math.round((closedAt - connectedAt) / 60_000);
		found.push(closeEvidence('gateway', `connectedAt=${connectedAt}`, () =>
			explain('connection closed at the 2-hour maximum', `it had been open ${Math.floor(minutes / 60)} h ${minutes % 60} min; clients must reconnect`),
		));
	}

	return found;
}

function closeEvidence(category: 'client' | 'gateway', message: string, explainIt: () => string): Evidence {
	return {
		category,
		alsoFits: [],
		failure: `disconnect:${category}`,
		specificity: SPECIFICITY.accessText,
		message,
		explain: explainIt,
		explainsStatus: () => false,
	};
}
