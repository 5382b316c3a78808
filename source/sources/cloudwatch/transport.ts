// The live CloudWatch transport of `apigw-tail --api X --stage Y`: backfill from --since, then follow
// with StartLiveTail (falling back to FilterLogEvents polling), every event delivered exactly once
// whatever AWS does meanwhile: throttling, 5xx, dropped connections, sampled or ended sessions,
// late ingestion. One request budget covers every call; the SDK clients belong to the caller.

import type {CloudWatchLogsClient} from '@aws-sdk/client-cloudwatch-logs';
import type {LogEvent, LogKind} from '../../core/types.js';
import {UsageError} from '../../exit-codes.js';
import {TailStopped} from './call-failures.js';
import {followConnection} from './connection-follower.js';
import {followLive} from './live-follower.js';
import {backfill, pollForever} from './polling.js';
import {TailContext} from './tail-context.js';

export interface TailedGroup {
	name: string;
	/** `logGroupArn` from DescribeLogGroups, WITHOUT the trailing `:*` (what StartLiveTail wants). */
	arn: string;
	log: LogKind | undefined;
}

export type TransportMode = 'auto' | 'live' | 'poll';

export interface TransportStatus {
	phase: 'backfill' | 'live' | 'polling' | 'reconnecting' | 'stopped';
	/** A live tail update was sampled recently (and the gap is being backfilled). */
	sampled: boolean;
	/** AWS throttled us recently (we slowed down). */
	throttled: boolean;
	/** now - newest event timestamp seen. */
	lagMs: number | undefined;
	/** Recent rate delivered. */
	eventsPerSecond: number;
	/** One-line human notice when something changes ("live tail not allowed (AccessDeniedException): polling every 2s"). */
	notice?: string;
}

export interface ConnectionFilter {
	connectionId: string;
	/** The request id an ACCESS line carries (undefined when none). */
	requestIdOf: (event: LogEvent) => string | undefined;
}

export interface TransportOptions {
	/** For FilterLogEvents. */
	logs: CloudWatchLogsClient;
	/** For StartLiveTail (built with disableHostPrefix when an endpoint is set). */
	liveTailLogs: CloudWatchLogsClient;
	/** 1..10. */
	groups: TailedGroup[];
	/** Epoch ms: backfill from here (--since). */
	startTime: number;
	/** False: backfill to "now" and end (--no-follow). */
	follow: boolean;
	/** --transport. */
	mode: TransportMode;
	signal: AbortSignal;
	onStatus?: (status: TransportStatus) => void;
	/** --connection pushed down to CloudWatch as filter patterns (always polls). */
	connection?: ConnectionFilter | undefined;
	/** Default Date.now. */
	now?: () => number;
	/** One budget for ALL calls; default 3 (well under the lowest regional FilterLogEvents quota of 5/s). */
	requestsPerSecond?: number;
	/** Default 2000. */
	pollIntervalMs?: number;
	/** Polling/backfill overlap window covering ingestion lag; default 60_000. */
	overlapMs?: number;
}

export const MAX_TAILED_GROUPS = 10;

/**
 * Backfill then follow. Yields batches of events, each event exactly once, with logGroup, logStream
 * and log set. Ends when the signal aborts (the live tail request is aborted, no timer or socket of
 * ours is left; the caller destroys the clients), when the consumer stops iterating, or, without
 * follow, when the backfill is done. Throws a UserError (one line) for what retrying cannot fix.
 */
export async function* tailCloudWatch(options: TransportOptions): AsyncGenerator<LogEvent[]> {
	if (options.groups.length === 0 || options.groups.length > MAX_TAILED_GROUPS) {
		throw new UsageError(`can tail 1 to ${MAX_TAILED_GROUPS} log groups at once, got ${options.groups.length}`);
	}
	const context = new TailContext(options);
	const stop = (): void => context.stopper.abort();
	if (options.signal.aborted) stop();
	options.signal.addEventListener('abort', stop, {once: true});
	const running = run(context, options).then(
		() => context.channel.close(),
		(error: unknown) => (error instanceof TailStopped ? context.channel.close() : context.fail(error)),
	);
	try {
		yield* context.channel.drain();
	} finally {
		context.stopper.abort();
		options.signal.removeEventListener('abort', stop);
		await running;
		context.status.setPhase('stopped');
	}
}

async function run(context: TailContext, options: TransportOptions): Promise<void> {
	context.status.setPhase('backfill');
	if (options.connection !== undefined) {
		if (options.follow && options.mode === 'live') context.status.notice('following one connection polls with a filter pattern (live tail cannot change its pattern)');
		await followConnection(context, options.connection, options.follow);
		return;
	}
	if (!options.follow) {
		await backfill(context, context.followStart + 1);
		return;
	}
	if (options.mode === 'poll') {
		await backfill(context);
		await pollForever(context);
		return;
	}
	await followLive(context, options.mode);
}
