// `--connection ID` pushed down to CloudWatch, so following one connection on a busy API does not
// download the whole stage: access groups are read with a filter pattern naming the connection;
// execution groups with patterns naming the request ids those access lines carry. Both are polled
// (live tail cannot change its pattern without a restart), and each poll re-reads the overlap window
// with every request id learned so far, so execution lines that arrived BEFORE their access line
// are still found.

import type {LogEvent} from '../../core/types.js';
import {accessPattern, executionPatterns} from './connection-patterns.js';
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
	/** Request id -> time of its newest access line; forgotten once older than the overlap window. */
	readonly #requests = new Map<string, number>();

	readonly #context: TailContext;
	readonly #connection: ConnectionFilter;

	constructor(context: TailContext, connection: ConnectionFilter) {
		this.#context = context;
		this.#connection = connection;
		this.#accessGroups = context.groups.filter((group) => group.log !== 'execution');
		this.#executionGroups = context.groups.filter((group) => group.log === 'execution');
	}

	/** Reads [start, end) of the access groups, then of the execution groups for every known request id. */
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
		if (this.#executionGroups.length === 0) return;
		const byTime = [...this.#requests].sort((a, b) => a[1] - b[1]).map(([requestId]) => requestId);
		const patterns = executionPatterns(this.#connection.connectionId, byTime);
		for (const [index, {pattern, requestIds}] of patterns.entries()) {
			// Ids are in time order: the first pattern spans the whole window (it also finds lines that
			// only name the connection); later ones start an overlap before their earliest access line.
			const earliest = this.#requests.get(requestIds[0] ?? '') ?? start;
			const startTime = index === 0 ? start : Math.max(start, earliest - this.#context.overlapMs);
			for (const group of this.#executionGroups) {
				if (this.#context.stopped) return;
				await readWindow(this.#context, {group, startTime, endTime: end, filterPattern: pattern});
			}
		}
	}

	#learn(events: readonly LogEvent[]): void {
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

	#forgetBefore(timestamp: number): void {
		for (const [requestId, time] of this.#requests) {
			if (time < timestamp) this.#requests.delete(requestId);
		}
	}
}
