// Live figures, against the project's emulator on 127.0.0.1 (one second per live tail update, as AWS):
// - latency from PutLogEvents to the request's NDJSON line through StartLiveTail, p50/p95, next to a bare
//   AWS SDK StartLiveTail subscriber on the same events in the same run (the floor the update ticks set);
// - backfill throughput over 200,000 events through FilterLogEvents on an emulator answering each call
//   after 80-200 ms (as AWS does), and, when the AWS CLI v2 is installed, `aws logs tail` over the same
//   events on the same emulator in the same run, as a ratio.

import {spawn, spawnSync} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {CloudWatchLogsClient, StartLiveTailCommand} from '@aws-sdk/client-cloudwatch-logs';
import {Emulator} from '../dist/emulator/server.js';
import {logGroupArn} from '../dist/emulator/logs-store.js';
import {median} from './median.js';

const cli = fileURLToPath(new URL('../bin/apigw-tail.js', import.meta.url));
const transportOnly = fileURLToPath(new URL('./backfill-transport-only.js', import.meta.url));
const dataDir = fileURLToPath(new URL('./.data/', import.meta.url));
/** The environment the benchmarks run the CLI (and `aws`) in against the emulator: any credentials do. */
export const awsEnv = {
	...process.env,
	AWS_ACCESS_KEY_ID: 'AKIDBENCH',
	AWS_SECRET_ACCESS_KEY: 'bench-secret',
	AWS_REGION: 'us-east-1',
	AWS_EC2_METADATA_DISABLED: 'true',
};

export async function measureLive({backfillEvents = 200_000, latencySamples = 40} = {}) {
	const emulator = await Emulator.start({liveTailTickMs: 1000});
	let latency;
	try {
		latency = await liveLatency(emulator, latencySamples);
	} finally {
		await emulator.stop();
	}

	// Backfill against calls that take as long as on AWS (a FilterLogEvents page: 80-200 ms): with
	// instant answers it would only be a race against the request budget.
	const slow = await Emulator.start({latencyMs: BACKFILL_LATENCY_MS});
	try {
		return {latency, backfill: {...(await backfillThroughput(slow, backfillEvents)), latencyMs: BACKFILL_LATENCY_MS}};
	} finally {
		await slow.stop();
	}
}

const BACKFILL_LATENCY_MS = [80, 200];

async function liveLatency(emulator, samples) {
	const group = 'API-Gateway-Execution-Logs_latency/prod';
	emulator.logs.createLogGroup(group);
	emulator.logs.ensureLogStream(group, 'a'.repeat(32));
	const child = spawn(
		process.execPath,
		[cli, '--log-group', group, '--endpoint-url', emulator.endpoint, '--since', '1m', '--output', 'json', '--settle', '0s'],
		{env: awsEnv, stdio: ['ignore', 'pipe', 'pipe']},
	);
	const seenAt = new Map();
	let buffer = '';
	child.stdout.on('data', (chunk) => {
		buffer += chunk;
		const lines = buffer.split('\n');
		buffer = lines.pop();
		for (const line of lines) {
			const match = /"requestId":"(lat-\d+)"/.exec(line);
			if (match && !seenAt.has(match[1])) seenAt.set(match[1], performance.now());
		}
	});
	const bare = await bareLiveTail(emulator, group);
	await waitFor(() => emulator.liveTailSessionCount > 1, 20_000);
	const putAt = new Map();
	for (let index = 0; index < samples; index++) {
		const id = `lat-${index}`;
		putAt.set(id, performance.now());
		emulator.logs.putLogEvents(group, 'a'.repeat(32), [{timestamp: Date.now(), message: `(${id}) Method completed with status: 200`}]);
		// Spread over the update ticks, so samples land at every phase of a tick.
		await sleep(137);
	}

	await waitFor(() => seenAt.size === samples && bare.seenAt.size === samples, 30_000);
	child.kill('SIGINT');
	bare.stop();
	const ours = latencyFigures(putAt, seenAt);
	const floor = latencyFigures(putAt, bare.seenAt);
	return {samples, ...ours, bareSdkP50Ms: floor.p50Ms, bareSdkP95Ms: floor.p95Ms, p95Ratio: round(ours.p95Ms / floor.p95Ms)};
}

function latencyFigures(putAt, seenAt) {
	const latencies = [...putAt].map(([id, at]) => seenAt.get(id) - at).sort((a, b) => a - b);
	return {p50Ms: Math.round(percentile(latencies, 0.5)), p95Ms: Math.round(percentile(latencies, 0.95))};
}

/** The AWS SDK's StartLiveTail alone, in this process: when each `lat-N` event arrives. */
async function bareLiveTail(emulator, group) {
	const client = new CloudWatchLogsClient({
		endpoint: emulator.endpoint,
		region: awsEnv.AWS_REGION,
		credentials: {accessKeyId: awsEnv.AWS_ACCESS_KEY_ID, secretAccessKey: awsEnv.AWS_SECRET_ACCESS_KEY},
		disableHostPrefix: true,
	});
	const abort = new AbortController();
	const seenAt = new Map();
	const response = await client.send(new StartLiveTailCommand({logGroupIdentifiers: [logGroupArn(group)]}), {abortSignal: abort.signal});
	(async () => {
		for await (const item of response.responseStream) {
			for (const event of item.sessionUpdate?.sessionResults ?? []) {
				const match = /^\((lat-\d+)\)/.exec(event.message ?? '');
				if (match && !seenAt.has(match[1])) seenAt.set(match[1], performance.now());
			}
		}
	})().catch(() => {
		// Ends with the abort below.
	});
	return {
		seenAt,
		stop() {
			abort.abort();
			client.destroy();
		},
	};
}

async function backfillThroughput(emulator, events) {
	const group = 'API-Gateway-Execution-Logs_backfill/prod';
	emulator.logs.createLogGroup(group);
	const start = Date.now() - 30 * 60_000;
	const streams = 8;
	// The same events as a saved FilterLogEvents NDJSON file, for the engine-alone half of the bound below.
	const saved = [];
	for (let stream = 0; stream < streams; stream++) {
		const name = String(stream).repeat(32).slice(0, 32);
		emulator.logs.ensureLogStream(group, name);
		for (let offset = stream; offset < events; offset += streams * 1000) {
			const batch = [];
			for (let index = offset; index < Math.min(events, offset + streams * 1000); index += streams) {
				batch.push({timestamp: start + Math.floor((index * 30 * 60_000) / events), message: `(bf-${Math.floor(index / 10)}) Method request body before transformations: {"n":${index}}`});
			}

			emulator.logs.putLogEvents(group, name, batch);
			for (const event of batch) saved.push({...event, logGroupName: group, logStreamName: name});
		}
	}

	saved.sort((a, b) => a.timestamp - b.timestamp);
	mkdirSync(dataDir, {recursive: true});
	const savedFile = `${dataDir}backfill-events.ndjson`;
	writeFileSync(savedFile, `${saved.map((event) => JSON.stringify(event)).join('\n')}\n`);
	saved.length = 0;

	const backfill = (rate) =>
		timed(process.execPath, [cli, '--log-group', group, '--endpoint-url', emulator.endpoint, '--since', '1h', '--no-follow', '--request-rate', String(rate)]);
	// The default budget (3 calls/s) is what limits a large backfill; 10/s is most regions' quota.
	const ours = await backfill(3);
	const fast = await backfill(10);
	// This machine's bound at 10 calls/s: the transport alone (FilterLogEvents, decoding, de-duplication) and
	// the engine alone (`replay` of the same events) at the same time in two processes, until both are done:
	// the CLI does both halves' work, so no design of it, a worker thread included, finishes sooner than the
	// two halves sharing the cores with the emulator. Median of three.
	const bound = await median(3, async () => {
		const [transport, engine] = await Promise.all([
			timed(process.execPath, [transportOnly, emulator.endpoint, group, String(60 * 60_000), '10']),
			timed(process.execPath, [cli, 'replay', savedFile, '--output', 'text']),
		]);
		return Math.max(transport.seconds, engine.seconds);
	});
	const result = {
		events,
		seconds: round(ours.seconds),
		eventsPerSecond: Math.round(events / ours.seconds),
		at10PerSecond: {seconds: round(fast.seconds), eventsPerSecond: Math.round(events / fast.seconds)},
		boundAt10PerSecond: {seconds: round(bound), eventsPerSecond: Math.round(events / bound)},
	};
	const aws = awsCliV2();
	if (aws === undefined) return {...result, awsCli: 'AWS CLI v2 not installed (Debian package awscli)'};
	const theirs = await timed(aws, ['logs', 'tail', group, '--since', '1h', '--endpoint-url', emulator.endpoint, '--format', 'short']);
	return {
		...result,
		awsCliSeconds: round(theirs.seconds),
		speedupVsAwsCli: round(theirs.seconds / ours.seconds),
		speedupVsAwsCliAt10PerSecond: round(theirs.seconds / fast.seconds),
		boundSpeedupVsAwsCliAt10PerSecond: round(theirs.seconds / bound),
	};
}

/** `aws logs tail` exists in v2 only; a v1 `aws` (pip) may come first on PATH. */
function awsCliV2() {
	for (const candidate of ['aws', '/usr/bin/aws', '/usr/local/bin/aws']) {
		const version = spawnSync(candidate, ['--version'], {encoding: 'utf8'});
		if (version.status === 0 && /aws-cli\/2\./.test(`${version.stdout}${version.stderr}`)) return candidate;
	}

	return undefined;
}

function timed(command, args) {
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const child = spawn(command, args, {env: awsEnv, stdio: ['ignore', 'ignore', 'pipe']});
		let stderr = '';
		child.stderr.on('data', (chunk) => {
			stderr += chunk;
		});
		child.on('error', reject);
		child.on('close', (code) => {
			if (code === 0) resolve({seconds: (performance.now() - started) / 1000});
			else reject(new Error(`${command} exited ${code}: ${stderr.slice(-300)}`));
		});
	});
}

function percentile(sorted, q) {
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function waitFor(condition, timeoutMs) {
	const until = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > until) throw new Error('timed out waiting for the live tail');
		await sleep(20);
	}
}

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function round(value) {
	return Math.round(value * 100) / 100;
}
