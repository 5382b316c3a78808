// Following with StartLiveTail: the session opens BEFORE the backfill runs, so nothing falls between
// them (the overlap is removed by exactly-once delivery), and what it delivers meanwhile is held
// until the backfill is out. Sampled updates and reconnects are repaired with FilterLogEvents reads
// of the windows concerned. In `auto` mode, a session that cannot start (access denied, the
// 15-session quota, anything else) falls back to polling; in `live` mode that is an error.

import {UserError} from '../../exit-codes.js';
import type {LogEvent} from '../../core/types.js';
import {describeFailure} from './call-failures.js';
import {GapFiller} from './gap-filler.js';
import {LiveTailRefused, LiveTailUnsupported, openLiveTail, type LiveTailUpdate} from './live-tail-session.js';
import {backfill, describeInterval, pollBesideLiveTail, pollForever} from './polling.js';
import type {TailContext} from './tail-context.js';
import type {TransportMode} from './types.js';

/** Tries before a start counts as failed (auto: then poll; live, first start: then fail). */
const START_ATTEMPTS = 3;

export async function followLive(context: TailContext, mode: Exclude<TransportMode, 'poll'>): Promise<void> {
	let updates: AsyncIterable<LiveTailUpdate>;
	try {
		updates = await openLiveTail(context, START_ATTEMPTS);
	} catch (error) {
		if (context.stopped) return;
		if (mode === 'live') throw new UserError(`${startFailure(error)}; try --transport poll`);
		context.notice(fallbackNotice(error, context));
		await backfill(context);
		await pollForever(context);
		return;
	}
	const follower = new LiveFollower(context, mode);
	const following = follower.follow(updates).catch((error: unknown) => context.fail(error));
	let besides: Promise<void> | undefined;
	try {
		await backfill(context);
		follower.release();
		if (context.polledGroups.length > 0) {
			const names = context.polledGroups.map((group) => group.name).join(', ');
			context.notice(
				`live tail follows at most ${context.liveGroups.length} log groups: ${context.polledGroups.length} more polled with FilterLogEvents every ${describeInterval(context.pollIntervalMs)} (${names})`,
			);
			besides = pollBesideLiveTail(context).catch((error: unknown) => context.fail(error));
		}
	} catch (error) {
		// Stop the session first, or waiting for it below would never end.
		context.fail(error);
		throw error;
	} finally {
		await following;
		await besides;
		await follower.gaps.idle();
	}
}

class LiveFollower {
	readonly gaps: GapFiller;
	/** Live events admitted while the initial backfill runs; undefined once it is out. */
	#held: LogEvent[] | undefined = [];
	#phase: 'backfill' | 'live' = 'backfill';

	readonly #context: TailContext;
	readonly #mode: Exclude<TransportMode, 'poll'>;

	constructor(context: TailContext, mode: Exclude<TransportMode, 'poll'>) {
		this.#context = context;
		this.#mode = mode;
		this.gaps = new GapFiller(context);
	}

	release(): void {
		const held = this.#held ?? [];
		this.#held = undefined;
		if (this.#context.phase === 'backfill') this.#context.enterPhase('live');
		this.#phase = 'live';
		this.#context.deliver(held);
	}

	/** Reads sessions until stopped, reconnecting as often as needed; or falls back to polling (auto). */
	async follow(first: AsyncIterable<LiveTailUpdate>): Promise<void> {
		let updates = first;
		for (;;) {
			let reason = 'the stream ended';
			try {
				for await (const update of updates) this.#take(update);
			} catch (error) {
				reason = describeFailure(error);
			}
			if (this.#context.stopped) return;
			this.#context.enterPhase('reconnecting', `live tail ended (${reason}): reconnecting`);
			try {
				updates = await openLiveTail(this.#context, this.#mode === 'auto' ? START_ATTEMPTS : undefined);
			} catch (error) {
				if (this.#context.stopped) return;
				if (this.#mode === 'live') throw new UserError(startFailure(error));
				this.#context.enterPhase('polling', fallbackNotice(error, this.#context));
				await pollForever(this.#context);
				return;
			}
			// Started before reading the gap: whatever the gap read misses, the new session delivers.
			this.gaps.request(this.#context.floor(), undefined, false);
			this.#context.enterPhase(this.#phase);
		}
	}

	#take(update: LiveTailUpdate): void {
		const fresh = this.#context.admit(update.events);
		if (this.#held !== undefined) this.#held.push(...fresh);
		else this.#context.deliver(fresh);
		if (update.sampled && update.events.length > 0) {
			// Live tail sent a sample of this second's events; read their time span (padded by the
			// overlap, as dropped events may lie just outside the sample's span) in full.
			let earliest = Number.POSITIVE_INFINITY;
			let latest = Number.NEGATIVE_INFINITY;
			for (const event of update.events) {
				earliest = Math.min(earliest, event.timestamp);
				latest = Math.max(latest, event.timestamp);
			}
			this.#context.sampled();
			this.gaps.request(Math.max(this.#context.floor(), earliest - this.#context.overlapMs), latest + this.#context.overlapMs + 1, true);
		}
		this.#context.reportStatus();
	}
}

function startFailure(error: unknown): string {
	if (error instanceof LiveTailUnsupported) return error.message;
	if (error instanceof LiveTailRefused) return `live tail not allowed (${error.awsName})`;
	return `live tail could not start (${describeFailure(error)})`;
}

/** Why live tail is not used, and what is done instead. */
function fallbackNotice(error: unknown, context: TailContext): string {
	// Where live tail does not exist at all (an emulator), name the call that replaces it for good.
	const polling = error instanceof LiveTailUnsupported ? 'polling FilterLogEvents' : 'polling';
	return `${startFailure(error)}: ${polling} every ${describeInterval(context.pollIntervalMs)}`;
}
