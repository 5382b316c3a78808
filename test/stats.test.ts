// End to end: `apigw-tail stats` as a process against the emulator's Logs Insights, over generated
// traffic. Its figures equal what the engine computes from a full replay of the same window's access
// lines, in the demo's JSON format (discovered from --api/--stage) and in every console format (CLF,
// JSON, XML, CSV) given with --log-group and --access-log-format; its Lambda figures equal the engine's
// from a replay of the same window's function lines (Text and JSON formats, a custom group).
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {Engine, DEFAULT_LIMITS} from '../source/core/engine.js';
import {ACCESS_LOG_PRESETS, compileAccessFormat} from '../source/core/parse/access-format.js';
import type {RouteMetrics} from '../source/core/stats.js';
import type {LogEvent} from '../source/core/types.js';
import {addStandardApis} from '../source/emulator/apigw-standard-fixtures.js';
import {Emulator} from '../source/emulator/server.js';
import {DEMO_ACCESS_LOG_FORMAT, DEMO_FUNCTIONS, generateTraffic} from '../source/emulator/traffic.js';
import {demoAccessTraffic} from './helpers/access-traffic.js';
import {asStatsFunctionFigures} from './helpers/function-figures.js';
import {parseNdjson, runCli} from './helpers/cli.js';

const AWS_ENV = {
	AWS_ACCESS_KEY_ID: 'AKIDEMULATOR',
	AWS_SECRET_ACCESS_KEY: 'emulator-secret',
	AWS_REGION: 'us-east-1',
	AWS_EC2_METADATA_DISABLED: 'true',
	AWS_PROFILE: undefined,
};
const FROM = Date.UTC(2026, 0, 5, 10, 0, 0);
const TO = FROM + 30 * 60_000;
const ACCESS_GROUP = '/aws/apigateway/a1b2c3d4e5/prod/access';
const WINDOW = ['--since', new Date(FROM).toISOString(), '--until', new Date(TO).toISOString(), '--bin', '5m'];

let emulator: Emulator;
let access: LogEvent[];
let lambda: LogEvent[];

beforeAll(async () => {
	emulator = await Emulator.start({});
	addStandardApis({apis: emulator.apis, logs: emulator.logs});
	access = demoAccessTraffic(FROM - 5 * 60_000, TO + 5 * 60_000);
	put(ACCESS_GROUP, access);
	lambda = lambdaTraffic(FROM, TO);
	for (const group of new Set(lambda.map((event) => event.logGroup!))) put(group, lambda.filter((event) => event.logGroup === group));
});

afterAll(async () => {
	await emulator.stop();
});

describe('apigw-tail stats against the emulator', () => {
	it('counts per route what the engine counts from a replay of the same window (discovered JSON format), with bins and --top', async () => {
		const result = await runCli(['stats', '--api', 'chat-demo', '--stage', 'prod', '--endpoint-url', emulator.endpoint, ...WINDOW, '--output', 'json', '--top', '3'], {env: AWS_ENV});
		expect(result.stderr).toMatch(/^stats: \d+\/\d+ queries, [\d,]+ records/m);
		expect(result.code).toBe(0);
		const records = parseNdjson(result.stdout);
		expect(routeStats(records)).toEqual(engineFigures(access, DEMO_ACCESS_LOG_FORMAT));
		const bins = records.filter((record) => record['type'] === 'bin-stats');
		expect(new Set(bins.map((bin) => bin['start']))).toEqual(new Set(Array.from({length: 6}, (_, index) => new Date(FROM + index * 300_000).toISOString())));
		const total = (rows: Array<Record<string, unknown>>) => rows.reduce((sum, row) => sum + (row['requests'] as number), 0);
		expect(total(bins)).toBe(total(records.filter((record) => record['type'] === 'route-stats')));
		const summary = records.find((record) => record['type'] === 'stats-summary')!;
		expect(summary).toMatchObject({from: new Date(FROM).toISOString(), to: new Date(TO).toISOString()});
		expect(summary['queries']).toBeGreaterThan(5);
		expect(summary['bytesScanned']).toBeGreaterThan(0);
		const topConnections = records.filter((record) => record['type'] === 'top-connection');
		// --top 3 gives three connections even though the requests rejected before routing ('-') have the most errors.
		expect(topConnections).toHaveLength(3);
		expect(topConnections.map((record) => record['connectionId'])).not.toContain('-');
		const errors = topConnections.map((record) => record['errors'] as number);
		expect(errors).toEqual([...errors].sort((a, b) => b - a));
	});

	it('counts per Lambda function what the engine counts from a replay of the same window\'s function lines, between bin-stats and stats-summary', async () => {
		const result = await runCli(['stats', '--api', 'chat-demo', '--stage', 'prod', '--endpoint-url', emulator.endpoint, ...WINDOW, '--output', 'json'], {env: AWS_ENV});
		expect(result.code).toBe(0);
		expect(result.stderr).not.toMatch(/apigw-tail:/);
		const records = parseNdjson(result.stdout);
		const functions = records.filter((record) => record['type'] === 'function-stats');
		expect(Object.fromEntries(functions.map(({type: _, function: name, logGroup: __, ...rest}) => [name as string, rest]))).toEqual(engineFunctionFigures(lambda));
		expect(Object.fromEntries(functions.map((record) => [record['function'], record['logGroup']]))).toEqual(
			Object.fromEntries(Object.values(DEMO_FUNCTIONS).map((fn) => [fn.name, fn.logGroup])),
		);
		// Not all zeros: the window's traffic has cold starts and every kind of failure somewhere.
		const sum = (key: string) => functions.reduce((total, record) => total + (record[key] as number), 0);
		for (const key of ['invocations', 'coldStarts', 'errors', 'timeouts']) expect(sum(key), key).toBeGreaterThan(0);
		const types = records.map((record) => record['type']);
		expect(types.lastIndexOf('bin-stats')).toBeLessThan(types.indexOf('function-stats'));
		expect(types.lastIndexOf('function-stats')).toBeLessThan(types.indexOf('stats-summary'));
	});

	it('--no-lambda gives no function figures and no Lambda queries', async () => {
		const args = ['stats', '--api', 'chat-demo', '--stage', 'prod', '--endpoint-url', emulator.endpoint, ...WINDOW, '--output', 'json'];
		const [withLambda, without] = await Promise.all([runCli(args, {env: AWS_ENV}), runCli([...args, '--no-lambda'], {env: AWS_ENV})]);
		expect(without.code).toBe(0);
		const records = parseNdjson(without.stdout);
		expect(records.filter((record) => record['type'] === 'function-stats')).toEqual([]);
		const queries = (output: string) => parseNdjson(output).find((record) => record['type'] === 'stats-summary')!['queries'] as number;
		expect(queries(without.stdout)).toBeLessThan(queries(withLambda.stdout));
		expect(routeStats(records)).toEqual(routeStats(parseNdjson(withLambda.stdout)));
	});

	it('--lambda-log-group adds a function\'s group to --log-group, and contradicts --no-lambda', async () => {
		const connect = DEMO_FUNCTIONS['chat-connect'];
		const args = ['stats', '--log-group', ACCESS_GROUP, '--access-log-format', DEMO_ACCESS_LOG_FORMAT, '--endpoint-url', emulator.endpoint, ...WINDOW, '--output', 'json'];
		const result = await runCli([...args, '--lambda-log-group', connect.logGroup], {env: AWS_ENV});
		expect(result.code).toBe(0);
		const functions = parseNdjson(result.stdout).filter((record) => record['type'] === 'function-stats');
		expect(functions).toEqual([{type: 'function-stats', function: connect.name, logGroup: connect.logGroup, ...(engineFunctionFigures(lambda)[connect.name] as object)}]);
		const refused = await runCli([...args, '--lambda-log-group', connect.logGroup, '--no-lambda'], {env: AWS_ENV});
		expect(refused.code).not.toBe(0);
		expect(refused.stderr).toMatch(/--lambda-log-group and --no-lambda contradict each other/);
	});

	it.each(Object.entries(ACCESS_LOG_PRESETS.websocket))('the same figures from the %s console format, given with --log-group', async (name, template) => {
		const group = `/stats/${name}`;
		const rendered = access.map((event) => ({...event, message: render(template, event.message)}));
		put(group, rendered);
		const result = await runCli(
			['stats', '--log-group', group, '--access-log-format', template, '--endpoint-url', emulator.endpoint, ...WINDOW, '--output', 'json'],
			{env: AWS_ENV},
		);
		expect(result.stderr).not.toMatch(/apigw-tail:/);
		expect(routeStats(parseNdjson(result.stdout))).toEqual(engineFigures(rendered, template));
	});

	it('prints a table per route with a total row and a chart per bin, without colour off a terminal', async () => {
		const result = await runCli(['stats', '--api', 'chat-demo', '--stage', 'prod', '--endpoint-url', emulator.endpoint, ...WINDOW, '--top', '2'], {env: AWS_ENV});
		expect(result.code).toBe(0);
		const lines = result.stdout.split('\n');
		expect(lines.find((line) => line.startsWith('route'))).toMatch(/requests\s+connect\s+message\s+discon/);
		expect(lines.some((line) => /^total\s+[\d,]+/.test(line))).toBe(true);
		// The Lambda table under the route table, its columns aligned: every row as long as its header.
		const lambdaAt = lines.indexOf('Lambda functions');
		expect(lambdaAt).toBeGreaterThan(lines.findIndex((line) => line.startsWith('total')));
		expect(lines[lambdaAt + 1]).toMatch(/^function\s+invocations\s+cold\s+errors\s+timeouts\s+failures\s+p50 ms\s+p95 ms\s+p99 ms$/);
		const functionRows = lines.slice(lambdaAt + 2, lambdaAt + 2 + Object.keys(DEMO_FUNCTIONS).length);
		expect(functionRows.map((line) => line.split(/\s+/)[0]).sort()).toEqual(Object.keys(DEMO_FUNCTIONS).sort());
		for (const row of functionRows) expect(row.length).toBe(lines[lambdaAt + 1]!.length);
		expect(lines.find((line) => line.startsWith('requests '))).toMatch(/[▁▂▃▄▅▆▇█]+\s+peak [\d,]+$/);
		expect(result.stdout).toMatch(/apigw-tail --api a1b2c3d4e5 --stage prod --connection \S+ --since 2026-01-05T10:00:00Z --no-follow/);
		// The ready commands of both request lists start in one column, whatever the route's length.
		const commandColumns = lines.filter((line) => /^\s+\d+ ms\s/.test(line)).map((line) => line.indexOf('apigw-tail'));
		expect(commandColumns.length).toBeGreaterThan(1);
		expect(new Set(commandColumns).size).toBe(1);
		expect(result.stdout).not.toContain('\u001B[');
	});

	it('refuses a window projected past --max-scan, saying what it would cost and how to allow it', async () => {
		const result = await runCli(['stats', '--api', 'chat-demo', '--stage', 'prod', '--endpoint-url', emulator.endpoint, ...WINDOW, '--max-scan', '1kb'], {env: AWS_ENV});
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/^apigw-tail: this window would scan about [\d.]+ GB \(about \$[\d.]+ at \$0.005\/GB\).*allow it with --max-scan \d+GB\n$/m);
		expect(result.stdout).toBe('');
	});
});

/** The demo functions' lines of invocations that start and end inside the window (a later simulation than the access lines'). */
function lambdaTraffic(from: number, to: number): LogEvent[] {
	const events: LogEvent[] = [];
	// Every invocation's lines end within a timeout (30 s) of its request: ending the traffic 2 min early keeps each whole.
	for (const item of generateTraffic({
		seed: 31,
		apiId: 'a1b2c3d4e5',
		stage: 'prod',
		executionLogGroup: 'API-Gateway-Execution-Logs_a1b2c3d4e5/prod',
		accessLogGroup: ACCESS_GROUP,
		startTime: from + 1000,
		endTime: to - 120_000,
		eventsPerSecond: 6,
		lambdaLogs: true,
	})) {
		if ('invocation' in item) events.push({log: 'lambda', logGroup: item.event.logGroup, timestamp: item.event.timestamp, message: item.event.message, logStream: item.event.logStream});
	}

	expect(events.every((event) => event.timestamp >= from && event.timestamp < to)).toBe(true);
	return events;
}

/** The engine's per-function figures from a replay of the function lines, in the NDJSON's shape. */
function engineFunctionFigures(events: LogEvent[]): Record<string, unknown> {
	const custom = new Map(Object.values(DEMO_FUNCTIONS).map((fn) => [fn.logGroup, fn.name]));
	const engine = new Engine({...DEFAULT_LIMITS, accessParser: compileAccessFormat(DEMO_ACCESS_LOG_FORMAT), lambdaLogGroups: custom});
	engine.ingest([...events].sort((a, b) => a.timestamp - b.timestamp));
	engine.finish();
	return Object.fromEntries(
		engine.summary().functions.map((figures) => [figures.function, asStatsFunctionFigures(figures)]),
	);
}

function put(group: string, events: LogEvent[]): void {
	const streams = new Map<string, LogEvent[]>();
	for (const event of events) streams.set(event.logStream ?? 's', [...(streams.get(event.logStream ?? 's') ?? []), event]);
	for (const [stream, own] of streams) {
		emulator.logs.ensureLogStream(group, stream);
		own.sort((a, b) => a.timestamp - b.timestamp);
		for (let index = 0; index < own.length; index += 1000) {
			emulator.logs.putLogEvents(group, stream, own.slice(index, index + 1000).map(({timestamp, message}) => ({timestamp, message})));
		}
	}
}

/** A demo access line written again in another format: the fields it logged, `-` for the rest. */
function render(template: string, demoLine: string): string {
	const parsed = compileAccessFormat(DEMO_ACCESS_LOG_FORMAT).parse(demoLine);
	const fields = parsed.ok ? parsed.fields : {};
	return template.replace(/\$context\.([A-Za-z.]+[A-Za-z])/g, (_, variable: string) => fields[variable] ?? (variable === 'requestTime' ? '05/Jan/2026:10:00:00 +0000' : '-'));
}

/** The engine's per-route figures from a full replay of the window's access lines, in the NDJSON's shape. */
function engineFigures(events: LogEvent[], template: string): Record<string, unknown> {
	const engine = new Engine({...DEFAULT_LIMITS, accessParser: compileAccessFormat(template)});
	engine.ingest(events.filter((event) => event.timestamp >= FROM && event.timestamp < TO).map((event) => ({...event, log: 'access' as const})));
	engine.finish();
	const routes: Record<string, unknown> = {};
	for (const stage of Object.values(engine.summary().metrics.stages)) {
		for (const [route, metrics] of Object.entries(stage.routes)) routes[route] = shape(metrics);
	}

	return routes;
}

function shape(metrics: RouteMetrics): Record<string, unknown> {
	const {p50, p95, p99} = metrics.integrationLatency;
	return {
		requests: metrics.requests,
		connects: metrics.connectCount,
		messages: metrics.messageCount,
		disconnects: metrics.disconnectCount,
		errors: metrics.errors,
		integrationLatencyMs: {p50, p95, p99},
	};
}

function routeStats(records: Array<Record<string, unknown>>): Record<string, unknown> {
	return Object.fromEntries(
		records.filter((record) => record['type'] === 'route-stats').map(({type: _, route, ...rest}) => [route as string, rest]),
	);
}
