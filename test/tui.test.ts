// The terminal UI of the built CLI in a real pseudo-terminal (tmux): open a replay, move, open a request,
// search, pin, switch views, quit; the screen shows what it should and the terminal is restored.
import {expect, it} from 'vitest';
import {ACCESS_LOG_PRESETS} from '../source/core/parse/access-format.js';
import {addStandardApis} from '../source/emulator/apigw-standard-fixtures.js';
import {Emulator} from '../source/emulator/server.js';
import {CLI} from './helpers/cli.js';
import {fixturePath} from './helpers/fixtures.js';
import {describeWithTmux, startPty, type PtySession} from './helpers/pty.js';
import {waitFor} from './helpers/wait.js';

// Run from the fixtures folder with a relative path: the header row then reads the same wherever the
// project is checked out (a long absolute path would crowd out the lower-priority header facts).
const fixtures = fixturePath('correlate');
const replay = [process.execPath, CLI, 'replay', 'websocket-chat.jsonl', '--access-log-format', ACCESS_LOG_PRESETS.websocket.json, '--timezone', 'utc'];

describeWithTmux('apigw-tail terminal UI', () => {
	it('opens a replay full screen, navigates, searches, pins and quits restoring the terminal', async () => {
		const pty = await startPty(replay, {width: 100, height: 30, cwd: fixtures});
		try {
			const first = await pty.waitForScreen((screen) => screen.includes('end of input'));
			expect(first).toContain('[Connections]');
			expect(first).toContain('JrAAj1UmIAMCKpB=');
			expect(first).toMatch(/✗ rejected/);
			expect(first.split('\n')[0]).toMatch(/^apigw-tail · /);

			// Select the closed connection, go into its timeline, open the failed MESSAGE.
			const selected = await selectConnection(pty, 'Iq8gj1UmIAMCKpA=');
			expect(selected).toMatch(/Timeline.*Iq8gj1UmIAMCKpA= · closed/);
			await press(pty, 'Tab', (screen) => screen.includes('[Timeline]') && screen.includes(' Connections '));
			await press(pty, 'g', (screen) => rowAfter(screen, '[Timeline]').startsWith('›'));
			await press(pty, 'j', (screen) => /›.*502/.test(screen));
			// The evidence line gives up its boilerplate ("Lambda execution failed ... error: ") for the exception.
			const opened = await press(pty, 'Enter', (screen) => screen.includes('▶'));
			expect(opened).toMatch(/▶.*TypeError: Cannot read properties of undefined/);
			await press(pty, 'Escape', (screen) => !screen.includes('▶'));

			// Search by request id, then pin the connection.
			await press(pty, '/', (screen) => /^\/ {2}/m.test(screen));
			await press(pty, 'JrAB0kLm', (screen) => screen.includes('/JrAB0kLm'));
			const found = await press(pty, 'Enter', (screen) => /›.*403/.test(screen));
			expect(found).toMatch(/Timeline.*JrAAj1UmIAMCKpB=/);
			await press(pty, 'Tab');
			await press(pty, 'p', (screen) => screen.includes('⚑'));

			// The stats view and back; toggles survive.
			const stats = await press(pty, 's', (screen) => screen.includes('sendmessage') && screen.includes('P95'));
			expect(stats).toContain('$connect');
			await press(pty, '?', (screen) => /quit/.test(screen) && /search/.test(screen));
			await press(pty, 'Escape');
			await pty.sendKeys('q');
			expect(await pty.waitForExit()).toBe(0);
			const output = await pty.output();
			expect(output).toContain('\u001B[?1049h');
			expect(output.lastIndexOf('\u001B[?1049l')).toBeGreaterThan(output.lastIndexOf('\u001B[?1049h'));
			expect(output.lastIndexOf('\u001B[?25h')).toBeGreaterThan(output.lastIndexOf('\u001B[?25l'));
		} finally {
			await pty.kill();
		}
	});

	it('shows only what --errors-only and --route ask for, and the keys toggle from there', async () => {
		const pty = await startPty([...replay, '--errors-only', '--route', 'sendmessage'], {width: 100, height: 30, cwd: fixtures});
		try {
			const filtered = await pty.waitForScreen((screen) => screen.includes('end of input') && /›.*502/.test(screen));
			expect(filtered).toContain('errors only');
			expect(filtered).toContain('route: sendmessage');
			// The rejected connection never sent a message; the closed one's $connect, 200 and $disconnect are not errors.
			expect(filtered).toContain('Iq8gj1UmIAMCKpA=');
			expect(filtered).not.toContain('JrAAj1UmIAMCKpB=');
			expect(filtered).not.toMatch(/ 200 /);

			await press(pty, 'e');
			const unfiltered = await pty.waitForScreen((screen) => !screen.includes('errors only') && / 200 /.test(screen));
			expect(unfiltered).toContain('route: sendmessage');
			await press(pty, 'q');
			expect(await pty.waitForExit()).toBe(0);
		} finally {
			await pty.kill();
		}
	});

	it('follows a live stage: header shows live tail, new requests appear, pin narrows the transport', async () => {
		const emulator = await Emulator.start({liveTailTickMs: 200});
		addStandardApis({apis: emulator.apis, logs: emulator.logs});
		const group = 'API-Gateway-Execution-Logs_a1b2c3d4e5/prod';
		const stream = '0123456789abcdef0123456789abcdef';
		emulator.logs.ensureLogStream(group, stream);
		const pty = await startPty(
			[process.execPath, CLI, '--api', 'chat-demo', '--stage', 'prod', '--endpoint-url', emulator.endpoint, '--settle', '1s', '--timezone', 'utc'],
			{
				width: 120,
				height: 30,
				env: {AWS_ACCESS_KEY_ID: 'AKIDTUI', AWS_SECRET_ACCESS_KEY: 'tui-secret', AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true'},
			},
		);
		try {
			await pty.waitForScreen((screen) => screen.includes('chat-demo (a1b2c3d4e5)') && screen.includes(' live'));
			const access = '/aws/apigateway/a1b2c3d4e5/prod/access';
			emulator.logs.ensureLogStream(access, stream);
			emulator.logs.putLogEvents(group, stream, [{timestamp: Date.now(), message: '(LiVeTuI0000000A=) Execution failed due to a timeout error'}]);
			emulator.logs.putLogEvents(access, stream, [
				{
					timestamp: Date.now(),
					message: JSON.stringify({requestId: 'LiVeTuI0000000A=', connectionId: 'TuIcOnNeCtIoN0A=', eventType: 'MESSAGE', routeKey: 'sendmessage', status: '504'}),
				},
			]);
			const shown = await pty.waitForScreen((screen) => screen.includes('TuIcOnNeCtIoN0A='));
			expect(shown).toMatch(/⚡/);
			const filterCalls = () => emulator.calls.filter((call) => call.operation === 'FilterLogEvents').length;
			const sessions = () => emulator.calls.filter((call) => call.operation === 'StartLiveTail').length;
			const before = {filters: filterCalls(), sessions: sessions()};
			await press(pty, 'p', (screen) => screen.includes('⚑'));
			// The transport restarts narrowed to the pinned connection: it re-reads both groups with
			// FilterLogEvents (connection push-down polls) and opens no new live tail session.
			await waitFor(() => filterCalls() >= before.filters + 2, 10_000, 'two FilterLogEvents calls narrowed to the pin');
			expect(sessions()).toBe(before.sessions);
			await pty.sendKeys('q');
			expect(await pty.waitForExit()).toBe(0);
		} finally {
			await pty.kill();
			await emulator.stop();
		}
	});

	it('runs the demo live on the built-in emulator, errors showing within seconds', async () => {
		const pty = await startPty([process.execPath, CLI, 'demo', '--seed', '3', '--timezone', 'utc'], {width: 120, height: 30});
		try {
			await pty.waitForScreen((screen) => screen.includes('chat-demo (a1b2c3d4e5)') && screen.includes(' live'), 15_000);
			// Connections with authorizer (⊘) and integration (⚡) badges appear as the simulated failures settle.
			const busy = await pty.waitForScreen((screen) => /●.*\n/.test(screen) && screen.includes('⊘') && screen.includes('⚡'), 45_000);
			expect(busy).toMatch(/[●○✗] /);
			await pty.sendKeys('q');
			expect(await pty.waitForExit()).toBe(0);
		} finally {
			await pty.kill();
		}
	}, 60_000);

	it('says so below the minimum size, and restores the terminal on SIGTERM', async () => {
		const pty = await startPty(replay, {width: 50, height: 10, cwd: fixtures});
		try {
			await pty.waitForScreen((screen) => screen.includes('too small'));
			await pty.signal('SIGTERM');
			expect(await pty.waitForExit()).toBe(130);
			expect(await pty.output()).toContain('\u001B[?1049l');
		} finally {
			await pty.kill();
		}
	});
});

/** The header's clock ticks by itself: a screen that changed only there has not answered a key yet. */
function withoutClock(screen: string): string {
	const [header = '', ...rest] = screen.split('\n');
	return [header.replace(/\d\d:\d\d:\d\d( UTC)?$/, ''), ...rest].join('\n');
}

/**
 * One key, then wait for the app to answer it (`until` holds, else the screen changed beyond the clock)
 * before the next: keys sent together reach the program as one chunk of input.
 */
function press(pty: PtySession, key: string, until?: (screen: string) => boolean): Promise<string> {
	return pty.press(key, until ?? ((screen, before) => withoutClock(screen) !== withoutClock(before)));
}

/** The first list row of the pane titled `heading`: below its title and its column headings ('' when there is none). */
function rowAfter(screen: string, heading: string): string {
	const rows = screen.split('\n');
	const at = rows.findIndex((row) => row.includes(heading));
	return at < 0 ? '' : (rows[at + 2] ?? '');
}

/** The selected row of the connections pane: the first row marked ›. */
function selectedConnection(screen: string): string | undefined {
	return screen.split('\n').find((row) => row.startsWith('›'));
}

/** Moves the selection down the connections pane until the connection is selected. */
async function selectConnection(pty: PtySession, connectionId: string): Promise<string> {
	const selected = new RegExp(`^›\\s+${connectionId.slice(0, 8)}`, 'm');
	let screen = await pty.screen();
	for (let moves = 0; !selected.test(screen); moves++) {
		if (moves === 10) throw new Error(`could not select ${connectionId}:\n${screen}`);
		screen = await press(pty, 'j', (current) => selectedConnection(current) !== selectedConnection(screen));
	}

	return screen;
}
