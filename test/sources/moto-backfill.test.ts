// A second, independent server: moto (a Python AWS emulator) instead of our own emulator, so the
// transport's FilterLogEvents use is checked against someone else's reading of the API. Moto has no
// StartLiveTail, hence --no-follow and mode 'poll'. Without moto_server on PATH (a laptop) the real
// test cannot run: a stand-in test passes with a visible warning, but fails in CI, where moto is required.

import {spawn, type ChildProcess} from 'node:child_process';
import {accessSync, constants, readFileSync} from 'node:fs';
import {createServer} from 'node:net';
import {delimiter, join} from 'node:path';
import {
	CreateLogGroupCommand,
	CreateLogStreamCommand,
	DescribeLogGroupsCommand,
	PutLogEventsCommand,
	type CloudWatchLogsClient,
} from '@aws-sdk/client-cloudwatch-logs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {LogEvent} from '../../source/core/types.js';
import {tailCloudWatch, type TailedGroup} from '../../source/sources/cloudwatch/transport.js';
import {logsClient, waitFor} from '../emulator/server-clients.js';
import {expectSameEvents, type WrittenEvent} from './cloudwatch-harness.js';

function onPath(command: string): boolean {
	return (process.env['PATH'] ?? '').split(delimiter).some((directory) => {
		try {
			accessSync(join(directory, command), constants.X_OK);
			return true;
		} catch {
			return false;
		}
	});
}

/**
 * Whether this runs in CI. test/setup.ts deletes CI (Ink renders differently with it), so the
 * environment the worker process started with is read too, where the platform offers it.
 */
function runningInCi(): boolean {
	const truthy = (value: string | undefined): boolean => value !== undefined && value !== '' && value !== 'false' && value !== '0';
	if (truthy(process.env['CI'])) return true;
	try {
		const initial = readFileSync('/proc/self/environ', 'utf8').split('\0');
		return truthy(initial.find((entry) => entry.startsWith('CI='))?.slice(3));
	} catch {
		return false;
	}
}

const hasMoto = onPath('moto_server');

async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	await new Promise<void>((resolve) => server.close(() => resolve()));
	if (address === null || typeof address === 'string') throw new Error('no port');
	return address.port;
}

// Only the test that applies is registered: a skipped test would hide a missing moto in a report.
if (hasMoto) describeMotoBackfill();
else describeMissingMoto();

function describeMotoBackfill(): void {
	describe('tailCloudWatch against moto_server', () => {
		let moto: ChildProcess | undefined;
		let endpoint = '';
		let client: CloudWatchLogsClient | undefined;
		const output: string[] = [];

		beforeAll(async () => {
			const port = await freePort();
			endpoint = `http://127.0.0.1:${port}`;
			moto = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {stdio: ['ignore', 'pipe', 'pipe']});
			moto.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
			moto.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
			let up = false;
			const probe = async (): Promise<void> => {
				up = await fetch(`${endpoint}/moto-api/`).then((response) => response.ok, () => false);
			};
			await waitFor(() => {
				void probe();
				return up || moto?.exitCode !== null;
			}, 25_000, 'moto_server to answer').catch((error: unknown) => {
				throw new Error(`${(error as Error).message}; its output: ${output.join('').slice(-500)}`);
			});
			expect(moto.exitCode, output.join('')).toBeNull();
			client = logsClient(endpoint);
		}, 30_000);

		afterAll(async () => {
			client?.destroy();
			if (moto !== undefined && moto.exitCode === null) {
				const exited = new Promise((resolve) => moto!.once('exit', resolve));
				moto.kill('SIGTERM');
				await exited;
			}
		});

		it('backfills every event of two groups and several streams exactly once (--no-follow, poll)', async () => {
			const logs = client!;
			const groups: Array<{name: string; log: 'execution' | 'access'}> = [
				{name: 'API-Gateway-Execution-Logs_moto123/prod', log: 'execution'},
				{name: '/aws/apigateway/moto-access', log: 'access'},
			];
			const written: WrittenEvent[] = [];
			const base = Date.now() - 10 * 60_000;
			for (const group of groups) {
				await logs.send(new CreateLogGroupCommand({logGroupName: group.name}));
				for (const stream of ['stream-1', 'stream-2', 'stream-3']) {
					await logs.send(new CreateLogStreamCommand({logGroupName: group.name, logStreamName: stream}));
					for (let batch = 0; batch < 3; batch++) {
						const events = Array.from({length: 200}, (_, index) => ({
							timestamp: base + batch * 60_000 + index * 7,
							message: `${group.log} ${stream} batch ${batch} event ${index}`,
						}));
						await logs.send(new PutLogEventsCommand({logGroupName: group.name, logStreamName: stream, logEvents: events}));
						written.push(...events.map((event) => ({group: group.name, stream, ...event})));
					}
				}
			}
			const described = await logs.send(new DescribeLogGroupsCommand({}));
			const tailed: TailedGroup[] = groups.map((group) => {
				const arn = described.logGroups?.find((candidate) => candidate.logGroupName === group.name)?.arn?.replace(/:\*$/, '');
				expect(arn).toBeDefined();
				return {name: group.name, arn: arn ?? '', log: group.log};
			});

			const events: LogEvent[] = [];
			for await (const batch of tailCloudWatch({
				logs,
				liveTailLogs: logs,
				groups: tailed,
				startTime: base - 1000,
				follow: false,
				mode: 'poll',
				signal: new AbortController().signal,
				requestsPerSecond: 50,
			})) {
				events.push(...batch);
			}
			expectSameEvents(events, written);
			expect(written).toHaveLength(3600);
			expect(events.every((event) => typeof event.eventId === 'string' && event.log === (event.logGroup === groups[0]?.name ? 'execution' : 'access'))).toBe(true);
		});
	});
}

function describeMissingMoto(): void {
	describe('without moto_server', () => {
		it('moto_server is required in CI', () => {
			console.warn('moto_server not found on PATH: the moto backfill test did not run (install moto[server] to run it; CI requires it)');
			expect(runningInCi(), 'moto_server is required in CI').toBe(false);
		});
	});
}
