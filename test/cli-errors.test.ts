// Hostile command lines and surroundings, through the built CLI as a user runs it: every flag with a bad
// value, bad files, a reader that goes away, and signals mid-stream. Each ends with one clear line on
// stderr (never a stack trace), the documented exit code and, for the terminal UI, a restored terminal.
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {gunzipSync, gzipSync, constants as zlibConstants} from 'node:zlib';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {addStandardApis} from '../source/emulator/apigw-standard-fixtures.js';
import {Emulator} from '../source/emulator/server.js';
import {generateTraffic} from '../source/emulator/traffic.js';
import {CLI, parseNdjson, runCli, type CliResult} from './helpers/cli.js';
import {fixturePath} from './helpers/fixtures.js';
import {describeWithTmux, startPty} from './helpers/pty.js';
import {waitFor} from './helpers/wait.js';

const chat = fixturePath('correlate/websocket-chat.jsonl');
const work = mkdtempSync(join(tmpdir(), 'apigw-tail-errors-'));
// Other users (nobody, below) must reach the files in here; mkdtemp makes the directory private.
chmodSync(work, 0o755);
const home = join(work, 'home');
mkdirSync(home);
// Never real AWS: dummy credentials, no profile, an empty home; live cases use a refused endpoint.
const ENV = {
	HOME: home,
	AWS_ACCESS_KEY_ID: 'AKIDCLIERRORS',
	AWS_SECRET_ACCESS_KEY: 'cli-errors-secret',
	AWS_REGION: 'us-east-1',
	AWS_EC2_METADATA_DISABLED: 'true',
	AWS_SESSION_TOKEN: undefined,
	AWS_PROFILE: undefined,
	AWS_DEFAULT_PROFILE: undefined,
	AWS_DEFAULT_REGION: undefined,
	AWS_CONFIG_FILE: undefined,
	AWS_SHARED_CREDENTIALS_FILE: undefined,
	// A safety net: a case that wrongly got past validation calls this refused port, not AWS.
	AWS_ENDPOINT_URL: 'http://127.0.0.1:1',
	AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: undefined,
	AWS_ENDPOINT_URL_API_GATEWAY: undefined,
	AWS_ENDPOINT_URL_APIGATEWAYV2: undefined,
};
const REFUSED = 'http://127.0.0.1:1';
const API = ['--api', 'chat-demo', '--stage', 'prod'];
const LIVE = [...API, '--endpoint-url', REFUSED];
const SETTLED = '"type":"summary"';
// For the tests that wait on a live process: generous, since CI runs files in parallel on 2 cores.
const WAITING_MS = 90_000;

const cli = (args: string[], options: Parameters<typeof runCli>[1] = {}) => runCli(args, {...options, env: {...ENV, ...options.env}});

/** One line starting `apigw-tail: ` that contains `text`, and no stack trace. */
function expectOneLine(result: CliResult, text: string): void {
	expect(result.stderr).toMatch(/^apigw-tail: [^\n]*\n$/);
	expect(result.stderr).toContain(text);
	expect(result.stderr).not.toMatch(/\n\s+at /);
}

// Each row: the arguments and what the one line must say (it names the flag, command or file).
const USAGE_ERRORS: Array<[string[], string]> = [
	[['replay', chat, '--output'], '--output needs a value'],
	[['replay', chat, '--output', ''], '--output needs a value'],
	[['replay', chat, '--output', 'xml'], '--output must be text or json (got "xml")'],
	[['replay', chat, '--output', 'json', '--output', 'text'], '--output can only be given once'],
	[['replay', chat, '--timezone', 'Mars/Olympus'], '--timezone must be local or utc (got "Mars/Olympus")'],
	[['replay', chat, '--timezone'], '--timezone needs a value'],
	[['replay', chat, '--settle', '5x'], '--settle must be a duration like 30s, 5m or 2h (got "5x")'],
	[['replay', chat, '--settle=-1m'], '--settle must be a duration like 30s, 5m or 2h (got "-1m")'],
	[['replay', chat, '--settle', '-1m'], '--settle needs a value (write --settle=VALUE for one that starts with "-")'],
	[['replay', chat, '--settle', ''], '--settle needs a value'],
	[['replay', chat, '--max-connections', '0'], '--max-connections must be a whole number of at least 1 (got "0")'],
	[['replay', chat, '--max-connections', '-5'], '--max-connections must be a whole number of at least 1 (got "-5")'],
	[['replay', chat, '--max-requests', 'lots'], '--max-requests must be a whole number of at least 1 (got "lots")'],
	[['replay', chat, '--max-requests', '1.5'], '--max-requests must be a whole number of at least 1 (got "1.5")'],
	[['replay', chat, '--max-requests', '99999999999999999999'], '--max-requests must be a whole number'],
	[['replay', chat, '--connection'], '--connection needs a value'],
	[['replay', chat, '--request', ''], '--request needs a value'],
	[['replay', chat, '--route'], '--route needs a value'],
	[['replay', chat, '--debug-log'], '--debug-log needs a value'],
	[['replay', chat, '--export', ''], '--export needs a value'],
	[['replay', chat, '--access-log-format', ''], '--access-log-format needs a value'],
	[['replay', chat, '--access-log-format', 'garbage'], 'access-log format has no $context.requestId'],
	[['replay', chat, '--access-log-format', '$context.status'], 'access-log format has no $context.requestId'],
	[['replay', chat, '--access-log-format-file'], '--access-log-format-file needs a value'],
	[['replay', chat, '--access-log-format', 'x', '--access-log-format-file', 'y'], 'use either --access-log-format or --access-log-format-file'],
	[['replay', chat, '--bogus'], 'unknown flag --bogus (see apigw-tail --help)'],
	[['replay', chat, '-x'], 'unknown flag -x'],
	[['replay', chat, '--to-string'], 'unknown flag --to-string'],
	[['replay', ''], 'replay got an empty FILE argument'],
	[['replay', chat, '--since', '1h'], '--since does not apply to replay'],
	[['replay', chat, '--no-follow'], '--no-follow does not apply to replay'],
	[['replay', chat, '--rate', '5'], '--rate does not apply to replay'],
	[['replay', chat, '--port', '0'], '--port does not apply to replay'],
	[['demo', '--rate', '0'], '--rate must be a whole number of at least 1 (got "0")'],
	[['demo', '--rate', 'fast'], '--rate must be a whole number of at least 1 (got "fast")'],
	[['demo', '--rate'], '--rate needs a value'],
	[['demo', '--duration', '5x'], '--duration must be a duration like 30s, 5m or 2h (got "5x")'],
	[['demo', '--duration', '-1m'], '--duration needs a value (write --duration=VALUE'],
	[['demo', '--duration', '0'], '--duration must be longer than 0 (leave it out to run until quit)'],
	[['demo', '--duration', '0s'], '--duration must be longer than 0'],
	[['demo', '--seed', '-1'], '--seed must be a whole number of at least 0 (got "-1")'],
	[['demo', '--seed', '1.5'], '--seed must be a whole number of at least 0 (got "1.5")'],
	[['demo', 'now'], 'demo takes no arguments (got "now")'],
	[['demo', '--api', 'chat-demo'], '--api does not apply to demo'],
	[['demo', '--endpoint-url', REFUSED], '--endpoint-url does not apply to demo'],
	[[], 'nothing to tail: give --api ID --stage NAME, or --log-group NAME, or a command (replay, demo, doctor, emulator; see --help)'],
	[['--api', 'chat-demo'], '--api and --stage go together'],
	[['--stage', 'prod'], '--api and --stage go together'],
	[['--api', '', '--stage', 'prod'], '--api needs a value'],
	[['--api', 'chat-demo', '--stage'], '--stage needs a value'],
	[[...API, '--log-group', 'g'], 'use either --api/--stage or --log-group, not both'],
	[['--log-group', ''], '--log-group needs a value'],
	[[...LIVE, '--since', 'yesterday'], '--since must be a span like 15m, 2h or 1d, or an ISO time like 2024-05-01T10:00Z (got "yesterday")'],
	[[...LIVE, '--since', '2024-13-45T10:00Z'], '--since must be a span like 15m, 2h or 1d, or an ISO time'],
	[[...LIVE, '--since', '5x'], '--since must be a span like 15m, 2h or 1d'],
	[[...LIVE, '--since', '-1m'], '--since needs a value (write --since=VALUE'],
	[[...LIVE, '--transport', 'carrier-pigeon'], '--transport must be auto or live or poll (got "carrier-pigeon")'],
	[[...LIVE, '--request-rate', '0'], '--request-rate must be a whole number of at least 1 (got "0")'],
	[[...LIVE, '--request-rate', 'max'], '--request-rate must be a whole number of at least 1 (got "max")'],
	[[...API, '--endpoint-url', 'not a url'], '--endpoint-url must be a URL like http://127.0.0.1:4566 (got "not a url")'],
	[[...API, '--endpoint-url', 'ftp://127.0.0.1'], '--endpoint-url must be an http or https URL (got "ftp://127.0.0.1")'],
	[[...API, '--endpoint-url'], '--endpoint-url needs a value'],
	[[...LIVE, '--region', ''], '--region needs a value'],
	[[...LIVE, '--profile'], '--profile needs a value'],
	[[...LIVE, '--execution-log-group', ''], '--execution-log-group needs a value'],
	[[...LIVE, '--access-log-group'], '--access-log-group needs a value'],
	[[...LIVE, '--lambda-log-group', ''], '--lambda-log-group needs a value'],
	[[...LIVE, '--lambda-log-group', '/aws/lambda/x', '--no-lambda'], '--lambda-log-group and --no-lambda contradict each other: drop one'],
	[['--lambda-log-group', '/aws/lambda/x'], '--lambda-log-group adds to --api ID --stage NAME or --log-group NAME: give one of them too'],
	[['--log-group', 'g', '--lambda-log-group', 'g'], 'log group "g" is given with both --log-group and --lambda-log-group: keep one'],
	[['replay', chat, '--no-lambda'], '--no-lambda does not apply to replay'],
	[['doctor', ...LIVE, '--lambda-log-group', 'g'], '--lambda-log-group does not apply to doctor'],
	[[...LIVE, '--seed', '1'], '--seed does not apply to live tailing'],
	[[...LIVE, '--port', '4566'], '--port does not apply to live tailing'],
	[['doctor', '--api', 'chat-demo'], 'doctor needs --api ID|NAME and --stage NAME'],
	[['doctor', 'now', ...LIVE], 'doctor takes no arguments (got "now")'],
	[['doctor', ...LIVE, '--since', '1h'], '--since does not apply to doctor'],
	[['doctor', ...API, '--endpoint-url', 'nope'], '--endpoint-url must be a URL'],
	[['doctor', ...LIVE, '--output', 'yaml'], '--output must be text or json (got "yaml")'],
	[['emulator', '--port', '70000'], '--port must be a whole number from 0 to 65535 (got "70000")'],
	[['emulator', '--port', '-1'], '--port must be a whole number from 0 to 65535 (got "-1")'],
	[['emulator', '--port', 'http'], '--port must be a whole number from 0 to 65535 (got "http")'],
	[['emulator', '--latency', '200-80ms'], '--latency must be a duration or a range like 80-200ms (got "200-80ms")'],
	[['emulator', '--latency', 'slow'], '--latency must be a duration or a range like 80-200ms (got "slow")'],
	[['replay', chat, '--latency', '1s'], '--latency does not apply to replay'],
	[['emulator', '--port'], '--port needs a value'],
	[['emulator', '--output', 'json'], '--output does not apply to emulator'],
	[['emulator', 'now'], 'emulator takes no arguments (got "now")'],
	[['frobnicate'], 'unknown command "frobnicate": expected replay, demo, doctor, stats or emulator'],
	[['frobnicate', '--help'], 'unknown command "frobnicate"'],
	[['frobnicate', '--output', 'xml'], 'unknown command "frobnicate"'],
	[['live', ...LIVE], 'unknown command "live"'],
];

describe.concurrent('usage errors: exit 2 before anything is read or sent', () => {
	it.each(titled(USAGE_ERRORS))('%s', async (_title, args, message) => {
		const result = await cli(args);
		expectOneLine(result, `apigw-tail: ${message}`);
		expect(result.stdout).toBe('');
		expect(result.code).toBe(2);
	});
});

const directory = join(work, 'a-directory');
mkdirSync(directory);
const missing = join(work, 'missing.log');
// mkfifo is there on Linux and macOS; elsewhere the named-pipe row is left out.
const fifoFormatFile = process.platform === 'win32' ? undefined : join(work, 'format.fifo');
if (fifoFormatFile !== undefined && spawnSync('mkfifo', [fifoFormatFile]).status !== 0) throw new Error('mkfifo failed');
// An export whose FILE.md would be a directory.
mkdirSync(join(directory, 'incident.md'));

const RUNTIME_ERRORS: Array<[string[], string]> = [
	[[...LIVE, '--region', 'not a region'], '"not a region" is not an AWS region name'],
	[[...LIVE, '--profile', 'nope'], 'AWS profile "nope" is not in ~/.aws/config or ~/.aws/credentials'],
	[['--log-group', 'g', '--endpoint-url', REFUSED, '--no-follow'], 'DescribeLogGroups could not reach the us-east-1 endpoint'],
	[['replay', chat, '--access-log-format-file', missing], `cannot read access-log format file ${missing}`],
	[['replay', chat, '--access-log-format-file', directory], `cannot read access-log format file ${directory}: is a directory`],
	// A named pipe nobody writes to would block the read for ever (and Ctrl+C with it): refused unread.
	...(fifoFormatFile === undefined ? [] : [[['replay', chat, '--access-log-format-file', fifoFormatFile], `cannot read access-log format file ${fifoFormatFile}: is not a regular file`] as [string[], string]]),
	// --export is checked before anything is read: a run does not fail at its end over the export.
	[['replay', chat, '--export', join(work, 'no-such-directory', 'incident')], `cannot write the export to ${join(work, 'no-such-directory', 'incident')}.json: no such directory ${join(work, 'no-such-directory')}`],
	[['replay', chat, '--export', join(directory, 'incident.md')], `cannot write the export to ${join(directory, 'incident.md')}: is a directory`],
	[['replay', missing], `cannot read ${missing}: no such file`],
	[['replay', directory], `cannot read ${directory}: is a directory`],
	// Several inputs are all checked first: nothing is printed when one of them is missing, whatever its place.
	[['replay', chat, missing, '--output', 'json'], `cannot read ${missing}: no such file`],
	[['replay', missing, chat], `cannot read ${missing}: no such file`],
	// A read that fails after the open (EIO), not at the permission check.
	...(process.platform === 'linux' ? [[['replay', '/proc/self/mem'], 'cannot read /proc/self/mem: '] as [string[], string]] : []),
];

describe.concurrent('runtime errors: exit 1 with one line', () => {
	it.each(titled(RUNTIME_ERRORS))('%s', async (_title, args, message) => {
		const result = await cli(args);
		expectOneLine(result, `apigw-tail: ${message}`);
		expect(result.stdout).toBe('');
		expect(result.code).toBe(1);
	});

	it('a file without read permission (as another user when the tests run as root)', async () => {
		const file = join(work, 'secret.log');
		writeFileSync(file, readFileSync(chat));
		chmodSync(file, 0o000);
		// root reads a mode-000 file anyway; the user nobody (65534) does not, through the same access check.
		const asRoot = process.getuid?.() === 0;
		const result = asRoot ? await runAs(65_534, ['replay', file]) : await cli(['replay', file]);
		expectOneLine(result, `apigw-tail: cannot read ${file}: permission denied`);
		expect(result.stdout).toBe('');
		expect(result.code).toBe(1);
	});

	it('the emulator on a busy port: one line naming the port, exit 1', async () => {
		const port = new URL(emulator.endpoint).port;
		const result = await cli(['emulator', '--port', port]);
		expectOneLine(result, `apigw-tail: port ${port} is already in use on 127.0.0.1 (try --port 0)`);
		expect(result.stdout).toBe('');
		expect(result.code).toBe(1);
	});

	// A file where the directory should be: refused even for root, for whom every W_OK check passes.
	it('an export that cannot be written: one line before anything is read, exit 1, no file created', async () => {
		const notADirectory = join(work, 'plain-file');
		writeFileSync(notADirectory, '');
		const result = await cli(['replay', chat, '--output', 'json', '--export', join(notADirectory, 'incident')]);
		expectOneLine(result, `apigw-tail: cannot write the export to ${join(notADirectory, 'incident')}.json: ${notADirectory} is not a directory`);
		expect(result.stdout).toBe('');
		expect(result.code).toBe(1);
		expect(readFileSync(notADirectory, 'utf8')).toBe('');
	});

	it('an export into a directory without write permission (as another user when the tests run as root)', async () => {
		const locked = join(work, 'locked');
		mkdirSync(locked, {mode: 0o555});
		chmodSync(locked, 0o555);
		const args = ['replay', chat, '--output', 'json', '--export', join(locked, 'incident')];
		const result = process.getuid?.() === 0 ? await runAs(65_534, args) : await cli(args);
		expectOneLine(result, `apigw-tail: cannot write the export to ${join(locked, 'incident')}.json: permission denied in ${locked}`);
		expect(result.stdout).toBe('');
		expect(result.code).toBe(1);
		expect(readdirSync(locked)).toEqual([]);
	});
});

describe.concurrent('awkward input files', () => {
	it('an empty file is fine: exit 0 and a summary of 0 events', async () => {
		const file = join(work, 'empty.log');
		writeFileSync(file, '');
		const json = await cli(['replay', file, '--output', 'json']);
		expect(json).toMatchObject({code: 0, stderr: ''});
		expect(parseNdjson(json.stdout)).toEqual([expect.objectContaining({type: 'summary', events: 0, unparsed: 0, requests: 0})]);
		const text = await cli(['replay', file]);
		expect(text).toMatchObject({code: 0, stderr: ''});
		expect(text.stdout).toMatch(/── summary ──\nevents 0 /);
	});

	it('random bytes are refused as binary data: one line, exit 1, nothing printed', async () => {
		const file = join(work, 'random.bin');
		writeFileSync(file, pseudoRandomBytes(64 * 1024, 7));
		for (const output of ['json', 'text']) {
			expect(await cli(['replay', file, '--output', output])).toMatchObject({
				code: 1,
				stdout: '',
				stderr: `apigw-tail: cannot read ${file}: binary data, not log text\n`,
			});
		}
	});

	it.each(['json', 'text'] as const)('a truncated .gz (%s): what was decoded, its requests and a summary, then one line naming the file, exit 1', async (output) => {
		const file = join(work, `truncated-${output}.jsonl.gz`);
		const whole = gzipSync(readFileSync(chat));
		const cut = whole.subarray(0, Math.floor(whole.length * 0.6));
		writeFileSync(file, cut);
		// What any gunzip recovers from the damaged file: whole lines, then the one cut off.
		const decoded = gunzipSync(cut, {finishFlush: zlibConstants.Z_SYNC_FLUSH}).toString('utf8').split('\n').filter((line) => line !== '');
		const decodedIds = new Set(decoded.flatMap((line) => [...line.matchAll(/\(([\w=-]+)\)/g)].map((match) => match[1]!)));
		expect(decodedIds.size).toBeGreaterThan(0);

		const result = await cli(['replay', file, '--output', output, '--timezone', 'utc']);
		expectOneLine(result, `apigw-tail: cannot read ${file}: corrupt gzip data`);
		expect(result.code).toBe(1);
		if (output === 'json') {
			const lines = parseNdjson(result.stdout);
			// Every decoded line is counted (the cut-off one as unparsed), and each request it began is printed.
			expect(lines.at(-1)).toMatchObject({type: 'summary', events: decoded.length});
			expect(lines.filter((line) => line['type'] === 'unparsed').length).toBeGreaterThan(0);
			const printed = new Set(lines.filter((line) => line['type'] === 'request').map((line) => line['requestId']));
			expect(printed).toEqual(decodedIds);
		} else {
			const [body, summary] = result.stdout.split('── summary ──\n');
			expect(summary).toMatch(new RegExp(`^events ${decoded.length} `));
			for (const id of decodedIds) expect(body).toContain(id);
		}
	});

	it('bytes that only start like gzip: one line, exit 1', async () => {
		const file = join(work, 'fake.gz');
		writeFileSync(file, Buffer.concat([Buffer.from([0x1f, 0x8b]), pseudoRandomBytes(4096, 3)]));
		const result = await cli(['replay', file, '--output', 'json']);
		expectOneLine(result, `apigw-tail: cannot read ${file}: corrupt gzip data`);
		expect(result.code).toBe(1);
	});
});

// Large enough that the output overflows any pipe buffer: the writer really meets the closed pipe.
const big = join(work, 'big.jsonl');
let emulator: Emulator;

beforeAll(async () => {
	const lines: string[] = [];
	const options = {seed: 5, apiId: 'a1b2c3d4e5', stage: 'prod', startTime: 1_700_000_000_000, eventsPerSecond: 100};
	for (const {event} of generateTraffic({...options, executionLogGroup: 'API-Gateway-Execution-Logs_a1b2c3d4e5/prod', accessLogGroup: '/aws/apigateway/a1b2c3d4e5/prod/access'})) {
		lines.push(JSON.stringify({timestamp: event.timestamp, logGroupName: event.logGroup, logStreamName: event.logStream, message: event.message}));
		if (lines.length === 20_000) break;
	}
	writeFileSync(big, `${lines.join('\n')}\n`);
	emulator = await Emulator.start({liveTailTickMs: 100});
	addStandardApis({apis: emulator.apis, logs: emulator.logs});
});

afterAll(async () => {
	await emulator?.stop();
	rmSync(work, {recursive: true, force: true});
});

describe.concurrent('a reader that goes away (| head -1): exit 0, no EPIPE, no stack trace', () => {
	it.each(
		titled([
			[['replay', big, '--output', 'json'], ''],
			[['replay', big, '--timezone', 'utc'], ''],
			[['demo', '--output', 'json', '--settle', '0s', '--rate', '200'], ''],
		]),
	)('%s | head -1', async (_title, args) => {
		const result = await pipedToHead(args);
		expect(result.stdout.split('\n')).toHaveLength(2);
		expect(result.stderr).toMatch(/cli-exit=0\n$/);
		expect(result.stderr).not.toMatch(/error|EPIPE|\n\s+at /i);
	}, WAITING_MS);
});

describe.concurrent('signals mid-stream: what is final, then the summary, exit 130', () => {
	// Without a time (0), so it is printed as soon as it is read: a dated unparsed line waits for later lines.
	const sentinel = JSON.stringify({timestamp: 0, message: 'sentinel: every line before me was read'});

	it.each([
		['SIGINT', 'json'],
		['SIGTERM', 'json'],
		['SIGINT', 'text'],
		['SIGTERM', 'text'],
	] as const)('%s during `replay -` on a stdin still open (%s)', async (signal, output) => {
		const run = startCli(['replay', '-', '--output', output, '--settle', '1s', '--timezone', 'utc']);
		run.child.stdin!.write(`${readFileSync(chat, 'utf8')}${sentinel}\n`);
		// The sentinel is printed once it is read, so everything before it was ingested too.
		await untilCli(() => run.stdout.includes('sentinel'), run);
		run.child.kill(signal);
		const result = await run.done;
		expect(result.code).toBe(130);
		expect(result.stderr).toBe('');
		if (output === 'json') {
			const lines = parseNdjson(result.stdout);
			expect(lines.at(-1)).toMatchObject({type: 'summary', events: 38, requests: 6});
			expect(new Set(lines.filter((line) => line['type'] === 'request').map((line) => line['requestId'])).size).toBe(6);
		} else {
			const [body, summary] = result.stdout.split('── summary ──\n');
			expect(summary).toMatch(/^events 38 \(execution 30, access 6, unparsed 2\) · requests 6 · connections 2\n/);
			for (const id of ['Iq9gwFDNoAMFo1A=', 'Iq9h9QwerAMFz3Q=', 'JrAB0kLmNAMFq7w=', '177a5660-9b20-4614-b620-51dd4d56fb4c']) expect(body).toContain(id);
		}
	}, WAITING_MS);

	it.each(['SIGINT', 'SIGTERM'] as const)('%s during `demo --output json`', async (signal) => {
		const run = startCli(['demo', '--output', 'json', '--settle', '1s', '--rate', '200']);
		await untilCli(() => run.stdout.includes('"type":"request"'), run);
		run.child.kill(signal);
		expectFlushedNdjson(await run.done);
	}, WAITING_MS);

	it.each(['SIGINT', 'SIGTERM'] as const)('%s during a live tail of the emulator', async (signal) => {
		const group = `API-Gateway-Execution-Logs_a1b2c3d4e5/${signal.toLowerCase()}`;
		emulator.logs.ensureLogStream(group, 'stream');
		const now = Date.now();
		emulator.logs.putLogEvents(group, 'stream', [
			{timestamp: now - 5000, message: `(SiGnAl${signal}0001=) Method completed with status: 200`},
			{timestamp: now - 4000, message: `(SiGnAl${signal}0002=) Execution failed due to a timeout error`},
		]);
		const run = startCli(['--log-group', group, '--endpoint-url', emulator.endpoint, '--since', '1m', '--output', 'json', '--settle', '1s', '--request-rate', '20'], {
			env: {...ENV, AWS_ACCESS_KEY_ID: 'AKIDEMULATOR', AWS_SECRET_ACCESS_KEY: 'emulator-secret'},
		});
		await untilCli(() => run.stderr.includes('following with live tail') && run.stdout.includes('"type":"request"'), run);
		run.child.kill(signal);
		const lines = expectFlushedNdjson(await run.done);
		expect(lines.filter((line) => line['type'] === 'request').map((line) => line['requestId']).sort()).toEqual([`SiGnAl${signal}0001=`, `SiGnAl${signal}0002=`]);
	}, WAITING_MS);

	it('a second SIGINT exits at once while the first waits for a reader that stopped reading', async () => {
		const run = startCli(['replay', big, '--output', 'json', '--settle', '1s']);
		await untilCli(() => run.stdout.length > 0, run);
		// Stop reading: the pipe fills and the final flush the first Ctrl+C asks for cannot finish.
		run.child.stdout!.pause();
		let sent = 0;
		const pressing = setInterval(() => {
			sent++;
			run.child.kill('SIGINT');
		}, 250);
		const exited = await run.exited;
		clearInterval(pressing);
		run.child.stdout!.resume();
		const result = await run.done;
		expect(exited).toBe(130);
		expect(sent).toBeGreaterThanOrEqual(2);
		// It did not wait for the flush: no summary.
		expect(result.stdout).not.toContain(SETTLED);
		expect(result.stderr).toBe('');
	}, WAITING_MS);

	// Linux: /proc shows when the CLI has the pipe open.
	if (process.platform === 'linux') {
		it('SIGINT while a named pipe has no writer yet: exits 130 (a blocked open once made even exit hang)', async () => {
			const fifo = join(work, 'no-writer.fifo');
			expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
			const run = startCli(['replay', fifo, '--output', 'json']);
			await untilCli(() => openFiles(run.child.pid!).includes(fifo), run);
			run.child.kill('SIGINT');
			const result = await run.done;
			expect(result.code).toBe(130);
			expect(parseNdjson(result.stdout)).toEqual([expect.objectContaining({type: 'summary', events: 0})]);
		}, WAITING_MS);
	}
});

/** Rows with a title that reads the same wherever the checkout and the temp directory are. */
function titled(rows: Array<[string[], string]>): Array<[title: string, args: string[], message: string]> {
	const short = (arg: string) => (arg === '' ? "''" : arg.replace(chat, 'websocket-chat.jsonl').replace(work, '$TMP'));
	return rows.map(([args, message]) => [`apigw-tail ${args.map(short).join(' ')}`.trimEnd(), args, message]);
}

function expectFlushedNdjson(result: CliResult): Array<Record<string, unknown>> {
	expect(result.code).toBe(130);
	// Transport notices only.
	expect(result.stderr).not.toMatch(/error|\n\s+at /i);
	const lines = parseNdjson(result.stdout);
	const summary = lines.at(-1)!;
	expect(summary).toMatchObject({type: 'summary'});
	expect(lines.filter((line) => line['type'] === 'summary')).toHaveLength(1);
	// Every request still settling was printed before the summary.
	const printed = new Set(lines.filter((line) => line['type'] === 'request').map((line) => line['requestId']));
	expect(printed.size).toBe(summary['requests']);
	return lines;
}

const replayInTui = [process.execPath, CLI, 'replay', 'websocket-chat.jsonl', '--timezone', 'utc'];

// Concurrent like the rest: each session has its own tmux server.
describe.concurrent('terminal UI', () => {
	describeWithTmux('the terminal UI gives the terminal back', () => {
		it.each([
			['SIGINT', 130],
			['SIGTERM', 130],
			['C-c', 0],
		] as const)('on %s while a replay is shown (exit %i)', async (how, code) => {
			const pty = await startPty(replayInTui, {width: 100, height: 30, cwd: fixturePath('correlate')});
			try {
				await pty.waitForScreen((screen) => screen.includes('end of input'));
				// A signal comes from outside (kill); Ctrl+C typed is a key in raw mode: the quit key.
				if (how === 'C-c') await pty.sendKeys('C-c');
				else await pty.signal(how);
				expect(await pty.waitForExit()).toBe(code);
				const output = await pty.output();
				expect(output.lastIndexOf('\u001B[?1049l')).toBeGreaterThan(output.lastIndexOf('\u001B[?1049h'));
				expect(output.lastIndexOf('\u001B[?25h')).toBeGreaterThan(output.lastIndexOf('\u001B[?25l'));
				expect(output).not.toMatch(/\n\s+at |apigw-tail: /);
			} finally {
				await pty.kill();
			}
		}, WAITING_MS);
	});
});

interface RunningCli {
	child: ChildProcess;
	stdout: string;
	stderr: string;
	/** The exit code as soon as the process ends (its pipes may still hold output). */
	exited: Promise<number | null>;
	/** Everything, once the pipes are closed. */
	done: Promise<CliResult>;
}

function startCli(args: string[], options: {env?: Record<string, string | undefined>; uid?: number} = {}): RunningCli {
	const child = spawn(process.execPath, [CLI, ...args], {
		env: {...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...ENV, ...options.env},
		stdio: ['pipe', 'pipe', 'pipe'],
		...(options.uid === undefined ? {} : {uid: options.uid, gid: options.uid}),
	});
	const run = {child, stdout: '', stderr: ''} as RunningCli;
	child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (run.stdout += chunk));
	child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (run.stderr += chunk));
	run.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
	run.done = new Promise((resolve, reject) => {
		child.on('error', reject);
		child.on('close', (code, signal) => resolve({code, signal, stdout: run.stdout, stderr: run.stderr}));
	});
	return run;
}

/** Runs the CLI as another user (the tests run as root); fails plainly if that user cannot run it at all. */
async function runAs(uid: number, args: string[]): Promise<CliResult> {
	const probe = startCli(['--version'], {uid});
	probe.child.stdin!.end();
	const version = await probe.done;
	if (version.code !== 0) throw new Error(`uid ${uid} cannot run ${CLI} (the checkout must be readable by others): ${version.stderr}`);
	const run = startCli(args, {uid});
	run.child.stdin!.end();
	return run.done;
}

/** Waits for `condition` while the CLI runs; fails at once, with its stderr, if it ends first. */
function untilCli(condition: () => boolean, run: RunningCli, timeoutMs = 45_000): Promise<void> {
	const holds = (): boolean => {
		if (condition()) return true;
		if (run.child.exitCode !== null) throw new Error(`the CLI ended early (${run.child.exitCode}): ${run.stderr}`);
		return false;
	};
	return waitFor(holds, timeoutMs, () => `the CLI's output; its stderr: ${run.stderr}`, 50);
}

/** `{ CLI ARGS; echo "cli-exit=$?" >&2; } | head -1`: the CLI's own exit status, not head's. */
function pipedToHead(args: string[]): Promise<{stdout: string; stderr: string}> {
	return new Promise((resolve, reject) => {
		const child = spawn('sh', ['-c', '{ "$0" "$@"; echo "cli-exit=$?" >&2; } | head -1', process.execPath, CLI, ...args], {
			env: {...process.env, ...ENV},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', () => resolve({stdout, stderr}));
	});
}

function openFiles(pid: number): string[] {
	try {
		return readdirSync(`/proc/${pid}/fd`).map((fd) => readlinkSync(`/proc/${pid}/fd/${fd}`));
	} catch {
		return [];
	}
}

/** Deterministic noise (a linear congruential generator), so a failure can be replayed. */
function pseudoRandomBytes(length: number, seed: number): Buffer {
	const bytes = Buffer.alloc(length);
	let state = seed;
	for (let index = 0; index < length; index++) {
		state = (state * 1_103_515_245 + 12_345) >>> 0;
		bytes[index] = state >>> 24;
	}
	return bytes;
}
