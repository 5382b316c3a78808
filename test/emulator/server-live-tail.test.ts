// StartLiveTail against the emulator with the real SDK: event-stream framing, per-tick updates,
// sampling, server-ended sessions and clean shutdown of client connections.

import {
	PutLogEventsCommand,
	StartLiveTailCommand,
	type LiveTailSessionLogEvent,
	type LiveTailSessionStart,
	type LiveTailSessionUpdate,
	type StartLiveTailCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import {afterEach, describe, expect, it} from 'vitest';
import {Emulator, type EmulatorOptions} from '../../source/emulator/server.js';
import {waitFor} from '../helpers/wait.js';
import {logsClient} from './server-clients.js';

const ARN = 'arn:aws:logs:us-east-1:123456789012:log-group:';
let emulator: Emulator | undefined;
const sessions: Session[] = [];

async function start(options: EmulatorOptions = {}): Promise<Emulator> {
	emulator = await Emulator.start({liveTailTickMs: 50, ...options});
	emulator.logs.ensureLogStream('/aws/access', 'stream-a');
	emulator.logs.ensureLogStream('/aws/access', 'stream-b');
	emulator.logs.ensureLogStream('/aws/execution', 'exec-1');
	return emulator;
}

afterEach(async () => {
	for (const session of sessions.splice(0)) await session.close();
	await emulator?.stop();
	emulator = undefined;
});

interface Session {
	start: LiveTailSessionStart | undefined;
	updates: LiveTailSessionUpdate[];
	results: () => LiveTailSessionLogEvent[];
	error: () => Error | undefined;
	ended: () => boolean;
	close: () => Promise<void>;
}

/** Opens a session the way apigw-tail does: abort signal on send(), destroy the client to close. */
async function openSession(server: Emulator, input: StartLiveTailCommandInput): Promise<Session> {
	const abort = new AbortController();
	const client = logsClient(server.endpoint, {maxAttempts: 1});
	const response = await client.send(new StartLiveTailCommand(input), {abortSignal: abort.signal});
	const updates: LiveTailSessionUpdate[] = [];
	let sessionStart: LiveTailSessionStart | undefined;
	let failure: Error | undefined;
	let ended = false;
	const reading = (async () => {
		try {
			for await (const event of response.responseStream ?? []) {
				if (event.sessionStart !== undefined) sessionStart = event.sessionStart;
				if (event.sessionUpdate !== undefined) updates.push(event.sessionUpdate);
			}
		} catch (error) {
			failure = error as Error;
		} finally {
			ended = true;
		}
	})();
	await waitFor(() => sessionStart !== undefined || ended, 5000, 'sessionStart');
	const session: Session = {
		get start() {
			return sessionStart;
		},
		updates,
		results: () => updates.flatMap((update) => update.sessionResults ?? []),
		error: () => failure,
		ended: () => ended,
		close: async () => {
			abort.abort();
			client.destroy();
			await reading;
		},
	};
	sessions.push(session);
	return session;
}

describe('StartLiveTail', () => {
	it('starts at once, then delivers events written after the start, tick by tick', async () => {
		const server = await start();
		server.logs.putLogEvents('/aws/access', 'stream-a', [{timestamp: 1, message: 'before the session'}]);
		const session = await openSession(server, {logGroupIdentifiers: [`${ARN}/aws/access`, '/aws/execution']});
		expect(session.start?.logGroupIdentifiers).toEqual([`${ARN}/aws/access`, '/aws/execution']);
		expect(session.start?.sessionId).toBeTruthy();

		server.logs.putLogEvents('/aws/access', 'stream-a', [{timestamp: 10, message: 'access line'}]);
		const writer = logsClient(server.endpoint, {maxAttempts: 1});
		await writer.send(new PutLogEventsCommand({logGroupName: '/aws/execution', logStreamName: 'exec-1', logEvents: [{timestamp: 11, message: 'execution line'}]}));
		writer.destroy();
		await waitFor(() => session.results().length >= 2, 5000, 'two results');

		expect(session.results()).toEqual([
			expect.objectContaining({logGroupIdentifier: `${ARN}/aws/access`, logStreamName: 'stream-a', message: 'access line', timestamp: 10}),
			expect.objectContaining({logGroupIdentifier: '/aws/execution', logStreamName: 'exec-1', message: 'execution line', timestamp: 11}),
		]);
		expect(session.results().every((result) => typeof result.ingestionTime === 'number')).toBe(true);
		// Updates keep coming when nothing happens (the service's heartbeat), and they are not sampled.
		const count = session.updates.length;
		await waitFor(() => session.updates.length >= count + 2, 5000, 'more updates');
		expect(session.updates.every((update) => update.sessionMetadata?.sampled === false)).toBe(true);
	});

	it('applies stream prefixes and the filter pattern', async () => {
		const server = await start();
		const session = await openSession(server, {
			logGroupIdentifiers: [`${ARN}/aws/access`],
			logStreamNamePrefixes: ['stream-b'],
			logEventFilterPattern: '{ $.status >= 500 }',
		});
		server.logs.putLogEvents('/aws/access', 'stream-a', [{timestamp: 1, message: '{"status":"502","n":1}'}]);
		server.logs.putLogEvents('/aws/access', 'stream-b', [
			{timestamp: 2, message: '{"status":"200","n":2}'},
			{timestamp: 3, message: '{"status":"504","n":3}'},
		]);
		server.logs.putLogEvents('/aws/access', 'stream-b', [{timestamp: 4, message: 'marker {"status":"500"}'}]);
		await waitFor(() => session.updates.length >= 3 && session.results().length >= 1, 5000, 'the matching result');
		expect(session.results().map((result) => result.message)).toEqual(['{"status":"504","n":3}']);
	});

	it('samples above 500 events per update: 500 delivered, sampled true, the rest lost', async () => {
		const server = await start({liveTailTickMs: 100});
		const session = await openSession(server, {logGroupIdentifiers: ['/aws/access']});
		server.logs.putLogEvents('/aws/access', 'stream-a', Array.from({length: 1300}, (_, index) => ({timestamp: index, message: `event ${index}`})));
		await waitFor(() => session.results().length > 0, 5000, 'the burst');
		const burst = session.updates.find((update) => (update.sessionResults ?? []).length > 0);
		expect(burst?.sessionMetadata?.sampled).toBe(true);
		expect(burst?.sessionResults).toHaveLength(500);
		const messages = new Set(burst?.sessionResults?.map((result) => result.message));
		expect(messages.size).toBe(500);
		// A sample spread over the burst, not its first 500.
		expect(messages.has('event 1299') || messages.has('event 1298') || messages.has('event 1297')).toBe(true);
		const count = session.updates.length;
		await waitFor(() => session.updates.length >= count + 2, 5000, 'later updates');
		expect(session.results()).toHaveLength(500);
	});

	it('delivers a late-ingested event only once the clock reaches its ingestion time', async () => {
		let now = 1_700_000_000_000;
		const server = await start({clock: () => now});
		server.logs.putLogEvents('/aws/access', 'stream-a', [{timestamp: 5, message: 'delayed before start'}], {ingestionDelayMs: 2000});
		const session = await openSession(server, {logGroupIdentifiers: ['/aws/access']});
		server.logs.putLogEvents('/aws/access', 'stream-a', [{timestamp: 1, message: 'delayed'}], {ingestionDelayMs: 1000});
		const updates = session.updates.length;
		await waitFor(() => session.updates.length >= updates + 3, 5000, 'three updates');
		expect(session.results()).toEqual([]);
		now += 1000;
		await waitFor(() => session.results().length === 1, 5000, 'the first delayed event');
		expect(session.results()[0]).toMatchObject({message: 'delayed', ingestionTime: 1_700_000_001_000});
		now += 1000;
		await waitFor(() => session.results().length === 2, 5000, 'the second delayed event');
		expect(session.results()[1]?.message).toBe('delayed before start');
	});

	it('ends the session with SessionTimeoutException after the session time limit', async () => {
		const server = await start({liveTailSessionTimeoutMs: 300});
		const session = await openSession(server, {logGroupIdentifiers: ['/aws/access']});
		await waitFor(session.ended, 5000, 'the end of the session');
		expect(session.error()?.name).toBe('SessionTimeoutException');
		expect(session.updates.length).toBeGreaterThan(0);
		await waitFor(() => server.liveTailSessionCount === 0, 5000, 'no sessions');
	});

	it.each(['SessionStreamingException', 'SessionTimeoutException'] as const)('ends open sessions on demand with %s', async (ending) => {
		const server = await start();
		const first = await openSession(server, {logGroupIdentifiers: ['/aws/access']});
		const second = await openSession(server, {logGroupIdentifiers: ['/aws/execution']});
		expect(server.faults.endLiveTailSessions(ending)).toBe(2);
		await waitFor(() => first.ended() && second.ended(), 5000, 'both sessions to end');
		expect(first.error()?.name).toBe(ending);
		expect(second.error()?.name).toBe(ending);
	});

	it('ends open sessions on demand by closing the stream, or by cutting the connection', async () => {
		const server = await start();
		const closed = await openSession(server, {logGroupIdentifiers: ['/aws/access']});
		expect(server.faults.endLiveTailSessions('close')).toBe(1);
		await waitFor(closed.ended, 5000, 'the closed session to end');
		// A clean end of the stream: the SDK's iteration just stops.
		expect(closed.error()).toBeUndefined();

		const dropped = await openSession(server, {logGroupIdentifiers: ['/aws/access']});
		expect(server.faults.endLiveTailSessions('drop')).toBe(1);
		await waitFor(dropped.ended, 5000, 'the dropped session to end');
		expect(dropped.error()).toBeInstanceOf(Error);
		expect(dropped.error()?.name).not.toMatch(/^Session(Timeout|Streaming)Exception$/);
		await waitFor(() => server.liveTailSessionCount === 0, 5000, 'no sessions');
	});

	it('silences open sessions on demand: no update any more, the connection stays open until the client gives up', async () => {
		const server = await start();
		const session = await openSession(server, {logGroupIdentifiers: ['/aws/access']});
		await waitFor(() => session.updates.length >= 2, 5000, 'updates');
		expect(server.faults.stallLiveTailSessions()).toBe(1);
		// A session opened after the stall is the witness: once it has had the event and three more ticks,
		// the stalled session has had its ticks too. The event is not delivered, the session still open.
		const witness = await openSession(server, {logGroupIdentifiers: ['/aws/access']});
		server.logs.putLogEvents('/aws/access', 'stream-a', [{timestamp: 1, message: 'never delivered'}]);
		await waitFor(() => witness.results().some((result) => result.message === 'never delivered'), 5000, 'the witness to get the event');
		const ticks = witness.updates.length;
		await waitFor(() => witness.updates.length >= ticks + 3, 5000, 'three more ticks of the witness');
		expect(session.results().map((result) => result.message)).not.toContain('never delivered');
		expect(session.ended()).toBe(false);
		expect(server.liveTailSessionCount).toBe(2);
		await witness.close();
		await session.close();
		await waitFor(() => server.liveTailSessionCount === 0, 5000, 'the session to end with its connection');
	});

	it('leaves no open connection once the client aborts and is destroyed', async () => {
		const server = await start();
		const session = await openSession(server, {logGroupIdentifiers: ['/aws/access']});
		await waitFor(() => session.updates.length >= 2, 5000, 'updates');
		expect(server.connectionCount).toBeGreaterThan(0);
		expect(server.liveTailSessionCount).toBe(1);
		await session.close();
		await waitFor(() => server.connectionCount === 0, 5000, 'the server to see the socket close');
		expect(server.liveTailSessionCount).toBe(0);
	});

	it('rejects unknown groups, bad stream filters, bad patterns and sessions over the quota', async () => {
		const server = await start({liveTailMaxSessions: 1});
		const client = logsClient(server.endpoint, {maxAttempts: 1});
		const failure = async (input: StartLiveTailCommandInput) => {
			try {
				await client.send(new StartLiveTailCommand(input));
			} catch (error) {
				return (error as Error).name;
			}
			return 'no error';
		};
		try {
			expect(await failure({logGroupIdentifiers: [`${ARN}nope`]})).toBe('ResourceNotFoundException');
			expect(await failure({logGroupIdentifiers: []})).toBe('InvalidParameterException');
			expect(await failure({logGroupIdentifiers: ['/aws/access', '/aws/execution'], logStreamNames: ['stream-a']})).toBe('InvalidParameterException');
			expect(await failure({logGroupIdentifiers: ['/aws/access'], logEventFilterPattern: '{ $.a = '})).toBe('InvalidParameterException');
			await openSession(server, {logGroupIdentifiers: ['/aws/access']});
			expect(await failure({logGroupIdentifiers: ['/aws/access']})).toBe('LimitExceededException');
		} finally {
			client.destroy();
		}
	});
});
