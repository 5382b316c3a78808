// The Logs Insights operations on the wire: StartQuery, GetQueryResults (paged with maxItems and
// nextToken), StopQuery and DescribeQueries, with the service's input rules and result shape.

import {MalformedQueryError, parseInsightsQuery} from './insights-parser.js';
import type {InsightsQueries, InsightsQuery} from './insights-queries.js';
import {DEFAULT_ROW_LIMIT} from './insights-syntax.js';
import {decodeToken, encodeToken, optionalNumber, optionalString, optionalStringList, requiredString, type JsonObject} from './logs-input.js';
import type {LogGroupState, LogsStore} from './logs-store.js';
import {invalidParameter, ServiceError} from './server-errors.js';

export interface InsightsOperationContext {
	store: LogsStore;
	insights: InsightsQueries;
}

type InsightsOperation = (input: JsonObject, context: InsightsOperationContext) => JsonObject;

const MAX_QUERY_LIMIT = 100_000;
const MAX_PAGE_ITEMS = 10_000;
const MAX_LOG_GROUPS = 50;
const MAX_DESCRIBE_RESULTS = 1000;

export const INSIGHTS_OPERATIONS: Readonly<Record<string, InsightsOperation>> = {
	StartQuery: startQuery,
	GetQueryResults: getQueryResults,
	StopQuery(input, {insights}) {
		insights.stop(requiredString(input, 'queryId'));
		return {success: true};
	},
	DescribeQueries: describeQueries,
};

function startQuery(input: JsonObject, {store, insights}: InsightsOperationContext): JsonObject {
	const language = optionalString(input, 'queryLanguage') ?? 'CWLI';
	if (language !== 'CWLI') throw invalidParameter(`The emulator serves queryLanguage CWLI only, not ${language}`);
	const queryString = requiredString(input, 'queryString');
	const startTime = optionalNumber(input, 'startTime');
	const endTime = optionalNumber(input, 'endTime');
	if (startTime === undefined || endTime === undefined) throw invalidParameter('startTime and endTime are required');
	if (endTime < startTime) throw invalidParameter('endTime must be greater than or equal to startTime');
	const limit = optionalNumber(input, 'limit') ?? DEFAULT_ROW_LIMIT;
	if (!Number.isInteger(limit) || limit < 1 || limit > MAX_QUERY_LIMIT) throw invalidParameter(`limit must be between 1 and ${MAX_QUERY_LIMIT}`);
	const groups = queriedGroups(input, store);
	let parsed;
	try {
		parsed = parseInsightsQuery(queryString);
	} catch (error) {
		if (error instanceof MalformedQueryError) throw malformed(queryString, error);
		throw error;
	}
	// startTime and endTime are whole epoch seconds, both inclusive: the end second counts to its last millisecond.
	const query = insights.start(parsed, {groups, startMs: startTime * 1000, endMs: endTime * 1000 + 999, rowLimit: limit});
	return {queryId: query.queryId};
}

/** Exactly one of logGroupName, logGroupNames, logGroupIdentifiers (names or ARNs), at most 50 groups. */
function queriedGroups(input: JsonObject, store: LogsStore): LogGroupState[] {
	const name = optionalString(input, 'logGroupName');
	const names = optionalStringList(input, 'logGroupNames');
	const identifiers = optionalStringList(input, 'logGroupIdentifiers');
	const given = [name, names, identifiers].filter((member) => member !== undefined).length;
	if (given !== 1) throw invalidParameter('Exactly one of logGroupName, logGroupNames and logGroupIdentifiers must be given');
	if (name !== undefined) return [store.requireGroup(name)];
	if (names !== undefined) return checkCount(names).map((group) => store.requireGroup(group));
	return checkCount(identifiers ?? []).map((identifier) => store.requireGroupByIdentifier(identifier));
}

function checkCount(groups: readonly string[]): readonly string[] {
	if (groups.length === 0 || groups.length > MAX_LOG_GROUPS) throw invalidParameter(`A query takes 1 to ${MAX_LOG_GROUPS} log groups`);
	return groups;
}

function malformed(queryString: string, error: MalformedQueryError): ServiceError {
	const before = queryString.slice(0, error.offset);
	const line = before.split('\n').length;
	const position = error.offset - before.lastIndexOf('\n');
	return new ServiceError('MalformedQueryException', `${error.message} at line ${line} and position ${position}`);
}

function getQueryResults(input: JsonObject, {insights}: InsightsOperationContext): JsonObject {
	const queryId = requiredString(input, 'queryId');
	const maxItems = optionalNumber(input, 'maxItems') ?? MAX_PAGE_ITEMS;
	if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > MAX_PAGE_ITEMS) throw invalidParameter(`maxItems must be between 1 and ${MAX_PAGE_ITEMS}`);
	const token = optionalString(input, 'nextToken');
	// A page after the first reads the same results; only a first page moves the query on.
	const offset = token === undefined ? 0 : readOffset(token, queryId);
	const query = token === undefined ? insights.poll(queryId) : insights.require(queryId);
	const rows = query.status === 'Scheduled' || query.status === 'Failed' ? [] : query.execution.results();
	const page = rows.slice(offset, offset + maxItems);
	return {
		queryLanguage: 'CWLI',
		status: query.status,
		results: page,
		statistics: statisticsOf(query, rows.length),
		...(offset + maxItems < rows.length ? {nextToken: encodeToken({q: queryId, o: offset + maxItems})} : {}),
	};
}

function readOffset(token: string, queryId: string): number {
	const {q, o} = decodeToken(token);
	if (q !== queryId || typeof o !== 'number' || !Number.isInteger(o) || o < 0) throw invalidParameter('The specified nextToken is invalid.');
	return o;
}

function statisticsOf(query: InsightsQuery, resultCount: number): JsonObject {
	return {
		...query.execution.statistics,
		estimatedRecordsSkipped: 0,
		estimatedBytesSkipped: 0,
		logGroupsScanned: query.logGroupNames.length,
		resultCount,
	};
}

function describeQueries(input: JsonObject, {insights}: InsightsOperationContext): JsonObject {
	const logGroupName = optionalString(input, 'logGroupName');
	const status = optionalString(input, 'status');
	const language = optionalString(input, 'queryLanguage');
	const maxResults = optionalNumber(input, 'maxResults') ?? MAX_DESCRIBE_RESULTS;
	if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > MAX_DESCRIBE_RESULTS) throw invalidParameter(`maxResults must be between 1 and ${MAX_DESCRIBE_RESULTS}`);
	const token = optionalString(input, 'nextToken');
	const offset = token === undefined ? 0 : decodeToken(token)['offset'];
	if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) throw invalidParameter('The specified nextToken is invalid.');
	const matching = insights
		.list()
		.filter((query) => (logGroupName === undefined || query.logGroupNames.includes(logGroupName)) && (status === undefined || query.status === status) && (language === undefined || language === 'CWLI'));
	const page = matching.slice(offset, offset + maxResults);
	return {
		queries: page.map((query) => ({
			queryLanguage: 'CWLI',
			queryId: query.queryId,
			queryString: query.queryString,
			status: query.status,
			createTime: query.createTime,
			...(query.logGroupNames[0] === undefined ? {} : {logGroupName: query.logGroupNames[0]}),
			bytesScanned: query.execution.statistics.bytesScanned,
		})),
		...(offset + maxResults < matching.length ? {nextToken: encodeToken({offset: offset + maxResults})} : {}),
	};
}
