import {DescribeLogGroupsCommand} from '@aws-sdk/client-cloudwatch-logs';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {runEmulatorCommand} from '../../source/emulator/server-main.js';
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
});
