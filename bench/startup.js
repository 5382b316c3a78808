// Start-up figures, each next to the same harness running a bare `node -e` (the floor no Node CLI can go
// under on this machine):
// - `apigw-tail --version` until it exits, against `node -e ''` until it exits;
// - `apigw-tail replay SMALL_FILE` in a pseudo-terminal until the first frame of the terminal UI is on
//   screen (the header's name and the connections pane drawn), as a user sees it, against `node -e`
//   printing a line in the same pseudo-terminal until the line is seen (issue 12, part 4: at most 120 ms
//   above it); and the smallest Ink program drawing the same shape (bench/ink-floor-app.js), bundled as
//   the CLI is and run with the compile cache as bin/ does: the part of that figure Ink itself takes.
// The pseudo-terminal comes from util-linux `script`; `stty` gives it a size (a pty starts at 0x0).
// Each figure is the median of several runs, measured one after the other so they do not compete.

import {spawn} from 'node:child_process';
import {rmSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {BUNDLE_OPTIONS} from '../scripts/bundle-options.js';
import {median} from './median.js';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const cli = here('../bin/apigw-tail.js');
const smallFile = here('../test/fixtures/correlate/websocket-chat.jsonl');
const FIRST_FRAME = /\[Connections\]/;
// The frame that shows the whole file correlated: a connection from it and the end of the input.
const DATA_FRAME = /end of input/;
const RUNS = 9;
const READY = 'apigw-bench-ready';

export async function measureStartup({runs = RUNS} = {}) {
	const bareNode = await median(runs, () => timeToExit(process.execPath, ['-e', '']));
	const version = await median(runs, () => timeToExit(process.execPath, [cli, '--version']));
	const bareNodeInPty = await median(runs, () => timeInPty(`exec ${quote(process.execPath)} -e ${quote(`console.log('${READY}')`)}`, new RegExp(READY)));
	const replayFirstFrame = await median(runs, () =>
		timeInPty(`exec ${quote(process.execPath)} ${quote(cli)} replay ${quote(smallFile)} --timezone utc`, FIRST_FRAME),
	);
	const inkApp = await buildInkFloorApp();
	const inkFirstFrame = await median(runs, () => timeInPty(`exec ${quote(process.execPath)} ${quote(inkApp)}`, FIRST_FRAME));
	const replayDataFrame = await median(runs, () =>
		timeInPty(`exec ${quote(process.execPath)} ${quote(cli)} replay ${quote(smallFile)} --timezone utc`, DATA_FRAME),
	);
	return {
		runs,
		versionMs: round(version),
		bareNodeMs: round(bareNode),
		versionRatio: round(version / bareNode),
		replayFirstFrameMs: round(replayFirstFrame),
		bareNodeInPtyMs: round(bareNodeInPty),
		replayFirstFrameRatio: round(replayFirstFrame / bareNodeInPty),
		replayFirstFrameAboveFloorMs: round(replayFirstFrame - bareNodeInPty),
		replayDataFrameMs: round(replayDataFrame),
		inkFirstFrameMs: round(inkFirstFrame),
		inkFirstFrameAboveFloorMs: round(inkFirstFrame - bareNodeInPty),
		goalMs: 300,
		goalFirstFrameAboveFloorMs: 120,
	};
}

/** Bundles bench/ink-floor-app.js into bench/.data/ink-floor/; returns the script that runs it as bin/ runs the CLI. */
async function buildInkFloorApp() {
	const dir = here('./.data/ink-floor/');
	rmSync(dir, {recursive: true, force: true});
	await build({...BUNDLE_OPTIONS, entryPoints: {app: here('./ink-floor-app.js')}, outdir: dir});
	const entry = `${dir}run.js`;
	writeFileSync(entry, "import module from 'node:module';\nmodule.enableCompileCache?.();\nawait import('./app.js');\n");
	return entry;
}

function timeToExit(command, args) {
	return new Promise((resolve, reject) => {
		const started = process.hrtime.bigint();
		const child = spawn(command, args, {stdio: ['ignore', 'ignore', 'inherit']});
		child.on('error', reject);
		child.on('close', (code) => {
			if (code === 0) resolve(elapsedMs(started));
			else reject(new Error(`${args.join(' ')} exited ${code}`));
		});
	});
}

/**
 * Runs a shell command in a 120x40 pseudo-terminal; resolves when its output matches `until` (then
 * stops it) or, without `until`, when it exits.
 */
function timeInPty(shellCommand, until) {
	return new Promise((resolve, reject) => {
		const started = process.hrtime.bigint();
		const child = spawn('script', ['-qfec', `stty cols 120 rows 40; ${shellCommand}`, '/dev/null'], {
			stdio: ['pipe', 'pipe', 'inherit'],
			env: terminalEnv(),
		});
		let screen = '';
		let seenAt;
		let quitting;
		child.stdout.setEncoding('utf8').on('data', (chunk) => {
			screen += chunk;
			if (until !== undefined && seenAt === undefined && until.test(screen)) {
				seenAt = elapsedMs(started);
				// A key typed before the UI switched the terminal to raw mode waits for a newline: repeat it.
				// (The floor has ended by itself; writing to it is harmless.)
				quitting = setInterval(() => child.stdin.write('q'), 100);
				child.stdin.write('q');
			}
		});
		child.on('error', reject);
		// The quit key may still be on its way when the program has gone.
		child.stdin.on('error', () => {});
		child.on('exit', () => clearInterval(quitting));
		child.on('close', () => {
			if (until === undefined) resolve(elapsedMs(started));
			else if (seenAt !== undefined) resolve(seenAt);
			else reject(new Error(`no first frame from: ${shellCommand}\n${screen.slice(-500)}`));
		});
	});
}

/** As a user's terminal: no CI marker (Ink would then draw only the last frame), no colour override. */
function terminalEnv() {
	const env = {...process.env, TERM: 'xterm-256color'};
	for (const name of ['CI', 'CONTINUOUS_INTEGRATION', 'NO_COLOR', 'FORCE_COLOR']) delete env[name];
	return env;
}

function elapsedMs(started) {
	return Number(process.hrtime.bigint() - started) / 1e6;
}

function quote(text) {
	return `'${text.replaceAll("'", "'\\''")}'`;
}

function round(value) {
	return Math.round(value * 10) / 10;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await measureStartup());
