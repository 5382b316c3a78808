// Runs a program in a real pseudo-terminal (tmux, Debian package tmux) to test what a user sees: the
// screen as drawn, keys as typed, and the raw bytes written (did it leave the alternate screen?).
// Each session has its own tmux server, socket and temp directory, all gone after kill().
// Like moto, tmux is optional on a laptop and required in CI, and a missing tmux is reported, not skipped.

import {execFile, spawn} from 'node:child_process';
import {accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {delimiter, join} from 'node:path';
import {promisify} from 'node:util';
import {describe, it} from 'vitest';
import {runningInCi} from './moto.js';
import {waitFor} from './wait.js';

const INSTALL_HINT = 'apt-get install tmux';
const DEFAULT_WAIT_MS = 10_000;
const POLL_MS = 50;
// The output file is written by `cat` behind tmux: read until it stops growing for this long.
const OUTPUT_SETTLE_MS = 100;
const OUTPUT_SETTLE_LIMIT_MS = 2000;
const TARGET = 'pty';
// What the pane must not inherit from the test run: colour overrides (test/setup.ts sets FORCE_COLOR=0),
// a size override, CI markers (Ink then prints only the last frame), and the tmux the tests may be in.
const NOT_INHERITED = ['NO_COLOR', 'FORCE_COLOR', 'COLUMNS', 'LINES', 'CI', 'CONTINUOUS_INTEGRATION', 'TMUX', 'TMUX_PANE'];
// status off: the pane gets every row. remain-on-exit: a finished program's pane stays, with its exit
// status and its last screen; the empty format keeps tmux from printing "Pane is dead" over it (-q:
// older tmux without the option still starts).
const TMUX_CONFIG = [
	'set -g status off',
	'set -g remain-on-exit on',
	'set -gq remain-on-exit-format ""',
	'set -g default-terminal xterm-256color',
	'',
].join('\n');

const execFileAsync = promisify(execFile);

export interface PtyOptions {
	width: number;
	height: number;
	/** Added to the environment the program inherits (minus NO_COLOR, FORCE_COLOR, COLUMNS, LINES, CI, TMUX). */
	env?: Record<string, string>;
	cwd?: string;
}

export interface PtySession {
	/** tmux key names (Enter, Escape, Up, PPage, C-c, Space...); anything else is typed as is. */
	sendKeys(...keys: string[]): Promise<void>;
	/**
	 * Sends the keys (as sendKeys), then waits for the program to answer them: until `until(screen,
	 * before)` holds, by default until the screen differs from the one before. Returns that screen.
	 * Waiting before the next key keeps keys apart: sent together they reach the program as one read.
	 */
	press(keys: string | string[], until?: (screen: string, before: string) => boolean, timeoutMs?: number): Promise<string>;
	/** The visible screen as text (capture-pane -p): one line per row, trailing spaces trimmed. */
	screen(): Promise<string>;
	/** The visible screen with its colours and attributes as escape sequences (capture-pane -p -e). */
	styledScreen(): Promise<string>;
	/** Polls the screen until `predicate` holds; throws with the last screen after `timeoutMs`. */
	waitForScreen(predicate: (screen: string) => boolean, timeoutMs?: number): Promise<string>;
	/** The exit status once the program has ended and tmux knows it (128 + N when killed by signal N), else undefined. */
	exitCode(): Promise<number | undefined>;
	/** Waits for the program to end and returns exitCode(). */
	waitForExit(timeoutMs?: number): Promise<number>;
	/** Sends a signal to the program (the pane's process; commands are exec'd, so it is the program itself). */
	signal(signal: NodeJS.Signals): Promise<void>;
	/** The raw bytes the program wrote, escapes included (tmux pipe-pane), once they stop arriving. */
	output(): Promise<string>;
	/** Stops the program and the tmux server, removes the temp files. Safe to call twice. */
	kill(): Promise<void>;
}

/** Whether tmux is on PATH. */
export function hasTmux(): boolean {
	for (const directory of (process.env['PATH'] ?? '').split(delimiter)) {
		if (directory === '') continue;
		try {
			accessSync(join(directory, 'tmux'), constants.X_OK);
			return true;
		} catch {
			// Absent or not executable here; keep looking.
		}
	}
	return false;
}

/**
 * Declares `declareTests` under `title` where tmux is installed. Where it is not, declares one test
 * instead: on a laptop it passes with a visible warning, in CI it fails.
 */
export function describeWithTmux(title: string, declareTests: () => void): void {
	describe(title, () => {
		if (hasTmux()) {
			declareTests();
			return;
		}
		it('tmux is required in CI', () => {
			if (runningInCi()) throw new Error(`tmux is required in CI and is not on PATH (${INSTALL_HINT})`);
			console.warn(`tmux not found: "${title}" skipped (${INSTALL_HINT} to run it; CI requires it)`);
		});
	});
}

// Stops the server and removes the directory once the test process is gone, however it went (a test
// that timed out before kill(), a worker killed by vitest): a leftover server would keep the program
// running. Arguments: test process id, tmux socket name, directory.
const WATCHDOG = 'while kill -0 "$1" 2>/dev/null; do sleep 1; done; tmux -L "$2" kill-server 2>/dev/null; rm -rf "$3"';

let sessionCount = 0;

/** Starts `command` (argv, not a shell string) in a fresh tmux pane of exactly width x height. */
export async function startPty(command: string[], options: PtyOptions): Promise<PtySession> {
	if (command.length === 0) throw new Error('startPty needs a command');
	const directory = mkdtempSync(join(tmpdir(), 'apigw-pty-'));
	const outputPath = join(directory, 'output');
	const configPath = join(directory, 'tmux.conf');
	writeFileSync(configPath, TMUX_CONFIG);
	writeFileSync(outputPath, '');

	sessionCount += 1;
	const socket = `apigw-tail-${process.pid}-${sessionCount}`;
	// TMUX_TMPDIR puts the socket in our directory, so removing it leaves nothing behind.
	const env = {...inheritedEnvironment(), TMUX_TMPDIR: directory};
	const tmuxArgs = (args: string[]): string[] => ['-L', socket, '-f', configPath, ...args];
	const tmux = async (...args: string[]): Promise<string> => (await execFileAsync('tmux', tmuxArgs(args), {env})).stdout;

	const watchdog = spawn('/bin/sh', ['-c', WATCHDOG, 'pty-watchdog', String(process.pid), socket, directory], {env, detached: true, stdio: 'ignore'});
	watchdog.unref();

	let killed = false;
	const kill = async (): Promise<void> => {
		if (killed) return;
		killed = true;
		watchdog.kill();
		await tmux('kill-server').catch(() => undefined);
		rmSync(directory, {recursive: true, force: true});
	};

	try {
		// The pane starts with a placeholder so the output pipe is in place before the program writes
		// its first byte; respawn-pane then replaces the placeholder with the program (pipe kept).
		await tmux('new-session', '-d', '-x', String(options.width), '-y', String(options.height), '-s', TARGET, 'sleep 86400');
		await tmux('pipe-pane', '-o', '-t', TARGET, `cat >> ${shellQuote(outputPath)}`);
		const environment = Object.entries({TERM: 'xterm-256color', ...options.env}).flatMap(([name, value]) => ['-e', `${name}=${value}`]);
		const directoryArgs = options.cwd === undefined ? [] : ['-c', options.cwd];
		await tmux('respawn-pane', '-k', '-t', TARGET, ...directoryArgs, ...environment, `exec ${command.map(shellQuote).join(' ')}`);
	} catch (error) {
		await kill();
		throw error;
	}

	const screen = async (): Promise<string> => (await tmux('capture-pane', '-p', '-t', TARGET)).replace(/\n$/, '');
	const styledScreen = async (): Promise<string> => (await tmux('capture-pane', '-p', '-e', '-t', TARGET)).replace(/\n$/, '');

	const exitCode = async (): Promise<number | undefined> => {
		const fields = '#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}|#{pid}';
		const [dead, status, signal, serverPid] = (await tmux('display-message', '-p', '-t', TARGET, fields)).trim().split('|');
		if (dead !== '1') return undefined;
		if (status !== undefined && status !== '') return Number(status);
		if (signal !== undefined && signal !== '') return 128 + Number(signal);
		// tmux 3.3 sometimes misses the SIGCHLD of a program that has ended: the pane is dead (its
		// terminal closed) but the process is an unreaped zombie with no status. Another SIGCHLD makes
		// the server reap it; the next poll sees the status.
		const pid = Number(serverPid);
		if (Number.isInteger(pid) && pid > 0) process.kill(pid, 'SIGCHLD');
		return undefined;
	};

	const sendKeys = async (...keys: string[]): Promise<void> => {
		if (keys.length > 0) await tmux('send-keys', '-t', TARGET, ...keys);
	};

	const waitForScreen = async (predicate: (screen: string) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<string> => {
		let current = '';
		const matches = async (): Promise<boolean> => predicate((current = await screen()));
		await waitFor(matches, timeoutMs, () => `the screen to match; it shows:\n${current}`, POLL_MS);
		return current;
	};

	return {
		sendKeys,
		async press(keys, until = (current, before) => current !== before, timeoutMs = DEFAULT_WAIT_MS) {
			const before = await screen();
			await sendKeys(...(typeof keys === 'string' ? [keys] : keys));
			return waitForScreen((current) => until(current, before), timeoutMs);
		},
		screen,
		styledScreen,
		waitForScreen,
		exitCode,
		async waitForExit(timeoutMs = DEFAULT_WAIT_MS) {
			let code: number | undefined;
			const exited = async (): Promise<boolean> => (code = await exitCode()) !== undefined;
			await waitFor(exited, timeoutMs, async () => `the program to exit; the screen shows:\n${await screen()}`, POLL_MS);
			return code!;
		},
		async signal(signal) {
			const pid = Number((await tmux('display-message', '-p', '-t', TARGET, '#{pane_pid}')).trim());
			if (!Number.isInteger(pid) || pid <= 0) throw new Error('the pane has no process');
			process.kill(pid, signal);
		},
		async output() {
			let previous = readFileSync(outputPath, 'utf8');
			const deadline = Date.now() + OUTPUT_SETTLE_LIMIT_MS;
			for (;;) {
				await sleep(OUTPUT_SETTLE_MS);
				const current = readFileSync(outputPath, 'utf8');
				if (current === previous || Date.now() > deadline) return current;
				previous = current;
			}
		},
		kill,
	};
}

function inheritedEnvironment(): Record<string, string> {
	const env: Record<string, string> = {};
	for (const [name, value] of Object.entries(process.env)) {
		if (value !== undefined && !NOT_INHERITED.includes(name)) env[name] = value;
	}
	return env;
}

function shellQuote(text: string): string {
	return `'${text.replace(/'/g, `'\\''`)}'`;
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
