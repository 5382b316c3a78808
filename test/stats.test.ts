// End to end: `apigw-tail stats` as a process against the emulator's Logs Insights, over generated
// traffic. Its figures equal what the engine computes from a full replay of the same window's access
// lines, in the demo's JSON format (discovered from --api/--stage) and in every console format (CLF,
// JSON, XML, CSV) given with --log-group and --access-log-format.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {Engine, DEFAULT_LIMITS} from '../source/core/engine.js';
import {ACCESS_LOG_PRESETS, compileAccessFormat} from '../source/core/parse/access-format.js';
import type {RouteMetrics} from '../source/core/stats.js';
import type {LogEvent} from '../source/core/types.js';
import {addStandardApis} from '../source/emulator/apigw-standard-fixtures.js';
import {Emulator} from '../source/emulator/server.js';
import {DEMO_ACCESS_LOG_FORMAT, generateTraffic} from '../source/emulator/traffic.js';
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

beforeAll(async () => {
	emulator = await Emulator.start({});
	addStandardApis({apis: emulator.apis, logs: emulator.logs});
	access = accessTraffic(FROM - 5 * 60_000, TO + 5 * 60_000);
	put(ACCESS_GROUP, access);
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

function accessTraffic(from: number, to: number): LogEvent[] {
	const events: LogEvent[] = [];
	for (const {event} of generateTraffic({
		seed: 13,
		apiId: 'a1b2c3d4e5',
		stage: 'prod',
		executionLogGroup: 'API-Gateway-Execution-Logs_a1b2c3d4e5/prod',
		accessLogGroup: ACCESS_GROUP,
		startTime: from,
		endTime: to,
		eventsPerSecond: 6,
	})) {
		if (event.logGroup === ACCESS_GROUP) events.push({timestamp: event.timestamp, message: event.message, logStream: event.logStream});
	}

	return events;
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
