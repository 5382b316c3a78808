// `stats --output json`: one object a line, README's schema: route-stats per route ("-" for requests
// rejected before routing), bin-stats per bin and route, function-stats per Lambda log group, then one
// stats-summary; with --top, the worst connections and requests after them.

import type {LambdaFunctionFigures} from '../sources/insights/lambda-figures.js';
import type {RouteFigures, StatsFigures, TopRequest} from '../sources/insights/stats-figures.js';
import type {StatsSummary} from '../sources/insights/stats-window.js';

export type {StatsSummary} from '../sources/insights/stats-window.js';

export function statsJsonLines(figures: StatsFigures, functions: LambdaFunctionFigures[], summary: StatsSummary): string[] {
	const lines = [
		...figures.routes.map(({route, ...rest}) => ({type: 'route-stats', route, ...counts(rest)})),
		...figures.bins.map(({startMs, route, ...rest}) => ({type: 'bin-stats', start: new Date(startMs).toISOString(), route, ...counts(rest)})),
		...functions.map((figures) => ({
			type: 'function-stats',
			function: figures.function,
			logGroup: figures.logGroup,
			invocations: figures.invocations,
			coldStarts: figures.coldStarts,
			errors: figures.errors,
			timeouts: figures.timeouts,
			failures: figures.failures,
			durationMs: figures.durationMs,
		})),
		{
			type: 'stats-summary',
			from: new Date(summary.fromMs).toISOString(),
			to: new Date(summary.toMs).toISOString(),
			queries: summary.queries,
			recordsScanned: summary.recordsScanned,
			bytesScanned: summary.bytesScanned,
			estimatedCostUsd: summary.estimatedCostUsd,
		},
		...figures.topConnections.map((connection) => ({type: 'top-connection', ...connection})),
		...figures.topErrorRequests.map((request) => topRequest('top-error-request', request)),
		...figures.topLatencyRequests.map((request) => topRequest('top-latency-request', request)),
	];
	return lines.map((line) => JSON.stringify(line));
}

function counts(figures: RouteFigures): RouteFigures {
	const {requests, connects, messages, disconnects, errors, integrationLatencyMs} = figures;
	return {requests, connects, messages, disconnects, errors, integrationLatencyMs};
}

function topRequest(type: string, request: TopRequest): Record<string, unknown> {
	return {
		type,
		requestId: request.requestId,
		connectionId: request.connectionId ?? null,
		route: request.route,
		status: request.status ?? null,
		integrationLatencyMs: request.latencyMs ?? null,
		timestamp: Number.isNaN(request.timestampMs) ? null : new Date(request.timestampMs).toISOString(),
	};
}
