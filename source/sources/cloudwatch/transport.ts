// The live CloudWatch transport of `apigw-tail --api X --stage Y`: backfill from --since, then follow
// with StartLiveTail (falling back to FilterLogEvents polling; groups past its limit of 10 are polled
// beside it), every event delivered exactly once
// whatever AWS does meanwhile: throttling, 5xx, dropped connections, sampled or ended sessions,
// late ingestion. One request budget covers every call; the SDK clients belong to the caller.

import type {LogEvent} from '../../core/types.js';
import {UsageError} from '../../exit-codes.js';
import {TailStopped} from './call-failures.js';
import {followConnection} from './connection-follower.js';
import {followLive} from './live-follower.js';
import {backfill, pollForever} from './polling.js';
import {TailContext} from './tail-context.js';
import type {TransportOptions} from './types.js';

export type {ConnectionFilter, TailedGroup, TransportMode, TransportOptions, TransportStatus} from './types.js';

/**
 * Backfill then follow. Yields batches of events, each event exactly once, with logGroup, logStream
 * and log set. Ends when the signal aborts (the live tail request is aborted, no timer or socket of
 * ours is left; the caller destroys the clients), when the consumer stops iterating, or, without
 * follow, when the backfill is done. Throws a UserError (one line) for what retrying cannot fix.
 */
export async function* tailCloudWatch(options: TransportOptions): AsyncGenerator<LogEvent[]> {
	if (options.groups.length === 0) throw new UsageError('no log group to tail');
	const context = new TailContext(options);
	const stop = (): void => context.stop();
	if (options.signal.aborted) stop();
	options.signal.addEventListener('abort', stop, {once: true});
	const running = run(context, options).then(
		() => context.finish(),
		(error: unknown) => (error instanceof TailStopped ? context.finish() : context.fail(error)),
	);
	try {
		yield* context.batches();
	} finally {
		context.stop();
		options.signal.removeEventListener('abort', stop);
		await running;
		context.enterPhase('stopped');
	}
}

async function run(context: TailContext, options: TransportOptions): Promise<void> {
	context.enterPhase('backfill');
	if (options.connection !== undefined) {
		if (options.follow && options.mode === 'live') context.notice('following one connection polls with a filter pattern (live tail cannot change its pattern)');
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
