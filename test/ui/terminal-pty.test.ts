import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, expect, it} from 'vitest';
import {describeWithTmux, startPty, type PtySession} from '../helpers/pty.js';

// A small interactive program: reports what it sees of its terminal, echoes each key it reads (raw
// mode, so keys arrive one by one as the terminal sends them), exits 3 on q.
const ECHO_KEYS = `
process.stdout.write('size ' + process.stdout.columns + 'x' + process.stdout.rows + '\\r\\n');
process.stdout.write('term ' + process.env.TERM + ' probe ' + process.env.PTY_PROBE + ' color ' + (process.env.FORCE_COLOR ?? 'unset') + '\\r\\n');
process.stdout.write('cwd ' + process.cwd() + '\\r\\n');
process.stdin.setRawMode(true);
process.stdin.on('data', (data) => {
	const key = data.toString();
	if (key === 'q') process.exit(3);
	process.stdout.write('got ' + JSON.stringify(key) + '\\r\\n');
});
process.stdout.write('ready\\r\\n');
`;

describeWithTmux('pseudo-terminal harness (tmux)', () => {
	let directory: string;
	let script: string;
	let pty: PtySession | undefined;

	beforeAll(() => {
		directory = mkdtempSync(join(tmpdir(), 'apigw-pty-test-'));
		script = join(directory, 'echo-keys.mjs');
		writeFileSync(script, ECHO_KEYS);
	});
	afterEach(async () => {
		await pty?.kill();
		pty = undefined;
	});
	afterAll(() => rmSync(directory, {recursive: true, force: true}));

	it('runs the program at the given size, with the given environment and directory', async () => {
		pty = await startPty([process.execPath, script], {width: 60, height: 15, env: {PTY_PROBE: 'it works'}, cwd: directory});
		const screen = await pty.waitForScreen((text) => text.includes('ready'));
		expect(screen).toContain('size 60x15');
		// FORCE_COLOR=0 from test/setup.ts must not leak into the program.
		expect(screen).toContain('term xterm-256color probe it works color unset');
		expect(screen).toContain(`cwd ${directory}`);
		expect(screen.split('\n')).toHaveLength(15);
		expect(await pty.exitCode()).toBeUndefined();
	});

	it('types text and named keys, and reads the exit status', async () => {
		pty = await startPty([process.execPath, script], {width: 60, height: 15});
		await pty.waitForScreen((text) => text.includes('ready'));
		await pty.sendKeys('a');
		await pty.waitForScreen((text) => text.includes('got "a"'));
		// press waits for the screen to change: Enter is read on its own, not together with Up.
		expect(await pty.press('Enter')).toContain('got "\\r"');
		const screen = await pty.press('Up', (text) => text.includes('got "\\u001b[A"'));
		expect(screen).toContain('got "\\r"');
		await pty.sendKeys('q');
		expect(await pty.waitForExit()).toBe(3);
		// The terminal turns each \n into \r\n (onlcr): these are the bytes as the terminal got them.
		expect(await pty.output()).toContain('ready\r\r\n');
	});

	it('reports death by signal as 128 + the signal number', async () => {
		pty = await startPty([process.execPath, script], {width: 40, height: 10});
		await pty.waitForScreen((text) => text.includes('ready'));
		await pty.signal('SIGKILL');
		expect(await pty.waitForExit()).toBe(128 + 9);
	});

	it('says what the screen showed when waiting for it times out', async () => {
		pty = await startPty([process.execPath, script], {width: 40, height: 10});
		await pty.waitForScreen((text) => text.includes('ready'));
		await expect(pty.waitForScreen((text) => text.includes('never shown'), 300)).rejects.toThrow(/timed out after 300 ms waiting for the screen to match[\s\S]*ready/);
	});

	it('passes arguments through without a shell reading them', async () => {
		const printArgs = join(directory, 'print-args.mjs');
		writeFileSync(printArgs, `process.stdout.write(JSON.stringify(process.argv.slice(2)));`);
		const awkward = ["it's", '$HOME', 'a b', '"; exit 9'];
		pty = await startPty([process.execPath, printArgs, ...awkward], {width: 80, height: 5});
		expect(await pty.waitForExit()).toBe(0);
		expect(await pty.output()).toContain(JSON.stringify(awkward));
	});
});
