// The lifecycle of Logs Insights queries. A query is Scheduled when started and on the first
// GetQueryResults; every later poll scans `scanStep` more events (newest first) and answers Running
// with the partial results, until every event is scanned: Complete, or the fate an injected fault gave
// it. Progress is counted in polls, never in wall-clock time, so tests need no sleeps; the service's
// 60-minute runtime limit (by the emulator's clock) still ends a query as Timeout.

import {randomUUID} from 'node:crypto';
import type {InsightsFaults, QueryFate} from './insights-faults.js';
import {QueryExecution} from './insights-run.js';
import type {ParsedQuery} from './insights-syntax.js';
import {compareEvents, type LogGroupState, type StoredLogEvent} from './logs-store.js';
import {firstIndex} from './logs-filter-events.js';
import {ServiceError} from './server-errors.js';

export type QueryStatus = 'Scheduled' | 'Running' | 'Complete' | 'Failed' | 'Cancelled' | 'Timeout';

export interface InsightsQuery {
	readonly queryId: string;
	readonly queryString: string;
	readonly logGroupNames: readonly string[];
	readonly createTime: number;
	readonly execution: QueryExecution;
	status: QueryStatus;
	polls: number;
	readonly fate: QueryFate | undefined;
}

export interface QueryWindow {
	groups: readonly LogGroupState[];
	/** Epoch ms, inclusive. */
	startMs: number;
	/** Epoch ms, inclusive. */
	endMs: number;
	rowLimit: number;
}

export interface InsightsQueriesOptions {
	/** Events a poll scans; default 10,000. */
	scanStep: number;
	/** Scheduled + Running queries at once before LimitExceededException; default 100 (the current quota). */
	maxConcurrent: number;
	faults: InsightsFaults;
	clock: () => number;
}

const RUNTIME_LIMIT_MS = 60 * 60 * 1000;

export class InsightsQueries {
	readonly #queries = new Map<string, InsightsQuery>();

	constructor(readonly options: InsightsQueriesOptions) {}

	start(query: ParsedQuery, window: QueryWindow): InsightsQuery {
		const running = [...this.#queries.values()].filter((candidate) => isActive(candidate.status)).length;
		if (this.options.faults.takeLimitExceeded() || running >= this.options.maxConcurrent) {
			throw new ServiceError('LimitExceededException', `Account maximum query concurrency limit of [${this.options.maxConcurrent}] reached.`);
		}
		const now = this.options.clock();
		const started: InsightsQuery = {
			queryId: randomUUID(),
			queryString: query.text,
			logGroupNames: window.groups.map((group) => group.name),
			createTime: now,
			execution: new QueryExecution(query, eventsIn(window, now), window.rowLimit),
			status: 'Scheduled',
			polls: 0,
			fate: this.options.faults.takeFate(),
		};
		this.#queries.set(started.queryId, started);
		return started;
	}

	/** One GetQueryResults: moves the query on by one step and returns it. */
	poll(queryId: string): InsightsQuery {
		const query = this.require(queryId);
		query.polls++;
		if (!isActive(query.status) || query.polls === 1) return query;
		if (this.options.clock() - query.createTime > RUNTIME_LIMIT_MS) {
			query.status = 'Timeout';
			return query;
		}
		query.status = 'Running';
		query.execution.scan(this.options.scanStep);
		if (query.execution.done && query.fate !== 'NeverCompletes') query.status = query.fate ?? 'Complete';
		return query;
	}

	/** StopQuery: a Scheduled or Running query becomes Cancelled; stopping an ended one is an error. */
	stop(queryId: string): void {
		const query = this.require(queryId);
		if (!isActive(query.status)) throw new ServiceError('InvalidParameterException', `Query ${queryId} is not running; its status is ${query.status}.`);
		query.status = 'Cancelled';
	}

	require(queryId: string): InsightsQuery {
		const query = this.#queries.get(queryId);
		if (query === undefined) throw new ServiceError('ResourceNotFoundException', `Query ${queryId} does not exist.`);
		return query;
	}

	/** Every query, newest first. */
	list(): InsightsQuery[] {
		return [...this.#queries.values()].reverse();
	}
}

function isActive(status: QueryStatus): boolean {
	return status === 'Scheduled' || status === 'Running';
}

/** The events a query sees: ingested by now, inside the window, from every group, newest first. */
function eventsIn(window: QueryWindow, now: number): StoredLogEvent[] {
	const events: StoredLogEvent[] = [];
	for (const group of window.groups) {
		const list = group.events.list();
		const end = firstIndex(list, (event) => event.timestamp > window.endMs);
		for (let index = firstIndex(list, (event) => event.timestamp >= window.startMs); index < end; index++) {
			const event = list[index];
			if (event !== undefined && event.ingestionTime <= now) events.push(event);
		}
	}
	return events.sort((a, b) => compareEvents(b, a));
}
