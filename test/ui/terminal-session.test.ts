import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {enterFullScreen} from '../../source/ui/terminal/session.js';
import {describeWithTmux, startPty, type PtySession} from '../helpers/pty.js';

const ENTER = '\u001B[?1049h';
const LEAVE = '\u001B[?1049l';
const SHOW_CURSOR = '\u001B[?25h';
const HIDE_CURSOR = '\u001B[?25l';
const WATCHED_EVENTS = ['exit', 'SIGTERM', 'SIGHUP', 'SIGINT', 'uncaughtException', 'unhandledRejection'] as const;

// The real thing runs in a real terminal: the built module, as the built CLI will load it.
const BUILT_SESSION = fileURLToPath(new URL('../../dist/ui/terminal/session.js', import.meta.url));

// One program, one behaviour per mode. It writes a line on the main screen first, so the screen after
// exit shows whether the terminal came back to it.
const PROGRAM = `
import {enterFullScreen} from ${JSON.stringify(pathToFileURL(BUILT_SESSION).href)};
const mode = process.argv[2];
const say = (text) => process.stdout.write(text + '\\r\\n');
say('main screen before');
let session;
let keepAlive;
const onSignal = {
	'on-signal': (signal) => {
		say('unmounting on ' + signal);
		setTimeout(() => {
			session.restore();
			say('restored by the app');
			process.exitCode = 130;
			clearInterval(keepAlive);
		}, 50);
	},
	'on-signal-stuck': (signal) => say('unmounting on ' + signal + ', slowly'),
}[mode];
session = enterFullScreen(process.stdout, onSignal ? {onSignal} : {});
say('inside the alternate screen');
if (mode === 'exit') setTimeout(() => undefined, 50);
if (mode === 'throw') setTimeout(() => { throw new Error('boom\\n    at second line of the message'); }, 50);
if (mode === 'reject') Promise.reject(new Error('rejected\\nsecond line'));
if (mode === 'reject-string') Promise.reject('plain \\u001b[31mred\\u001b[0m reason');
if (mode === 'wait' || onSignal) {
	keepAlive = setInterval(() => undefined, 1000);
	say('ready');
}
`;

describe('enterFullScreen (in process)', () => {
	it('enters once, restores once, and leaves no handler behind', () => {
		const before = Object.fromEntries(WATCHED_EVENTS.map((event) => [event, process.listenerCount(event)]));
		const written: string[] = [];
		const session = enterFullScreen({write: (text) => written.push(text) > 0});
		// Home and clear: the alternate screen keeps the shell's cursor row, and Ink draws from the cursor.
		expect(written.join('')).toBe(`${ENTER}\u001B[H\u001B[2J${HIDE_CURSOR}`);
		for (const event of WATCHED_EVENTS) expect(process.listenerCount(event), event).toBe((before[event] ?? 0) + 1);

		session.restore();
		session.restore();
		expect(written.join('')).toBe(`${ENTER}\u001B[H\u001B[2J${HIDE_CURSOR}${LEAVE}${SHOW_CURSOR}\u001B[0m`);
		for (const event of WATCHED_EVENTS) expect(process.listenerCount(event), event).toBe(before[event]);
	});

	it('does not throw when the terminal is already gone', () => {
		const session = enterFullScreen({
			write: () => {
				throw new Error('EIO');
			},
		});
		expect(() => session.restore()).not.toThrow();
	});
});

describeWithTmux('enterFullScreen in a real terminal (tmux)', () => {
	let directory: string;
	let program: string;
	let pty: PtySession | undefined;

	beforeAll(() => {
		if (!existsSync(BUILT_SESSION)) throw new Error(`${BUILT_SESSION} is missing: build first (npx tsc -p tsconfig.json)`);
		directory = mkdtempSync(join(tmpdir(), 'apigw-session-test-'));
		program = join(directory, 'full-screen.mjs');
		writeFileSync(program, PROGRAM);
	});
	afterEach(async () => {
		await pty?.kill();
		pty = undefined;
	});
	afterAll(() => rmSync(directory, {recursive: true, force: true}));

	const start = async (mode: string): Promise<PtySession> => {
		pty = await startPty([process.execPath, program, mode], {width: 60, height: 12});
		return pty;
	};

	/** Entered, then left exactly once (restore is idempotent), cursor shown after leaving; main screen back. */
	const expectRestored = async (session: PtySession): Promise<void> => {
		const output = await session.output();
		const entered = output.indexOf(ENTER);
		const left = output.indexOf(LEAVE);
		expect(entered).toBeGreaterThanOrEqual(0);
		expect(left).toBeGreaterThan(entered);
		expect(output.indexOf(SHOW_CURSOR, left)).toBeGreaterThan(left);
		expect(output.split(LEAVE)).toHaveLength(2);
		const screen = await session.screen();
		expect(screen).toContain('main screen before');
		expect(screen).not.toContain('inside the alternate screen');
	};

	it('restores the terminal when the program ends normally (exit 0)', async () => {
		const session = await start('exit');
		expect(await session.waitForExit()).toBe(0);
		await expectRestored(session);
	});

	it.each(['SIGTERM', 'SIGHUP', 'SIGINT'] as const)('restores the terminal and exits 130 on %s', async (signal) => {
		const session = await start('wait');
		await session.waitForScreen((screen) => screen.includes('ready'));
		expect(await session.screen()).not.toContain('main screen before');
		await session.signal(signal);
		expect(await session.waitForExit()).toBe(130);
		await expectRestored(session);
	});

	it('with onSignal, lets the app unmount and restore, then exit with its own code', async () => {
		const session = await start('on-signal');
		await session.waitForScreen((screen) => screen.includes('ready'));
		await session.signal('SIGTERM');
		expect(await session.waitForExit()).toBe(130);
		await expectRestored(session);
		expect(await session.output()).toMatch(/unmounting on SIGTERM[\s\S]*\u001B\[\?1049l[\s\S]*restored by the app/);
	});

	it('with onSignal, a second signal exits at once when the app is stuck', async () => {
		const session = await start('on-signal-stuck');
		await session.waitForScreen((screen) => screen.includes('ready'));
		await session.signal('SIGTERM');
		await session.waitForScreen((screen) => screen.includes('unmounting on SIGTERM, slowly'));
		expect(await session.exitCode()).toBeUndefined();
		await session.signal('SIGTERM');
		expect(await session.waitForExit()).toBe(130);
		await expectRestored(session);
	});

	it.each([
		['throw', 'apigw-tail: internal error: Error: boom'],
		['reject', 'apigw-tail: internal error: Error: rejected'],
		// Control sequences in the message are removed before it reaches the terminal.
		['reject-string', 'apigw-tail: internal error: plain red reason'],
	])('on a crash (%s) restores the terminal, prints one line to stderr and exits 1', async (mode, line) => {
		const stderrPath = join(directory, `stderr-${mode}`);
		pty = await startPty(['/bin/sh', '-c', 'exec "$0" "$1" "$2" 2>"$3"', process.execPath, program, mode, stderrPath], {width: 60, height: 12});
		expect(await pty.waitForExit()).toBe(1);
		await expectRestored(pty);
		expect(readFileSync(stderrPath, 'utf8')).toBe(`${line}\n`);
	});
});
