// The incident export of requests with Lambda invocations: the stage and Lambda fixtures through the real
// engine, then the one writer (buildIncidentExport) as the CLI and the terminal UI call it.
import {describe, expect, it} from 'vitest';
import {DEFAULT_LIMITS, Engine} from '../source/core/engine.js';
import type {Invocation} from '../source/core/lambda/types.js';
import {compileAccessFormat} from '../source/core/parse/access-format.js';
import type {RequestView} from '../source/core/types.js';
import {buildIncidentExport, lambdaInsightsQuery, MAX_QUERY_IDS} from '../source/output/export.js';
import type {ExportInput} from '../source/output/export-types.js';
import {loadEvents} from './helpers/fixtures.js';
import {LAMBDA_ACCESS_FORMAT, LAMBDA_FIXTURES} from './helpers/lambda-stage.js';
import {fencedBlocks, outsideFences, section} from './helpers/markdown.js';

/** The stage's lines and its functions' lines, read together: the final version of every request, in time order. */
function lambdaRequests(): RequestView[] {
	const engine = new Engine({...DEFAULT_LIMITS, accessParser: compileAccessFormat(LAMBDA_ACCESS_FORMAT)});
	const events = LAMBDA_FIXTURES.flatMap((name) => loadEvents(`lambda/${name}.jsonl`));
	const requests = new Map<string, RequestView>();
	for (const output of [...engine.ingest(events), ...engine.finish()]) {
		if (output.type === 'request') requests.set(output.request.requestId, output.request);
	}

	return [...requests.values()].sort((a, b) => a.firstTimestamp - b.firstTimestamp);
}

const requests = lambdaRequests();
const invocations = requests.flatMap((request) => request.invocations);

function input(overrides: Partial<ExportInput> = {}): ExportInput {
	return {
		requests,
		title: 'all requests',
		source: 'stage-and-lambdas.jsonl',
		generatedAt: Date.UTC(2025, 11, 5, 12, 0, 0),
		logGroups: ['/aws/apigateway/chat-access'],
		timezone: 'utc',
		...overrides,
	};
}

interface ExportJson {
	insightsQuery: string;
	lambdaInsightsQuery: string | null;
	lambdaInsightsIdsLeftOut: number;
	lambdaLogGroups: string[];
}

describe('the incident export of requests with Lambda invocations: JSON', () => {
	const json = JSON.parse(buildIncidentExport(input()).json) as ExportJson;

	it('names the distinct Lambda log groups of the invocations', () => {
		expect(invocations).toHaveLength(7);
		expect(json.lambdaLogGroups).toEqual(['/aws/lambda/chat-authorizer', '/aws/lambda/chat-sendmessage', '/aws/lambda/chat-disconnect', '/aws/lambda/chat-connect']);
	});

	it('carries a Lambda Insights query by Lambda request id: the invocations that did not succeed first', () => {
		const failed = invocations.filter((invocation) => invocation.outcome !== 'success').map((invocation) => invocation.requestId);
		const succeeded = invocations.filter((invocation) => invocation.outcome === 'success').map((invocation) => invocation.requestId);
		expect(failed).toHaveLength(5);
		expect(json.lambdaInsightsQuery).toBe(
			`fields @timestamp, @message, @logStream | filter @message like /${[...failed, ...succeeded].join('|')}/ | sort @timestamp asc`,
		);
		expect(json.lambdaInsightsIdsLeftOut).toBe(0);
		// The stage's query stays about the stage: no Lambda id in it.
		for (const invocation of invocations) expect(json.insightsQuery).not.toContain(invocation.requestId);
	});

	it('finds every Lambda line that names its request id, in each log format of the fixtures', () => {
		const pattern = new RegExp(/like \/(.*)\/ \|/.exec(json.lambdaInsightsQuery!)![1]!);
		const ids = new Set(invocations.map((invocation) => invocation.requestId));
		const lambdaLines = ['node-text', 'node-json', 'python-text'].flatMap((name) => loadEvents(`lambda/${name}.jsonl`));
		const naming = lambdaLines.filter((event) => [...ids].some((id) => event.message.includes(id)));
		expect(naming.length).toBeGreaterThan(20);
		for (const event of naming) expect(pattern.test(event.message), event.message).toBe(true);
	});

	it('has no Lambda query and no Lambda groups when no request has an invocation', () => {
		const none = JSON.parse(buildIncidentExport(input({requests: requests.map((request) => ({...request, invocations: []}))})).json) as ExportJson;
		expect(none.lambdaInsightsQuery).toBeNull();
		expect(none.lambdaInsightsIdsLeftOut).toBe(0);
		expect(none.lambdaLogGroups).toEqual([]);
	});
});

describe('the incident export of requests with Lambda invocations: Markdown', () => {
	const {markdown} = buildIncidentExport(input());
	const lambda = section(markdown, '## Lambda invocations');

	it('comes after the raw lines and before the Insights queries', () => {
		const headings = markdown.split('\n').filter((line) => line.startsWith('## '));
		expect(headings).toEqual(['## Timeline', '## Errors', '## Raw lines', '## Lambda invocations', '## CloudWatch Logs Insights']);
	});

	it('heads each request that has invocations, then each invocation with its role, function and outcome', () => {
		expect(lambda).toContain('### 2025-12-05 11:30:02.500 · `Dd4sendmessage00=` · MESSAGE sendmessage, 502');
		expect(lambda).toContain('#### integration `chat-sendmessage`: error');
		expect(lambda).toContain('#### authorizer `chat-authorizer`: error');
		expect(lambda).toContain('#### integration `chat-connect`: timeout');
		expect(lambda).toContain('#### integration `chat-connect`: failure');
		expect(lambda.split('\n').filter((line) => line.startsWith('#### '))).toHaveLength(7);
	});

	it('gives the Lambda request id, log group, duration, billed duration, memory and cold start', () => {
		expect(lambda).toContain('- Lambda request id `79b5e81f-4c2a-4e1b-9d3c-5a6b7c8d9e0f` in `/aws/lambda/chat-sendmessage`');
		expect(lambda).toContain('- duration 18.43 ms (billed 482 ms) · memory used 93 of 256 MB · cold start, init 463.512 ms');
		expect(lambda).toContain('- duration 9.8 ms (billed 10 ms) · memory used 94 of 256 MB · warm start');
		expect(lambda).toContain('- duration 30030 ms (billed 30000 ms) · memory used 88 of 128 MB · cold start, init 812.44 ms');
	});

	it('shows each error with its type, message and stack, and the handler lines with time and level', () => {
		const blocks = fencedBlocks(lambda);
		expect(blocks).toContain(
			[
				"TypeError: Cannot read properties of undefined (reading 'text')",
				'    at Runtime.handler (file:///var/task/index.mjs:21:34)',
				'    at Runtime.handleOnceNonStreaming (file:///var/runtime/index.mjs:1173:29)',
			].join('\n'),
		);
		expect(blocks).toContain(["KeyError: 'room'", 'Traceback (most recent call last):', '  File "/var/task/app.py", line 14, in handler', "    room = item['room']"].join('\n'));
		expect(blocks).toContain(['2025-12-05T11:30:02.470Z INFO broadcasting to 3 connections', '2025-12-05T11:30:02.480Z ERROR Invoke Error'].join('\n'));
		// A line without a level (print(), a logger of its own) says so with a dash.
		expect(blocks.some((block) => block.includes('2025-12-05T11:30:03.102Z - deleted 1 item'))).toBe(true);
		for (const invocation of invocations) {
			for (const line of invocation.lines) expect(blocks.some((block) => block.includes(line.message)), line.message).toBe(true);
		}
	});

	it('shows the Lambda query beside the stage query, with its log groups and time range', () => {
		const insights = section(markdown, '## CloudWatch Logs Insights');
		expect(insights).toContain('### Lambda');
		expect(insights).toContain(
			'run over `/aws/lambda/chat-authorizer`, `/aws/lambda/chat-sendmessage`, `/aws/lambda/chat-disconnect`, `/aws/lambda/chat-connect`, from 2025-12-05T11:30:00.180Z to 2025-12-05T11:30:40.901Z:',
		);
		const json = JSON.parse(buildIncidentExport(input()).json) as ExportJson;
		expect(fencedBlocks(insights)).toEqual([json.insightsQuery, json.lambdaInsightsQuery]);
	});

	it('has no Lambda section and no Lambda query when no request has an invocation', () => {
		const none = buildIncidentExport(input({requests: requests.map((request) => ({...request, invocations: []}))})).markdown;
		expect(none).not.toContain('## Lambda invocations');
		expect(none).not.toContain('### Lambda');
		expect(fencedBlocks(section(none, '## CloudWatch Logs Insights'))).toHaveLength(1);
	});
});

const HOSTILE = 'body: \u001B[2J\u001B]52;c;ZXZpbA==\u0007\n```\n# owned\n``` still inside \u009B31m';

describe('the Lambda section of a hostile invocation', () => {
	const request = requests.find((each) => each.requestId === 'Dd4sendmessage00=')!;
	const [original] = request.invocations;
	const hostile: Invocation = {
		...original!,
		function: 'chat-`send`|[x](http://evil)',
		error: {type: 'TypeError\u001B[31m', message: HOSTILE, stack: [`TypeError: ${HOSTILE}`, '    at ```']},
		lines: [...original!.lines, {time: original!.lastTimestamp, level: 'INFO\u001B]0;title\u0007', message: HOSTILE}],
	};
	const {markdown} = buildIncidentExport(input({requests: [{...request, invocations: [hostile]}]}));

	it('holds no control character and no escape sequence', () => {
		expect(markdown).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
		expect(markdown).not.toContain('52;c;');
		expect(markdown).not.toContain(']0;title');
	});

	it('keeps the fences of the log text inside its blocks, and the links and pipes of a name in code', () => {
		const blocks = fencedBlocks(section(markdown, '## Lambda invocations'));
		expect(blocks.filter((block) => block.includes('```\n# owned\n``` still inside'))).toHaveLength(2);
		expect(outsideFences(markdown)).not.toContain('# owned');
		// The function name is a code span longer than its backtick runs: its link and pipe render as text.
		expect(markdown).toContain('#### integration ``chat-`send`|[x](http://evil)``: error');
		expect(markdown.replace('``chat-`send`|[x](http://evil)``', '')).not.toContain('[x](');
	});
});

describe('the Lambda Insights query', () => {
	it('is capped like the stage query, leaves unsafe ids out, and says how many it left out', () => {
		const many = Array.from({length: MAX_QUERY_IDS + 5}, (_, index) => ({...invocations[0]!, requestId: `id-${index}`}));
		const crowded = {...requests[0]!, invocations: [{...invocations[0]!, requestId: 'has space'}, ...many]};
		const query = lambdaInsightsQuery([crowded])!;
		expect(query.idsInQuery).toBe(MAX_QUERY_IDS);
		expect(query.idsLeftOut).toBe(6);
		expect(query.query).not.toContain('space');
		const exported = buildIncidentExport(input({requests: [crowded]}));
		expect((JSON.parse(exported.json) as ExportJson).lambdaInsightsIdsLeftOut).toBe(6);
		expect(section(exported.markdown, '## CloudWatch Logs Insights')).toContain(`The query names ${MAX_QUERY_IDS} ids; 6 more are left out`);
	});

	it('is null for requests without invocations', () => {
		expect(lambdaInsightsQuery([{...requests[0]!, invocations: []}])).toBeNull();
	});
});
