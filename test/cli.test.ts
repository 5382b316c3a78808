// End to end: the built CLI (npm test builds first) as a user runs it, on fixture files and pipes.
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {gzipSync} from 'node:zlib';
import type {ChildProcess} from 'node:child_process';
import {afterEach, describe, expect, it} from 'vitest';
import {ACCESS_LOG_PRESETS} from '../source/core/parse/access-format.js';
import {generateTraffic} from '../source/emulator/traffic.js';
import {CLI, parseNdjson, runCli} from './helpers/cli.js';
import {fixturePath} from './helpers/fixtures.js';
import {describeWithTmux, startPty} from './helpers/pty.js';

const chat = fixturePath('correlate/websocket-chat.jsonl');
const preset = ACCESS_LOG_PRESETS.websocket.json;

describe('apigw-tail replay --output json', () => {
	it('prints requests, connections and a final summary', async () => {
		const result = await runCli(['replay', chat, '--output', 'json', '--access-log-format', preset]);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		const lines = parseNdjson(result.stdout);
		const requests = lines.filter((line) => line['type'] === 'request');
		expect(new Set(requests.map((line) => line['requestId'])).size).toBe(6);
		const lambdaError = requests.find((line) => line['requestId'] === 'Iq9h0AbcdAMFx1Q=')!;
		expect(lambdaError).toMatchObject({
			connectionId: 'Iq8gj1UmIAMCKpA=',
			eventType: 'MESSAGE',
			routeKey: 'sendmessage',
			status: 502,
			integrationLatencyMs: 119,
			accessGuessed: false,
			invocations: [],
			revision: 0,
		});
		expect(lambdaError['errors']).toEqual([expect.objectContaining({category: 'integration'})]);
		expect(lines.filter((line) => line['type'] === 'connection').map((line) => line['state']).sort()).toEqual([
			'closed',
			'rejected',
		]);
		expect(lines.filter((line) => line['type'] === 'unparsed')).toHaveLength(1);
		expect(lines.at(-1)).toMatchObject({type: 'summary', events: 37, requests: 6, connections: 2, unparsed: 1});
	});

	it('says the access mapping was guessed only when access lines were read with it', async () => {
		const result = await runCli(['replay', fixturePath('inputs/plain-execution.txt'), '--output', 'json']);
		expect(parseNdjson(result.stdout).at(-1)).toMatchObject({type: 'summary', accessEvents: 0, accessFormatGuessed: false});
	});

	it('keeps an explanation whole, however long the route', async () => {
		const routeKey = `send${'-message'.repeat(20)}`;
		const access = JSON.stringify({requestId: 'Iq9gwFDNoAMFo1A=', eventType: 'MESSAGE', routeKey, status: '400', connectionId: 'Iq8gj1UmIAMCKpA=', 'error.validationErrorString': `${'x'.repeat(100)} (length: 0, required minimum: 1)`});
		const result = await runCli(['replay', '-', '--output', 'json'], {stdin: `${JSON.stringify({timestamp: 1_690_374_046_000, message: access})}\n`});
		const request = parseNdjson(result.stdout).find((line) => line['type'] === 'request')!;
		expect((request['errors'] as Array<{explanation: string}>)[0]!.explanation).toBe(`bad request on ${routeKey} (400): ${'x'.repeat(100)} (length: 0, required minimum: 1)`);
	});

	it('guesses the access mapping without a format and says so', async () => {
		const result = await runCli(['replay', chat, '--output', 'json']);
		const lines = parseNdjson(result.stdout);
		expect(lines.at(-1)).toMatchObject({type: 'summary', accessFormatGuessed: true, requests: 6});
		expect(lines.find((line) => line['type'] === 'request' && line['access'] !== null)).toMatchObject({
			accessGuessed: true,
			invocations: [],
		});
	});

	it('reads piped and gzipped standard input', async () => {
		const result = await runCli(['replay', '--output', 'json'], {stdin: gzipSync(readFileSync(chat))});
		expect(result.code).toBe(0);
		expect(parseNdjson(result.stdout).at(-1)).toMatchObject({type: 'summary', events: 37});
	});

	it('reads the same capture saved as filter-log-events JSON', async () => {
		const events = readFileSync(chat, 'utf8')
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line) as Record<string, unknown>);
		const file = join(mkdtempSync(join(tmpdir(), 'apigw-tail-')), 'page.json');
		writeFileSync(file, JSON.stringify({events, searchedLogStreams: []}, null, 2));
		const result = await runCli(['replay', file, '--output', 'json', '--errors-only']);
		const requests = parseNdjson(result.stdout).filter((line) => line['type'] === 'request');
		expect(requests.map((line) => line['requestId']).sort()).toEqual(
			['177a5660-9b20-4614-b620-51dd4d56fb4c', 'Iq9h0AbcdAMFx1Q=', 'JrAB0kLmNAMFq7w='].sort(),
		);
	});

	it('escapes control characters from logs', async () => {
		const hostile = JSON.stringify({
			timestamp: 1,
			logGroupName: 'API-Gateway-Execution-Logs_abc/prod',
			message: '(Iq9gwFDNoAMFo1A=) Method request body before transformations: \u001B]52;c;ZXZpbA==\u0007\u009B2J\u007F',
		});
		const result = await runCli(['replay', '--output', 'json'], {stdin: `${hostile}\n`});
		expect(result.stdout).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
		expect(result.stdout).toContain('\\u001b]52');
	});
});

describe('apigw-tail replay --export', () => {
	it('writes the filtered requests as JSON and Markdown for the incident ticket', async () => {
		const base = join(mkdtempSync(join(tmpdir(), 'apigw-tail-export-')), 'incident');
		const result = await runCli(['replay', chat, '--connection', 'Iq8gj1UmIAMCKpA=', '--export', base, '--output', 'json']);
		expect(result.code).toBe(0);
		expect(result.stderr).toBe(`apigw-tail: exported 4 requests to ${base}.json and ${base}.md\n`);
		const exported = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as {title: string; requests: Array<{requestId: string}>; insightsQuery: string};
		expect(exported.title).toBe('connection Iq8gj1UmIAMCKpA=');
		expect(exported.requests.map((request) => request.requestId)).toEqual([
			'Iq9gwFDNoAMFo1A=',
			'Iq9h0AbcdAMFx1Q=',
			'Iq9h1XyzaAMFy2Q=',
			'Iq9h9QwerAMFz3Q=',
		]);
		expect(exported.insightsQuery).toContain('Iq8gj1UmIAMCKpA=');
		const markdown = readFileSync(`${base}.md`, 'utf8');
		for (const section of ['# connection Iq8gj1UmIAMCKpA=', '## Timeline', '## Errors', '## Raw lines']) expect(markdown).toContain(section);
	});

	it('fails with one line when the file cannot be written', async () => {
		const result = await runCli(['replay', chat, '--export', '/nonexistent/dir/incident', '--output', 'json']);
		expect(result.code).toBe(1);
		expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
		expect(result.stderr).toMatch(/^apigw-tail: /);
	});
});

describe('apigw-tail replay (text)', () => {
	it('prints one aligned line per request with error tags and connection lines', async () => {
		const result = await runCli(['replay', chat, '--access-log-format', preset, '--timezone', 'utc']);
		expect(result.code).toBe(0);
		const lines = result.stdout.split('\n');
		expect(lines[0]).toBe('── 2023-07-26 UTC ──');
		const lambdaLine = lines.find((line) => line.includes('Iq9h0AbcdAMFx1Q='))!;
		expect(lambdaLine).toMatch(/^12:20:45\.000 {2}Iq8gj1UmIAMCKpA= {2}MESSAGE {5}sendmessage {7}502 {2}119ms/);
		expect(lambdaLine).toContain('⚡ integration');
		expect(result.stdout).toMatch(/── connection JrAAj1UmIAMCKpB= · rejected · 1 request · 0 messages · /);
		expect(result.stdout).toContain('── connection Iq8gj1UmIAMCKpA= · closed · 4 requests · 2 messages · ');
		// The unparsed line (12:21:12) comes after the requests before it, not first.
		expect(lines.findIndex((line) => line.includes('? unparsed'))).toBe(lines.findIndex((line) => line.includes('177a5660')) + 1);
		// The error follows the 16-character id after the usual two spaces.
		expect(lambdaLine).toContain('Iq9h0AbcdAMFx1Q=  ⚡ integration');
		expect(result.stdout).toContain('── summary ──');
		// Not a terminal: no colour codes at all.
		expect(result.stdout).not.toContain('\u001B');
	});

	it('aligns the summary rows, whatever the width of their stage and route', async () => {
		const result = await runCli(['replay', chat, '--timezone', 'utc']);
		const rows = result.stdout.split('\n').filter((line) => / requests? {2}/.test(line));
		expect(rows).toHaveLength(4);
		const column = (pattern: RegExp) => new Set(rows.map((row) => row.search(pattern)));
		expect(column(/\d+ requests?/).size).toBe(1);
		expect(column(/no latency|p50/).size).toBe(1);
		expect(rows.find((row) => row.includes('$disconnect'))).toMatch(/ 1 request {3}no latency/);
	});

	it('shows "-" for the time of a line that had none, and leaves out the WebSocket columns for a REST log', async () => {
		const result = await runCli(['replay', '-', '--timezone', 'utc'], {
			stdin: 'no timestamp on this line\n2024-05-01T10:00:00.000Z (9f7c1f7e-4a0c-11e7-8f8b-5d5d8a3a1c1e) HTTP Method: GET, Resource Path: /pets\n',
		});
		const lines = result.stdout.split('\n');
		expect(result.stdout).not.toContain('1970');
		expect(lines[0]).toMatch(/^- {13}\? unparsed /);
		expect(lines).toContain('10:00:00.000  GET /pets         -    -        9f7c1f7e-4a0c-11e7-8f8b-5d5d8a3a1c1e');
	});

	it('NDJSON: time is null for a line that had none, never 1970', async () => {
		const result = await runCli(['replay', '-', '--output', 'json'], {
			stdin: 'no timestamp on this line\n(9f7c1f7e-4a0c-11e7-8f8b-5d5d8a3a1c1e) HTTP Method: GET, Resource Path: /pets\n',
		});
		const [unparsed, request] = parseNdjson(result.stdout);
		expect(result.stdout).not.toContain('1970');
		expect(unparsed).toMatchObject({type: 'unparsed', time: null});
		expect(request).toMatchObject({type: 'request', time: null, execution: [{time: null, kind: 'http-method'}]});
	});

	it('strips terminal control sequences from log text', async () => {
		const hostile = '(Iq9gwFDNoAMFo1A=) Execution failed due to configuration error: \u001B]0;owned\u0007\u001B[2Jboom\u009B31m';
		const result = await runCli(['replay', '-'], {stdin: `${hostile}\n`});
		expect(result.code).toBe(0);
		expect(result.stdout).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
		expect(result.stdout).toContain('boom');
	});
});

describe('apigw-tail errors and exit codes', () => {
	// Bad flags, files, closed pipes and signals: test/cli-errors.test.ts.
	it('refuses a binary file or binary stdin with one line and exit 1, printing nothing', async () => {
		const program = process.execPath;
		const file = await runCli(['replay', program]);
		expect(file).toMatchObject({code: 1, stdout: '', stderr: `apigw-tail: cannot read ${program}: binary data, not log text\n`});
		// Less than a pipe holds, so the write completes however early the CLI stops reading.
		const piped = await runCli(['replay', '-', '--output', 'json'], {stdin: readFileSync(program).subarray(0, 50_000)});
		expect(piped).toMatchObject({code: 1, stdout: '', stderr: 'apigw-tail: cannot read stdin: binary data, not log text\n'});
	});

	it('prints help and version', async () => {
		expect((await runCli(['--help'])).stdout).toContain('apigw-tail replay [FILE...]');
		expect((await runCli(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
	});
});

describe('apigw-tail COMMAND --help', () => {
	// A command that wrongly runs instead of printing help (demo, emulator) would outlive the test.
	const started: ChildProcess[] = [];
	afterEach(() => {
		for (const child of started.splice(0)) if (child.exitCode === null) child.kill();
	});
	const runStoppable = (args: string[]) =>
		runCli(args, {
			onSpawn: (child) => {
				started.push(child);
				child.stdin?.end();
			},
		});

	it.each([
		{
			title: 'apigw-tail --help',
			args: ['--help'],
			usage: ['apigw-tail --api ID|NAME --stage NAME', 'apigw-tail replay [FILE...]', 'apigw-tail demo', 'apigw-tail doctor', 'apigw-tail emulator'],
			accepts: ['--log-group NAME', '--since', '--no-follow', '--errors-only', '--export FILE'],
			refuses: ['--seed', '--rate', '--duration'],
		},
		{
			title: 'apigw-tail replay --help',
			args: ['replay', '--help'],
			usage: ['apigw-tail replay [FILE...]'],
			accepts: ['--output text|json', '--access-log-format TEMPLATE', '--errors-only', '--settle DURATION', '--export FILE'],
			refuses: ['--since', '--api', '--port', '--seed', 'apigw-tail demo'],
		},
		{
			title: 'apigw-tail demo --help',
			args: ['demo', '--help'],
			usage: ['apigw-tail demo'],
			accepts: ['--rate N', '--duration DURATION', '--seed N', '--errors-only'],
			refuses: ['--since', '--api', '--port', 'apigw-tail replay'],
		},
		{
			title: 'apigw-tail doctor --api chat-demo --help',
			args: ['doctor', '--api', 'chat-demo', '--help'],
			usage: ['apigw-tail doctor --api ID|NAME --stage NAME'],
			accepts: ['--api ID|NAME', '--stage NAME', '--region', '--profile', '--endpoint-url URL', '--output text|json'],
			refuses: ['--since', '--errors-only', '--port', '--export'],
		},
		{
			title: 'apigw-tail emulator --help',
			args: ['emulator', '--help'],
			usage: ['apigw-tail emulator'],
			accepts: ['--port N'],
			refuses: ['--output', '--api', '--since'],
		},
	])('$title: the usage and flags of that command only, exit 0', async ({args, usage, accepts, refuses}) => {
		const result = await runStoppable(args);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		for (const text of ['Live-tail and correlate', ...usage, ...accepts, '--help']) expect(result.stdout).toContain(text);
		for (const text of refuses) expect(result.stdout).not.toContain(text);
	});

	it('apigw-tail demo --version: the version, not the demo', async () => {
		const result = await runStoppable(['demo', '--version']);
		expect(result.code).toBe(0);
		expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
	});
});

describeWithTmux('colour of text output on a terminal (https://no-color.org)', () => {
	it.each<{title: string; env: Record<string, string>; coloured: boolean}>([
		{title: 'NO_COLOR unset', env: {}, coloured: true},
		{title: 'NO_COLOR empty, which counts as unset', env: {NO_COLOR: ''}, coloured: true},
		{title: 'NO_COLOR=1', env: {NO_COLOR: '1'}, coloured: false},
	])('$title', async ({env, coloured}) => {
		const pty = await startPty([process.execPath, CLI, 'replay', chat, '--output', 'text', '--access-log-format', preset], {width: 160, height: 40, env});
		try {
			expect(await pty.waitForExit()).toBe(0);
			const output = await pty.output();
			expect(output).toContain('sendmessage');
			// The printer's own palette (output/style.ts); without colour, no escape at all.
			if (coloured) expect(output).toMatch(/\u001B\[(?:31|32|33)m/);
			else expect(output).not.toContain('\u001B');
		} finally {
			await pty.kill();
		}
	});
});

describe('apigw-tail demo', () => {
	it('runs the live path on the built-in emulator: every error category within 10 s, each where the simulator put it', async () => {
		const result = await runCli(['demo', '--output', 'json', '--duration', '10s', '--seed', '3']);
		expect(result.code).toBe(0);
		expect(result.stderr).toContain('following with live tail');
		const requests = parseNdjson(result.stdout).filter((line) => line['type'] === 'request');
		const categories = new Set(requests.flatMap((line) => (line['errors'] as Array<{category: string}>).map((error) => error.category)));
		expect([...categories].sort()).toEqual(['authorizer', 'client', 'gateway', 'integration', 'throttle', 'waf']);

		// The simulation is deterministic for a seed: the same ids carry the same failures.
		const truth = new Map<string, string | undefined>();
		for (const {truth: simulated} of generateTraffic({
			seed: 3,
			apiId: 'a1b2c3d4e5',
			stage: 'prod',
			executionLogGroup: 'x',
			accessLogGroup: 'y',
			startTime: 0,
			eventsPerSecond: 100,
		})) {
			truth.set(simulated.requestId, simulated.expectedCategory);
			if (truth.size > 5000) break;
		}

		let checked = 0;
		for (const request of requests) {
			const expected = truth.get(request['requestId'] as string);
			if (expected === undefined || request['access'] === null) continue;
			expect((request['errors'] as Array<{category: string}>).map((error) => error.category)).toContain(expected);
			checked++;
		}

		expect(checked).toBeGreaterThan(5);
	});
});
