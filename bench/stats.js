// `apigw-tail stats --since 7d` against the emulator's Logs Insights, beside what answering the same
// question without Insights takes: reading the stage's week back through FilterLogEvents (the built CLI,
// `--since 7d --no-follow`, at --request-rate 10). Time and AWS calls of each, in the same run.
// A week of a WebSocket stage's traffic (both logs, BENCH_STATS_EVENTS events, default 2,000,000) is
// written into the emulator's chat-demo/prod groups first.

import {spawn} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {addStandardApis} from '../dist/emulator/apigw-standard-fixtures.js';
import {Emulator} from '../dist/emulator/server.js';
import {generateTraffic} from '../dist/emulator/traffic.js';
import {awsEnv} from './live.js';

const cli = fileURLToPath(new URL('../bin/apigw-tail.js', import.meta.url));
const WEEK_MS = 7 * 86_400_000;

export async function measureStats({events = Number(process.env.BENCH_STATS_EVENTS ?? 2_000_000)} = {}) {
	const emulator = await Emulator.start({});
	try {
		addStandardApis({apis: emulator.apis, logs: emulator.logs});
		const written = writeWeek(emulator, events);
		const stage = ['--api', 'chat-demo', '--stage', 'prod', '--endpoint-url', emulator.endpoint, '--since', '7d'];
		const stats = await timed(emulator, [cli, 'stats', ...stage, '--bin', '1h', '--output', 'json']);
		const summary = stats.stdout
			.split('\n')
			.filter((line) => line.includes('"stats-summary"'))
			.map((line) => JSON.parse(line))[0];
		const replay = await timed(emulator, [cli, ...stage, '--no-follow', '--output', 'json', '--request-rate', '10', '--transport', 'poll']);
		return {
			events: written.events,
			accessEvents: written.access,
			stats: {seconds: round(stats.seconds), calls: stats.calls, queries: summary?.queries, bytesScanned: summary?.bytesScanned, estimatedCostUsd: summary?.estimatedCostUsd},
			replay: {seconds: round(replay.seconds), calls: replay.calls},
			speedup: round(replay.seconds / stats.seconds),
		};
	} finally {
		await emulator.stop();
	}
}

/** The stage's last week, both logs, stream by stream in time order (as API Gateway writes them). */
function writeWeek(emulator, total) {
	const execution = 'API-Gateway-Execution-Logs_a1b2c3d4e5/prod';
	const accessGroup = '/aws/apigateway/a1b2c3d4e5/prod/access';
	const start = Date.now() - WEEK_MS + 60_000;
	const streams = new Map();
	let events = 0;
	let access = 0;
	for (const {event} of generateTraffic({seed: 17, apiId: 'a1b2c3d4e5', stage: 'prod', executionLogGroup: execution, accessLogGroup: accessGroup, startTime: start, eventsPerSecond: total / (WEEK_MS / 1000 - 120)})) {
		if (events >= total || event.timestamp >= Date.now() - 60_000) break;
		const key = `${event.logGroup}\u0000${event.logStream}`;
		const list = streams.get(key) ?? [];
		list.push({timestamp: event.timestamp, message: event.message});
		streams.set(key, list);
		events++;
		if (event.logGroup === accessGroup) access++;
	}

	for (const [key, list] of streams) {
		const [group, stream] = key.split('\u0000');
		emulator.logs.ensureLogStream(group, stream);
		list.sort((a, b) => a.timestamp - b.timestamp);
		for (let index = 0; index < list.length; index += 10_000) emulator.logs.putLogEvents(group, stream, list.slice(index, index + 10_000));
	}

	return {events, access};
}

/** Runs the CLI (asynchronously: the emulator answers from this process) and counts its AWS calls. */
function timed(emulator, args) {
	const before = emulator.calls.length;
	const started = performance.now();
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, args, {env: awsEnv, stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => {
			// Only the stats lines are kept; the replay's NDJSON is counted, not held.
			if (args.includes('stats')) stdout += chunk;
		});
		child.stderr.on('data', (chunk) => {
			stderr += chunk;
		});
		child.on('error', reject);
		child.on('close', (code) => {
			if (code !== 0) reject(new Error(`${args.slice(1).join(' ')} exited ${code}: ${stderr.slice(-400)}`));
			const calls = {};
			for (const call of emulator.calls.slice(before)) calls[call.operation] = (calls[call.operation] ?? 0) + 1;
			resolve({seconds: (performance.now() - started) / 1000, calls, stdout});
		});
	});
}

function round(value) {
	return Math.round(value * 100) / 100;
}
