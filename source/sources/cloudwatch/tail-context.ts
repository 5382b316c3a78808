// What every part of one tail shares: the resolved options, the request budget, exactly-once memory,
// the status reporter and the output channel, plus the time bookkeeping (newest event seen, the
// overlap floor every re-read starts from). The parts ask it for what they need (call, remember,
// deliver, enterPhase...) and never reach its budget, memory, status or channel themselves.

import type {CloudWatchLogsClient} from '@aws-sdk/client-cloudwatch-logs';
import type {LogEvent} from '../../core/types.js';
import {BatchChannel} from './batch-channel.js';
import {describeFailure} from './call-failures.js';
import {RequestBudget, type CallLimits} from './request-budget.js';
import {SeenEvents} from './seen-events.js';
import {StatusReporter} from './status.js';
import type {TailedGroup, TransportOptions, TransportStatus} from './types.js';

const FORGET_EVERY_MS = 5000;
/** StartLiveTail's limit on log groups per session. */
export const MAX_LIVE_TAIL_GROUPS = 10;
/**
 * How far a re-read may reach behind our clock beyond the overlap, whatever the newest event: a
 * quiet group (an idle connection) must not make every poll scan the hours since its last event.
 * AWS rejects requests signed with a clock more than 5 minutes off, so our clock is never further off.
 */
const CLOCK_SKEW_ALLOWANCE_MS = 5 * 60_000;

export class TailContext {
	readonly logs: CloudWatchLogsClient;
	readonly liveTailLogs: CloudWatchLogsClient;
	/** Every group: backfill, polling and the connection push-down read them all. */
	readonly groups: readonly TailedGroup[];
	/** The groups one live tail session follows (its limit is 10), in the order given. */
	readonly liveGroups: readonly TailedGroup[];
	/** The groups beyond that limit: polled with FilterLogEvents beside the session. */
	readonly polledGroups: readonly TailedGroup[];
	readonly startTime: number;
	readonly overlapMs: number;
	readonly pollIntervalMs: number;
	/** The request budget's rate: readers size their concurrency by it (never their calls: the budget does). */
	readonly requestsPerSecond: number;
	readonly now: () => number;
	/** When following began (the initial backfill's "now"); the floor before any event was seen. */
	readonly followStart: number;
	readonly #budget: RequestBudget;
	readonly #seen: SeenEvents;
	readonly #status: StatusReporter;
	readonly #channel = new BatchChannel<LogEvent[]>();
	/** Aborts on the caller's signal, on a fatal failure and when the consumer stops iterating. */
	readonly #stopper = new AbortController();
	#newest: number | undefined;
	#forgotAt: number;
	/** Notices said once per tail (at most one per group and kind, so the set stays small). */
	readonly #noticed = new Set<string>();
	#lastChangeNotice: string | undefined;

	constructor(options: TransportOptions) {
		this.logs = options.logs;
		this.liveTailLogs = options.liveTailLogs;
		this.groups = options.groups;
		this.liveGroups = options.groups.slice(0, MAX_LIVE_TAIL_GROUPS);
		this.polledGroups = options.groups.slice(MAX_LIVE_TAIL_GROUPS);
		this.startTime = options.startTime;
		this.overlapMs = Math.max(0, options.overlapMs ?? 60_000);
		this.pollIntervalMs = Math.max(0, options.pollIntervalMs ?? 2000);
		this.requestsPerSecond = options.requestsPerSecond ?? 3;
		this.now = options.now ?? Date.now;
		this.followStart = this.now();
		this.#forgotAt = this.now();
		this.#seen = new SeenEvents(this.now);
		this.#status = new StatusReporter(options.onStatus, this.now, this.polledGroups.map((group) => group.name));
		this.#budget = new RequestBudget({
			requestsPerSecond: this.requestsPerSecond,
			signal: this.#stopper.signal,
			onRetry: (kind, error) => {
				if (kind === 'throttled') this.#status.throttled();
				else this.noticeChange(`retrying after ${describeFailure(error)}`);
			},
			onSuccess: () => this.#status.report(),
		});
	}

	get signal(): AbortSignal {
		return this.#stopper.signal;
	}

	get stopped(): boolean {
		return this.#stopper.signal.aborted;
	}

	/** Ends the tail quietly: every loop ends, every call in flight is aborted. */
	stop(): void {
		this.#stopper.abort();
	}

	/** Runs one CloudWatch call within the tail's one request budget, retrying what can be retried. */
	async call<T>(send: (signal: AbortSignal) => Promise<T>, limits?: CallLimits): Promise<T> {
		return this.#budget.call(send, limits);
	}

	/**
	 * Where a re-read (poll, gap fill) starts: the newest event time seen (never past now: a
	 * future-dated event must not hide the present) minus the overlap that covers late ingestion;
	 * never before --since, nor further back than the clock skew AWS tolerates. Never decreases.
	 */
	floor(): number {
		const now = this.now();
		const newest = Math.min(this.#newest ?? this.followStart, now);
		return Math.max(this.startTime, newest - this.overlapMs, now - this.overlapMs - CLOCK_SKEW_ALLOWANCE_MS);
	}

	/**
	 * Keeps what `group` delivered at or after `timestamp` known until released: a read that may
	 * return those events again must still recognise them, however far the floor moved meanwhile.
	 */
	remember(group: string, timestamp: number): () => void {
		return this.#seen.pin(group, timestamp);
	}

	/** `remember` for every group: for reads that span several calls (a backfill of all groups, a poll cycle). */
	rememberAll(timestamp: number): () => void {
		const releases = this.groups.map((group) => this.#seen.pin(group.name, timestamp));
		return () => {
			for (const release of releases) release();
		};
	}

	/** The events not delivered before, recorded as delivered from now on. */
	admit(events: readonly LogEvent[]): LogEvent[] {
		const fresh = events.filter((event) => this.#seen.admit(event));
		for (const event of fresh) {
			if (this.#newest === undefined || event.timestamp > this.#newest) this.#newest = event.timestamp;
		}
		return fresh;
	}

	/** Hands admitted events to the consumer. */
	deliver(events: LogEvent[]): void {
		if (events.length > 0 && !this.stopped) this.#channel.push(events);
		this.#status.delivered(events.length, this.#newest);
		this.#forgetOld();
	}

	emit(events: readonly LogEvent[]): void {
		this.deliver(this.admit(events));
	}

	/** Resolves once at most `maxQueued` batches wait for the consumer: readers that can wait call it first. */
	async waitForRoom(maxQueued: number): Promise<void> {
		await this.#channel.room(maxQueued);
	}

	/** The delivered batches, in order, until the tail finishes or fails. */
	batches(): AsyncGenerator<LogEvent[]> {
		return this.#channel.drain();
	}

	/** Ends the batches once the consumer has read what is queued. */
	finish(): void {
		this.#channel.close();
	}

	/** Ends the tail with `error` (already one line the user can act on). */
	fail(error: unknown): void {
		this.#channel.close(error);
		this.#stopper.abort();
	}

	get phase(): TransportStatus['phase'] {
		return this.#status.currentPhase;
	}

	/** Tells the user the tail is now in `phase` (with a notice saying why, when there is one). */
	enterPhase(phase: TransportStatus['phase'], notice?: string): void {
		this.#status.setPhase(phase, notice);
	}

	notice(text: string): void {
		this.#status.notice(text);
	}

	/** A notice said once per tail (a group missing on every poll is said once). */
	noticeOnce(text: string): void {
		if (this.#noticed.has(text)) return;
		this.#noticed.add(text);
		this.#status.notice(text);
	}

	/** A notice said when it differs from the previous one of its kind (a run of 503s is said once). */
	noticeChange(text: string): void {
		if (text === this.#lastChangeNotice) return;
		this.#lastChangeNotice = text;
		this.#status.notice(text);
	}

	/** Live tail sent a sample of a second's events: the status says so for a while. */
	sampled(): void {
		this.#status.sampled();
	}

	/** A re-read of a sampled window started (+1) or finished (-1): the status says "sampled" while any runs. */
	sampledFill(change: 1 | -1): void {
		this.#status.sampledFill(change);
	}

	/** Re-evaluates the status's time-based figures (lag, rate); call after every update or cycle. */
	reportStatus(): void {
		this.#status.report();
	}

	#forgetOld(): void {
		const now = this.now();
		if (now - this.#forgotAt < FORGET_EVERY_MS) return;
		this.#forgotAt = now;
		// Below the floor no new read starts; `overlapMs` of idleness lets a late live tail copy still match.
		this.#seen.forget(this.floor(), Math.max(this.overlapMs, 10_000));
	}
}
