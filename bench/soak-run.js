// A soak of the live path as a user runs it: the built CLI (`--api chat-demo --stage prod --output json`)
// tails the project's emulator while the soak writes `eventsPerSecond` events into the stage's two log
// groups and injects faults throughout (soak-faults.js). Then it stops writing, waits until the CLI has
// printed every request (or stops making progress), interrupts it and compares what was written with
// what was printed (soak-ledger.js). The CLI's resident memory is sampled every second.

import {spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {addStandardApis} from '../dist/emulator/apigw-standard-fixtures.js';
import {Emulator} from '../dist/emulator/server.js';
import {FaultSchedule, steadyShareAt, UNDER_THE_CAP} from './soak-faults.js';
import {SoakLedger} from './soak-ledger.js';
import {EVENTS_PER_REQUEST, SoakTraffic} from './soak-traffic.js';

const CLI = fileURLToPath(new URL('../bin/apigw-tail.js', import.meta.url));
const WRITE_TICK_MS = 100;
const WARM_UP_MS = 10_000;
/** RSS figures are the median of the samples of this long before each point (GC makes single samples jumpy). */
const RSS_WINDOW_MS = 5000;
/** After the last request shows whole, output must stay quiet this long (a late copy would show meanwhile). */
const QUIET_MS = 10_000;
/** Waiting for the rest gives up once nothing new has been printed for this long. */
const NO_PROGRESS_MS = 60_000;

/**
 * Runs one soak; resolves with the figures. `log(text)` hears progress. The CLI lagging behind (a
 * loaded machine) only makes the wait longer; nothing here depends on how fast it is.
 */
export async function runSoak({minutes = 10, eventsPerSecond = 500, log = () => {}} = {}) {
	const durationMs = Math.round(minutes * 60_000);
	const requestsPerSecond = eventsPerSecond / EVENTS_PER_REQUEST;
	const emulator = await Emulator.start({liveTailTickMs: 1000});
	const home = mkdtempSync(join(tmpdir(), 'apigw-tail-soak-'));
	let cli;
	try {
		addStandardApis({apis: emulator.apis, logs: emulator.logs});
		const traffic = new SoakTraffic(emulator.logs, {apiId: 'a1b2c3d4e5', stage: 'prod'});
		const ledger = new SoakLedger(traffic.expected);
		cli = startCli(emulator.endpoint, home, ledger);
		log(`CLI pid ${cli.child.pid} on ${emulator.endpoint}; waiting for its live tail session`);
		await waitFor(() => emulator.liveTailSessionCount > 0, 120_000, 'the CLI to open a live tail session', cli);

		const faults = new FaultSchedule({emulator, traffic, rate: requestsPerSecond});
		const rss = new RssSampler(cli.child.pid);
		const started = performance.now();
		let credit = 0;
		let wroteAt = 0;
		let loggedAt = 0;
		log(`writing ${eventsPerSecond} events/s (${Math.round(eventsPerSecond * UNDER_THE_CAP)} outside the sampling phases) for ${minutes} min with faults`);
		await new Promise((resolve) => {
			const timer = setInterval(() => {
				const elapsed = Math.min(performance.now() - started, durationMs);
				credit += ((elapsed - wroteAt) / 1000) * requestsPerSecond * steadyShareAt(elapsed);
				wroteAt = elapsed;
				const due = Math.floor(credit);
				if (due > 0) traffic.write(due);
				credit -= due;
				faults.advanceTo(elapsed);
				const mb = rss.sample(elapsed);
				if (mb !== undefined && elapsed - loggedAt >= 30_000) {
					loggedAt = elapsed;
					log(`${Math.round(elapsed / 1000)} s: RSS ${Math.round(mb)} MB, ${ledger.outstanding} requests not yet printed whole`);
				}
				if (elapsed >= durationMs || cli.exited) {
					clearInterval(timer);
					resolve();
				}
			}, WRITE_TICK_MS);
		});
		faults.clear();
		if (cli.exited) throw new Error(`the CLI exited early (${cli.exitCode}): ${cli.stderrTail()}`);
		log(`wrote ${traffic.requests} requests (${traffic.events} events); waiting for the CLI to print them all (${ledger.outstanding} outstanding)`);

		const drainStarted = performance.now();
		await waitForOutput(ledger, cli, log);
		const drainSeconds = (performance.now() - drainStarted) / 1000;
		cli.child.kill('SIGINT');
		const exitCode = await cli.done;
		const figures = ledger.figures(traffic.events);
		return {
			...figures,
			minutes,
			eventsPerSecond,
			exitCode,
			drainSeconds: Math.round(drainSeconds),
			rssMb: rss.figures(WARM_UP_MS, durationMs / 2, durationMs),
			faults: Object.fromEntries(faults.injected),
			notices: cli.noticeCounts(),
		};
	} finally {
		if (cli !== undefined && !cli.exited) cli.child.kill('SIGKILL');
		await emulator.stop();
		rmSync(home, {recursive: true, force: true});
	}
}

/** The built CLI as a user runs it, with dummy credentials and a HOME of its own. */
function startCli(endpoint, home, ledger) {
	const env = {...process.env};
	for (const name of Object.keys(env)) if (name.startsWith('AWS_')) delete env[name];
	const child = spawn(
		process.execPath,
		[CLI, '--api', 'chat-demo', '--stage', 'prod', '--endpoint-url', endpoint, '--output', 'json', '--settle', '1s', '--since', '1m'],
		{
			env: {
				...env,
				HOME: home,
				AWS_ACCESS_KEY_ID: 'AKIDSOAK',
				AWS_SECRET_ACCESS_KEY: 'soak-secret',
				AWS_REGION: 'us-east-1',
				AWS_CONFIG_FILE: join(home, 'config'),
				AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
				AWS_EC2_METADATA_DISABLED: 'true',
			},
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	const cli = {child, exited: false, exitCode: undefined, lastOutputAt: performance.now()};
	let buffer = '';
	child.stdout.setEncoding('utf8').on('data', (chunk) => {
		buffer += chunk;
		const lines = buffer.split('\n');
		buffer = lines.pop();
		for (const line of lines) if (line !== '') ledger.line(line);
		cli.lastOutputAt = performance.now();
	});
	const notices = new Map();
	let stderrTail = '';
	let stderrBuffer = '';
	child.stderr.setEncoding('utf8').on('data', (chunk) => {
		stderrTail = (stderrTail + chunk).slice(-2000);
		stderrBuffer += chunk;
		const lines = stderrBuffer.split('\n');
		stderrBuffer = lines.pop();
		for (const line of lines) {
			// `apigw-tail: live tail ended (SessionTimeoutException: ...): reconnecting` -> counted by its gist.
			const gist = line.replace(/^apigw-tail: /, '').replace(/\(([^:)]+)[^)]*\)/g, '($1)').replace(/\b\d+\b/g, 'N');
			notices.set(gist, (notices.get(gist) ?? 0) + 1);
		}
	});
	cli.stderrTail = () => stderrTail.trim();
	cli.noticeCounts = () => Object.fromEntries([...notices].sort((a, b) => b[1] - a[1]));
	cli.done = new Promise((resolve) => {
		child.on('close', (code, signal) => {
			if (buffer !== '') ledger.line(buffer);
			cli.exited = true;
			cli.exitCode = code ?? signal;
			resolve(cli.exitCode);
		});
	});
	return cli;
}

/** Until every request showed whole and the output then stayed quiet, or nothing moved for NO_PROGRESS_MS. */
async function waitForOutput(ledger, cli, log) {
	let reported = performance.now();
	for (;;) {
		const now = performance.now();
		const quietFor = now - cli.lastOutputAt;
		if (cli.exited) throw new Error(`the CLI exited early (${cli.exitCode}): ${cli.stderrTail()}`);
		if (ledger.outstanding === 0 && quietFor >= QUIET_MS) return;
		if (quietFor >= NO_PROGRESS_MS) {
			log(`no output for ${NO_PROGRESS_MS / 1000} s with ${ledger.outstanding} requests outstanding: stopping`);
			return;
		}
		if (now - reported >= 10_000) {
			reported = now;
			log(`${ledger.outstanding} requests outstanding`);
		}
		await sleep(250);
	}
}

/** VmRSS of a process from /proc (Linux), once a second. */
class RssSampler {
	#samples = [];

	constructor(pid) {
		this.pid = pid;
		this.lastAt = Number.NEGATIVE_INFINITY;
	}

	/** Takes a sample when a second has passed since the last; returns it (MB). */
	sample(elapsedMs) {
		if (elapsedMs - this.lastAt < 1000) return undefined;
		this.lastAt = elapsedMs;
		try {
			const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'))?.[1];
			if (kb === undefined) return undefined;
			this.#samples.push([elapsedMs, Number(kb) / 1024]);
			return Number(kb) / 1024;
		} catch {
			// Not Linux, or the process is gone: no figure.
			return undefined;
		}
	}

	/** Median RSS (MB) of the RSS_WINDOW_MS before each point; undefined where there is no sample. */
	figures(...points) {
		const [start, middle, end] = points.map((point) => {
			const values = this.#samples.filter(([at]) => at <= point && at > point - RSS_WINDOW_MS).map(([, mb]) => mb);
			if (values.length === 0) return undefined;
			values.sort((a, b) => a - b);
			return Math.round(values[Math.floor(values.length / 2)]);
		});
		const peak = this.#samples.reduce((max, [, mb]) => Math.max(max, mb), 0);
		return {start, middle, end, peak: Math.round(peak)};
	}
}

async function waitFor(condition, timeoutMs, what, cli) {
	const until = performance.now() + timeoutMs;
	while (!condition()) {
		if (cli.exited) throw new Error(`the CLI exited (${cli.exitCode}) before ${what}: ${cli.stderrTail()}`);
		if (performance.now() > until) throw new Error(`timed out waiting for ${what}`);
		await sleep(50);
	}
}

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
