// What a person sees of Lambda invocations at 80x24, 120x30 and 160x48 (issue 11), in the real terminal UI
// (the built modules in tmux). Replay cannot carry invocations until the join lands, so a small program
// feeds the UI the request views the join will make (test/fixtures/lambda-ui/chat-requests.json: a
// $connect with its authorizer, a cold start, a TypeError with a Node stack, an out-of-memory crash with a
// Python traceback) through startTui, as the engine driver does.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {fixturePath} from './helpers/fixtures.js';
import {describeWithTmux, startPty} from './helpers/pty.js';

const BUILT_TUI = new URL('../dist/ui/run-tui.js', import.meta.url).href;

const PROGRAM = `
import {readFileSync} from 'node:fs';
import {startTui} from ${JSON.stringify(BUILT_TUI)};

const changes = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const stop = new AbortController();
const tui = startTui({
	config: {
		output: 'text', interactive: true, debugLog: undefined, exportPath: undefined, colour: false, timezone: 'utc',
		accessLogFormat: undefined, filter: {},
		limits: {settleMs: 5000, maxRequests: 10000, maxConnections: 1000, maxRequestsPerConnection: 1000},
	},
	status: {source: 'chat-demo (z1ctxygne5)', stage: 'production', transport: 'replay', sampled: false, throttled: false, eventsPerSecond: 0},
	signal: new AbortController().signal,
	stop,
});
tui.show(changes, () => ({
	events: 0, executionEvents: 0, accessEvents: 0, unparsed: 0, requests: changes.length, connections: 1,
	evicted: {requests: 0, connections: 0}, accessFormatGuessed: false, metrics: {stages: {}},
}));
tui.inputEnded();
await tui.done;
`;

describeWithTmux('apigw-tail terminal UI shows Lambda invocations', () => {
	let directory: string;
	let program: string;

	beforeAll(() => {
		directory = mkdtempSync(join(tmpdir(), 'apigw-tui-lambda-'));
		program = join(directory, 'show-requests.mjs');
		writeFileSync(program, PROGRAM);
	});
	afterAll(() => rmSync(directory, {recursive: true, force: true}));

	it.each([
		[80, 24],
		[120, 30],
		[160, 48],
	])('%ix%i: row marks, the open request\'s invocation and stack, the function table', async (width, height) => {
		const pty = await startPty([process.execPath, program, fixturePath('lambda-ui/chat-requests.json')], {width, height});
		try {
			await pty.waitForScreen((screen) => screen.includes('end of input'));
			const timeline = await pty.press('Tab', (screen) => screen.includes('[Timeline]'));
			expect(timeline).toMatch(/CONN.* 200 .*λ ok cold/);
			expect(timeline).toMatch(/sendmessage +200 .*λ ok cold/);
			expect(timeline).toMatch(/sendmessage +502 .*λ err /);
			expect(timeline).toMatch(/\$default +500 .*λ crash /);

			// The newest request is selected: up one to the TypeError, and open it.
			await pty.press('k', (screen) => /^.*› +[\d:.]+ +\S+ +sendmessage +502/m.test(screen));
			const opened = await pty.press('Enter', (screen) => screen.includes('integration λ chat-sendmessage'));
			expect(opened).toMatch(/\+5 ms +integration λ chat-sendmessage · error ·/);
			expect(opened).toMatch(/▶ +error +TypeError: Cannot read/);
			expect(opened.split('\n').length).toBeLessThanOrEqual(height);
			for (const row of opened.split('\n')) expect([...row].length).toBeLessThanOrEqual(width);

			// Down the stack, one row at a time, to the handler's last line.
			let bottom = opened;
			while (!bottom.includes('Invoke Error')) bottom = await pty.press('j');
			expect(bottom).toMatch(/\+1\.24 s +ERROR +Invoke Error/);
			expect(bottom).toContain('process.processTicksAndRejections');

			const stats = await pty.press('s', (screen) => screen.includes('Lambda functions'));
			expect(stats).toMatch(/FUNCTION +INVOKED +P50 +P95 +P99 +COLD +ERRORS +TIMEOUTS/);
			for (const name of ['chat-authorizer', 'chat-connect', 'chat-default', 'chat-sendmessage']) expect(stats).toContain(name);
			expect(stats).toMatch(/chat-sendmessage +2 +/);

			await pty.sendKeys('q');
			expect(await pty.waitForExit()).toBe(0);
		} finally {
			await pty.kill();
		}
	});
});
