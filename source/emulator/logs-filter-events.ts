// FilterLogEvents: one group, optional stream selection, time window and filter pattern, paged.
// The nextToken is a cursor "after (timestamp, seq)", so paging stays exact while events keep
// arriving: every event visible when its position is scanned is returned once, in order. Like the
// service, a page may be short or EMPTY and still carry a nextToken (scan budget, injected fault).

import {compileFilterPattern, FilterPatternError, type MessageMatcher} from './filter-pattern.js';
import {decodeToken, encodeToken, limitOf, optionalNumber, optionalString, optionalStringList, type JsonObject} from './logs-input.js';
import {compareEvents, type LogGroupState, type LogsStore, type StoredLogEvent} from './logs-store.js';
import {invalidParameter} from './server-errors.js';

export const MAX_FILTER_PAGE_EVENTS = 10_000;
export const MAX_FILTER_PAGE_BYTES = 1_048_576;
/** Per-event overhead counted against the page size, as PutLogEvents counts it. */
const EVENT_OVERHEAD_BYTES = 26;

export interface FilterLogEventsContext {
	store: LogsStore;
	now: number;
	/** Events examined per page at most; a page that runs out returns what it has plus a nextToken. */
	scanLimit: number;
	/** Consumes an injected fault, if armed: answer an empty page that carries a nextToken and moves nothing. */
	takeEmptyPage: () => boolean;
}

interface Cursor {
	timestamp: number;
	seq: number;
}

export function filterLogEvents(input: JsonObject, context: FilterLogEventsContext): JsonObject {
	const group = resolveGroup(input, context.store);
	const includesStream = streamSelector(input);
	const startTime = optionalNumber(input, 'startTime');
	const endTime = optionalNumber(input, 'endTime');
	const limit = limitOf(input, MAX_FILTER_PAGE_EVENTS, MAX_FILTER_PAGE_EVENTS);
	const matches = compilePattern(optionalString(input, 'filterPattern'));
	const token = optionalString(input, 'nextToken');
	const {cursor, page} = token === undefined ? {cursor: undefined, page: 0} : readToken(token, group.name);
	const tokenAt = (at: Cursor | undefined): string =>
		encodeToken({g: group.name, ...(at === undefined ? {} : {t: at.timestamp, s: at.seq}), n: page + 1});

	if (context.takeEmptyPage()) return {events: [], nextToken: tokenAt(cursor)};

	const list = group.events.list();
	let index = Math.max(
		cursor === undefined ? 0 : firstIndex(list, (event) => compareEvents(event, cursor) > 0),
		startTime === undefined ? 0 : firstIndex(list, (event) => event.timestamp >= startTime),
	);
	const events: StoredLogEvent[] = [];
	let bytes = 0;
	let scanned = 0;
	let resumeAfter = cursor;
	let exhausted = false;
	for (;;) {
		const event = list[index];
		if (event === undefined || (endTime !== undefined && event.timestamp >= endTime)) {
			exhausted = true;
			break;
		}
		if (scanned === context.scanLimit || events.length === limit) break;
		if (event.ingestionTime <= context.now && includesStream(event.logStreamName) && matches(event.message)) {
			const size = Buffer.byteLength(event.message, 'utf8') + EVENT_OVERHEAD_BYTES;
			if (events.length > 0 && bytes + size > MAX_FILTER_PAGE_BYTES) break;
			events.push(event);
			bytes += size;
		}
		scanned++;
		resumeAfter = event;
		index++;
	}

	return {
		events: events.map((event) => ({
			logStreamName: event.logStreamName,
			timestamp: event.timestamp,
			message: event.message,
			ingestionTime: event.ingestionTime,
			eventId: event.eventId,
		})),
		...(exhausted ? {} : {nextToken: tokenAt(resumeAfter)}),
	};
}

/** `logGroupName` or `logGroupIdentifier` (a name or an ARN), exactly one. */
export function resolveGroup(input: JsonObject, store: LogsStore): LogGroupState {
	const name = optionalString(input, 'logGroupName');
	const identifier = optionalString(input, 'logGroupIdentifier');
	if (name !== undefined && identifier !== undefined) throw invalidParameter('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
	if (name !== undefined) return store.requireGroup(name);
	if (identifier !== undefined) return store.requireGroupByIdentifier(identifier);
	throw invalidParameter('Either logGroupName or logGroupIdentifier is required');
}

export function compilePattern(pattern: string | undefined): MessageMatcher {
	try {
		return compileFilterPattern(pattern);
	} catch (error) {
		if (error instanceof FilterPatternError) throw invalidParameter(`Invalid filter pattern: ${error.message}`);
		throw error;
	}
}

function streamSelector(input: JsonObject): (streamName: string) => boolean {
	const names = optionalStringList(input, 'logStreamNames');
	const prefix = optionalString(input, 'logStreamNamePrefix');
	if (names !== undefined && prefix !== undefined) throw invalidParameter('You cannot specify both logStreamNames and logStreamNamePrefix');
	if (names !== undefined) {
		if (names.length === 0 || names.length > 100) throw invalidParameter('logStreamNames must hold 1 to 100 names');
		const wanted = new Set(names);
		return (streamName) => wanted.has(streamName);
	}
	if (prefix !== undefined) return (streamName) => streamName.startsWith(prefix);
	return () => true;
}

function readToken(token: string, groupName: string): {cursor: Cursor | undefined; page: number} {
	const {g, t, s, n} = decodeToken(token);
	const valid = g === groupName && typeof n === 'number' && (t === undefined ? s === undefined : typeof t === 'number' && typeof s === 'number');
	if (!valid) throw invalidParameter('The specified nextToken is invalid.');
	return {cursor: typeof t === 'number' && typeof s === 'number' ? {timestamp: t, seq: s} : undefined, page: n};
}

/** The first index whose event satisfies a predicate that is false, then true, along the list. */
export function firstIndex(list: readonly StoredLogEvent[], predicate: (event: StoredLogEvent) => boolean): number {
	let low = 0;
	let high = list.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		const event = list[middle];
		if (event !== undefined && predicate(event)) high = middle;
		else low = middle + 1;
	}
	return low;
}
