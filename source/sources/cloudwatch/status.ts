// The transport's status for the user: reported at once when the phase, sampling or throttling
// changes (or a notice is due), otherwise at most once a second.

import type {TransportStatus} from './types.js';

/** How long "throttled" and "sampled" stay on after the last occurrence. */
const RECENT_MS = 5000;
const RATE_WINDOW_MS = 5000;
const PERIODIC_MS = 1000;

export class StatusReporter {
	private phase: TransportStatus['phase'] = 'backfill';
	private throttledAt = Number.NEGATIVE_INFINITY;
	private sampledAt = Number.NEGATIVE_INFINITY;
	private sampledFillsRunning = 0;
	private newest: number | undefined;
	/** [time, count] of recent deliveries, oldest first. */
	private deliveries: Array<[number, number]> = [];
	private last: TransportStatus | undefined;
	private lastAt = Number.NEGATIVE_INFINITY;

	constructor(
		private readonly onStatus: ((status: TransportStatus) => void) | undefined,
		private readonly now: () => number,
		/** Groups beyond live tail's limit, polled beside the session while it runs. */
		private readonly overflowGroups: readonly string[] = [],
	) {}

	get currentPhase(): TransportStatus['phase'] {
		return this.phase;
	}

	setPhase(phase: TransportStatus['phase'], notice?: string): void {
		this.phase = phase;
		this.report(notice);
	}

	notice(text: string): void {
		this.report(text);
	}

	throttled(): void {
		this.throttledAt = this.now();
		this.report();
	}

	sampled(): void {
		this.sampledAt = this.now();
		this.report();
	}

	/** A fill of a sampled window started (+1) or finished (-1); "sampled" stays on while any runs. */
	sampledFill(change: 1 | -1): void {
		this.sampledFillsRunning += change;
		this.report();
	}

	delivered(count: number, newest: number | undefined): void {
		this.newest = newest;
		// The rate is of live traffic: history read back at once (a backfill, after a pin) is not.
		if (count > 0 && this.phase !== 'backfill') this.deliveries.push([this.now(), count]);
		this.report();
	}

	/** Re-evaluates time-based fields; call regularly (after calls, updates, poll cycles). */
	report(notice?: string): void {
		if (this.onStatus === undefined) return;
		const now = this.now();
		const status = this.snapshot(now);
		const changed =
			this.last === undefined || status.phase !== this.last.phase || status.sampled !== this.last.sampled || status.throttled !== this.last.throttled;
		if (notice === undefined && !changed && now - this.lastAt < PERIODIC_MS) return;
		this.last = status;
		this.lastAt = now;
		this.onStatus(notice === undefined ? status : {...status, notice});
	}

	private snapshot(now: number): TransportStatus {
		while (this.deliveries.length > 0 && (this.deliveries[0]?.[0] ?? now) < now - RATE_WINDOW_MS) this.deliveries.shift();
		const recent = this.deliveries.reduce((sum, [, count]) => sum + count, 0);
		return {
			phase: this.phase,
			sampled: this.phase !== 'stopped' && (now - this.sampledAt < RECENT_MS || this.sampledFillsRunning > 0),
			throttled: this.phase !== 'stopped' && now - this.throttledAt < RECENT_MS,
			lagMs: this.newest === undefined ? undefined : Math.max(0, now - this.newest),
			eventsPerSecond: recent / (RATE_WINDOW_MS / 1000),
			...(this.overflowGroups.length > 0 && (this.phase === 'live' || this.phase === 'reconnecting') ? {polledBesideLiveTail: this.overflowGroups} : {}),
		};
	}
}
