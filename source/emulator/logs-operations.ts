// The request/response CloudWatch Logs operations (StartLiveTail streams; see logs-live-tail.ts).
// Each takes the parsed awsJson body and returns the response body, or throws a ServiceError.

import {INSIGHTS_OPERATIONS} from './insights-operations.js';
import type {InsightsQueries} from './insights-queries.js';
import {filterLogEvents, resolveGroup} from './logs-filter-events.js';
import {getLogEvents} from './logs-get-events.js';
import {
	decodeToken,
	encodeToken,
	limitOf,
	optionalBoolean,
	optionalString,
	requiredString,
	type JsonObject,
} from './logs-input.js';
import type {InputLogEvent, LogsStore} from './logs-store.js';
import {invalidParameter} from './server-errors.js';

export interface LogsOperationContext {
	store: LogsStore;
	now: number;
	filterScanLimit: number;
	/** Consumes one injected "empty FilterLogEvents page" fault, if any is armed. */
	takeEmptyFilterPage: () => boolean;
	insights: InsightsQueries;
}

type LogsOperation = (input: JsonObject, context: LogsOperationContext) => JsonObject;

const MAX_PUT_EVENTS = 10_000;
const MAX_PUT_BYTES = 1_048_576;
const MAX_DESCRIBE_PAGE = 50;

export const LOGS_OPERATIONS: Readonly<Record<string, LogsOperation>> = {
	CreateLogGroup(input, {store}) {
		store.createLogGroup(requiredString(input, 'logGroupName'));
		return {};
	},
	CreateLogStream(input, {store}) {
		store.createLogStream(requiredString(input, 'logGroupName'), requiredString(input, 'logStreamName'));
		return {};
	},
	PutLogEvents(input, {store}) {
		store.putLogEvents(requiredString(input, 'logGroupName'), requiredString(input, 'logStreamName'), readInputEvents(input));
		return {};
	},
	DescribeLogGroups: describeLogGroups,
	DescribeLogStreams: describeLogStreams,
	GetLogEvents: (input, {store, now}) => getLogEvents(input, store, now),
	FilterLogEvents: (input, {store, now, filterScanLimit, takeEmptyFilterPage}) =>
		filterLogEvents(input, {store, now, scanLimit: filterScanLimit, takeEmptyPage: takeEmptyFilterPage}),
	...INSIGHTS_OPERATIONS,
};

function readInputEvents(input: JsonObject): InputLogEvent[] {
	const events = input['logEvents'];
	if (!Array.isArray(events) || events.length === 0 || events.length > MAX_PUT_EVENTS) {
		throw invalidParameter(`logEvents must hold 1 to ${MAX_PUT_EVENTS} events`);
	}
	let bytes = 0;
	let previous = Number.NEGATIVE_INFINITY;
	return events.map((raw: unknown) => {
		const event = (typeof raw === 'object' && raw !== null ? raw : {}) as JsonObject;
		const {timestamp, message} = event;
		if (typeof timestamp !== 'number' || !Number.isFinite(timestamp) || typeof message !== 'string' || message === '') {
			throw invalidParameter('Each log event needs a numeric timestamp and a non-empty message');
		}
		// The service demands chronological batches; out-of-order arrival across batches is fine.
		if (timestamp < previous) throw invalidParameter('Log events in a single PutLogEvents request must be in chronological order.');
		previous = timestamp;
		bytes += Buffer.byteLength(message, 'utf8') + 26;
		if (bytes > MAX_PUT_BYTES) throw invalidParameter(`The batch of log events exceeds ${MAX_PUT_BYTES} bytes`);
		return {timestamp, message};
	});
}

function describeLogGroups(input: JsonObject, {store}: LogsOperationContext): JsonObject {
	const prefix = optionalString(input, 'logGroupNamePrefix');
	const pattern = optionalString(input, 'logGroupNamePattern');
	if (prefix !== undefined && pattern !== undefined) throw invalidParameter('logGroupNamePrefix and logGroupNamePattern are mutually exclusive');
	const limit = limitOf(input, MAX_DESCRIBE_PAGE, MAX_DESCRIBE_PAGE);
	const token = optionalString(input, 'nextToken');
	const after = token === undefined ? undefined : decodeToken(token)['after'];
	if (token !== undefined && typeof after !== 'string') throw invalidParameter('The specified nextToken is invalid.');

	const needle = pattern?.toLowerCase();
	const matching = store
		.groups()
		.filter((group) => (prefix === undefined || group.name.startsWith(prefix)) && (needle === undefined || group.name.toLowerCase().includes(needle)))
		.filter((group) => typeof after !== 'string' || group.name > after);
	const page = matching.slice(0, limit);
	const last = page.at(-1);
	return {
		logGroups: page.map((group) => ({
			logGroupName: group.name,
			creationTime: group.creationTime,
			metricFilterCount: 0,
			arn: `${group.arn}:*`,
			logGroupArn: group.arn,
			storedBytes: group.storedBytes,
			logGroupClass: 'STANDARD',
		})),
		...(matching.length > limit && last !== undefined ? {nextToken: encodeToken({after: last.name})} : {}),
	};
}

function describeLogStreams(input: JsonObject, {store}: LogsOperationContext): JsonObject {
	const group = resolveGroup(input, store);
	const prefix = optionalString(input, 'logStreamNamePrefix');
	const orderBy = optionalString(input, 'orderBy') ?? 'LogStreamName';
	if (orderBy !== 'LogStreamName' && orderBy !== 'LastEventTime') throw invalidParameter(`Invalid orderBy: ${orderBy}`);
	if (orderBy === 'LastEventTime' && prefix !== undefined) throw invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.');
	const descending = optionalBoolean(input, 'descending') ?? false;
	const limit = limitOf(input, MAX_DESCRIBE_PAGE, MAX_DESCRIBE_PAGE);
	const token = optionalString(input, 'nextToken');
	const offset = token === undefined ? 0 : decodeToken(token)['offset'];
	if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) throw invalidParameter('The specified nextToken is invalid.');

	const streams = [...group.streams.values()]
		.filter((stream) => prefix === undefined || stream.name.startsWith(prefix))
		.map((stream) => {
			const events = stream.events.list();
			return {stream, first: events[0]?.timestamp, last: events.at(-1)?.timestamp};
		});
	streams.sort((a, b) => {
		const order = orderBy === 'LastEventTime' ? (a.last ?? 0) - (b.last ?? 0) : a.stream.name < b.stream.name ? -1 : a.stream.name > b.stream.name ? 1 : 0;
		return descending ? -order : order;
	});
	const page = streams.slice(offset, offset + limit);
	return {
		logStreams: page.map(({stream, first, last}) => ({
			logStreamName: stream.name,
			creationTime: stream.creationTime,
			...(first === undefined ? {} : {firstEventTimestamp: first}),
			...(last === undefined ? {} : {lastEventTimestamp: last}),
			...(stream.lastIngestionTime === undefined ? {} : {lastIngestionTime: stream.lastIngestionTime}),
			arn: stream.arn,
			storedBytes: 0,
		})),
		...(offset + limit < streams.length ? {nextToken: encodeToken({offset: offset + limit})} : {}),
	};
}
