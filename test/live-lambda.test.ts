// End to end: the built CLI tails an API's Lambda groups beside its own (discovered, or named with
// --lambda-log-group), and --no-lambda leaves them out; against the emulator's demo chat API.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {executionLogGroupName} from '../source/core/execution-log-group.js';
import {addStandardApis} from '../source/emulator/apigw-standard-fixtures.js';
import {Emulator} from '../source/emulator/server.js';
import {EMULATOR_AWS_ENV, parseNdjson, runCli} from './helpers/cli.js';

const AWS_ENV = EMULATOR_AWS_ENV;
const CHAT_GROUPS = ['/aws/lambda/chat-authorizer', '/aws/lambda/chat-connect', '/chat-demo/functions', '/aws/lambda/chat-disconnect', '/aws/lambda/chat-sendmessage'];
const STREAM = '2026/11/21/[$LATEST]e6f4a0c4d1b2';

let emulator: Emulator;
let endpoint: string;

beforeAll(async () => {
	emulator = await Emulator.start();
	addStandardApis({apis: emulator.apis, logs: emulator.logs});
	endpoint = emulator.endpoint;
	const at = Date.now() - 60_000;
	for (const group of CHAT_GROUPS) {
		emulator.logs.ensureLogStream(group, STREAM);
		emulator.logs.putLogEvents(group, STREAM, [
			{timestamp: at, message: 'START RequestId: 5e8f7a1c-2b3d-4e5f-8a9b-0c1d2e3f4a5b Version: $LATEST\n'},
			{timestamp: at + 1, message: 'END RequestId: 5e8f7a1c-2b3d-4e5f-8a9b-0c1d2e3f4a5b\n'},
		]);
	}
});

afterAll(async () => {
	await emulator.stop();
});

const summaryOf = (stdout: string) => parseNdjson(stdout).at(-1)!;

describe('Lambda groups in a live tail', () => {
	it("tails the stage's five functions' groups with its own, each event once (--no-follow)", async () => {
		const result = await runCli(['--api', 'chat-demo', '--stage', 'prod', '--endpoint-url', endpoint, '--since', '15m', '--no-follow', '--output', 'json'], {env: AWS_ENV});
		expect(result.code).toBe(0);
		for (const group of CHAT_GROUPS) expect(result.stderr).toContain(group);
		expect(summaryOf(result.stdout)).toMatchObject({type: 'summary', events: CHAT_GROUPS.length * 2});
	});

	it('--no-lambda tails only the API Gateway logs', async () => {
		const result = await runCli(['--api', 'chat-demo', '--stage', 'prod', '--endpoint-url', endpoint, '--since', '15m', '--no-follow', '--output', 'json', '--no-lambda'], {env: AWS_ENV});
		expect(result.code).toBe(0);
		expect(result.stderr).not.toContain('lambda');
		expect(summaryOf(result.stdout)).toMatchObject({events: 0});
	});

	it('--lambda-log-group adds a group to --log-group; one that does not exist is a one-line error', async () => {
		const base = ['--log-group', executionLogGroupName('a1b2c3d4e5', 'prod'), '--endpoint-url', endpoint, '--since', '15m', '--no-follow', '--output', 'json'];
		const added = await runCli([...base, '--lambda-log-group', '/chat-demo/functions'], {env: AWS_ENV});
		expect(added.code).toBe(0);
		expect(summaryOf(added.stdout)).toMatchObject({events: 2});
		const missing = await runCli([...base, '--lambda-log-group', '/aws/lambda/nope'], {env: AWS_ENV});
		expect(missing.code).toBe(1);
		expect(missing.stderr.trim()).toBe('apigw-tail: log group /aws/lambda/nope does not exist in us-east-1: check the name, --region and --profile');
	});
});
