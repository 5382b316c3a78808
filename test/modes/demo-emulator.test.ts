// The demo's emulator on its worker thread (the built module: the worker is loaded by URL from dist/),
// through the real AWS SDK: it serves the chat-demo stage and writes its traffic, says when a --duration
// run's last line is out, and stops whole: stop() resolves once the thread has ended, whatever it was doing.
import {FilterLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs';
import {describe, expect, it} from 'vitest';
import type {startDemoEmulator as StartDemoEmulator} from '../../source/modes/demo-emulator.js';
import {useEmulatedAws} from '../helpers/emulated-aws.js';
import {waitFor} from '../helpers/wait.js';

const BUILT = new URL('../../dist/modes/demo-emulator.js', import.meta.url).href;
const {startDemoEmulator} = (await import(BUILT)) as {startDemoEmulator: typeof StartDemoEmulator};
const aws = useEmulatedAws('apigw-demo-emulator-');
const EXECUTION_GROUP = 'API-Gateway-Execution-Logs_a1b2c3d4e5/prod';

describe('the demo emulator on a worker thread', () => {
	it('serves the demo stage and writes its traffic until stopped, then ends its thread', async () => {
		const emulator = await startDemoEmulator({seed: 1, stage: 'prod', eventsPerSecond: 500, durationMs: undefined});
		try {
			expect(emulator.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
			const clients = await aws.clientsFor(emulator.endpoint);
			let events = 0;
			await waitFor(async () => {
				events = (await clients.logs.send(new FilterLogEventsCommand({logGroupName: EXECUTION_GROUP}))).events?.length ?? 0;
				return events > 0;
			}, 20_000, 'the demo traffic in the execution log group');
			expect(events).toBeGreaterThan(0);
		} finally {
			await emulator.stop();
		}

		// Stopped: the server is gone with the thread, and stopping again is harmless.
		await expect(fetch(emulator.endpoint)).rejects.toThrow();
		await emulator.stop();
	}, 60_000);

	it('says when a --duration run has written its last line, and stops after that too', async () => {
		const emulator = await startDemoEmulator({seed: 2, stage: 'prod', eventsPerSecond: 200, durationMs: 500});
		try {
			await emulator.delivered;
		} finally {
			await emulator.stop();
		}
	}, 60_000);
});
