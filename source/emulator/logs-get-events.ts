// GetLogEvents: one stream, read forward or backward with `f/` and `b/` tokens as the service
// does. At the end of the stream nextForwardToken repeats the token that was sent, which is how
// clients (and the SDK paginator with stopOnSameToken) know they have caught up.

import {limitOf, optionalBoolean, optionalNumber, optionalString, requiredString, type JsonObject} from './logs-input.js';
import {resolveGroup, firstIndex} from './logs-filter-events.js';
import {compareEvents, type LogsStore, type StoredLogEvent} from './logs-store.js';
import {invalidParameter, logStreamNotFound} from './server-errors.js';

const MAX_GET_PAGE_EVENTS = 10_000;

interface Position {
	timestamp: number;
	seq: number;
}

/** Before every event: where a forward read of an empty stream starts. */
const START: Position = {timestamp: Number.MIN_SAFE_INTEGER, seq: 0};

export function getLogEvents(input: JsonObject, store: LogsStore, now: number): JsonObject {
	const group = resolveGroup(input, store);
	const stream = group.streams.get(requiredString(input, 'logStreamName'));
	if (stream === undefined) throw logStreamNotFound();
	const startTime = optionalNumber(input, 'startTime') ?? Number.NEGATIVE_INFINITY;
	const endTime = optionalNumber(input, 'endTime') ?? Number.POSITIVE_INFINITY;
	const limit = limitOf(input, MAX_GET_PAGE_EVENTS, MAX_GET_PAGE_EVENTS);
	const startFromHead = optionalBoolean(input, 'startFromHead') ?? false;
	const token = optionalString(input, 'nextToken');
	const position = token === undefined ? undefined : readToken(token);

	const list = stream.events
		.list()
		.filter((event) => event.ingestionTime <= now && event.timestamp >= startTime && event.timestamp < endTime);
	let page: readonly StoredLogEvent[];
	if (position?.direction === 'f') {
		const from = firstIndex(list, (event) => compareEvents(event, position) > 0);
		page = list.slice(from, from + limit);
	} else if (position?.direction === 'b') {
		const end = firstIndex(list, (event) => compareEvents(event, position) >= 0);
		page = list.slice(Math.max(0, end - limit), end);
	} else {
		page = startFromHead ? list.slice(0, limit) : list.slice(Math.max(0, list.length - limit));
	}

	const first = page[0];
	const last = page.at(-1);
	return {
		events: page.map((event) => ({timestamp: event.timestamp, message: event.message, ingestionTime: event.ingestionTime})),
		nextForwardToken:
			last !== undefined
				? tokenOf('f', last)
				: position?.direction === 'f' && token !== undefined
					? token
					: tokenOf('f', position === undefined ? START : {timestamp: position.timestamp, seq: position.seq - 1}),
		nextBackwardToken:
			first !== undefined
				? tokenOf('b', first)
				: position?.direction === 'b' && token !== undefined
					? token
					: tokenOf('b', position === undefined ? START : {timestamp: position.timestamp, seq: position.seq + 1}),
	};
}

function tokenOf(direction: 'f' | 'b', position: Position): string {
	return `${direction}/${position.timestamp}/${position.seq}`;
}

function readToken(token: string): Position & {direction: 'f' | 'b'} {
	const match = /^([fb])\/(-?\d{1,16})\/(-?\d{1,16})$/.exec(token);
	if (match === null) throw invalidParameter('The specified nextToken is invalid.');
	return {direction: match[1] === 'f' ? 'f' : 'b', timestamp: Number(match[2]), seq: Number(match[3])};
}
