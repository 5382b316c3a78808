// CloudWatch Logs operations of the emulator, driven by the real SDK client over 127.0.0.1.

import {
	CreateLogGroupCommand,
	CreateLogStreamCommand,
	DescribeLogGroupsCommand,
	DescribeLogStreamsCommand,
	FilterLogEventsCommand,
	GetLogEventsCommand,
	PutLogEventsCommand,
	type CloudWatchLogsClient,
	type FilterLogEventsCommandInput,
	type FilteredLogEvent,
} from '@aws-sdk/client-cloudwatch-logs';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {Emulator, type EmulatorOptions} from '../../source/emulator/server.js';
import {logsClient} from './server-clients.js';

const T0 = 1_700_000_000_000;
let now = T0;
let emulator: Emulator;
let client: CloudWatchLogsClient;

async function startEmulator(options: EmulatorOptions = {}): Promise<void> {
	emulator = await Emulator.start({clock: () => now, ...options});
	client = logsClient(emulator.endpoint, {maxAttempts: 1});
}

beforeEach(async () => {
	now = T0;
	await startEmulator();
});

afterEach(async () => {
	client.destroy();
	await emulator.stop();
});

/** Pages FilterLogEvents to the end, as a correct client must: an empty page with a token is not the end. */
async function filterAll(input: FilterLogEventsCommandInput, betweenPages?: (page: number) => void) {
	const events: FilteredLogEvent[] = [];
	const pageSizes: number[] = [];
	let nextToken: string | undefined;
	do {
		const page = await client.send(new FilterLogEventsCommand({...input, nextToken}));
		events.push(...(page.events ?? []));
		pageSizes.push(page.events?.length ?? 0);
		nextToken = page.nextToken;
		betweenPages?.(pageSizes.length);
	} while (nextToken !== undefined);
	return {events, pageSizes};
}

const errorOf = async (promise: Promise<unknown>): Promise<Error & {$metadata?: {httpStatusCode?: number}}> => {
	try {
		await promise;
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected the call to fail');
};

describe('log groups and streams', () => {
	it('creates, describes with prefix and pages, and reports both ARN forms', async () => {
		for (const name of ['/aws/a', '/aws/b', '/aws/c', 'other']) await client.send(new CreateLogGroupCommand({logGroupName: name}));
		const first = await client.send(new DescribeLogGroupsCommand({logGroupNamePrefix: '/aws/', limit: 2}));
		expect(first.logGroups?.map((group) => group.logGroupName)).toEqual(['/aws/a', '/aws/b']);
		expect(first.nextToken).toBeDefined();
		const second = await client.send(new DescribeLogGroupsCommand({logGroupNamePrefix: '/aws/', limit: 2, nextToken: first.nextToken}));
		expect(second.logGroups?.map((group) => group.logGroupName)).toEqual(['/aws/c']);
		expect(second.nextToken).toBeUndefined();
		const [group] = second.logGroups ?? [];
		expect(group?.arn).toBe('arn:aws:logs:us-east-1:123456789012:log-group:/aws/c:*');
		expect(group?.logGroupArn).toBe('arn:aws:logs:us-east-1:123456789012:log-group:/aws/c');
		expect(group?.creationTime).toBe(T0);

		const error = await errorOf(client.send(new CreateLogGroupCommand({logGroupName: '/aws/a'})));
		expect(error.name).toBe('ResourceAlreadyExistsException');
	});

	it('describes streams by name and by last event time', async () => {
		emulator.logs.createLogGroup('g');
		for (const stream of ['b', 'a', 'c']) await client.send(new CreateLogStreamCommand({logGroupName: 'g', logStreamName: stream}));
		emulator.logs.putLogEvents('g', 'a', [{timestamp: 300, message: 'x'}]);
		emulator.logs.putLogEvents('g', 'b', [{timestamp: 100, message: 'x'}, {timestamp: 200, message: 'y'}]);
		emulator.logs.putLogEvents('g', 'c', [{timestamp: 50, message: 'x'}]);
		const byName = await client.send(new DescribeLogStreamsCommand({logGroupName: 'g'}));
		expect(byName.logStreams?.map((stream) => stream.logStreamName)).toEqual(['a', 'b', 'c']);
		expect(byName.logStreams?.[1]).toMatchObject({firstEventTimestamp: 100, lastEventTimestamp: 200, lastIngestionTime: T0});
		const recent = await client.send(new DescribeLogStreamsCommand({logGroupName: 'g', orderBy: 'LastEventTime', descending: true, limit: 2}));
		expect(recent.logStreams?.map((stream) => stream.logStreamName)).toEqual(['a', 'b']);
		const rest = await client.send(new DescribeLogStreamsCommand({logGroupName: 'g', orderBy: 'LastEventTime', descending: true, limit: 2, nextToken: recent.nextToken}));
		expect(rest.logStreams?.map((stream) => stream.logStreamName)).toEqual(['c']);
		const prefixed = await client.send(new DescribeLogStreamsCommand({logGroupName: 'g', logStreamNamePrefix: 'b'}));
		expect(prefixed.logStreams?.map((stream) => stream.logStreamName)).toEqual(['b']);
	});

	it('answers ResourceNotFoundException for unknown groups and streams', async () => {
		emulator.logs.createLogGroup('g');
		const calls = [
			client.send(new CreateLogStreamCommand({logGroupName: 'nope', logStreamName: 's'})),
			client.send(new PutLogEventsCommand({logGroupName: 'g', logStreamName: 'nope', logEvents: [{timestamp: 1, message: 'm'}]})),
			client.send(new FilterLogEventsCommand({logGroupName: 'nope'})),
			client.send(new FilterLogEventsCommand({logGroupIdentifier: 'arn:aws:logs:us-east-1:123456789012:log-group:nope'})),
			client.send(new GetLogEventsCommand({logGroupName: 'g', logStreamName: 'nope'})),
			client.send(new DescribeLogStreamsCommand({logGroupName: 'nope'})),
		];
		for (const call of calls) {
			const error = await errorOf(call);
			expect(error.name).toBe('ResourceNotFoundException');
			expect(error.$metadata?.httpStatusCode).toBe(400);
		}
	});
});

describe('PutLogEvents and GetLogEvents', () => {
	beforeEach(() => emulator.logs.ensureLogStream('g', 's'));

	it('stores a batch and reads it from the head, from the tail and page by page', async () => {
		const logEvents = Array.from({length: 5}, (_, index) => ({timestamp: 1000 + index, message: `line ${index}`}));
		await client.send(new PutLogEventsCommand({logGroupName: 'g', logStreamName: 's', logEvents}));
		const tail = await client.send(new GetLogEventsCommand({logGroupName: 'g', logStreamName: 's', limit: 2}));
		expect(tail.events?.map((event) => event.message)).toEqual(['line 3', 'line 4']);
		const older = await client.send(new GetLogEventsCommand({logGroupName: 'g', logStreamName: 's', limit: 2, nextToken: tail.nextBackwardToken}));
		expect(older.events?.map((event) => event.message)).toEqual(['line 1', 'line 2']);

		const messages: string[] = [];
		let token: string | undefined;
		for (let round = 0; round < 10; round++) {
			const page = await client.send(new GetLogEventsCommand({logGroupName: 'g', logStreamName: 's', startFromHead: true, limit: 2, nextToken: token}));
			messages.push(...(page.events ?? []).map((event) => event.message ?? ''));
			if (page.nextForwardToken === token) break;
			token = page.nextForwardToken;
		}
		expect(messages).toEqual(logEvents.map((event) => event.message));
		expect(token).toBeDefined();
		// At the end the forward token repeats: that is how a reader knows it caught up.
		const end = await client.send(new GetLogEventsCommand({logGroupName: 'g', logStreamName: 's', nextToken: token}));
		expect(end.events).toEqual([]);
		expect(end.nextForwardToken).toBe(token);
		// New events are read from that same token.
		emulator.logs.putLogEvents('g', 's', [{timestamp: 2000, message: 'later'}]);
		const later = await client.send(new GetLogEventsCommand({logGroupName: 'g', logStreamName: 's', nextToken: token}));
		expect(later.events?.map((event) => event.message)).toEqual(['later']);
	});

	it('applies the time window (start inclusive, end exclusive) to GetLogEvents', async () => {
		emulator.logs.putLogEvents('g', 's', [100, 200, 300].map((timestamp) => ({timestamp, message: `at ${timestamp}`})));
		const page = await client.send(new GetLogEventsCommand({logGroupName: 'g', logStreamName: 's', startTime: 200, endTime: 300, startFromHead: true}));
		expect(page.events?.map((event) => event.timestamp)).toEqual([200]);
	});

	it('rejects batches the service rejects', async () => {
		const unordered = client.send(
			new PutLogEventsCommand({logGroupName: 'g', logStreamName: 's', logEvents: [{timestamp: 2, message: 'b'}, {timestamp: 1, message: 'a'}]}),
		);
		expect((await errorOf(unordered)).name).toBe('InvalidParameterException');
		const empty = client.send(new PutLogEventsCommand({logGroupName: 'g', logStreamName: 's', logEvents: []}));
		expect((await errorOf(empty)).name).toBe('InvalidParameterException');
	});
});

describe('FilterLogEvents', () => {
	beforeEach(() => {
		for (const stream of ['s1', 's2', 'other']) emulator.logs.ensureLogStream('g', stream);
	});

	it('pages 25,000 out-of-order events, each exactly once, by (timestamp, ingestion order)', async () => {
		const streams = ['s1', 's2', 'other'];
		// Batches arrive out of timestamp order, with many events sharing a timestamp across streams.
		for (let batch = 0; batch < 25; batch++) {
			const base = ((batch * 7) % 25) * 1000;
			const stream = streams[batch % 3] ?? 's1';
			emulator.logs.putLogEvents('g', stream, Array.from({length: 1000}, (_, index) => ({timestamp: T0 + base + (index >> 1), message: `b${batch} #${index}`})));
		}
		const {events, pageSizes} = await filterAll({logGroupName: 'g'});
		expect(events).toHaveLength(25_000);
		expect(pageSizes.length).toBeGreaterThanOrEqual(3);
		expect(Math.max(...pageSizes)).toBeLessThanOrEqual(10_000);
		expect(new Set(events.map((event) => event.eventId)).size).toBe(25_000);
		const expected = emulator.logs.allEvents('g').map((event) => event.eventId);
		expect(events.map((event) => event.eventId)).toEqual(expected);
		for (let index = 1; index < events.length; index++) {
			const previous = events[index - 1];
			const current = events[index];
			expect(current!.timestamp! > previous!.timestamp! || (current!.timestamp === previous!.timestamp && current!.eventId! > previous!.eventId!)).toBe(true);
		}
	});

	it('keeps paging exact while events keep arriving', async () => {
		emulator.logs.putLogEvents('g', 's1', Array.from({length: 3000}, (_, index) => ({timestamp: T0 + index, message: `old ${index}`})));
		const before = new Set(emulator.logs.allEvents('g').map((event) => event.eventId));
		const {events} = await filterAll({logGroupName: 'g', limit: 700}, (page) => {
			// Events land behind the cursor (late), ahead of it, and at its timestamps.
			emulator.logs.putLogEvents('g', 's2', [
				{timestamp: T0 + page, message: `late ${page}`},
				{timestamp: T0 + 1000 * page, message: `same ${page}`},
				{timestamp: T0 + 10_000 + page, message: `ahead ${page}`},
			]);
		});
		const seen = events.map((event) => event.eventId);
		expect(new Set(seen).size).toBe(seen.length);
		for (const eventId of before) expect(seen).toContain(eventId);
		expect(events.filter((event) => event.message?.startsWith('ahead')).length).toBeGreaterThan(0);
	});

	it('caps a page at 1 MB', async () => {
		const message = 'x'.repeat(10_000);
		emulator.logs.putLogEvents('g', 's1', Array.from({length: 300}, (_, index) => ({timestamp: T0 + index, message})));
		const {events, pageSizes} = await filterAll({logGroupName: 'g'});
		expect(events).toHaveLength(300);
		expect(pageSizes[0]).toBe(Math.floor(1_048_576 / (10_000 + 26)));
	});

	it('gives every event a unique 56-digit eventId that grows with write order', async () => {
		emulator.logs.putLogEvents('g', 's1', [{timestamp: T0 + 50, message: 'first written'}]);
		emulator.logs.putLogEvents('g', 's2', [{timestamp: T0 + 10, message: 'second written, older'}]);
		emulator.logs.putLogEvents('g', 's1', [{timestamp: T0 + 10, message: 'third written, same time'}]);
		const {events} = await filterAll({logGroupName: 'g'});
		expect(events.map((event) => event.message)).toEqual(['second written, older', 'third written, same time', 'first written']);
		for (const event of events) expect(event.eventId).toMatch(/^\d{56}$/);
		const byWriteOrder = ['first written', 'second written, older', 'third written, same time'].map(
			(message) => BigInt(events.find((event) => event.message === message)?.eventId ?? '0'),
		);
		expect(byWriteOrder[0]! < byWriteOrder[1]! && byWriteOrder[1]! < byWriteOrder[2]!).toBe(true);
	});

	it('selects by time window, stream names, stream prefix and group ARN', async () => {
		emulator.logs.putLogEvents('g', 's1', [{timestamp: 100, message: 'a'}, {timestamp: 200, message: 'b'}]);
		emulator.logs.putLogEvents('g', 's2', [{timestamp: 200, message: 'c'}, {timestamp: 300, message: 'd'}]);
		emulator.logs.putLogEvents('g', 'other', [{timestamp: 200, message: 'e'}]);
		const messages = async (input: FilterLogEventsCommandInput) => (await filterAll(input)).events.map((event) => event.message);
		expect(await messages({logGroupName: 'g', startTime: 200, endTime: 300})).toEqual(['b', 'c', 'e']);
		expect(await messages({logGroupName: 'g', logStreamNames: ['s2']})).toEqual(['c', 'd']);
		expect(await messages({logGroupName: 'g', logStreamNamePrefix: 's'})).toEqual(['a', 'b', 'c', 'd']);
		const arn = 'arn:aws:logs:us-east-1:123456789012:log-group:g';
		expect(await messages({logGroupIdentifier: arn, endTime: 200})).toEqual(['a']);
		expect(await messages({logGroupIdentifier: `${arn}:*`, endTime: 200})).toEqual(['a']);
		const both = await errorOf(client.send(new FilterLogEventsCommand({logGroupName: 'g', logGroupIdentifier: arn})));
		expect(both.name).toBe('InvalidParameterException');
	});

	it('applies filter patterns and rejects malformed ones', async () => {
		emulator.logs.putLogEvents('g', 's1', [
			{timestamp: 1, message: '{"status":"502","routeKey":"sendMessage"}'},
			{timestamp: 2, message: '{"status":"200","routeKey":"$connect"}'},
			{timestamp: 3, message: '(abc) Execution failed due to a timeout error'},
			{timestamp: 4, message: '(abc) Method completed with status: 200'},
		]);
		const messages = async (filterPattern: string) => (await filterAll({logGroupName: 'g', filterPattern})).events.map((event) => event.timestamp);
		expect(await messages('{ $.status >= 500 }')).toEqual([1]);
		expect(await messages('{ $.routeKey = "$conn*" || $.status = 502 }')).toEqual([1, 2]);
		expect(await messages('"Execution failed"')).toEqual([3]);
		expect(await messages('?timeout ?completed')).toEqual([3, 4]);
		expect(await messages('(abc) -timeout')).toEqual([4]);
		const error = await errorOf(client.send(new FilterLogEventsCommand({logGroupName: 'g', filterPattern: '{ $.status >= }'})));
		expect(error.name).toBe('InvalidParameterException');
	});

	it('answers empty pages with a nextToken on a fault, and paging still gets everything', async () => {
		emulator.logs.putLogEvents('g', 's1', Array.from({length: 50}, (_, index) => ({timestamp: T0 + index, message: `m${index}`})));
		emulator.faults.emptyFilterPagesNext(3);
		const first = await client.send(new FilterLogEventsCommand({logGroupName: 'g', limit: 20}));
		expect(first.events).toEqual([]);
		expect(first.nextToken).toBeDefined();
		const {events, pageSizes} = await filterAll({logGroupName: 'g', limit: 20, nextToken: first.nextToken});
		expect(events.map((event) => event.message)).toEqual(Array.from({length: 50}, (_, index) => `m${index}`));
		expect(pageSizes.slice(0, 2)).toEqual([0, 0]);
	});

	it('answers short and empty pages with a token when the scan budget runs out', async () => {
		client.destroy();
		await emulator.stop();
		await startEmulator({filterScanLimit: 100});
		emulator.logs.ensureLogStream('g', 's1');
		emulator.logs.putLogEvents(
			'g',
			's1',
			Array.from({length: 1000}, (_, index) => ({timestamp: T0 + index, message: index % 250 === 0 ? `ERROR ${index}` : `ok ${index}`})),
		);
		const {events, pageSizes} = await filterAll({logGroupName: 'g', filterPattern: 'ERROR'});
		expect(events.map((event) => event.message)).toEqual(['ERROR 0', 'ERROR 250', 'ERROR 500', 'ERROR 750']);
		expect(pageSizes.filter((size) => size === 0).length).toBeGreaterThan(0);
	});
});

describe('ingestion delay', () => {
	it('hides events from Filter and Get until the clock reaches their ingestion time', async () => {
		emulator.logs.ensureLogStream('g', 's');
		emulator.logs.putLogEvents('g', 's', [{timestamp: T0 - 60_000, message: 'late'}], {ingestionDelayMs: 5000});
		emulator.logs.putLogEvents('g', 's', [{timestamp: T0, message: 'on time'}]);
		const visible = async () => (await filterAll({logGroupName: 'g'})).events.map((event) => event.message);
		expect(await visible()).toEqual(['on time']);
		const get = await client.send(new GetLogEventsCommand({logGroupName: 'g', logStreamName: 's', startFromHead: true}));
		expect(get.events?.map((event) => event.message)).toEqual(['on time']);
		now = T0 + 4999;
		expect(await visible()).toEqual(['on time']);
		now = T0 + 5000;
		const {events} = await filterAll({logGroupName: 'g'});
		expect(events.map((event) => [event.message, event.ingestionTime])).toEqual([
			['late', T0 + 5000],
			['on time', T0],
		]);
	});
});
