#!/usr/bin/env node
// `npm run bench`: figures that matter for apigw-tail (issue 12), each measured next to its floor in the
// same run so a noisy machine cannot fake a ratio. Prints a table (with the Node version and the load)
// and writes bench/results.json.
//
// Replay ingest: 1,000,000 synthetic WebSocket log events (generated once, cached in bench/.data/),
// replayed by the built CLI to NDJSON, versus its floor (bench/baseline-ndjson.js: read, JSON.parse,
// JSON.stringify and write every line in 1 MB chunks; the old read + JSON.parse baseline is kept); and its
// Lambda variant (bench/lambda-workload.js: the functions' own lines added, about 30% of all lines, every
// access line naming its invocation), whose events/s should stay within 10% of the plain workload's.

import {spawn} from 'node:child_process';
import {createReadStream, existsSync, mkdirSync, statSync, writeFileSync} from 'node:fs';
import {loadavg} from 'node:os';
import {fileURLToPath} from 'node:url';
import {DEMO_ACCESS_LOG_FORMAT} from '../dist/emulator/traffic.js';
import {measureKeys} from './keys.js';
import {measureLive} from './live.js';
import {middle} from './median.js';
import {measureStartup} from './startup.js';
import {measureStats} from './stats.js';
import {formatTable, tableRows} from './table.js';
import {measureTui} from './tui.js';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const events = Number(process.env.BENCH_EVENTS ?? 1_000_000);
// BENCH_ONLY=keys,startup measures only those (while working on one figure); the default is all of them.
const only = process.env.BENCH_ONLY?.split(',');
const wanted = (name) => only === undefined || only.includes(name);
const dataDir = here('./.data/');
const workload = `${dataDir}workload-${events}.ndjson`;
const lambdaWorkload = `${dataDir}workload-${events}-lambda.ndjson`;
const LAMBDA_SHARE = 0.3;
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);

const results = {date: new Date().toISOString(), node: process.version, loadAverage: loadavg().map((value) => Math.round(value * 10) / 10)};
if (wanted('replay')) Object.assign(results, await measureReplay());
if (wanted('lambda')) results.replayLambda = await measureLambdaReplay();
if (wanted('live')) results.live = await measureLive();
if (wanted('tui')) results.tui = await measureTui();
if (wanted('keys')) results.keys = await measureKeys();
if (wanted('startup')) results.startup = await measureStartup();
if (wanted('stats')) results.stats = await measureStats();

const rows = tableRows(results);
writeFileSync(here('./results.json'), `${JSON.stringify({...results, table: rows}, null, 2)}\n`);
console.log(formatTable(results, rows));

async function measureReplay() {
	mkdirSync(dataDir, {recursive: true});
	if (!existsSync(workload)) {
		console.error(`generating ${events} events into ${workload} ...`);
		await measure(process.execPath, [here('./generate-workload.js'), workload, String(events), '1']);
	}

	const bytes = statSync(workload).size;
	const baseline = await measure(process.execPath, [here('./baseline-parse.js'), workload]);
	const [floor, replay] = await inTurns([here('./baseline-ndjson.js'), workload], replayArgs(workload, 'json'));
	const textReplay = await measure(process.execPath, replayArgs(workload, 'text'));
	return {
		workload: {events, megabytes: round(bytes / 1e6)},
		replay: {
			eventsPerSecond: Math.round(events / replay.seconds),
			baselineEventsPerSecond: Math.round(events / baseline.seconds),
			ratio: round(baseline.seconds / replay.seconds),
			floorEventsPerSecond: Math.round(events / floor.seconds),
			floorRatio: round(floor.seconds / replay.seconds),
			floorPeakRssMb: round(floor.peakRssKb / 1024),
			runs: REPEATS,
			goalFloorRatio: 0.6,
			goalPeakRssMbNode24: 400,
			peakRssMb: round(replay.peakRssKb / 1024),
			baselinePeakRssMb: round(baseline.peakRssKb / 1024),
			goalPeakRssMb: 512,
			ndjsonLines: replay.stdoutLines,
		},
		replayText: {
			eventsPerSecond: Math.round(events / textReplay.seconds),
			ratio: round(baseline.seconds / textReplay.seconds),
			floorRatio: round(floor.seconds / textReplay.seconds),
			peakRssMb: round(textReplay.peakRssKb / 1024),
		},
	};
}

/** The Lambda workload's events/s beside the plain workload's, measured in turns. */
async function measureLambdaReplay() {
	mkdirSync(dataDir, {recursive: true});
	if (!existsSync(workload)) await measure(process.execPath, [here('./generate-workload.js'), workload, String(events), '1']);
	if (!existsSync(lambdaWorkload)) {
		console.error(`adding Lambda lines into ${lambdaWorkload} ...`);
		await measure(process.execPath, [here('./lambda-workload.js'), workload, lambdaWorkload, String(LAMBDA_SHARE)]);
	}

	const lambdaEvents = await countLines(lambdaWorkload);
	// In turns with the plain replay, not against the one measured minutes earlier with the floor: that met
	// another state of this shared machine, which moved the ratio by 10%.
	const [plainRun, replay] = await inTurns(replayArgs(workload, 'json'), replayArgs(lambdaWorkload, 'json'));
	const plain = events / plainRun.seconds;
	return {
		events: lambdaEvents,
		lambdaShare: round(1 - events / lambdaEvents),
		eventsPerSecond: Math.round(lambdaEvents / replay.seconds),
		plainEventsPerSecond: Math.round(plain),
		ratioToPlain: round(lambdaEvents / replay.seconds / plain),
		goalRatioToPlain: 0.9,
		peakRssMb: round(replay.peakRssKb / 1024),
	};
}

async function countLines(path) {
	let lines = 0;
	for await (const chunk of createReadStream(path)) for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
	return lines;
}

/** Runs a command to completion; wall time, peak RSS (from the child itself) and stdout line count. */
function measure(command, args) {
	return new Promise((resolve, reject) => {
		const started = process.hrtime.bigint();
		const child = spawn(command, ['--import', here('./report-peak-rss.js'), ...args], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdoutLines = 0;
		let stderr = '';
		// indexOf, not a loop over every byte: this process shares the machine with the one it measures.
		child.stdout.on('data', (chunk) => {
			for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) stdoutLines++;
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

/** The built CLI's arguments replaying `path` to `output` ('json' or 'text'). */
function replayArgs(path, output) {
	return [here('../bin/apigw-tail.js'), 'replay', path, '--access-log-format', DEMO_ACCESS_LOG_FORMAT, '--output', output];
}

/**
 * Runs two node scripts REPEATS times each, alternating; returns the run of median time of each (peak RSS is
 * that run's too). A goal that is a ratio of two ~10 s runs on a shared machine: one run of either could land
 * on a busy second of it.
 */
async function inTurns(argsA, argsB) {
	const a = [];
	const b = [];
	for (let run = 0; run < REPEATS; run++) {
		a.push(await measure(process.execPath, argsA));
		b.push(await measure(process.execPath, argsB));
	}
	return [middle(a, bySeconds), middle(b, bySeconds)];
}

function bySeconds(run) {
	return run.seconds;
}

function pad(value, width = 16) {
	return String(value).padEnd(width);
}

function round(value) {
	return Math.round(value * 100) / 100;
}
