// The stats query runner through the real SDK against the emulator's Logs Insights, under faults: a
// busy account (LimitExceededException), queries that end Failed or Timeout or never complete, results
// at the row limit (split, never cut), and Ctrl+C in the middle, in the library and in the built CLI.
// Whatever happens, no query is left running.
import {DescribeQueriesCommand, type CloudWatchLogsClient} from '@aws-sdk/client-cloudwatch-logs';
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {addStandardApis} from '../../source/emulator/apigw-standard-fixtures.js';
import {Emulator} from '../../source/emulator/server.js';
import {DEMO_ACCESS_LOG_FORMAT, generateTraffic} from '../../source/emulator/traffic.js';
import {QueryStopped} from '../../source/sources/insights/query-client.js';
import {foldStatsResults} from '../../source/sources/insights/stats-figures.js';
import {buildLambdaQueries} from '../../source/sources/insights/lambda-queries.js';
import {buildStatsQueries} from '../../source/sources/insights/stats-queries.js';
import {runStatsQueries, type StatsRunOptions} from '../../source/sources/insights/stats-run.js';
import {logsClient} from '../emulator/server-clients.js';
import {runCli} from '../helpers/cli.js';
import {waitFor} from '../helpers/wait.js';

const FROM = Date.UTC(2026, 0, 5, 10, 0, 0);
const TO = FROM + 20 * 60_000;
const GROUP = '/aws/apigateway/a1b2c3d4e5/prod/access';
const FAST = {pollMs: 1, maxDelayMs: 5, maxQueryMs: 60 * 60_000};
const plan = buildStatsQueries(DEMO_ACCESS_LOG_FORMAT, {binMs: 300_000});
/** Without the latency histogram: its rows are distinct latencies, more than a small row limit allows in one bin. */
const COUNTING = plan.queries.filter((query) => !query.name.startsWith('latency'));
const OPTIONS: StatsRunOptions = {logGroupNames: [GROUP], fromMs: FROM, toMs: TO, binMs: 300_000, maxQueries: 3, maxScanBytes: 1024 ** 3, timing: FAST};

let emulator: Emulator;
let client: CloudWatchLogsClient;

beforeAll(async () => {
	emulator = await Emulator.start({});
	addStandardApis({apis: emulator.apis, logs: emulator.logs});
	for (const {event} of generateTraffic({
		seed: 5,
		apiId: 'a1b2c3d4e5',
		stage: 'prod',
		executionLogGroup: 'API-Gateway-Execution-Logs_a1b2c3d4e5/prod',
		accessLogGroup: GROUP,
		startTime: FROM,
		endTime: TO,
		eventsPerSecond: 4,
	})) {
		if (event.logGroup !== GROUP) continue;
		emulator.logs.ensureLogStream(GROUP, 'one');
		emulator.logs.putLogEvents(GROUP, 'one', [{timestamp: event.timestamp, message: event.message}]);
	}

	client = logsClient(emulator.endpoint, {maxAttempts: 1});
});

beforeEach(() => {
	emulator.faults.insights.clear();
});

afterAll(async () => {
	client.destroy();
	await emulator.stop();
});

async function running(): Promise<number> {
	const {queries = []} = await client.send(new DescribeQueriesCommand({}));
	return queries.filter((query) => query.status === 'Running' || query.status === 'Scheduled').length;
}

async function figures(options: Partial<StatsRunOptions> = {}, queries = COUNTING) {
	const run = await runStatsQueries(client, queries, {...OPTIONS, ...options}, new AbortController().signal);
	return {run, figures: foldStatsResults(run.results, plan.columns, 0)};
}

describe('stats queries under faults', () => {
	it('waits out LimitExceededException and gives the same figures', async () => {
		const clean = await figures();
		emulator.faults.insights.limitExceededNext(5);
		const busy = await figures();
		expect(busy.figures).toEqual(clean.figures);
		expect(clean.figures.total.requests).toBeGreaterThan(100);
	});

	it('halves a slice whose rows reach the limit and runs the halves, never cutting a result', async () => {
		const whole = await figures();
		const split = await figures({rowLimit: 8});
		expect(split.figures).toEqual(whole.figures);
		expect(split.run.queries).toBeGreaterThan(whole.run.queries);
	});

	it('projects --max-scan from one probe per set of log groups: the Lambda groups\' bytes count too', async () => {
		const lambdaGroup = '/stats-run/lambda';
		const report = (index: number) => `REPORT RequestId: ${index}\tDuration: ${index}.50 ms\tBilled Duration: ${index + 1} ms\tMemory Size: 128 MB\tMax Memory Used: 70 MB\t\n`;
		const lines = Array.from({length: 200}, (_, index) => ({timestamp: FROM + index * 1000, message: report(index) + 'x'.repeat(2000)}));
		emulator.logs.ensureLogStream(lambdaGroup, 's');
		emulator.logs.putLogEvents(lambdaGroup, 's', lines);
		const lambdaBytes = lines.reduce((total, line) => total + Buffer.byteLength(line.message), 0);
		const accessOnly = (await figures()).run.bytesScanned;
		const lambdaQueries = buildLambdaQueries([lambdaGroup]);
		const both = [...COUNTING, ...lambdaQueries];
		await expect(figures({maxScanBytes: accessOnly + lambdaBytes}, both)).rejects.toThrow(/would scan about/);
		const {run} = await figures({maxScanBytes: accessOnly + lambdaBytes * lambdaQueries.length}, both);
		expect(run.bytesScanned).toBe(accessOnly + lambdaBytes * lambdaQueries.length);
		const durations = run.results.filter((result) => result.query.name === 'lambda-durations').flatMap((result) => result.rows);
		expect(durations.reduce((total, row) => total + Number(row['invocations']), 0)).toBe(200);
		expect(await running()).toBe(0);
	});

	it('refuses a result at the row limit that one bin cannot be split below', async () => {
		await expect(figures({rowLimit: 2})).rejects.toThrow(/returns 2 rows or more for one 300s bin; narrow it with --route or a smaller --bin/);
		expect(await running()).toBe(0);
	});

	it.each(['Failed', 'Timeout'] as const)('reports a query that ends %s and stops every other', async (fate) => {
		emulator.faults.insights.queryFateNext(fate, 2);
		await expect(figures()).rejects.toThrow(new RegExp(`Logs Insights query ended ${fate}`));
		expect(await running()).toBe(0);
	});

	it('stops a query that never completes once it runs past its time', async () => {
		emulator.faults.insights.queryFateNext('NeverCompletes', 1);
		await expect(figures({timing: {...FAST, maxQueryMs: 0}})).rejects.toThrow(/did not complete in 0 min; stopped it/);
		expect(await running()).toBe(0);
	});

	it('stops every running query when interrupted mid-query', async () => {
		emulator.faults.insights.queryFateNext('NeverCompletes', 100);
		const interrupt = new AbortController();
		const run = runStatsQueries(client, COUNTING, {...OPTIONS, onProgress: () => interrupt.abort()}, interrupt.signal);
		await expect(run).rejects.toBeInstanceOf(QueryStopped);
		expect(await running()).toBe(0);
	});

	it('the built CLI stops every running query on Ctrl+C and exits 130', async () => {
		emulator.faults.insights.queryFateNext('NeverCompletes', 100);
		const args = ['stats', '--api', 'chat-demo', '--stage', 'prod', '--endpoint-url', emulator.endpoint, '--since', new Date(FROM).toISOString(), '--until', new Date(TO).toISOString()];
		const env = {AWS_ACCESS_KEY_ID: 'AKIDEMULATOR', AWS_SECRET_ACCESS_KEY: 'emulator-secret', AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true', AWS_PROFILE: undefined};
		const result = await runCli(args, {
			env,
			onSpawn: (child) => {
				child.stdin?.end();
				void waitFor(async () => (await running()) > 0, 20_000, 'a running query').then(() => child.kill('SIGINT'));
			},
		});
		expect(result.code).toBe(130);
		expect(await running()).toBe(0);
	});
});
