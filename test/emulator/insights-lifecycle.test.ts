// The life of a Logs Insights query as the real SDK client sees it: Scheduled, Running with partial
// results, Complete; statistics; the row limit and paging; StopQuery, DescribeQueries; the input
// errors and faults (LimitExceeded, Failed, Timeout, Cancelled, a query that never completes).

import {
	DescribeQueriesCommand,
	GetQueryResultsCommand,
	StartQueryCommand,
	StopQueryCommand,
	type CloudWatchLogsClient,
} from '@aws-sdk/client-cloudwatch-logs';
import {afterEach, describe, expect, it} from 'vitest';
import {Emulator, type EmulatorOptions} from '../../source/emulator/server.js';
import {GROUP, loadFixture, rowsOf, runQuery, T0} from './insights-client.js';
import {logsClient} from './server-clients.js';

let now = T0 + 86_400_000;
let emulator: Emulator;
let client: CloudWatchLogsClient;

async function start(options: EmulatorOptions = {}): Promise<void> {
	now = T0 + 86_400_000;
	emulator = await Emulator.start({clock: () => now, ...options});
	client = logsClient(emulator.endpoint, {maxAttempts: 1});
}

afterEach(async () => {
	client.destroy();
	await emulator.stop();
});

/** `count` events one second apart from T0, on one stream of GROUP. */
function putMany(count: number): void {
	emulator.logs.ensureLogStream(GROUP, 'bulk');
	const events = Array.from({length: count}, (_, index) => ({timestamp: T0 + index * 1000, message: `{"n":${index},"status":"${index % 10 === 0 ? 500 : 200}"}`}));
	for (let index = 0; index < events.length; index += 10_000) emulator.logs.putLogEvents(GROUP, 'bulk', events.slice(index, index + 10_000));
}

async function failure(promise: Promise<unknown>): Promise<Error> {
	try {
		await promise;
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected the call to fail');
}

const startInput = (queryString: string) => ({logGroupName: GROUP, startTime: T0 / 1000, endTime: T0 / 1000 + 86_400, queryString});

describe('Logs Insights query lifecycle', () => {
	it('goes Scheduled, Running with growing partial results, then Complete; the step is counted in polls', async () => {
		await start({insightsScanStep: 1000});
		putMany(3500);
		const {queryId = ''} = await client.send(new StartQueryCommand(startInput('stats count(*) as n')));
		const polls = [];
		for (let poll = 0; poll < 6; poll++) {
			const output = await client.send(new GetQueryResultsCommand({queryId}));
			polls.push({status: output.status, n: rowsOf(output)[0]?.['n'], scanned: output.statistics?.recordsScanned});
		}
		expect(polls).toEqual([
			{status: 'Scheduled', n: undefined, scanned: 0},
			{status: 'Running', n: '1000', scanned: 1000},
			{status: 'Running', n: '2000', scanned: 2000},
			{status: 'Running', n: '3000', scanned: 3000},
			{status: 'Complete', n: '3500', scanned: 3500},
			{status: 'Complete', n: '3500', scanned: 3500},
		]);
	});

	it('reports statistics: records matched and scanned, bytes scanned, log groups', async () => {
		await start();
		loadFixture(emulator);
		const run = await runQuery(client, 'filter status >= 500');
		const bytes = emulator.logs.allEvents(GROUP).reduce((sum, event) => sum + Buffer.byteLength(event.message), 0);
		expect(run.last.statistics).toMatchObject({recordsMatched: 2, recordsScanned: 13, bytesScanned: bytes, logGroupsScanned: 1, resultCount: 2});
	});

	it('answers 10,000 rows by default, in pages of maxItems with a nextToken, and honours StartQuery limit and the limit command', async () => {
		await start();
		putMany(12_000);
		const full = await runQuery(client, 'fields n');
		expect(full.rows).toHaveLength(10_000);
		expect(full.last.nextToken).toBeUndefined();

		const big = await runQuery(client, 'fields n', {limit: 12_000});
		expect(big.rows).toHaveLength(10_000);
		expect(big.last.statistics?.resultCount).toBe(12_000);
		const second = await client.send(new GetQueryResultsCommand({queryId: big.queryId, nextToken: big.last.nextToken}));
		expect(rowsOf(second).map((row) => row['n'])).toEqual(Array.from({length: 2000}, (_, index) => String(1999 - index)));
		expect(second.nextToken).toBeUndefined();

		const paged = await client.send(new GetQueryResultsCommand({queryId: big.queryId, maxItems: 5000}));
		expect(paged.results).toHaveLength(5000);
		expect(paged.nextToken).toBeDefined();

		expect((await runQuery(client, 'fields n', {limit: 100})).rows).toHaveLength(100);
		expect((await runQuery(client, 'fields n | limit 20')).rows).toHaveLength(20);
		expect((await runQuery(client, 'stats count(*) by n', {limit: 50})).rows).toHaveLength(50);
		// The sort sees every event, not just the first rows of the limit.
		expect((await runQuery(client, 'fields n | sort n asc | limit 3')).rows.map((row) => row['n'])).toEqual(['0', '1', '2']);
	});

	it('takes startTime and endTime as inclusive epoch seconds and skips events not yet ingested', async () => {
		await start();
		emulator.logs.ensureLogStream(GROUP, 's');
		emulator.logs.putLogEvents(GROUP, 's', [
			{timestamp: T0 - 1, message: 'before'},
			{timestamp: T0, message: 'first'},
			{timestamp: T0 + 10_999, message: 'last'},
			{timestamp: T0 + 11_000, message: 'after'},
		]);
		emulator.logs.putLogEvents(GROUP, 's', [{timestamp: T0 + 5000, message: 'late'}], {ingestionDelayMs: 60_000});
		const run = await runQuery(client, 'fields @message', {startTime: T0 / 1000, endTime: T0 / 1000 + 10});
		expect(run.rows.map((row) => row['@message'])).toEqual(['last', 'first']);
	});

	it('queries several groups by name or ARN; @log tells them apart', async () => {
		await start();
		for (const group of ['a', 'b']) {
			emulator.logs.ensureLogStream(group, 's');
			emulator.logs.putLogEvents(group, 's', [{timestamp: T0, message: group}]);
		}
		const run = await runQuery(client, 'stats count(*) as n by @log | sort @log', {logGroupName: undefined, logGroupIdentifiers: ['a', 'arn:aws:logs:us-east-1:123456789012:log-group:b']});
		expect(run.rows).toEqual([
			{'@log': '123456789012:a', n: '1'},
			{'@log': '123456789012:b', n: '1'},
		]);
	});

	it('StopQuery cancels a running query; stopping it again is an error; DescribeQueries lists queries with their status', async () => {
		await start({insightsScanStep: 10});
		putMany(100);
		const {queryId: stopped = ''} = await client.send(new StartQueryCommand(startInput('fields n')));
		await client.send(new GetQueryResultsCommand({queryId: stopped}));
		await client.send(new GetQueryResultsCommand({queryId: stopped}));
		expect(await client.send(new StopQueryCommand({queryId: stopped}))).toMatchObject({success: true});
		const after = await client.send(new GetQueryResultsCommand({queryId: stopped}));
		expect(after.status).toBe('Cancelled');
		expect(after.results).toHaveLength(10);
		expect((await failure(client.send(new StopQueryCommand({queryId: stopped})))).name).toBe('InvalidParameterException');

		const done = await runQuery(client, 'fields n');
		const {queryId: waiting = ''} = await client.send(new StartQueryCommand(startInput('stats count(*)')));
		const {queries = []} = await client.send(new DescribeQueriesCommand({logGroupName: GROUP}));
		expect(queries.map((query) => [query.queryId, query.status])).toEqual([
			[waiting, 'Scheduled'],
			[done.queryId, 'Complete'],
			[stopped, 'Cancelled'],
		]);
		expect(queries[0]).toMatchObject({queryString: 'stats count(*)', logGroupName: GROUP, createTime: now, queryLanguage: 'CWLI'});
		const cancelled = await client.send(new DescribeQueriesCommand({status: 'Cancelled'}));
		expect(cancelled.queries?.map((query) => query.queryId)).toEqual([stopped]);
		const page = await client.send(new DescribeQueriesCommand({maxResults: 2}));
		expect(page.queries).toHaveLength(2);
		expect((await client.send(new DescribeQueriesCommand({nextToken: page.nextToken}))).queries?.map((query) => query.queryId)).toEqual([stopped]);
		expect((await failure(client.send(new GetQueryResultsCommand({queryId: 'no-such-query'})))).name).toBe('ResourceNotFoundException');
	});

	it('answers MalformedQueryException with where the query went wrong', async () => {
		await start();
		loadFixture(emulator);
		const error = await failure(client.send(new StartQueryCommand(startInput('fields @message\n| limit 0'))));
		expect(error.name).toBe('MalformedQueryException');
		expect(error.message).toBe('limit must be between 1 and 10000 at line 2 and position 9');
	});

	it('rejects bad input as the service does', async () => {
		await start();
		loadFixture(emulator);
		const cases: Array<[Record<string, unknown>, string]> = [
			[{logGroupNames: [GROUP]}, 'InvalidParameterException'],
			[{logGroupName: '/no/such/group'}, 'ResourceNotFoundException'],
			[{endTime: T0 / 1000 - 1}, 'InvalidParameterException'],
			[{limit: 100_001}, 'InvalidParameterException'],
			[{queryLanguage: 'SQL'}, 'InvalidParameterException'],
		];
		for (const [change, name] of cases) {
			expect((await failure(client.send(new StartQueryCommand({...startInput('fields @message'), ...change})))).name, JSON.stringify(change)).toBe(name);
		}
	});

	it('refuses StartQuery past the concurrency quota (LimitExceededException) until a query ends or is stopped', async () => {
		await start({insightsMaxConcurrentQueries: 2});
		loadFixture(emulator);
		const first = await client.send(new StartQueryCommand(startInput('fields @message')));
		await client.send(new StartQueryCommand(startInput('fields @message')));
		const refused = await failure(client.send(new StartQueryCommand(startInput('fields @message'))));
		expect(refused.name).toBe('LimitExceededException');
		await client.send(new StopQueryCommand({queryId: first.queryId}));
		await client.send(new StartQueryCommand(startInput('fields @message')));
	});

	it('faults: LimitExceeded on the next StartQuery; queries that fail, time out, are cancelled or never complete', async () => {
		await start({insightsScanStep: 5});
		loadFixture(emulator);
		emulator.faults.insights.limitExceededNext(1);
		expect((await failure(client.send(new StartQueryCommand(startInput('fields @message'))))).name).toBe('LimitExceededException');

		emulator.faults.insights.queryFateNext('Failed');
		const failed = await runQuery(client, 'fields @message');
		expect(failed.statuses).toEqual(['Scheduled', 'Running', 'Running', 'Failed']);
		expect(failed.rows).toEqual([]);

		emulator.faults.insights.queryFateNext('Timeout');
		expect((await runQuery(client, 'fields @message')).statuses.at(-1)).toBe('Timeout');
		emulator.faults.insights.queryFateNext('Cancelled');
		expect((await runQuery(client, 'fields @message')).statuses.at(-1)).toBe('Cancelled');

		emulator.faults.insights.queryFateNext('NeverCompletes');
		const endless = await runQuery(client, 'stats count(*) as n', {}, 10);
		expect(endless.statuses).toEqual(['Scheduled', ...Array.from({length: 9}, () => 'Running')]);
		expect(endless.rows).toEqual([{n: '13'}]);
		await client.send(new StopQueryCommand({queryId: endless.queryId}));
		expect((await client.send(new GetQueryResultsCommand({queryId: endless.queryId}))).status).toBe('Cancelled');
	});

	it('times a query out after 60 minutes of the emulator clock', async () => {
		await start({insightsScanStep: 1});
		loadFixture(emulator);
		const {queryId = ''} = await client.send(new StartQueryCommand(startInput('fields @message')));
		await client.send(new GetQueryResultsCommand({queryId}));
		now += 61 * 60 * 1000;
		expect((await client.send(new GetQueryResultsCommand({queryId}))).status).toBe('Timeout');
	});
});
