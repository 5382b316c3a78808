// The terminal UI of the built CLI in a real pseudo-terminal (tmux): open a replay, move, open a request,
// search, pin, switch views, quit; the screen shows what it should and the terminal is restored.
import {expect, it} from 'vitest';
import {ACCESS_LOG_PRESETS} from '../source/core/parse/access-format.js';
import {addStandardApis} from '../source/emulator/apigw-standard-fixtures.js';
import {Emulator} from '../source/emulator/server.js';
import {CLI} from './helpers/cli.js';
import {fixturePath} from './helpers/fixtures.js';
import {describeWithTmux, startPty, type PtySession} from './helpers/pty.js';

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
			await press(pty, 'Tab');
			await pty.waitForScreen((screen) => screen.includes('[Timeline]') && screen.includes(' Connections '));
			await press(pty, 'g');
			await press(pty, 'j');
			await pty.waitForScreen((screen) => /›.*502/.test(screen));
			await press(pty, 'Enter');
			const opened = await pty.waitForScreen((screen) => screen.includes('Lambda execution failed'));
			expect(opened).toMatch(/▶.*Lambda execution failed/);
			await press(pty, 'Escape');

			// Search by request id, then pin the connection.
			await press(pty, '/');
			await pty.waitForScreen((screen) => /^\/ {2}/m.test(screen));
			await press(pty, 'JrAB0kLm');
			await pty.waitForScreen((screen) => screen.includes('/JrAB0kLm'));
			await press(pty, 'Enter');
			const found = await pty.waitForScreen((screen) => /›.*403/.test(screen));
			expect(found).toMatch(/Timeline.*JrAAj1UmIAMCKpB=/);
			await press(pty, 'Tab');
			await press(pty, 'p');
			await pty.waitForScreen((screen) => screen.includes('⚑'));

			// The stats view and back; toggles survive.
			await press(pty, 's');
			const stats = await pty.waitForScreen((screen) => screen.includes('sendmessage') && screen.includes('P95'));
			expect(stats).toContain('$connect');
			await press(pty, '?');
			await pty.waitForScreen((screen) => /quit/.test(screen) && /search/.test(screen));
			await press(pty, 'Escape');
			await press(pty, 'q');
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
			await press(pty, 'p');
			await pty.waitForScreen((screen) => screen.includes('⚑'));
			// The transport restarts narrowed to the pinned connection: it re-reads both groups with
			// FilterLogEvents (connection push-down polls) and opens no new live tail session.
			await waitUntil(() => filterCalls() >= before.filters + 2);
			expect(sessions()).toBe(before.sessions);
			await press(pty, 'q');
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
			await press(pty, 'q');
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

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

/** One key, then a pause: keys sent together reach the program as one chunk of input. */
async function press(pty: PtySession, key: string): Promise<void> {
	await pty.sendKeys(key);
	await new Promise((resolve) => setTimeout(resolve, 150));
}

/** Moves the selection in the connections pane (top, then down) until the connection is selected. */
async function selectConnection(pty: PtySession, connectionId: string): Promise<string> {
	const selected = new RegExp(`›\\s+${connectionId.slice(0, 8)}`);
	await press(pty, 'g');
	for (let attempt = 0; attempt < 10; attempt++) {
		await new Promise((resolve) => setTimeout(resolve, 200));
		const screen = await pty.screen();
		if (selected.test(screen)) return screen;
		await press(pty, 'j');
	}

	throw new Error(`could not select ${connectionId}:\n${await pty.screen()}`);
}
