// `--connection ID` pushed down to CloudWatch, so following one connection on a busy API does not
// download the whole stage: access groups are read with a filter pattern naming the connection;
// execution groups with patterns naming the request ids those access lines carry. Both are polled
// (live tail cannot change its pattern without a restart), and each poll re-reads the overlap window
// with every request id learned so far, so execution lines that arrived BEFORE their access line
// are still found. Lambda groups are read the same way for the Lambda request ids those access and
// execution lines name (a Lambda line without an id, a print(), is not found this way).

import type {LogEvent} from '../../core/types.js';
import {accessPattern, executionPatterns, lambdaPatterns, type ExecutionPattern} from './connection-patterns.js';
import {readWindow} from './filter-window.js';
import {pollForever} from './polling.js';
import type {TailContext} from './tail-context.js';
import type {ConnectionFilter, TailedGroup} from './types.js';

export async function followConnection(context: TailContext, connection: ConnectionFilter, follow: boolean): Promise<void> {
	const follower = new ConnectionFollower(context, connection);
	await follower.read(context.startTime, follow ? undefined : context.followStart + 1);
	if (!follow) return;
	await pollForever(context, () => follower.read(context.floor(), undefined));
}

class ConnectionFollower {
	readonly #accessGroups: TailedGroup[];
	readonly #executionGroups: TailedGroup[];
	readonly #lambdaGroups: TailedGroup[];
	/** Request id -> time of its newest access line; forgotten once older than the overlap window. */
	readonly #requests = new Map<string, number>();
	/** Lambda request id -> time of the newest line naming it; forgotten like request ids. */
	readonly #invocations = new Map<string, number>();

	readonly #context: TailContext;
	readonly #connection: ConnectionFilter;

	constructor(context: TailContext, connection: ConnectionFilter) {
		this.#context = context;
		this.#connection = connection;
		this.#accessGroups = context.groups.filter((group) => group.log !== 'execution' && group.log !== 'lambda');
		this.#executionGroups = context.groups.filter((group) => group.log === 'execution');
		this.#lambdaGroups = connection.lambdaRequestIdsOf === undefined ? [] : context.groups.filter((group) => group.log === 'lambda');
	}

	/** Reads [start, end) of the access groups, then of the execution groups for every known request id, then of the Lambda groups for every known Lambda request id. */
	async read(start: number, end: number | undefined): Promise<void> {
		const release = this.#context.rememberAll(start);
		try {
			await this.#readFrom(start, end);
		} finally {
			release();
		}
	}

	async #readFrom(start: number, end: number | undefined): Promise<void> {
		const filterPattern = accessPattern(this.#connection.connectionId);
		for (const group of this.#accessGroups) {
			if (this.#context.stopped) return;
			await readWindow(this.#context, {group, startTime: start, endTime: end, filterPattern}, (events) => this.#learn(events));
		}
		this.#forgetBefore(start - this.#context.overlapMs);
		const execution = executionPatterns(this.#connection.connectionId, this.#byTime(this.#requests));
		await this.#readPatterns(this.#executionGroups, execution, this.#requests, start, end, (events) => this.#learnInvocations(events));
		await this.#readPatterns(this.#lambdaGroups, lambdaPatterns(this.#byTime(this.#invocations)), this.#invocations, start, end);
	}

	async #readPatterns(
		groups: readonly TailedGroup[],
		patterns: readonly ExecutionPattern[],
		times: ReadonlyMap<string, number>,
		start: number,
		end: number | undefined,
		onEvents?: (events: readonly LogEvent[]) => void,
	): Promise<void> {
		if (groups.length === 0) return;
		for (const [index, {pattern, requestIds}] of patterns.entries()) {
			// Ids are in time order: the first pattern spans the whole window (it also finds lines that
			// only name the connection); later ones start an overlap before their earliest line.
			const earliest = times.get(requestIds[0] ?? '') ?? start;
			const startTime = index === 0 ? start : Math.max(start, earliest - this.#context.overlapMs);
			for (const group of groups) {
				if (this.#context.stopped) return;
				await readWindow(this.#context, {group, startTime, endTime: end, filterPattern: pattern}, onEvents);
			}
		}
	}

	#byTime(times: ReadonlyMap<string, number>): string[] {
		return [...times].sort((a, b) => a[1] - b[1]).map(([id]) => id);
	}

	#learn(events: readonly LogEvent[]): void {
		this.#learnInvocations(events);
		for (const event of events) {
			let requestId: string | undefined;
			try {
				requestId = this.#connection.requestIdOf(event);
			} catch {
				// An access line the parser chokes on names no request; it is still delivered.
				continue;
			}
			if (requestId === undefined || requestId === '') continue;
			this.#requests.set(requestId, Math.max(this.#requests.get(requestId) ?? event.timestamp, event.timestamp));
		}
	}

	#learnInvocations(events: readonly LogEvent[]): void {
		const read = this.#connection.lambdaRequestIdsOf;
		if (read === undefined || this.#lambdaGroups.length === 0) return;
		for (const event of events) {
			let ids: readonly string[];
			try {
				ids = read(event);
			} catch {
				// A line the reader chokes on names no invocation; it is still delivered.
				continue;
			}
			for (const id of ids) if (id !== '') this.#invocations.set(id, Math.max(this.#invocations.get(id) ?? event.timestamp, event.timestamp));
		}
	}

	#forgetBefore(timestamp: number): void {
		for (const times of [this.#requests, this.#invocations]) {
			for (const [id, time] of times) if (time < timestamp) times.delete(id);
		}
	}
}
