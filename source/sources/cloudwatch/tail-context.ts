// What every part of one tail shares: the resolved options, the request budget, exactly-once memory,
// the status reporter and the output channel, plus the time bookkeeping (newest event seen, the
// overlap floor every re-read starts from).

import type {CloudWatchLogsClient} from '@aws-sdk/client-cloudwatch-logs';
import type {LogEvent} from '../../core/types.js';
import {BatchChannel} from './batch-channel.js';
import {describeFailure} from './call-failures.js';
import {RequestBudget} from './request-budget.js';
import {SeenEvents} from './seen-events.js';
import {StatusReporter} from './status.js';
import type {TailedGroup, TransportOptions} from './transport.js';

const FORGET_EVERY_MS = 5000;
/**
 * How far a re-read may reach behind our clock beyond the overlap, whatever the newest event: a
 * quiet group (an idle connection) must not make every poll scan the hours since its last event.
 * AWS rejects requests signed with a clock more than 5 minutes off, so our clock is never further off.
 */
const CLOCK_SKEW_ALLOWANCE_MS = 5 * 60_000;

export class TailContext {
	readonly logs: CloudWatchLogsClient;
	readonly liveTailLogs: CloudWatchLogsClient;
	readonly groups: readonly TailedGroup[];
	readonly startTime: number;
	readonly overlapMs: number;
	readonly pollIntervalMs: number;
	readonly now: () => number;
	readonly budget: RequestBudget;
	readonly seen: SeenEvents;
	readonly status: StatusReporter;
	readonly channel = new BatchChannel<LogEvent[]>();
	/** Aborts on the caller's signal, on a fatal failure and when the consumer stops iterating. */
	readonly stopper = new AbortController();
	/** When following began (the initial backfill's "now"); the floor before any event was seen. */
	readonly followStart: number;
	private newest: number | undefined;
	private forgotAt: number;
	/** Notices said once per tail (at most one per group and kind, so the set stays small). */
	private readonly noticed = new Set<string>();
	private lastChangeNotice: string | undefined;

	constructor(options: TransportOptions) {
		this.logs = options.logs;
		this.liveTailLogs = options.liveTailLogs;
		this.groups = options.groups;
		this.startTime = options.startTime;
		this.overlapMs = Math.max(0, options.overlapMs ?? 60_000);
		this.pollIntervalMs = Math.max(0, options.pollIntervalMs ?? 2000);
		this.now = options.now ?? Date.now;
		this.followStart = this.now();
		this.forgotAt = this.now();
		this.seen = new SeenEvents(this.now);
		this.status = new StatusReporter(options.onStatus, this.now);
		this.budget = new RequestBudget({
			requestsPerSecond: options.requestsPerSecond ?? 3,
			signal: this.stopper.signal,
			onRetry: (kind, error) => {
				if (kind === 'throttled') this.status.throttled();
				else this.noticeChange(`retrying after ${describeFailure(error)}`);
			},
			onSuccess: () => this.status.report(),
		});
	}

	get signal(): AbortSignal {
		return this.stopper.signal;
	}

	get stopped(): boolean {
		return this.stopper.signal.aborted;
	}

	/**
	 * Where a re-read (poll, gap fill) starts: the newest event time seen (never past now: a
	 * future-dated event must not hide the present) minus the overlap that covers late ingestion;
	 * never before --since, nor further back than the clock skew AWS tolerates. Never decreases.
	 */
	floor(): number {
		const now = this.now();
		const newest = Math.min(this.newest ?? this.followStart, now);
		return Math.max(this.startTime, newest - this.overlapMs, now - this.overlapMs - CLOCK_SKEW_ALLOWANCE_MS);
	}

	/**
	 * Keeps what every group delivered at or after `timestamp` until released: for reads that span
	 * several calls (a backfill of all groups, a poll cycle, a queued gap), during which the floor
	 * may move past their start.
	 */
	pinAll(timestamp: number): () => void {
		const releases = this.groups.map((group) => this.seen.pin(group.name, timestamp));
		return () => {
			for (const release of releases) release();
		};
	}

	/** The events not delivered before, recorded as delivered from now on. */
	admit(events: readonly LogEvent[]): LogEvent[] {
		const fresh = events.filter((event) => this.seen.admit(event));
		for (const event of fresh) {
			if (this.newest === undefined || event.timestamp > this.newest) this.newest = event.timestamp;
		}
		return fresh;
	}

	/** Hands admitted events to the consumer. */
	deliver(events: LogEvent[]): void {
		if (events.length > 0 && !this.stopped) this.channel.push(events);
		this.status.delivered(events.length, this.newest);
		this.forgetOld();
	}

	emit(events: readonly LogEvent[]): void {
		this.deliver(this.admit(events));
	}

	/** A notice said once per tail (a group missing on every poll is said once). */
	noticeOnce(text: string): void {
		if (this.noticed.has(text)) return;
		this.noticed.add(text);
		this.status.notice(text);
	}

	/** A notice said when it differs from the previous one of its kind (a run of 503s is said once). */
	noticeChange(text: string): void {
		if (text === this.lastChangeNotice) return;
		this.lastChangeNotice = text;
		this.status.notice(text);
	}

	/** Ends the tail with `error` (already one line the user can act on). */
	fail(error: unknown): void {
		this.channel.close(error);
		this.stopper.abort();
	}

	private forgetOld(): void {
		const now = this.now();
		if (now - this.forgotAt < FORGET_EVERY_MS) return;
		this.forgotAt = now;
		// Below the floor no new read starts; `overlapMs` of idleness lets a late live tail copy still match.
		this.seen.forget(this.floor(), Math.max(this.overlapMs, 10_000));
	}
}
