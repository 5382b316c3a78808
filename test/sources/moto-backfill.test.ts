// A second, independent server: moto (a Python AWS emulator) instead of our own emulator, so the
// transport's FilterLogEvents use is checked against someone else's reading of the API. Moto has no
// StartLiveTail, hence --no-follow and mode 'poll'. Without moto_server on PATH (a laptop) the real
// test cannot run: a stand-in test passes with a visible warning, but fails in CI, where moto is required.

import {
	CreateLogGroupCommand,
	CreateLogStreamCommand,
	DescribeLogGroupsCommand,
	PutLogEventsCommand,
	type CloudWatchLogsClient,
} from '@aws-sdk/client-cloudwatch-logs';
import {afterAll, beforeAll, expect, it} from 'vitest';
import type {LogEvent} from '../../source/core/types.js';
import {tailCloudWatch, type TailedGroup} from '../../source/sources/cloudwatch/transport.js';
import {logsClient} from '../emulator/server-clients.js';
import {describeWithMoto, startMoto, type MotoServer} from '../helpers/moto.js';
import {expectSameEvents, type WrittenEvent} from './cloudwatch-harness.js';

describeWithMoto('tailCloudWatch against moto_server', () => {
	let moto: MotoServer | undefined;
	let client: CloudWatchLogsClient | undefined;

	beforeAll(async () => {
		moto = await startMoto();
		client = logsClient(moto.endpoint);
	});

	afterAll(async () => {
		client?.destroy();
		await moto?.stop();
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
