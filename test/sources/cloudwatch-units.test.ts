// The transport's pure parts: exactly-once memory (copies, pins, forgetting), connection filter
// patterns, failure classification, backoff and status reporting.

import {describe, expect, it} from 'vitest';
import type {LogEvent} from '../../source/core/types.js';
import {classifyFailure, describeFailure} from '../../source/sources/cloudwatch/call-failures.js';
import {executionPatterns, MAX_PATTERN_LENGTH, quotedTerm} from '../../source/sources/cloudwatch/connection-patterns.js';
import {backoffMs} from '../../source/sources/cloudwatch/request-budget.js';
import {SeenEvents} from '../../source/sources/cloudwatch/seen-events.js';
import {StatusReporter} from '../../source/sources/cloudwatch/status.js';
import {TailContext} from '../../source/sources/cloudwatch/tail-context.js';
import type {TransportOptions, TransportStatus} from '../../source/sources/cloudwatch/transport.js';
import {sdkClients, tailedGroup} from './cloudwatch-harness.js';
import {compileFilterPattern} from '../../source/emulator/filter-pattern.js';

function event(timestamp: number, message: string, extra: Partial<LogEvent> = {}): LogEvent {
	return {timestamp, message, logGroup: 'g', logStream: 's', ...extra};
}

describe('SeenEvents', () => {
	it('delivers an event once whichever source brings it first', () => {
		const seen = new SeenEvents(() => 0);
		expect(seen.admit(event(1, 'a'))).toBe(true);
		expect(seen.admit(event(1, 'a', {eventId: 'e1'}))).toBe(false);
		expect(seen.admit(event(1, 'a', {eventId: 'e1'}))).toBe(false);
		expect(seen.admit(event(2, 'b', {eventId: 'e2'}))).toBe(true);
		expect(seen.admit(event(2, 'b'))).toBe(false);
	});

	it('keeps genuinely identical events apart: the larger count of either source is delivered', () => {
		const seen = new SeenEvents(() => 0);
		// Live tail sampled one of two identical lines; FilterLogEvents then returns both.
		expect(seen.admit(event(5, 'twice'))).toBe(true);
		expect(seen.admit(event(5, 'twice', {eventId: 'x1'}))).toBe(false);
		expect(seen.admit(event(5, 'twice', {eventId: 'x2'}))).toBe(true);
		expect(seen.admit(event(5, 'twice', {eventId: 'x2'}))).toBe(false);
		// Live tail later brings the second copy too: already delivered.
		expect(seen.admit(event(5, 'twice'))).toBe(false);
		// A third identical copy from live tail is new.
		expect(seen.admit(event(5, 'twice'))).toBe(true);
	});

	it.each([
		['group', {logGroup: 'other'}],
		['stream', {logStream: 'other'}],
		['timestamp', {timestamp: 2}],
		['message', {message: 'other'}],
	] as const)('tells events apart by %s', (_, change) => {
		const seen = new SeenEvents(() => 0);
		expect(seen.admit(event(1, 'm'))).toBe(true);
		expect(seen.admit({...event(1, 'm'), ...change})).toBe(true);
	});

	it('forgets keys below the floor once idle, but never below a pin', () => {
		let now = 0;
		const seen = new SeenEvents(() => now);
		for (let second = 0; second < 10; second++) seen.admit(event(second * 1000, `m${second}`, {eventId: `e${second}`}));
		expect(seen.size).toBe(10);
		const release = seen.pin('g', 3000);
		now = 100;
		seen.forget(8000, 50);
		// Seconds 0-2 go; the pin at 3000 keeps 3..7 although they are below the floor.
		expect(seen.size).toBe(7);
		release();
		seen.forget(8000, 50);
		expect(seen.size).toBe(2);
		// Touched too recently: kept even below the floor.
		seen.admit(event(8000, 'm8'));
		seen.forget(20_000, 50);
		expect(seen.size).toBe(1);
		now = 200;
		seen.forget(20_000, 50);
		expect(seen.size).toBe(0);
	});
});

describe('connection filter patterns', () => {
	it('quotes terms so any connection id is matched literally', () => {
		expect(quotedTerm('L0SM9cOFvHcCIhw=')).toBe('"L0SM9cOFvHcCIhw="');
		const tricky = 'a "quoted" \\ id';
		expect(compileFilterPattern(quotedTerm(tricky))(`x ${tricky} y`)).toBe(true);
		expect(compileFilterPattern(quotedTerm(tricky))('a quoted id')).toBe(false);
	});

	it('chunks request ids under the 1024-character limit, each chunk naming the connection', () => {
		const ids = Array.from({length: 100}, (_, index) => `${String(index).padStart(3, '0')}e5c5f2-4d7b-11e9-9e8c-4f5a6b7c8d9e`);
		const patterns = executionPatterns('conn=', ids);
		expect(patterns.length).toBeGreaterThan(3);
		expect(patterns.flatMap((pattern) => pattern.requestIds)).toEqual(ids);
		for (const {pattern, requestIds} of patterns) {
			expect(pattern.length).toBeLessThanOrEqual(MAX_PATTERN_LENGTH);
			expect(pattern.endsWith(' ?"conn="')).toBe(true);
			const matches = compileFilterPattern(pattern);
			for (const requestId of requestIds) expect(matches(`(${requestId}) Method completed with status: 200`)).toBe(true);
			expect(matches('(someone-else) Method completed')).toBe(false);
			expect(matches('Connection conn= closed')).toBe(true);
		}
	});

	it('names only the connection when no request id is known, and skips ids too long for any pattern', () => {
		expect(executionPatterns('conn=', [])).toEqual([{pattern: '?"conn="', requestIds: []}]);
		expect(executionPatterns('conn=', ['x'.repeat(1100), 'ok'])).toEqual([{pattern: '?"(ok)" ?"conn="', requestIds: ['ok']}]);
	});
});

describe('failure classification', () => {
	const live = new AbortController().signal;
	const sdkError = (name: string, status: number | undefined, code?: string) =>
		Object.assign(new Error(`${name} happened\nsecond line`), {name, ...(code === undefined ? {} : {code}), $metadata: {httpStatusCode: status}});

	it.each([
		['ThrottlingException', 400, undefined, 'throttled'],
		['TooManyRequestsException', 429, undefined, 'throttled'],
		['LimitExceededException', 400, undefined, 'throttled'],
		['ServiceUnavailableException', 503, undefined, 'transient'],
		['InternalFailure', 500, undefined, 'transient'],
		['Error', 200, 'ECONNRESET', 'transient'],
		['Error', undefined, 'ECONNREFUSED', 'transient'],
		['TimeoutError', undefined, undefined, 'transient'],
		['ResourceNotFoundException', 400, undefined, 'missing'],
		['AccessDeniedException', 400, undefined, 'fatal'],
		['ExpiredTokenException', 400, undefined, 'fatal'],
		['InvalidParameterException', 400, undefined, 'fatal'],
		['CredentialsProviderError', undefined, undefined, 'fatal'],
	] as const)('%s (%s, %s) is %s', (name, status, code, kind) => {
		expect(classifyFailure(sdkError(name, status, code), live)).toBe(kind);
	});

	it('calls everything aborted once the signal aborted, and survives non-errors', () => {
		const abort = new AbortController();
		abort.abort();
		expect(classifyFailure(sdkError('ThrottlingException', 400), abort.signal)).toBe('aborted');
		expect(classifyFailure('a string', live)).toBe('fatal');
		expect(classifyFailure(null, live)).toBe('fatal');
		expect(describeFailure(sdkError('ThrottlingException', 400))).toBe('ThrottlingException: ThrottlingException happened');
		expect(describeFailure(undefined)).toBe('Error');
	});
});

describe('backoff', () => {
	it('grows exponentially with jitter, capped near 20 s', () => {
		for (let attempt = 1; attempt < 40; attempt++) {
			const ceiling = Math.min(20_000, 100 * 2 ** (attempt - 1));
			const delay = backoffMs(attempt);
			expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
			expect(delay).toBeLessThanOrEqual(ceiling);
		}
	});
});

describe('StatusReporter', () => {
	it('reports changes at once and anything else at most once a second', () => {
		let now = 10_000;
		const statuses: TransportStatus[] = [];
		const reporter = new StatusReporter((status) => statuses.push(status), () => now);
		reporter.setPhase('backfill');
		reporter.delivered(10, 9000);
		reporter.delivered(10, 9500);
		expect(statuses).toHaveLength(1);
		reporter.setPhase('live');
		expect(statuses).toHaveLength(2);
		reporter.throttled();
		expect(statuses.at(-1)).toMatchObject({phase: 'live', throttled: true});
		now += 1000;
		reporter.report();
		// History read back at once is not a live rate.
		expect(statuses.at(-1)).toMatchObject({lagMs: 1500, eventsPerSecond: 0});
		reporter.delivered(20, 10_500);
		now += 1000;
		reporter.report();
		expect(statuses.at(-1)).toMatchObject({lagMs: 1500, eventsPerSecond: 4});
		reporter.notice('live tail ended: reconnecting');
		expect(statuses.at(-1)?.notice).toBe('live tail ended: reconnecting');
		now += 5000;
		reporter.report();
		expect(statuses.at(-1)).toMatchObject({throttled: false, eventsPerSecond: 0});
		expect(statuses.at(-1)?.notice).toBeUndefined();
	});

	it('keeps "sampled" on while a sampled window is being re-read', () => {
		let now = 0;
		const statuses: TransportStatus[] = [];
		const reporter = new StatusReporter((status) => statuses.push(status), () => now);
		reporter.sampled();
		reporter.sampledFill(1);
		now = 60_000;
		reporter.report();
		expect(statuses.at(-1)?.sampled).toBe(true);
		reporter.sampledFill(-1);
		expect(statuses.at(-1)?.sampled).toBe(false);
	});
});

describe('the re-read floor', () => {
	it('follows the newest event minus the overlap, never past now, --since or the clock skew allowance', () => {
		let now = 1_000_000_000;
		// Clients that are never called: the floor is pure bookkeeping.
		const clients = sdkClients('http://127.0.0.1:9');
		const options: TransportOptions = {
			...clients,
			groups: [tailedGroup('g', 'access')],
			startTime: now - 30_000,
			follow: true,
			mode: 'poll',
			signal: new AbortController().signal,
			now: () => now,
			overlapMs: 60_000,
		};
		try {
			const context = new TailContext(options);
			// Nothing seen yet: from when following began, but not before --since.
			expect(context.floor()).toBe(now - 30_000);
			now += 120_000;
			context.admit([event(now - 10_000, 'recent')]);
			expect(context.floor()).toBe(now - 70_000);
			// A future-dated event does not move the floor past now.
			context.admit([event(now + 3_600_000, 'from the future')]);
			expect(context.floor()).toBe(now - 60_000);
			// Quiet for an hour (newest now far behind): reach back at most overlap + 5 minutes.
			const quiet = new TailContext({...options, startTime: 0});
			quiet.admit([event(now - 1000, 'last words')]);
			now += 3_600_000;
			expect(quiet.floor()).toBe(now - 60_000 - 300_000);
		} finally {
			clients.logs.destroy();
			clients.liveTailLogs.destroy();
		}
	});
});
