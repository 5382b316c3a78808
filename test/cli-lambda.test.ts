// `apigw-tail replay` of a file mixing a stage's logs with its Lambda functions' logs, as a user runs it.
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from './helpers/cli.js';
import {fixturePath} from './helpers/fixtures.js';

const format =
	'{"requestId":"$context.requestId","eventType":"$context.eventType","routeKey":"$context.routeKey","status":"$context.status","connectionId":"$context.connectionId","integrationRequestId":"$context.integration.requestId","authorizerRequestId":"$context.authorizer.requestId"}';

function mixedFile(): string {
	const directory = mkdtempSync(join(tmpdir(), 'apigw-tail-lambda-'));
	const file = join(directory, 'stage-and-lambdas.jsonl');
	const parts = ['chat-api', 'node-text', 'node-json', 'python-text'].map((name) => readFileSync(fixturePath(`lambda/${name}.jsonl`), 'utf8'));
	writeFileSync(file, parts.join(''));
	return file;
}

describe('apigw-tail replay of stage and Lambda logs together', () => {
	it('prints each request with its invocations, no phantom requests, and the invocation nothing named', async () => {
		const result = await runCli(['replay', mixedFile(), '--output', 'json', '--access-log-format', format]);
		expect(result.code).toBe(0);
		const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
		const requests = lines.filter((line) => line['type'] === 'request');
		expect(new Set(requests.map((line) => line['requestId'])).size).toBe(7);
		expect(lines.filter((line) => line['type'] === 'unparsed')).toEqual([]);
		const sendmessage = requests.findLast((line) => line['requestId'] === 'Dd4sendmessage00=')!;
		expect(sendmessage['invocations']).toMatchObject([
			{role: 'integration', function: 'chat-sendmessage', outcome: 'error', coldStart: true, error: {type: 'TypeError'}},
		]);
		expect(lines.filter((line) => line['type'] === 'invocation')).toMatchObject([{role: null, function: '/chat-demo/functions'}]);
		expect(lines.at(-1)).toMatchObject({type: 'summary', lambdaEvents: 43});
		// Per-function figures count every invocation once, joined or not, across the requests' revisions.
		const functions = (lines.at(-1)!['functions'] as Array<Record<string, unknown>>).map(({function: name, invocations, joined, coldStarts, errors, timeouts, failures}) => ({
			name, invocations, joined, coldStarts, errors, timeouts, failures,
		}));
		expect(functions).toEqual([
			{name: '/chat-demo/functions', invocations: 1, joined: 0, coldStarts: 0, errors: 0, timeouts: 0, failures: 0},
			{name: 'chat-authorizer', invocations: 1, joined: 1, coldStarts: 1, errors: 1, timeouts: 0, failures: 0},
			{name: 'chat-connect', invocations: 2, joined: 2, coldStarts: 1, errors: 0, timeouts: 1, failures: 1},
			{name: 'chat-disconnect', invocations: 2, joined: 2, coldStarts: 1, errors: 1, timeouts: 0, failures: 0},
			{name: 'chat-sendmessage', invocations: 2, joined: 2, coldStarts: 1, errors: 1, timeouts: 0, failures: 0},
		]);
	});

	it('shows the invocations under their requests in text', async () => {
		const result = await runCli(['replay', mixedFile(), '--output', 'text', '--access-log-format', format]);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('↳ authorizer chat-authorizer  error');
		expect(result.stdout).toContain('↳ integration chat-connect  timeout  30030ms (billed 30000ms)  cold start 812ms');
		expect(result.stdout).toMatch(/, lambda 43, unparsed 0\)/);
		// chat-sendmessage wrote to L2mXwdEBoAMCJbQ= after it closed: its connection line says so.
		expect(result.stdout).toMatch(/^── connection L2mXwdEBoAMCJbQ= · .* · written to after it closed: chat-sendmessage for L2mXwdEBoAMCJbQ= got GoneException \(410\)/m);
		expect(result.stdout).toMatch(/^λ chat-connect +2 invocations \(2 for requests\) +1 cold +p50 900ms p95 30344ms p99 30344ms +1 timeout {2}1 failure$/m);
	});
});
