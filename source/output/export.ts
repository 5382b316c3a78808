// The incident export: the selected connection (or everything that matches the filters) as JSON for
// tools and as Markdown for a ticket, with CloudWatch Logs Insights queries that find the same lines
// (one over the stage's log groups, one over the Lambda functions' groups).
// The JSON reuses the NDJSON shapes, so one schema describes both.

import {writeFile} from 'node:fs/promises';
import {ConnectionTimeline} from '../core/connection-timeline.js';
import type {RequestView} from '../core/types.js';
import {UserError} from '../exit-codes.js';
import {renderIncidentMarkdown} from './export-markdown.js';
import {isoTime, stringifySafely, toNdjsonLine} from './ndjson.js';
import type {ExportedError, ExportInput, IncidentExport, InsightsQuery} from './export-types.js';

/** Insights queries are limited to 10,000 characters; this many ids stays far below with any id length we know. */
export const MAX_QUERY_IDS = 50;

export function buildIncidentExport(input: ExportInput): IncidentExport {
	const requests = inTimeOrder(input.requests);
	const connectionIds = [...new Set(requests.flatMap((request) => (request.connectionId === undefined ? [] : [request.connectionId])))];
	const errors = exportedErrors(requests);
	const insights = insightsQuery(connectionIds, requests);
	const lambdaInsights = lambdaInsightsQuery(requests);
	const lambdaLogGroups = [...new Set(requests.flatMap((request) => request.invocations.map((invocation) => invocation.logGroup)))].filter(
		(group) => group !== '',
	);
	const json = stringifySafely({
		title: input.title,
		source: input.source,
		generatedAt: isoTime(input.generatedAt),
		requests: requests.map((request) => ndjsonObject({type: 'request', request, revision: 0, partial: false})),
		connections: connectionsOf(requests, connectionIds),
		errors,
		insightsQuery: insights.query,
		insightsIdsLeftOut: insights.idsLeftOut,
		logGroups: input.logGroups,
		lambdaInsightsQuery: lambdaInsights?.query ?? null,
		lambdaInsightsIdsLeftOut: lambdaInsights?.idsLeftOut ?? 0,
		lambdaLogGroups,
	});
	const markdown = renderIncidentMarkdown({...input, requests, errors, insights, lambdaInsights, lambdaLogGroups});
	return {json: `${json}\n`, markdown};
}

function inTimeOrder(requests: readonly RequestView[]): RequestView[] {
	// Array#sort is stable: requests at the same millisecond keep the order they were given in.
	return [...requests].sort((a, b) => a.firstTimestamp - b.firstTimestamp);
}

function ndjsonObject(output: Parameters<typeof toNdjsonLine>[0]): unknown {
	return JSON.parse(toNdjsonLine(output));
}

/** Each connection as the NDJSON connection line describes it, derived from the exported requests only. */
function connectionsOf(requests: readonly RequestView[], connectionIds: readonly string[]): unknown[] {
	const timelines = new Map(connectionIds.map((id) => [id, new ConnectionTimeline(id, requests.length + 1)]));
	for (const request of requests) {
		if (request.connectionId !== undefined) timelines.get(request.connectionId)?.upsert(request);
	}

	return [...timelines.values()].map((timeline) =>
		ndjsonObject({type: 'connection', connection: timeline.view(), revision: 0}),
	);
}

function exportedErrors(requests: readonly RequestView[]): ExportedError[] {
	return requests.flatMap((request) =>
		request.errors.map(({category, message, explanation}) => ({requestId: request.requestId, category, message, explanation})),
	);
}

/**
 * `fields ... | filter @message like /id1|id2/`: connection ids first (they are in every access line),
 * then the requests with errors, then the rest, up to MAX_QUERY_IDS.
 */
export function insightsQuery(connectionIds: readonly string[], requests: readonly RequestView[]): InsightsQuery {
	return idsQuery([
		...connectionIds,
		...requests.filter((request) => request.errors.length > 0).map((request) => request.requestId),
		...requests.filter((request) => request.errors.length === 0).map((request) => request.requestId),
	]);
}

/**
 * The same query over the Lambda log groups, by Lambda request id: the invocations that did not succeed
 * first, then the rest; null when no request has an invocation. By @message, not @requestId: Insights
 * discovers @requestId from the START, END and REPORT lines, whose messages name the id anyway, and the
 * id is also in the message of each line a runtime's logger writes (text and JSON formats) and of the
 * platform.* records.
 */
export function lambdaInsightsQuery(requests: readonly RequestView[]): InsightsQuery | null {
	const invocations = requests.flatMap((request) => request.invocations);
	if (invocations.length === 0) return null;
	return idsQuery([
		...invocations.filter((invocation) => invocation.outcome !== 'success').map((invocation) => invocation.requestId),
		...invocations.filter((invocation) => invocation.outcome === 'success').map((invocation) => invocation.requestId),
	]);
}

/** The one query builder: the candidates in order of importance, deduplicated, unsafe ones left out, capped. */
function idsQuery(candidates: readonly string[]): InsightsQuery {
	const unique = [...new Set(candidates)];
	// An id from a log could carry a newline or a control character: it would break the query, so it stays out.
	const usable = unique.filter((id) => /^[\u0021-\u007E]+$/.test(id));
	const ids = usable.slice(0, MAX_QUERY_IDS);
	const pattern = ids.length === 0 ? '(?!)' : ids.map(escapeRegex).join('|');
	return {
		query: `fields @timestamp, @message, @logStream | filter @message like /${pattern}/ | sort @timestamp asc`,
		idsInQuery: ids.length,
		idsLeftOut: unique.length - ids.length,
	};
}

/** Escapes regex metacharacters, and the slash that would end the /.../ literal. */
export function escapeRegex(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** FILE.json and FILE.md, FILE being the path without a .json or .md extension. */
export function exportPaths(path: string): {json: string; markdown: string} {
	const base = path.replace(/\.(?:json|md)$/i, '');
	return {json: `${base}.json`, markdown: `${base}.md`};
}

/** Writes FILE.json and FILE.md; returns their paths. Any failure is a one-line UserError. */
export async function writeIncidentExport(
	path: string,
	exported: IncidentExport,
): Promise<{json: string; markdown: string}> {
	if (path.trim() === '') throw new UserError('cannot write the export: the file name is empty');
	const paths = exportPaths(path);
	for (const [file, content] of [
		[paths.json, exported.json],
		[paths.markdown, exported.markdown],
	] as const) {
		try {
			await writeFile(file, content, 'utf8');
		} catch (error) {
			throw new UserError(`cannot write the export to ${oneLine(file)}: ${reason(error)}`);
		}
	}

	return paths;
}

function reason(error: unknown): string {
	const {code, message} = (error ?? {}) as {code?: unknown; message?: unknown};
	const text = typeof message === 'string' ? message : String(error);
	return oneLine(typeof code === 'string' && !text.startsWith(code) ? `${code}: ${text}` : text);
}

function oneLine(text: string): string {
	return text.replace(/\s*[\r\n]+\s*/g, ' ');
}
