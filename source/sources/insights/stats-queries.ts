// The Logs Insights queries behind `apigw-tail stats`, built from the stage's access-log format: one scan
// for requests and event types, one per error category the format can show, two for integration latency
// (percentiles per bin, and an exact histogram per route so figures of several slices add up), and with
// --top the worst connections and requests. Each query groups by the route's fields and, where bins are
// asked for, by `bin(...)`; query-results.ts reads the rows back. Pure.

import {ERROR_CATEGORIES, type ErrorCategory} from '../../core/types.js';
import {accessQueryFields} from './access-query-fields.js';
import {anyErrorPredicate, categoryBlindSpots, categoryPredicates} from './error-predicates.js';
import {all, render, term, TRUE, type Expression} from './query-expression.js';

export type StatsQueryName =
	| 'events'
	| `errors:${ErrorCategory}`
	| 'latency-bins'
	| 'latency-histogram'
	| 'top-connections'
	| 'top-latency'
	| 'top-errors'
	| 'lambda-outcomes'
	| 'lambda-durations';

export interface StatsQuery {
	name: StatsQueryName;
	queryString: string;
	/** Rows this query may return per slice before a split is needed: top queries are meant to stop at their limit. */
	limited: boolean;
	/** The groups this query reads instead of the run's (the Lambda queries read the functions' groups). */
	logGroupNames?: string[];
}

export interface StatsQueryOptions {
	binMs: number;
	/** `--route KEY`: `$connect`, `sendmessage`, or `GET /pets` for REST. */
	route?: string | undefined;
	/** `--top N`: 0 or undefined for none. */
	top?: number | undefined;
}

/** How result rows name what they were grouped by. */
export interface StatsColumns {
	/** routeKey, or httpMethod and resourcePath (REST); empty when the format logs no route. */
	route: string[];
	eventType: string | undefined;
	/** The `bin(...)` column. */
	bin: string;
	latency: string | undefined;
	requestId: string | undefined;
	connectionId: string | undefined;
	status: string | undefined;
	/** The format logs a connection id, so a request with a route and no event type is a MESSAGE (core/request-view.ts). */
	hasConnectionId: boolean;
}

export interface StatsQueryPlan {
	queries: StatsQuery[];
	columns: StatsColumns;
	/** Categories the format cannot show or tell apart, one line each. */
	blindSpots: string[];
}

const LATENCY_VARIABLES = ['integrationLatency', 'integration.latency'];

export function buildStatsQueries(template: string, options: StatsQueryOptions): StatsQueryPlan {
	const fields = accessQueryFields(template);
	const field = (variable: string) => fields.field(variable);
	const routeKey = field('routeKey');
	const route = routeKey !== undefined ? [routeKey] : [field('httpMethod'), field('resourcePath')].every(Boolean) ? [field('httpMethod')!, field('resourcePath')!] : [];
	const latency = LATENCY_VARIABLES.map(field).find((name) => name !== undefined);
	const bin = `bin(${binUnit(options.binMs)})`;
	const columns: StatsColumns = {
		route: route.map(columnName),
		eventType: field('eventType') === undefined ? undefined : columnName(field('eventType')!),
		bin,
		latency: latency === undefined ? undefined : columnName(latency),
		requestId: columnName(field('requestId') ?? field('extendedRequestId')!),
		connectionId: field('connectionId') === undefined ? undefined : columnName(field('connectionId')!),
		status: field('status') === undefined ? undefined : columnName(field('status')!),
		hasConnectionId: field('connectionId') !== undefined,
	};

	const scope = routeFilter(route, options.route);
	const query = (name: StatsQueryName, filter: Expression, rest: string, limited = false): StatsQuery => ({
		name,
		queryString: [fields.parse, filter.kind === 'constant' ? undefined : `filter ${render(filter)}`, rest]
			.filter((part) => part !== undefined)
			.join(' | '),
		limited,
	});
	const groups = (...extra: Array<string | undefined>) => [bin, ...route, ...extra].filter((name) => name !== undefined).join(', ');

	const predicates = categoryPredicates(fields);
	const queries: StatsQuery[] = [query('events', scope, `stats count(*) as requests by ${groups(field('eventType'))}`)];
	for (const category of ERROR_CATEGORIES) {
		const predicate = all(scope, predicates[category]);
		if (predicate.kind === 'constant' && !predicate.value) continue;
		queries.push(query(`errors:${category}`, predicate, `stats count(*) as requests by ${groups()}`));
	}

	if (latency !== undefined) {
		const measured = all(scope, term(`${latency} >= 0`));
		queries.push(
			query('latency-bins', measured, `stats pct(${latency}, 50) as p50, pct(${latency}, 95) as p95, pct(${latency}, 99) as p99 by ${groups()}`),
			query('latency-histogram', measured, `stats count(*) as requests by ${[...route, latency].join(', ')}`),
		);
	}

	const top = options.top ?? 0;
	if (top > 0) {
		const anyError = all(scope, anyErrorPredicate(fields));
		const shown = ['@timestamp', field('requestId') ?? field('extendedRequestId'), field('connectionId'), ...route, field('status'), latency]
			.filter((name) => name !== undefined)
			.join(', ');
		if (columns.connectionId !== undefined && !(anyError.kind === 'constant' && !anyError.value)) {
			// Two more than asked: requests rejected before routing group under '-' (and a line without the field
			// under null); neither is a connection, and the fold drops them before it keeps N.
			queries.push(query('top-connections', anyError, `stats count(*) as errors by ${field('connectionId')} | sort errors desc | limit ${top + 2}`, true));
		}

		if (!(anyError.kind === 'constant' && !anyError.value)) {
			const order = latency === undefined ? '@timestamp desc' : `${latency} desc`;
			queries.push(query('top-errors', anyError, `fields ${shown} | sort ${order} | limit ${top}`, true));
		}

		if (latency !== undefined) {
			queries.push(query('top-latency', all(scope, term(`${latency} >= 0`)), `fields ${shown} | sort ${latency} desc | limit ${top}`, true));
		}
	}

	return {queries, columns, blindSpots: categoryBlindSpots(fields)};
}

/** `--route`: a route key, or `METHOD /path` when the format names routes that way (REST). */
function routeFilter(route: string[], wanted: string | undefined): Expression {
	if (wanted === undefined) return TRUE;
	if (route.length === 1) return term(`${route[0]} = ${quote(wanted)}`);
	if (route.length === 2) {
		const space = wanted.indexOf(' ');
		const [method, path] = space === -1 ? [wanted, ''] : [wanted.slice(0, space), wanted.slice(space + 1)];
		return all(term(`${route[0]} = ${quote(method)}`), term(`${route[1]} = ${quote(path)}`));
	}

	// The format logs no route: nothing matches, and the empty result says so.
	return term(`routeKey = ${quote(wanted)}`);
}

/** A string literal of the query language. */
export function quote(text: string): string {
	return `"${text.replace(/[\\"]/g, '\\$&')}"`;
}

/** `1h`, `5m`, `30s`, `1d`: the largest unit that divides the bin. */
export function binUnit(binMs: number): string {
	const units: Array<[string, number]> = [
		['d', 86_400_000],
		['h', 3_600_000],
		['m', 60_000],
		['s', 1000],
	];
	for (const [unit, size] of units) {
		if (binMs % size === 0) return `${binMs / size}${unit}`;
	}

	return `${binMs}ms`;
}

/** How a result row names a field: without the backticks the query needed. */
function columnName(field: string): string {
	return field.replace(/`([^`]*(?:``[^`]*)*)`/g, (_, inner: string) => inner.replace(/``/g, '`'));
}
