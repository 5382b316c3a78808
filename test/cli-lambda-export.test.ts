// `apigw-tail replay FILE --export PATH` of a stage's logs mixed with its Lambda functions' logs, through
// the built CLI as a user runs it: FILE.md has the Lambda section and query, FILE.json the Lambda fields.
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from './helpers/cli.js';
import {LAMBDA_ACCESS_FORMAT, lambdaStageFile} from './helpers/lambda-stage.js';
import {fencedBlocks, outsideFences, section} from './helpers/markdown.js';

interface Exported {
	requests: Array<{requestId: string; invocations: Array<{requestId: string; lines: Array<{message: string}>}>}>;
	insightsQuery: string;
	insightsIdsLeftOut: number;
	lambdaInsightsQuery: string | null;
	lambdaInsightsIdsLeftOut: number;
	lambdaLogGroups: string[];
}

async function exportOf(file: string, args: string[] = []): Promise<{json: Exported; jsonText: string; markdown: string; stderr: string}> {
	const base = join(mkdtempSync(join(tmpdir(), 'apigw-tail-export-')), 'incident');
	const result = await runCli(['replay', file, '--export', base, '--output', 'json', '--access-log-format', LAMBDA_ACCESS_FORMAT, ...args]);
	expect(result.code, result.stderr).toBe(0);
	const jsonText = readFileSync(`${base}.json`, 'utf8');
	return {
		json: JSON.parse(jsonText) as Exported,
		jsonText,
		markdown: readFileSync(`${base}.md`, 'utf8'),
		stderr: result.stderr,
	};
}

// The chat-authorizer's invocation (node-text.jsonl) logs what a client sent: an escape sequence that clears
// the screen and writes the clipboard, and a ``` that would close a code block and start a heading.
const AUTHORIZER_ID = '0f0c2b1e-8d7a-4a43-9d4e-2c1b7a6f5e01';
const HOSTILE = 'token \u001B[2J\u001B]52;c;ZXZpbA==\u0007\n```\n# owned\n``` still inside \u009B31m';

function withHostileLambdaLine(lines: string[]): string[] {
	const at = lines.findIndex((line) => line.includes('authorizing connection with token'));
	const original = JSON.parse(lines[at]!) as {logGroup: string; logStream: string; timestamp: number};
	const hostile = JSON.stringify({
		logGroup: original.logGroup,
		logStream: original.logStream,
		timestamp: original.timestamp + 1,
		message: `2025-12-05T11:30:00.183Z\t${AUTHORIZER_ID}\tINFO\t${HOSTILE}\n`,
	});
	return [...lines.slice(0, at + 1), hostile, ...lines.slice(at + 1)];
}

describe('apigw-tail replay --export of stage and Lambda logs', () => {
	it('writes the Lambda section and the Lambda Insights query to FILE.md and the Lambda fields to FILE.json', async () => {
		const {json, markdown, stderr} = await exportOf(lambdaStageFile());
		expect(stderr).toMatch(/^apigw-tail: exported 7 requests to /);

		const ids = json.requests.flatMap((request) => request.invocations.map((invocation) => invocation.requestId));
		expect(ids).toHaveLength(7);
		expect(json.lambdaLogGroups).toEqual(['/aws/lambda/chat-authorizer', '/aws/lambda/chat-sendmessage', '/aws/lambda/chat-disconnect', '/aws/lambda/chat-connect']);
		expect(json.lambdaInsightsQuery).toMatch(/^fields @timestamp, @message, @logStream \| filter @message like \/.*\/ \| sort @timestamp asc$/);
		for (const id of ids) expect(json.lambdaInsightsQuery).toContain(id);
		expect(json.lambdaInsightsIdsLeftOut).toBe(0);

		const lambda = section(markdown, '## Lambda invocations');
		expect(lambda).toContain('### 2025-12-05 11:30:00.200 · `Aa1connectDenied=` · CONNECT $connect, 403');
		expect(lambda).toContain('#### authorizer `chat-authorizer`: error');
		expect(lambda).toContain(`- Lambda request id \`${AUTHORIZER_ID}\` in \`/aws/lambda/chat-authorizer\``);
		expect(lambda).toContain('- duration 14.27 ms (billed 15 ms) · memory used 71 of 128 MB · cold start, init 164.35 ms');
		expect(lambda).toContain('#### integration `chat-connect`: timeout');
		const blocks = fencedBlocks(lambda);
		expect(blocks).toContain(['Error: Unauthorized', '    at Runtime.handler (file:///var/task/index.mjs:9:11)', '    at Runtime.handleOnceNonStreaming (file:///var/runtime/index.mjs:1173:29)'].join('\n'));
		expect(blocks.some((block) => block.startsWith('2025-12-05T11:30:00.182Z INFO authorizing connection with token ****'))).toBe(true);

		const insights = section(markdown, '## CloudWatch Logs Insights');
		expect(insights).toContain('run over `/aws/lambda/chat-authorizer`, `/aws/lambda/chat-sendmessage`, `/aws/lambda/chat-disconnect`, `/aws/lambda/chat-connect`, from ');
		expect(fencedBlocks(insights)).toEqual([json.insightsQuery, json.lambdaInsightsQuery]);
	});

	it('has no Lambda section when the exported requests have no invocation', async () => {
		// The stage's lines alone: the same requests, no function's lines to join.
		const {json, markdown} = await exportOf(lambdaStageFile((lines) => lines.filter((line) => !line.includes('/aws/lambda/'))));
		expect(json.lambdaInsightsQuery).toBeNull();
		expect(json.lambdaLogGroups).toEqual([]);
		expect(markdown).not.toContain('## Lambda invocations');
		expect(markdown).not.toContain('### Lambda');
	});

	it('keeps a hostile Lambda line inside its block: no escape sequence, no fence that closes early', async () => {
		const {json, jsonText, markdown} = await exportOf(lambdaStageFile(withHostileLambdaLine), ['--request', 'Aa1connectDenied=']);
		expect(json.requests.map((request) => request.requestId)).toEqual(['Aa1connectDenied=']);
		expect(markdown).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
		expect(markdown).not.toContain('52;c;');
		const blocks = fencedBlocks(section(markdown, '## Lambda invocations'));
		expect(blocks.some((block) => block.includes('2025-12-05T11:30:00.183Z INFO token ') && block.includes('```\n# owned\n``` still inside'))).toBe(true);
		expect(outsideFences(markdown)).not.toContain('# owned');
		// The JSON keeps the line exact, its control characters escaped.
		expect(jsonText.trimEnd()).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);
		expect(json.requests[0]!.invocations[0]!.lines.map((line) => line.message)).toContain(HOSTILE);
	});
});
