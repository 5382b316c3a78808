// One StartLiveTail session over every tailed group: its updates as events with their group set.
// send() resolves on the first frame (sessionStart); updates follow about once a second, so a session
// silent for STALL_MS is treated as a dropped connection (a half-open socket after a laptop sleeps).
// Closing aborts the request's signal, which closes its socket (breaking out of the loop would not).

import {StartLiveTailCommand, type LiveTailSessionLogEvent, type StartLiveTailResponseStream} from '@aws-sdk/client-cloudwatch-logs';
import type {LogEvent} from '../../core/types.js';
import {errorName} from './call-failures.js';
import type {TailContext} from './tail-context.js';
import type {TailedGroup} from './types.js';

const STALL_MS = 30_000;
/** Refusals that retrying will not lift soon: the identity lacks logs:StartLiveTail, or 15 sessions are open. */
const REFUSALS = new Set(['AccessDeniedException', 'LimitExceededException', 'UnauthorizedOperation', 'ForbiddenException']);

export interface LiveTailUpdate {
	events: LogEvent[];
	sampled: boolean;
}

/**
 * The endpoint has no StartLiveTail: it answered in something other than the AWS protocol (moto serves an
 * HTML error page, which the SDK fails to parse as JSON), or said it does not know the operation. Retrying
 * cannot help, and the parser's SyntaxError would only confuse.
 */
export function liveTailUnsupported(error: unknown): boolean {
	const name = errorName(error);
	return name === 'SyntaxError' || name === 'UnknownOperationException';
}

export class LiveTailUnsupported extends Error {
	constructor(readonly error: unknown) {
		super('this endpoint does not support StartLiveTail');
		this.name = 'LiveTailUnsupported';
	}
}

/** StartLiveTail was refused in a way retrying will not fix (name: the AWS error's name). */
export class LiveTailRefused extends Error {
	constructor(
		readonly awsName: string,
		readonly error: unknown,
	) {
		super(`live tail not allowed (${awsName})`);
		this.name = 'LiveTailRefused';
	}
}

/**
 * Opens a session (within the request budget, retrying throttling and network failures up to
 * `attempts` times) and returns its updates; ends by throwing the stream's error, or returning when
 * the server closed the stream. Throws LiveTailRefused, LiveTailUnsupported, or the last failure.
 */
export async function openLiveTail(context: TailContext, attempts: number | undefined): Promise<AsyncIterable<LiveTailUpdate>> {
	const session = new AbortController();
	const stop = (): void => session.abort();
	context.signal.addEventListener('abort', stop, {once: true});
	const close = (): void => {
		context.signal.removeEventListener('abort', stop);
		session.abort();
	};
	try {
		const input = {logGroupIdentifiers: context.liveGroups.map((group) => group.arn)};
		const response = await context.call(
			async () => {
				try {
					return await context.liveTailLogs.send(new StartLiveTailCommand(input), {abortSignal: session.signal});
				} catch (error) {
					if (liveTailUnsupported(error)) throw new LiveTailUnsupported(error);
					throw REFUSALS.has(errorName(error)) ? new LiveTailRefused(errorName(error), error) : error;
				}
			},
			attempts === undefined ? {} : {attempts},
		);
		return readUpdates(response.responseStream ?? emptyStream(), eventReader(context), session, close);
	} catch (error) {
		close();
		throw error;
	}
}

async function* readUpdates(
	stream: AsyncIterable<StartLiveTailResponseStream>,
	toLogEvent: (result: LiveTailSessionLogEvent) => LogEvent,
	session: AbortController,
	close: () => void,
): AsyncGenerator<LiveTailUpdate> {
	let stalled = false;
	const watchdog = setTimeout(() => {
		stalled = true;
		session.abort();
	}, STALL_MS);
	watchdog.unref();
	try {
		for await (const item of stream) {
			watchdog.refresh();
			if (item.sessionUpdate !== undefined) {
				const results = item.sessionUpdate.sessionResults ?? [];
				yield {events: results.map(toLogEvent), sampled: item.sessionUpdate.sessionMetadata?.sampled === true};
			} else if (item.SessionTimeoutException !== undefined || item.SessionStreamingException !== undefined) {
				const name = item.SessionTimeoutException !== undefined ? 'SessionTimeoutException' : 'SessionStreamingException';
				throw Object.assign(new Error(item.SessionTimeoutException?.message ?? item.SessionStreamingException?.message ?? name), {name});
			}
		}
	} catch (error) {
		if (stalled) throw Object.assign(new Error(`no update for ${STALL_MS / 1000}s`), {name: 'LiveTailStalled'});
		throw error;
	} finally {
		clearTimeout(watchdog);
		close();
	}
}

function eventReader(context: TailContext): (result: LiveTailSessionLogEvent) => LogEvent {
	const groupOf = groupResolver(context.liveGroups);
	return (result) => {
		const group = groupOf(result.logGroupIdentifier);
		return {
			timestamp: result.timestamp ?? result.ingestionTime ?? context.now(),
			message: result.message ?? '',
			logGroup: group?.name ?? result.logGroupIdentifier,
			logStream: result.logStreamName,
			ingestionTime: result.ingestionTime,
			log: group?.log,
		};
	};
}

/** Live tail echoes each group as the identifier it was asked for (an ARN); accept names and `:*` too. */
function groupResolver(groups: readonly TailedGroup[]): (identifier: string | undefined) => TailedGroup | undefined {
	const byIdentifier = new Map<string, TailedGroup>();
	for (const group of groups) {
		byIdentifier.set(group.arn, group);
		byIdentifier.set(`${group.arn}:*`, group);
		byIdentifier.set(group.name, group);
	}
	return (identifier) => {
		if (identifier === undefined) return groups.length === 1 ? groups[0] : undefined;
		return byIdentifier.get(identifier) ?? byIdentifier.get(identifier.replace(/:\*$/, ''));
	};
}

async function* emptyStream(): AsyncGenerator<StartLiveTailResponseStream> {}
