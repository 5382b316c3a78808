// The transport under AWS's bad days, against the emulator's faults with the real SDK (its own
// retries off): throttling, 5xx, connections reset mid-response, live tail refused, groups that do
// not exist yet, and failures retrying cannot fix.

import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {UserError} from '../../source/exit-codes.js';
import {waitFor} from '../helpers/wait.js';
import {
	ACCESS,
	callCount,
	EventWriter,
	EXECUTION,
	expectExactlyOnce,
	moreCalls,
	sdkClients,
	settle,
	startEmulator,
	startTail,
	stopEverythingStarted,
	tailedGroup,
	type TailRun,
} from './cloudwatch-harness.js';

let emulator: Emulator | undefined;
let run: TailRun | undefined;
let denier: Server | undefined;

afterEach(async () => {
	await stopEverythingStarted();
	await new Promise<void>((resolve) => (denier ? denier.close(() => resolve()) : resolve()));
	denier = undefined;
});

/** A CloudWatch Logs endpoint that denies every call, as AWS does for an identity without the permission. */
async function startDenier(): Promise<string> {
	denier = createServer((request, response) => {
		request.resume();
		request.on('end', () => {
			const operation = String(request.headers['x-amz-target'] ?? '').split('.')[1] ?? 'Unknown';
			response.writeHead(400, {'content-type': 'application/x-amz-json-1.1', connection: 'close'});
			response.end(JSON.stringify({__type: 'AccessDeniedException', message: `User: arn:aws:iam::123456789012:user/dev is not authorized to perform: logs:${operation}`}));
		});
	});
	await new Promise<void>((resolve) => denier!.listen(0, '127.0.0.1', resolve));
	return `http://127.0.0.1:${(denier.address() as AddressInfo).port}`;
}

const phaseIs = (tail: TailRun, phase: string) => () => tail.statuses.at(-1)?.phase === phase;

describe('tailCloudWatch under faults', () => {
	it('rides out a burst of throttling while polling, and says it slowed down', async () => {
		emulator = await startEmulator();
		const writer = new EventWriter(emulator);
		writer.writeEverywhere(10, {timestamp: Date.now() - 2000});
		emulator.faults.throttleNext(3, {operation: 'FilterLogEvents'});
		run = startTail(emulator, {mode: 'poll'});
		await waitFor(phaseIs(run, 'polling'), 10_000, 'the polling phase');
		emulator.faults.throttleNext(4, {operation: 'FilterLogEvents'});
		writer.writeEverywhere(10);
		await expectExactlyOnce(run, writer.written, moreCalls(emulator, 'FilterLogEvents', 4));
		expect(run.statuses.some((status) => status.throttled)).toBe(true);
		expect(run.failure()).toBeUndefined();
	});

	it('keeps every event while half of all calls are throttled, live tail start and reconnect included', async () => {
		emulator = await startEmulator();
		emulator.faults.throttleShare(0.5);
		const writer = new EventWriter(emulator);
		writer.writeEverywhere(10, {timestamp: Date.now() - 3000});
		run = startTail(emulator);
		await waitFor(phaseIs(run, 'live'), 10_000, 'the live phase');
		writer.writeEverywhere(10);
		await waitFor(() => run!.events.length === 100, 10_000, 'the first 100');
		emulator.faults.endLiveTailSessions('SessionStreamingException');
		writer.writeEverywhere(10);
		await expectExactlyOnce(run, writer.written, phaseIs(run, 'live'));
		expect(run.statuses.some((status) => status.throttled)).toBe(true);
		expect(callCount(emulator, 'StartLiveTail')).toBeGreaterThanOrEqual(3);
		emulator.faults.clear();
	});

	it('retries 5xx answers and reports it once', async () => {
		emulator = await startEmulator({filterScanLimit: 50});
		const writer = new EventWriter(emulator);
		writer.writeEverywhere(40, {timestamp: Date.now() - 3000});
		emulator.faults.serviceUnavailableNext(3, {operation: 'FilterLogEvents'});
		run = startTail(emulator, {mode: 'poll'});
		await waitFor(phaseIs(run, 'polling'), 10_000, 'the polling phase');
		emulator.faults.serviceUnavailableNext(3, {operation: 'FilterLogEvents'});
		writer.writeEverywhere(10);
		await expectExactlyOnce(run, writer.written, moreCalls(emulator, 'FilterLogEvents', 4));
		expect(run.notices().filter((notice) => notice.startsWith('retrying after ServiceUnavailableException'))).toHaveLength(1);
	});

	it('resumes a page whose connection was reset mid-response, in backfill and in polls', async () => {
		emulator = await startEmulator({filterScanLimit: 60});
		const writer = new EventWriter(emulator);
		writer.writeEverywhere(100, {timestamp: Date.now() - 3000});
		emulator.faults.resetConnectionNext(3, {operation: 'FilterLogEvents'});
		run = startTail(emulator, {mode: 'poll'});
		await waitFor(phaseIs(run, 'polling'), 10_000, 'the polling phase');
		emulator.faults.resetConnectionNext(2, {operation: 'FilterLogEvents'});
		writer.writeEverywhere(10);
		await expectExactlyOnce(run, writer.written, moreCalls(emulator, 'FilterLogEvents', 6));
	});

	it('falls back to polling, with a notice, when live tail is not allowed (AccessDeniedException)', async () => {
		emulator = await startEmulator();
		const writer = new EventWriter(emulator);
		writer.writeEverywhere(10, {timestamp: Date.now() - 3000});
		const denied = sdkClients(await startDenier());
		run = startTail(emulator, {liveTailLogs: denied.liveTailLogs});
		denied.logs.destroy();
		await waitFor(phaseIs(run, 'polling'), 10_000, 'the polling phase');
		writer.writeEverywhere(10);
		await expectExactlyOnce(run, writer.written, moreCalls(emulator, 'FilterLogEvents', 4));
		expect(run.notices()).toContain('live tail not allowed (AccessDeniedException): polling every 100ms');
	});

	it('falls back to polling when the live tail session quota is used up (LimitExceededException)', async () => {
		emulator = await startEmulator({liveTailMaxSessions: 0});
		const writer = new EventWriter(emulator);
		run = startTail(emulator, {pollIntervalMs: 2000});
		await waitFor(phaseIs(run, 'polling'), 10_000, 'the polling phase');
		expect(run.notices()).toContain('live tail not allowed (LimitExceededException): polling every 2s');
		// Tried once: the quota will not lift by retrying at once.
		expect(callCount(emulator, 'StartLiveTail')).toBe(1);
		await run.stop();
		run = startTail(emulator, {mode: 'auto'});
		await waitFor(phaseIs(run, 'polling'), 10_000, 'the polling phase');
		writer.writeEverywhere(10);
		await expectExactlyOnce(run, writer.written, moreCalls(emulator, 'FilterLogEvents', 4));
	});

	it("fails with one line in mode 'live' when live tail cannot start", async () => {
		emulator = await startEmulator({liveTailMaxSessions: 0});
		run = startTail(emulator, {mode: 'live'});
		await expect(run.done).rejects.toThrow(new UserError('live tail not allowed (LimitExceededException); try --transport poll'));
		expect(run.failure()).toBeInstanceOf(UserError);
		await run.stop().catch(() => undefined);
		await settle(emulator);
	});

	it('fails with one line when FilterLogEvents is denied', async () => {
		emulator = await startEmulator();
		const denied = sdkClients(await startDenier());
		run = startTail(emulator, {logs: denied.logs, liveTailLogs: denied.liveTailLogs, mode: 'poll'});
		await expect(run.done).rejects.toThrow(
			`FilterLogEvents on ${EXECUTION} failed: AccessDeniedException: User: arn:aws:iam::123456789012:user/dev is not authorized to perform: logs:FilterLogEvents`,
		);
		expect((run.failure() as Error).message).not.toContain('\n');
	});

	it('waits for a log group that does not exist yet, and tails it once it does', async () => {
		emulator = await startEmulator();
		const missing = 'API-Gateway-Execution-Logs_new/prod';
		const writer = new EventWriter(emulator);
		run = startTail(emulator, {groups: [tailedGroup(missing, 'execution'), tailedGroup(ACCESS, 'access')]});
		await waitFor(phaseIs(run, 'polling'), 10_000, 'the polling phase');
		expect(run.notices()).toContain(`log group ${missing} does not exist (yet): waiting for it`);
		writer.write(ACCESS, 'access-a', 5);
		emulator.logs.ensureLogStream(missing, 'first-stream');
		writer.write(missing, 'first-stream', 5);
		await expectExactlyOnce(run, writer.written, moreCalls(emulator, 'FilterLogEvents', 4));
		// Said once, not on every poll; live tail could not start on a missing group either.
		expect(run.notices().filter((notice) => notice.startsWith('log group'))).toHaveLength(1);
		expect(run.notices()).toContain('live tail could not start (ResourceNotFoundException: The specified log group does not exist.): polling every 100ms');
	});
});
