// End to end: `apigw-tail --api ... --stage ... --endpoint-url ...` as a process against the project's
// emulator on 127.0.0.1: discovery, backfill and (with follow) live tail, checked through the NDJSON.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {LogEvent} from '../source/core/types.js';
import {addStandardApis} from '../source/emulator/apigw-standard-fixtures.js';
import {Emulator} from '../source/emulator/server.js';
import {generateTraffic, type SimulatedRequestTruth} from '../source/emulator/traffic.js';
import {EMULATOR_AWS_ENV, parseNdjson, runCli} from './helpers/cli.js';

const AWS_ENV = EMULATOR_AWS_ENV;

let emulator: Emulator;
let written: LogEvent[];
let truths: Map<string, SimulatedRequestTruth>;

beforeAll(async () => {
	emulator = await Emulator.start({liveTailTickMs: 100});
	addStandardApis({apis: emulator.apis, logs: emulator.logs});
	({written, truths} = writeTraffic(emulator, Date.now() - 8 * 60_000, Date.now() - 60_000));
});

afterAll(async () => {
	await emulator.stop();
});

describe('apigw-tail --api --stage against the emulator', () => {
	it('discovers both log groups, backfills every event and correlates them (--no-follow)', async () => {
		const result = await runCli(
			['--api', 'chat-demo', '--stage', 'prod', '--endpoint-url', emulator.endpoint, '--since', '15m', '--no-follow', '--output', 'json'],
			{env: AWS_ENV},
		);
		expect(result.code).toBe(0);
		const lines = parseNdjson(result.stdout);
		const summary = lines.at(-1)!;
		expect(summary).toMatchObject({type: 'summary', events: written.length, unparsed: 0, accessFormatGuessed: false});

		const requests = new Map(
			lines.filter((line) => line['type'] === 'request').map((line) => [line['requestId'] as string, line]),
		);
		expect(requests.size).toBe(new Set(written.map((event) => requestIdOf(event))).size);
		// Every simulated failure whose access line was written shows up in its category.
		let checked = 0;
		for (const [requestId, truth] of truths) {
			const request = requests.get(requestId);
			if (!truth.expectedCategory || request?.['access'] === null || request === undefined) continue;
			const categories = (request['errors'] as Array<{category: string}>).map((error) => error.category);
			expect(categories, `${requestId} (${truth.failure})`).toContain(truth.expectedCategory);
			checked++;
		}

		expect(checked).toBeGreaterThan(10);
	});

	it('follows live: new events reach the NDJSON, Ctrl+C prints the rest and the summary', async () => {
		const extra: LogEvent = {
			timestamp: Date.now(),
			logGroup: 'API-Gateway-Execution-Logs_a1b2c3d4e5/prod',
			logStream: 'f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff',
			message: '(LiVeTaIlTeSt0A1=) Method completed with status: 200',
		};
		let stdout = '';
		const result = await runCli(
			['--api', 'a1b2c3d4e5', '--stage', 'prod', '--endpoint-url', emulator.endpoint, '--since', '1m', '--output', 'json', '--settle', '1s'],
			{
				env: AWS_ENV,
				onSpawn(child) {
					child.stdout!.on('data', (chunk: Buffer) => {
						stdout += chunk.toString();
					});
					// Once live tail runs, write one more line; once it is printed, stop.
					const started = Date.now();
					const poll = setInterval(() => {
						if (emulator.liveTailSessionCount > 0 && !stdout.includes('LiVeTaIlTeSt0A1=') && extra.timestamp <= started) {
							extra.timestamp = Date.now();
							emulator.logs.ensureLogStream(extra.logGroup!, extra.logStream!);
							emulator.logs.putLogEvents(extra.logGroup!, extra.logStream!, [{timestamp: extra.timestamp, message: extra.message}]);
						}

						if (stdout.includes('LiVeTaIlTeSt0A1=') || Date.now() - started > 20_000) {
							clearInterval(poll);
							child.kill('SIGINT');
						}
					}, 100);
				},
			},
		);
		expect(result.code).toBe(130);
		const lines = parseNdjson(result.stdout);
		expect(lines.some((line) => line['type'] === 'request' && line['requestId'] === 'LiVeTaIlTeSt0A1=')).toBe(true);
		expect(lines.at(-1)).toMatchObject({type: 'summary'});
		expect(emulator.calls.some((call) => call.operation === 'StartLiveTail')).toBe(true);
	});

	it('an HTTP API (access log only, no apiId or stage in its format): figures under the discovered stage, no WebSocket columns', async () => {
		const group = '/aws/apigateway/h1t2t3p4a5/default/access';
		emulator.logs.ensureLogStream(group, 'orders');
		const line = {requestId: 'HtTpOrDeRs0001=', ip: '198.51.100.7', requestTime: '-', httpMethod: 'GET', routeKey: 'GET /items', status: '200', protocol: 'HTTP/1.1', responseLength: '2', integrationError: '-'};
		emulator.logs.putLogEvents(group, 'orders', [{timestamp: Date.now() - 120_000, message: JSON.stringify(line)}]);
		const args = ['--api', 'orders-http', '--stage', '$default', '--endpoint-url', emulator.endpoint, '--since', '15m', '--no-follow', '--timezone', 'utc'];
		const json = await runCli([...args, '--output', 'json'], {env: AWS_ENV});
		expect(json.code).toBe(0);
		const summary = parseNdjson(json.stdout).at(-1)!;
		expect(Object.keys((summary['metrics'] as {stages: object}).stages)).toEqual(['h1t2t3p4a5/$default']);
		const text = await runCli(args, {env: AWS_ENV});
		expect(text.stdout).toMatch(/^h1t2t3p4a5\/\$default {2}GET \/items {2}1 request /m);
		expect(text.stdout).toMatch(/^\d\d:\d\d:\d\d\.\d{3} {2}GET \/items {8}200 {2}- {8}HtTpOrDeRs0001=$/m);
	});

	it('doctor: exit 0 for a healthy stage, 1 with the fix for a broken one, JSON for scripts', async () => {
		const healthy = await runCli(['doctor', '--api', 'chat-demo', '--stage', 'prod', '--endpoint-url', emulator.endpoint], {env: AWS_ENV});
		expect(healthy.code).toBe(0);
		expect(healthy.stdout).toMatch(/^✓ ok +API: chat-demo \(a1b2c3d4e5\), WEBSOCKET$/m);
		const broken = await runCli(['doctor', '--api', 'chat-demo', '--stage', 'dev', '--endpoint-url', emulator.endpoint, '--output', 'json'], {
			env: AWS_ENV,
		});
		expect(broken.code).toBe(1);
		const report = JSON.parse(broken.stdout) as {healthy: boolean; checks: Array<{id: string; status: string; fix?: string}>};
		expect(report.healthy).toBe(false);
		const logging = report.checks.find((check) => check.id === 'execution-logging')!;
		expect(logging.status).toBe('fail');
		expect(logging.fix).toContain('aws apigatewayv2 update-stage --api-id a1b2c3d4e5 --stage-name dev');
	});

	it('fails with one line for an unknown API, stage or missing credentials', async () => {
		const unknownApi = await runCli(['--api', 'nope', '--stage', 'prod', '--endpoint-url', emulator.endpoint], {env: AWS_ENV});
		expect(unknownApi.code).toBe(1);
		expect(unknownApi.stderr.trimEnd().split('\n')).toHaveLength(1);
		expect(unknownApi.stderr).toMatch(/^apigw-tail: .*nope/);

		const unknownStage = await runCli(['--api', 'chat-demo', '--stage', 'qa', '--endpoint-url', emulator.endpoint], {env: AWS_ENV});
		expect(unknownStage.code).toBe(1);
		expect(unknownStage.stderr).toMatch(/^apigw-tail: .*qa.*prod/);

		const noCredentials = await runCli(['--api', 'chat-demo', '--stage', 'prod', '--endpoint-url', emulator.endpoint], {
			env: {
				...AWS_ENV,
				AWS_ACCESS_KEY_ID: undefined,
				AWS_SECRET_ACCESS_KEY: undefined,
				HOME: '/nonexistent',
				AWS_CONFIG_FILE: '/nonexistent/config',
				AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
			},
		});
		expect(noCredentials.code).toBe(1);
		expect(noCredentials.stderr).toMatch(/^apigw-tail: no AWS credentials/);
		expect(noCredentials.stderr.trimEnd().split('\n')).toHaveLength(1);
	});
});

/** Writes simulated traffic for the demo API's groups, as API Gateway would have, into the emulator. */
function writeTraffic(target: Emulator, from: number, to: number) {
	const byStream = new Map<string, LogEvent[]>();
	const truthById = new Map<string, SimulatedRequestTruth>();
	const events: LogEvent[] = [];
	for (const {event, truth} of generateTraffic({
		seed: 11,
		apiId: 'a1b2c3d4e5',
		stage: 'prod',
		executionLogGroup: 'API-Gateway-Execution-Logs_a1b2c3d4e5/prod',
		accessLogGroup: '/aws/apigateway/a1b2c3d4e5/prod/access',
		startTime: from,
		eventsPerSecond: 20,
	})) {
		if ((event.ingestionTime ?? event.timestamp) > to) break;
		events.push(event);
		truthById.set(truth.requestId, truth);
		const key = `${event.logGroup}\u0000${event.logStream}`;
		byStream.set(key, [...(byStream.get(key) ?? []), event]);
	}

	for (const [key, streamEvents] of byStream) {
		const [group, stream] = key.split('\u0000') as [string, string];
		target.logs.ensureLogStream(group, stream);
		streamEvents.sort((a, b) => a.timestamp - b.timestamp);
		for (let index = 0; index < streamEvents.length; index += 1000) {
			target.logs.putLogEvents(
				group,
				stream,
				streamEvents.slice(index, index + 1000).map(({timestamp, message}) => ({timestamp, message})),
			);
		}
	}

	return {written: events, truths: truthById};
}

function requestIdOf(event: LogEvent): string {
	const prefixed = /^\(([^)]+)\)/.exec(event.message);
	if (prefixed) return prefixed[1]!;
	return (JSON.parse(event.message) as {requestId: string}).requestId;
}
