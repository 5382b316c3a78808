// The stats view's window (issue 13) in the whole App, run by the real live-source runner
// (modes/window-stats.ts) against the in-process emulator's Logs Insights: `i` shows the figures of the
// --since window, equal to what `apigw-tail stats` prints for the same window; `i` again shows this
// session again; going back stops a running query; a failed run is one line in the view; a replay says
// a window needs a live source.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {buildConfig, type LiveConfig} from '../../source/config.js';
import {ERROR_CATEGORIES} from '../../source/core/types.js';
import {addStandardApis} from '../../source/emulator/apigw-standard-fixtures.js';
import {Emulator} from '../../source/emulator/server.js';
import {findTargets} from '../../source/modes/live.js';
import {liveWindowStats, type LiveWindowStats} from '../../source/modes/window-stats.js';
import {CATEGORY_GLYPH} from '../../source/presentation/categories.js';
import {formatDuration} from '../../source/presentation/time-format.js';
import {createAwsClients, type AwsClients} from '../../source/sources/cloudwatch/clients.js';
import type {StatsWindow} from '../../source/sources/insights/stats-window.js';
import {formatCount} from '../../source/ui/components/format.js';
import {UNAVAILABLE_MESSAGE, type WindowStatsSource} from '../../source/ui/state/window-stats.js';
import {demoAccessTraffic} from '../helpers/access-traffic.js';
import {EMULATOR_AWS_ENV, parseNdjson, runCli} from '../helpers/cli.js';
import {renderApp} from '../helpers/ink-app.js';
import {waitFor} from '../helpers/wait.js';
import {chatModel} from './state-fixtures.js';

const ACCESS_GROUP = '/aws/apigateway/a1b2c3d4e5/prod/access';
const ANSWER_MS = 30_000;

let emulator: Emulator;
let clients: AwsClients;
let window: LiveWindowStats;
const savedEnv = process.env;

beforeAll(async () => {
	emulator = await Emulator.start({});
	addStandardApis({apis: emulator.apis, logs: emulator.logs});
	// Inside the default 10m window that ends when `i` is pressed.
	const now = Date.now();
	putAccessTraffic(now - 8 * 60_000, now - 30_000);
	// The SDK reads the keys from process.env itself; the user's own must not be looked up.
	process.env = {...process.env, ...EMULATOR_AWS_ENV};
	delete process.env['AWS_PROFILE'];
	const env = process.env;
	const config = buildConfig(
		{input: [], flags: {api: 'chat-demo', stage: 'prod', endpointUrl: emulator.endpoint, region: 'us-east-1', lambda: false}},
		{env, stdinIsTTY: false, stdoutIsTTY: false},
	) as LiveConfig;
	clients = await createAwsClients(config.aws, env);
	window = liveWindowStats(config, clients, await findTargets(config, clients));
});

afterAll(async () => {
	await window.idle();
	clients.destroy();
	await emulator.stop();
	process.env = savedEnv;
});

/** The real runner, keeping what it answered (for the window it counted). */
function keeping(answers: StatsWindow[]): WindowStatsSource {
	return {label: window.label, run: async (signal, onProgress) => {
		const answer = await window.run(signal, onProgress);
		answers.push(answer);
		return answer;
	}};
}

describe('the stats view: i', () => {
	it('shows the --since window as Logs Insights counts it, the figures of apigw-tail stats for that window, and i again shows this session', async () => {
		const answers: StatsWindow[] = [];
		const app = await renderApp({model: chatModel(), windowStats: keeping(answers)});
		const session = await app.press('s');
		expect(session).toContain('i window');
		await app.press('i');
		const shown = await app.waitForFrame((frame) => frame.includes(' done: '), 'the window\'s figures');
		expect(app.frames.some((frame) => /\[Window stats\] last 10m · Logs Insights counting…/.test(frame))).toBe(true);
		expect(app.frames.some((frame) => / running: \d+\/\d+ queries, [\d,]+ records, [\d.]+ GB scanned, about \$[\d.]+/.test(frame))).toBe(true);

		const {summary} = answers[0]!;
		expect(summary.toMs - summary.fromMs).toBeGreaterThanOrEqual(600_000);
		const title = `${iso(summary.fromMs).slice(0, 10)} ${iso(summary.fromMs).slice(11, 19)}–${iso(summary.toMs).slice(11, 19)} UTC · Logs Insights`;
		if (iso(summary.fromMs).slice(0, 10) === iso(summary.toMs).slice(0, 10)) expect(shown).toContain(title);
		expect(shown).toMatch(new RegExp(`^ done: ${summary.queries}/${summary.queries} queries, [\\d,]+ records, [\\d.]+ GB scanned, about \\$\\d+\\.\\d{4}`, 'm'));

		const cli = await runCli(
			['stats', '--api', 'chat-demo', '--stage', 'prod', '--endpoint-url', emulator.endpoint, '--since', iso(summary.fromMs), '--until', iso(summary.toMs), '--output', 'json'],
			{env: EMULATOR_AWS_ENV},
		);
		expect(cli.code).toBe(0);
		const routes = parseNdjson(cli.stdout).filter((record) => record['type'] === 'route-stats');
		expect(routes.length).toBeGreaterThan(2);
		const {rows, total} = tableOf(shown);
		expect(rows).toEqual(routes.map(expectedCells));
		expect(total.slice(0, 4)).toEqual(['total', ...(['requests', 'connects', 'messages'] as const).map((key) => formatCount(routes.reduce((sum, route) => sum + (route[key] as number), 0)))]);

		expect(await app.press('i')).toBe(session);
		app.unmount();
	}, 60_000);

	it('going back or quitting while a query runs stops it (StopQuery); a failed run is one line in the view', async () => {
		const app = await renderApp({model: chatModel(), windowStats: window});
		await app.press('s');
		emulator.faults.insights.queryFateNext('NeverCompletes');
		const stops = () => emulator.calls.filter((call) => call.operation === 'StopQuery').length;
		const before = stops();
		await app.press('i');
		await app.waitForFrame((frame) => / running: \d+\/[1-9]\d* queries/.test(frame), 'a query running');
		await app.press('i');
		await waitFor(() => stops() > before, ANSWER_MS, 'StopQuery after going back');
		await window.idle();

		emulator.faults.insights.queryFateNext('Failed');
		await app.press('i');
		const failed = await app.waitForFrame((frame) => frame.includes('window failed:'), 'the failure');
		expect(failed).toMatch(/ window failed: Logs Insights query ended Failed: .*\n/);
		expect(failed).toContain('last 10m · Logs Insights failed');
		// Leaving the view ends the window: back in stats, this session shows.
		await app.press('s');
		expect(await app.press('s')).toContain('Route stats');

		// Quitting (the app unmounts) stops a running query too.
		emulator.faults.insights.queryFateNext('NeverCompletes');
		await app.press('i');
		await app.waitForFrame((frame) => / running: \d+\/[1-9]\d* queries/.test(frame), 'a query running');
		const running = stops();
		app.unmount();
		await waitFor(() => stops() > running, ANSWER_MS, 'StopQuery after quitting');
		await window.idle();
	}, 60_000);

	it('in a replay (no live source) says a window needs one', async () => {
		const app = await renderApp({model: chatModel()});
		await app.press('s');
		const frame = await app.press('i');
		expect(frame).toContain(UNAVAILABLE_MESSAGE);
		expect(frame).toContain('Route stats');
		app.unmount();
	});
});

function iso(ms: number): string {
	return new Date(ms).toISOString();
}

/** The route rows and the total row of the stats table, cell by cell (routes have no spaces here). */
function tableOf(frame: string): {rows: string[][]; total: string[]} {
	const lines = frame.split('\n');
	const heading = lines.findIndex((line) => line.trimStart().startsWith('ROUTE'));
	const rule = lines.findIndex((line, index) => index > heading && line.trimStart().startsWith('───'));
	// After the headings, the note row.
	const cells = (line: string) => line.trim().split(/\s+/);
	return {rows: lines.slice(heading + 2, rule).map(cells), total: cells(lines[rule + 1]!)};
}

function expectedCells(record: Record<string, unknown>): string[] {
	const latency = record['integrationLatencyMs'] as Record<'p50' | 'p95' | 'p99', number | null>;
	const errors = record['errors'] as Record<string, number>;
	const present = ERROR_CATEGORIES.filter((category) => errors[category]! > 0);
	return [
		record['route'] as string,
		...(['requests', 'connects', 'messages'] as const).map((key) => formatCount(record[key] as number)),
		...(['p50', 'p95', 'p99'] as const).map((key) => (latency[key] === null ? '-' : formatDuration(latency[key]))),
		'-',
		...(present.length === 0 ? ['-'] : present.flatMap((category) => [CATEGORY_GLYPH[category], formatCount(errors[category]!)])),
	];
}

function putAccessTraffic(from: number, to: number): void {
	const streams = new Map<string, Array<{timestamp: number; message: string}>>();
	for (const event of demoAccessTraffic(from, to)) {
		const stream = event.logStream ?? 's';
		streams.set(stream, [...(streams.get(stream) ?? []), {timestamp: event.timestamp, message: event.message}]);
	}

	for (const [stream, events] of streams) {
		emulator.logs.ensureLogStream(ACCESS_GROUP, stream);
		events.sort((a, b) => a.timestamp - b.timestamp);
		for (let index = 0; index < events.length; index += 1000) emulator.logs.putLogEvents(ACCESS_GROUP, stream, events.slice(index, index + 1000));
	}
}

