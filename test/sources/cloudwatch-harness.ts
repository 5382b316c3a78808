// Runs the CloudWatch transport against the emulator with real SDK clients, writes known events while
// it tails, and checks exactly-once delivery: the set of events yielded equals the set written.

import type {CloudWatchLogsClient, CloudWatchLogsClientConfig, FilterLogEventsCommandInput} from '@aws-sdk/client-cloudwatch-logs';
import {expect} from 'vitest';
import type {LogEvent, LogKind} from '../../source/core/types.js';
import {logGroupArn} from '../../source/emulator/logs-store.js';
import {Emulator, type EmulatorOptions} from '../../source/emulator/server.js';
import {tailCloudWatch, type TailedGroup, type TransportOptions, type TransportStatus} from '../../source/sources/cloudwatch/transport.js';
import {logsClient} from '../emulator/server-clients.js';
import {waitFor} from '../helpers/wait.js';

export const ACCESS = '/aws/apigateway/access/ws';
export const EXECUTION = 'API-Gateway-Execution-Logs_abc123/prod';

export function tailedGroup(name: string, log: LogKind | undefined): TailedGroup {
	return {name, arn: logGroupArn(name), log};
}

export const BOTH_GROUPS: TailedGroup[] = [tailedGroup(EXECUTION, 'execution'), tailedGroup(ACCESS, 'access')];

/** Emulator with two groups and some streams; fast live tail ticks. */
/** How to stop what startEmulator and startTail started, newest first (a tail before its emulator). */
const started: Array<() => Promise<void>> = [];

/** For afterEach: stops every tail and emulator the test started, also when it failed half-way. */
export async function stopEverythingStarted(): Promise<void> {
	for (let stop = started.pop(); stop !== undefined; stop = started.pop()) await stop();
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	const emulator = await Emulator.start({liveTailTickMs: 50, ...options});
	started.push(() => emulator.stop());
	for (const stream of ['exec-a', 'exec-b']) emulator.logs.ensureLogStream(EXECUTION, stream);
	for (const stream of ['access-a', 'access-b', 'access-c']) emulator.logs.ensureLogStream(ACCESS, stream);
	return emulator;
}

/** Real SDK clients without their own retries: what the tests see is the transport's retrying. */
export function sdkClients(endpoint: string, config: Partial<CloudWatchLogsClientConfig> = {}): {logs: CloudWatchLogsClient; liveTailLogs: CloudWatchLogsClient} {
	return {logs: logsClient(endpoint, {maxAttempts: 1, ...config}), liveTailLogs: logsClient(endpoint, {maxAttempts: 1, ...config})};
}

export interface TailRun {
	events: LogEvent[];
	statuses: TransportStatus[];
	notices: () => string[];
	/** Resolves when the iteration ended (rejects with its error). */
	done: Promise<void>;
	ended: () => boolean;
	failure: () => unknown;
	/** Aborts, waits for the end, destroys the clients. */
	stop: () => Promise<void>;
	logs: CloudWatchLogsClient;
	liveTailLogs: CloudWatchLogsClient;
}

export type TailSettings = Omit<TransportOptions, 'logs' | 'liveTailLogs' | 'signal'> & {
	logs?: CloudWatchLogsClient;
	liveTailLogs?: CloudWatchLogsClient;
};

/** Starts tailing in the background, collecting every batch and status. */
export function startTail(emulator: Emulator, settings: Partial<TailSettings> = {}): TailRun {
	const abort = new AbortController();
	const clients = sdkClients(emulator.endpoint);
	const logs = settings.logs ?? clients.logs;
	const liveTailLogs = settings.liveTailLogs ?? clients.liveTailLogs;
	const events: LogEvent[] = [];
	const statuses: TransportStatus[] = [];
	let ended = false;
	let failure: unknown;
	const done = (async () => {
		try {
			for await (const batch of tailCloudWatch({
				groups: BOTH_GROUPS,
				startTime: Date.now() - 60_000,
				follow: true,
				mode: 'auto',
				pollIntervalMs: 100,
				requestsPerSecond: 50,
				onStatus: (status) => statuses.push(status),
				...settings,
				logs,
				liveTailLogs,
				signal: abort.signal,
			})) {
				expect(batch.length).toBeGreaterThan(0);
				events.push(...batch);
			}
		} catch (error) {
			failure = error;
			throw error;
		} finally {
			ended = true;
		}
	})();
	done.catch(() => undefined);
	const run: TailRun = {
		events,
		statuses,
		notices: () => statuses.flatMap((status) => (status.notice === undefined ? [] : [status.notice])),
		done,
		ended: () => ended,
		failure: () => failure,
		logs,
		liveTailLogs,
		stop: async () => {
			abort.abort();
			try {
				await done;
			} finally {
				logs.destroy();
				liveTailLogs.destroy();
				clients.logs.destroy();
				clients.liveTailLogs.destroy();
			}
		},
	};
	// A tail stopped by its test is stopped again harmlessly; one that failed has nothing more to report.
	started.push(() => run.stop().catch(() => undefined));
	return run;
}

export interface WrittenEvent {
	group: string;
	stream: string;
	timestamp: number;
	message: string;
}

/** Writes events with unique messages and remembers them. */
export class EventWriter {
	readonly written: WrittenEvent[] = [];
	private serial = 0;

	constructor(private readonly emulator: Emulator) {}

	/** `count` events to `group`/`stream`, timestamps from `timestamp` (default now) one ms apart. */
	write(group: string, stream: string, count: number, options: {timestamp?: number; ingestionDelayMs?: number; message?: (serial: number) => string} = {}): WrittenEvent[] {
		const base = options.timestamp ?? Date.now();
		const batch = Array.from({length: count}, (_, index) => {
			const serial = this.serial++;
			return {group, stream, timestamp: base + index, message: options.message?.(serial) ?? `event ${serial} of ${group}/${stream}`};
		});
		this.emulator.logs.putLogEvents(group, stream, batch.map(({timestamp, message}) => ({timestamp, message})), options.ingestionDelayMs === undefined ? {} : {ingestionDelayMs: options.ingestionDelayMs});
		this.written.push(...batch);
		return batch;
	}

	/** `perStream` events to every stream of both groups. */
	writeEverywhere(perStream: number, options: {timestamp?: number; ingestionDelayMs?: number} = {}): void {
		for (const stream of ['exec-a', 'exec-b']) this.write(EXECUTION, stream, perStream, options);
		for (const stream of ['access-a', 'access-b', 'access-c']) this.write(ACCESS, stream, perStream, options);
	}
}

export function keyOf(event: {group?: string | undefined; stream?: string | undefined; timestamp: number; message: string}): string {
	return JSON.stringify([event.group, event.stream, event.timestamp, event.message]);
}

function receivedKey(event: LogEvent): string {
	return keyOf({group: event.logGroup, stream: event.logStream, timestamp: event.timestamp, message: event.message});
}

/**
 * Waits until every written event arrived and then for `settled` (re-reads that could duplicate
 * have run), then checks nothing is missing, duplicated or foreign.
 */
export async function expectExactlyOnce(run: TailRun, written: readonly WrittenEvent[], settled: () => boolean = () => true, timeoutMs = 15_000): Promise<void> {
	const wanted = new Set(written.map(keyOf));
	const present = new Set<string>();
	let counted = 0;
	const allPresent = (): boolean => {
		for (; counted < run.events.length; counted++) {
			const event = run.events[counted];
			if (event !== undefined && wanted.has(receivedKey(event))) present.add(receivedKey(event));
		}
		return present.size === wanted.size;
	};
	await waitFor(() => allPresent() || run.ended(), timeoutMs, `${wanted.size} events`).catch((error: unknown) => {
		throw new Error(`${(error as Error).message}: ${present.size} arrived`);
	});
	await waitFor(() => settled() || run.ended(), timeoutMs, 'the tail to settle');
	expectSameEvents(run.events, written);
}

/** A condition that holds once the emulator saw `count` more calls of `operation` than when first asked. */
export function moreCalls(emulator: Emulator, operation: string, count: number): () => boolean {
	let before: number | undefined;
	return () => {
		before ??= callCount(emulator, operation);
		return callCount(emulator, operation) >= before + count;
	};
}

export function expectSameEvents(received: readonly LogEvent[], written: readonly WrittenEvent[]): void {
	const counts = new Map<string, number>();
	for (const event of received) counts.set(receivedKey(event), (counts.get(receivedKey(event)) ?? 0) + 1);
	const duplicated = [...counts].filter(([, count]) => count > 1).map(([key]) => key);
	const wanted = new Set(written.map(keyOf));
	const missing = [...wanted].filter((key) => !counts.has(key));
	const foreign = [...counts.keys()].filter((key) => !wanted.has(key));
	expect({duplicated: duplicated.slice(0, 5), missing: missing.slice(0, 5), foreign: foreign.slice(0, 5)}).toEqual({duplicated: [], missing: [], foreign: []});
	expect(received).toHaveLength(written.length);
}

/** The calls the emulator saw of one operation. */
export function callCount(emulator: Emulator, operation: string): number {
	return emulator.calls.filter((call) => call.operation === operation).length;
}

export async function settle(emulator: Emulator): Promise<void> {
	await waitFor(() => emulator.liveTailSessionCount === 0, 5000, 'no live tail session');
	await waitFor(() => emulator.connectionCount === 0, 5000, 'no open connection');
}

/** Clients for a tail that record every FilterLogEvents request as sent. */
export function recordingClients(endpoint: string): ReturnType<typeof sdkClients> & {inputs: FilterLogEventsCommandInput[]} {
	const clients = sdkClients(endpoint);
	const inputs: FilterLogEventsCommandInput[] = [];
	clients.logs.middlewareStack.add(
		(next, context) => async (args) => {
			if (context.commandName === 'FilterLogEventsCommand') inputs.push(args.input as FilterLogEventsCommandInput);
			return next(args);
		},
		{step: 'initialize', name: 'recordFilterInputs'},
	);
	return {...clients, inputs};
}
