import {DescribeLogGroupsCommand} from '@aws-sdk/client-cloudwatch-logs';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {runEmulatorCommand} from '../../source/emulator/server-main.js';
import {parseDurationRange} from '../../source/flag-values.js';
import {waitFor} from '../helpers/wait.js';
import {logsClient} from './server-clients.js';

afterEach(() => {
	vi.restoreAllMocks();
});

describe('runEmulatorCommand', () => {
	it('prints its endpoint, serves the standard fixtures, and stops on abort saying so', async () => {
		const printed: string[] = [];
		vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
			printed.push(String(chunk));
			return true;
		});
		const abort = new AbortController();
		const running = runEmulatorCommand(0, abort.signal);
		await waitFor(() => printed.length > 0, 5000, 'the listening line');
		const endpoint = /^emulator listening on (http:\/\/127\.0\.0\.1:\d+)\n$/.exec(printed[0] ?? '')?.[1];
		expect(endpoint).toBeDefined();

		const client = logsClient(endpoint ?? '', {maxAttempts: 1});
		try {
			const {logGroups} = await client.send(new DescribeLogGroupsCommand({logGroupNamePrefix: '/aws/apigateway/a1b2c3d4e5/prod'}));
			expect(logGroups?.map((group) => group.logGroupName)).toEqual(['/aws/apigateway/a1b2c3d4e5/prod/access']);
		} finally {
			client.destroy();
		}

		abort.abort();
		await running;
		const after = logsClient(endpoint ?? '', {maxAttempts: 1});
		await expect(after.send(new DescribeLogGroupsCommand({}))).rejects.toThrow();
		after.destroy();
		expect(printed).toEqual([printed[0], 'emulator stopped\n']);
	});

	it('--latency: says so, and answers no call before the range starts (as AWS takes 80-200 ms a page)', async () => {
		const printed: string[] = [];
		vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
			printed.push(String(chunk));
			return true;
		});
		const abort = new AbortController();
		const running = runEmulatorCommand(0, abort.signal, [150, 160]);
		await waitFor(() => printed.length > 0, 5000, 'the listening line');
		const match = /^emulator listening on (http:\/\/127\.0\.0\.1:\d+) \(every call answered after 150-160 ms\)\n$/.exec(printed[0] ?? '');
		expect(match).not.toBeNull();
		const client = logsClient(match![1]!, {maxAttempts: 1});
		try {
			for (let call = 0; call < 3; call++) {
				const started = performance.now();
				await client.send(new DescribeLogGroupsCommand({}));
				// A lower bound only: a loaded machine can make a call slower, never faster than the delay.
				expect(performance.now() - started).toBeGreaterThanOrEqual(149);
			}
		} finally {
			client.destroy();
			abort.abort();
			await running;
		}
	});
});

describe('parseDurationRange', () => {
	it('reads a range with its unit after the second value, a range with both units, or one duration', () => {
		expect(parseDurationRange('80-200ms')).toEqual([80, 200]);
		expect(parseDurationRange('0.1-0.3s')).toEqual([100, 300]);
		expect(parseDurationRange('500ms-1s')).toEqual([500, 1000]);
		expect(parseDurationRange('100ms')).toEqual([100, 100]);
		expect(parseDurationRange('2')).toEqual([2000, 2000]);
	});

	it('refuses a reversed range, units it does not know and anything else', () => {
		for (const value of ['200-80ms', '80-200 ms', '80-200xs', '-80ms', 'fast', '', '80-']) expect(parseDurationRange(value)).toBeUndefined();
	});
});
