#!/usr/bin/env node
// `npm run bench`: figures that matter for apigw-tail, each measured next to a baseline in the same run
// so a noisy machine cannot fake a ratio. Prints a table and writes bench/results.json.
//
// Replay ingest: 1,000,000 synthetic WebSocket log events (generated once, cached in bench/.data/),
// replayed by the built CLI to NDJSON, versus reading the same file and JSON.parse-ing each line; and its
// Lambda variant (bench/lambda-workload.js: the functions' own lines added, about 30% of all lines, every
// access line naming its invocation), whose events/s should stay within 10% of the plain workload's.

import {spawn} from 'node:child_process';
import {createReadStream, existsSync, mkdirSync, statSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {DEMO_ACCESS_LOG_FORMAT} from '../dist/emulator/traffic.js';
import {measureLive} from './live.js';
import {measureStartup} from './startup.js';
import {measureTui} from './tui.js';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const events = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const dataDir = here('./.data/');
const workload = `${dataDir}workload-${events}.ndjson`;
const lambdaWorkload = `${dataDir}workload-${events}-lambda.ndjson`;
const LAMBDA_SHARE = 0.3;

mkdirSync(dataDir, {recursive: true});
if (!existsSync(workload)) {
	console.error(`generating ${events} events into ${workload} ...`);
	await measure(process.execPath, [here('./generate-workload.js'), workload, String(events), '1']);
}

if (!existsSync(lambdaWorkload)) {
	console.error(`adding Lambda lines into ${lambdaWorkload} ...`);
	await measure(process.execPath, [here('./lambda-workload.js'), workload, lambdaWorkload, String(LAMBDA_SHARE)]);
}

const bytes = statSync(workload).size;
const baseline = await measure(process.execPath, [here('./baseline-parse.js'), workload]);
const replay = await measure(process.execPath, [
	here('../bin/apigw-tail.js'),
	'replay',
	workload,
	'--output',
	'json',
	'--access-log-format',
	DEMO_ACCESS_LOG_FORMAT,
]);

const results = {
	date: new Date().toISOString(),
	node: process.version,
	workload: {events, megabytes: round(bytes / 1e6)},
	replay: {
		eventsPerSecond: Math.round(events / replay.seconds),
		baselineEventsPerSecond: Math.round(events / baseline.seconds),
		ratio: round(baseline.seconds / replay.seconds),
		goalRatio: 0.5,
		peakRssMb: round(replay.peakRssKb / 1024),
		baselinePeakRssMb: round(baseline.peakRssKb / 1024),
		goalPeakRssMb: 512,
		ndjsonLines: replay.stdoutLines,
	},
};

const lambdaEvents = await countLines(lambdaWorkload);
const lambdaReplay = await measure(process.execPath, [
	here('../bin/apigw-tail.js'),
	'replay',
	lambdaWorkload,
	'--output',
	'json',
	'--access-log-format',
	`${DEMO_ACCESS_LOG_FORMAT.slice(0, -1)},"integrationRequestId":"$context.integration.requestId"}`,
]);
results.replayLambda = {
	events: lambdaEvents,
	lambdaShare: round(1 - events / lambdaEvents),
	eventsPerSecond: Math.round(lambdaEvents / lambdaReplay.seconds),
	ratioToPlain: round(lambdaEvents / lambdaReplay.seconds / results.replay.eventsPerSecond),
	goalRatioToPlain: 0.9,
	peakRssMb: round(lambdaReplay.peakRssKb / 1024),
};

const textReplay = await measure(process.execPath, [
	here('../bin/apigw-tail.js'),
	'replay',
	workload,
	'--access-log-format',
	DEMO_ACCESS_LOG_FORMAT,
]);
results.replayText = {
	eventsPerSecond: Math.round(events / textReplay.seconds),
	ratio: round(baseline.seconds / textReplay.seconds),
	peakRssMb: round(textReplay.peakRssKb / 1024),
};
results.live = await measureLive();
results.tui = await measureTui();
results.startup = await measureStartup();

writeFileSync(here('./results.json'), `${JSON.stringify(results, null, 2)}\n`);
const r = results.replay;
const t = results.replayText;
const l = results.replayLambda;
const {latency, backfill} = results.live;
const {tui, startup} = results;
console.log(`
apigw-tail benchmark (${results.workload.events} events, ${results.workload.megabytes} MB, node ${results.node})

figure                              measured        baseline        ratio   goal
replay ingest (events/s)            ${pad(r.eventsPerSecond)}${pad(r.baselineEventsPerSecond)}${pad(r.ratio, 8)}>= ${r.goalRatio}  ${r.ratio >= r.goalRatio ? 'met' : 'NOT MET'}
replay peak RSS (MB)                ${pad(r.peakRssMb)}${pad(r.baselinePeakRssMb)}${pad('', 8)}<= ${r.goalPeakRssMb}  ${r.peakRssMb <= r.goalPeakRssMb ? 'met' : 'NOT MET'}
replay with Lambda lines (events/s) ${pad(l.eventsPerSecond)}${pad(r.eventsPerSecond)}${pad(l.ratioToPlain, 8)}>= ${l.goalRatioToPlain}  ${l.ratioToPlain >= l.goalRatioToPlain ? 'met' : 'NOT MET'} (baseline: the plain workload; ${Math.round(100 * l.lambdaShare)}% Lambda lines, peak RSS ${l.peakRssMb} MB)
replay to text (events/s)           ${pad(t.eventsPerSecond)}${pad(r.baselineEventsPerSecond)}${pad(t.ratio, 8)}(peak RSS ${t.peakRssMb} MB)
live tail latency p50 / p95 (ms)    ${pad(`${latency.p50Ms} / ${latency.p95Ms}`)}${pad(`${latency.bareSdkP50Ms} / ${latency.bareSdkP95Ms}`)}${pad(latency.p95Ratio, 8)}(p95 ratio; baseline: bare SDK StartLiveTail; ${latency.samples} samples, 1 s updates)
backfill, 3 calls/s (events/s)      ${pad(backfill.eventsPerSecond)}${pad(backfill.awsCliSeconds === undefined ? '-' : Math.round(backfill.events / backfill.awsCliSeconds))}${pad(backfill.speedupVsAwsCli ?? '', 8)}${backfill.awsCli ?? '> 1 = faster than aws logs tail'}
backfill, 10 calls/s (events/s)     ${pad(backfill.at10PerSecond.eventsPerSecond)}${pad(backfill.awsCliSeconds === undefined ? '-' : Math.round(backfill.events / backfill.awsCliSeconds))}${pad(backfill.speedupVsAwsCliAt10PerSecond ?? '', 8)}
TUI frame time p50 / p95 (ms)       ${pad(`${tui.p50Ms} / ${tui.p95Ms}`)}${pad(`${tui.inkFloorP50Ms} / ${tui.inkFloorP95Ms}`)}${pad(tui.p95Ratio, 8)}< 16 p95  ${tui.p95Ms < 16 ? 'met' : 'NOT MET'} (${tui.connections} connections, ${tui.requests} requests, ${tui.eventsPerSecond} events/s, ${tui.terminal}, ${tui.frames} frames)
start-up: --version (ms)            ${pad(startup.versionMs)}${pad(startup.bareNodeMs)}${pad(startup.versionRatio, 8)}< ${startup.goalMs}  ${startup.versionMs < startup.goalMs ? 'met' : 'NOT MET'} (baseline: node -e '')
start-up: replay first frame (ms)   ${pad(startup.replayFirstFrameMs)}${pad(startup.bareNodeInPtyMs)}${pad(startup.replayFirstFrameRatio, 8)}< ${startup.goalMs}  ${startup.replayFirstFrameMs < startup.goalMs ? 'met' : 'NOT MET'} (in a pty; whole file shown at ${startup.replayDataFrameMs} ms)

Baselines: replay, reading the same file and JSON.parse-ing each line; live tail, a bare AWS SDK StartLiveTail
subscriber on the same events; TUI, Ink drawing a screen of styled rows of the same size with no model behind
it; start-up, node -e ''. Live figures: the emulator on 127.0.0.1.
Results in bench/results.json.`);

/** Runs a command to completion; wall time, peak RSS (from the child itself) and stdout line count. */
function measure(command, args) {
	return new Promise((resolve, reject) => {
		const started = process.hrtime.bigint();
		const child = spawn(command, ['--import', here('./report-peak-rss.js'), ...args], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdoutLines = 0;
		let stderr = '';
		child.stdout.on('data', (chunk) => {
			for (const byte of chunk) if (byte === 10) stdoutLines++;
		});
		child.stderr.on('data', (chunk) => {
			stderr += chunk;
		});
		child.on('error', reject);
		child.on('close', (code) => {
			const seconds = Number(process.hrtime.bigint() - started) / 1e9;
			const peak = /peak-rss-kb=(\d+)/.exec(stderr);
			if (code !== 0) reject(new Error(`${args.join(' ')} exited ${code}: ${stderr.slice(-500)}`));
			else resolve({seconds, peakRssKb: peak ? Number(peak[1]) : Number.NaN, stdoutLines});
		});
	});
}

async function countLines(path) {
	let lines = 0;
	for await (const chunk of createReadStream(path)) for (const byte of chunk) if (byte === 10) lines++;
	return lines;
}

function pad(value, width = 16) {
	return String(value).padEnd(width);
}

function round(value) {
	return Math.round(value * 100) / 100;
}
