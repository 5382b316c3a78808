import {mkdtemp, readFile, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {DEFAULT_LIMITS, Engine} from '../source/core/engine.js';
import {ACCESS_LOG_PRESETS, compileAccessFormat} from '../source/core/parse/access-format.js';
import type {RequestView} from '../source/core/types.js';
import {UserError} from '../source/exit-codes.js';
import {
	buildIncidentExport,
	escapeRegex,
	exportPaths,
	insightsQuery,
	MAX_QUERY_IDS,
	writeIncidentExport,
} from '../source/output/export.js';
import {exportRequests, type RequestsExport} from '../source/output/export-requests.js';
import type {ExportInput} from '../source/output/export-types.js';
import {toNdjsonLine} from '../source/output/ndjson.js';
import {loadEvents} from './helpers/fixtures.js';
import {cells, fencedBlocks, section} from './helpers/markdown.js';

/** The chat capture through the real engine: the final version of every request, in time order. */
function chatRequests(): RequestView[] {
	const engine = new Engine({...DEFAULT_LIMITS, accessParser: compileAccessFormat(ACCESS_LOG_PRESETS.websocket.json)});
	const requests = new Map<string, RequestView>();
	for (const output of [...engine.ingest(loadEvents('correlate/websocket-chat.jsonl')), ...engine.finish()]) {
		if (output.type === 'request') requests.set(output.request.requestId, output.request);
	}

	return [...requests.values()].sort((a, b) => a.firstTimestamp - b.firstTimestamp);
}

const CONNECTION = 'Iq8gj1UmIAMCKpA=';
const all = chatRequests();
const connection = all.filter((request) => request.connectionId === CONNECTION);

function input(overrides: Partial<ExportInput> = {}): ExportInput {
	return {
		requests: connection,
		title: `connection ${CONNECTION} on chat/production`,
		source: 'z1ctxygne5/production',
		generatedAt: Date.UTC(2023, 6, 26, 13, 0, 0),
		logGroups: ['API-Gateway-Execution-Logs_z1ctxygne5/production', '/aws/apigateway/chat-access'],
		timezone: 'utc',
		...overrides,
	};
}

describe('buildIncidentExport: JSON', () => {
	const exported = buildIncidentExport(input());
	const json = JSON.parse(exported.json) as Record<string, unknown> & {
		requests: Array<Record<string, unknown>>;
		connections: Array<Record<string, unknown>>;
		errors: unknown[];
	};

	it('has its keys in a stable order', () => {
		expect(Object.keys(json)).toEqual([
			'title',
			'source',
			'generatedAt',
			'requests',
			'connections',
			'errors',
			'insightsQuery',
			'insightsIdsLeftOut',
			'logGroups',
			'lambdaInsightsQuery',
			'lambdaInsightsIdsLeftOut',
			'lambdaLogGroups',
		]);
		expect(json['title']).toBe(`connection ${CONNECTION} on chat/production`);
		expect(json['generatedAt']).toBe('2023-07-26T13:00:00.000Z');
	});

	it('lists each request as its NDJSON line does, in time order', () => {
		expect(connection).toHaveLength(4);
		expect(json.requests.map((request) => [request['eventType'], request['routeKey'], request['status']])).toEqual([
			['CONNECT', '$connect', 200],
			['MESSAGE', 'sendmessage', 502],
			['MESSAGE', 'sendmessage', 200],
			['DISCONNECT', '$disconnect', 200],
		]);
		expect(json.requests[1]).toEqual(JSON.parse(toNdjsonLine({type: 'request', request: connection[1]!, revision: 0, partial: false})));
	});

	it('derives the connection from its requests', () => {
		expect(json.connections).toHaveLength(1);
		expect(json.connections[0]).toMatchObject({
			type: 'connection',
			connectionId: CONNECTION,
			state: 'closed',
			messageCount: 2,
			errorCounts: {integration: 1, authorizer: 0},
		});
	});

	it('lists every error with its request', () => {
		expect(json.errors).toEqual([
			{
				requestId: 'Iq9h0AbcdAMFx1Q=',
				category: 'integration',
				message: expect.stringContaining('TypeError: Cannot read properties of undefined'),
				explanation: "Lambda function threw on sendmessage (502): TypeError: Cannot read properties of undefined (reading 'text')",
			},
		]);
	});

	it('carries the Insights query: the connection first, then the failed request, then the rest', () => {
		expect(json['insightsQuery']).toBe(
			'fields @timestamp, @message, @logStream | filter @message like ' +
				'/Iq8gj1UmIAMCKpA=|Iq9h0AbcdAMFx1Q=|Iq9gwFDNoAMFo1A=|Iq9h1XyzaAMFy2Q=|Iq9h9QwerAMFz3Q=/ | sort @timestamp asc',
		);
		expect(json['insightsIdsLeftOut']).toBe(0);
	});

	it('escapes control characters but keeps the log text exact', () => {
		const hostile = withHostileLine(connection[1]!);
		const text = buildIncidentExport(input({requests: [hostile]})).json.trimEnd();
		expect(text).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);
		const parsed = JSON.parse(text) as {requests: Array<{execution: Array<{message: string}>}>};
		expect(parsed.requests[0]!.execution.at(-1)!.message).toBe(HOSTILE);
	});
});

describe('buildIncidentExport: Markdown', () => {
	const {markdown} = buildIncidentExport(input());

	it('has a title, a summary and every section', () => {
		expect(markdown.startsWith(`# connection Iq8gj1UmIAMCKpA= on chat/production\n`)).toBe(true);
		expect(markdown).toContain('**4 requests** · **1 error**: ⚡ integration 1 · 2023-07-26 12:20:40.000 to 2023-07-26 12:21:00.');
		expect(markdown).toContain('Source: z1ctxygne5/production · generated 2023-07-26T13:00:00.000Z');
		for (const heading of ['## Timeline', '## Errors', '## Raw lines', '## CloudWatch Logs Insights']) {
			expect(markdown.split('\n'), heading).toContain(heading);
		}
	});

	it('has a timeline table with one row per request', () => {
		const rows = section(markdown, '## Timeline')
			.split('\n')
			.filter((line) => line.startsWith('|'));
		expect(rows.map(cells)).toEqual([
			['time (UTC)', 'event', 'route', 'status', 'latency', 'errors'],
			['---', '---', '---', '---', '---', '---'],
			['2023-07-26 12:20:40.000', 'CONNECT', '$connect', '200', '22 ms', ''],
			['2023-07-26 12:20:45.000', 'MESSAGE', 'sendmessage', '502', '119 ms', '⚡ integration'],
			['2023-07-26 12:20:49.000', 'MESSAGE', 'sendmessage', '200', '45 ms', ''],
			['2023-07-26 12:21:00.000', 'DISCONNECT', '$disconnect', '200', '-', ''],
		]);
	});

	it('gives each error its category, explanation and evidence', () => {
		const errors = section(markdown, '## Errors');
		expect(errors).toContain('### 1. ⚡ integration');
		expect(errors).toContain("Lambda function threw on sendmessage (502): TypeError: Cannot read properties of undefined (reading 'text')");
		expect(errors).toContain('Request `Iq9h0AbcdAMFx1Q=` at 2023-07-26 12:20:45.000, MESSAGE sendmessage, 502. Evidence:');
		expect(fencedBlocks(errors)).toEqual([connection[1]!.errors[0]!.message]);
	});

	it('shows every raw execution line and the access fields of each request in code blocks', () => {
		const blocks = fencedBlocks(section(markdown, '## Raw lines'));
		for (const request of connection) {
			for (const line of request.execution) {
				expect(blocks.some((block) => block.includes(line.event.message)), line.event.message).toBe(true);
			}

			expect(blocks).toContain(JSON.stringify(request.access));
		}
	});

	it('ends with the Insights query, its log groups and time range', () => {
		const insights = section(markdown, '## CloudWatch Logs Insights');
		expect(insights).toContain('Run over `API-Gateway-Execution-Logs_z1ctxygne5/production`, `/aws/apigateway/chat-access`, from 2023-07-26T12:20:40.000Z');
		expect(fencedBlocks(insights)).toEqual([JSON.parse(buildIncidentExport(input()).json).insightsQuery]);
	});

	it('says so when there are no errors, and shows local time when asked', () => {
		const calm = buildIncidentExport(input({requests: [connection[0]!], timezone: 'local'})).markdown;
		expect(calm).toContain('**1 request** · no errors');
		expect(section(calm, '## Errors')).toContain('None.');
		expect(calm).toMatch(/\| time \(UTC[+-]\d\d:\d\d\) \|/);
	});

	it('neutralises escape sequences, fences and table breakers from a log', () => {
		const hostile = {...withHostileLine(connection[1]!), routeKey: 'send|`x`[a](http://evil)'};
		const text = buildIncidentExport(input({requests: [connection[0]!, hostile]})).markdown;
		expect(text).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
		expect(text).not.toContain('52;c;');
		expect(text).not.toContain('[a](');
		// The ``` in the log line stays inside its block: the block holds the whole line, text after it included.
		const blocks = fencedBlocks(text);
		expect(blocks.some((block) => block.includes('```\n# owned') && block.includes('still inside'))).toBe(true);
		const row = section(text, '## Timeline')
			.split('\n')
			.find((line) => line.includes('MESSAGE'))!;
		expect(cells(row)).toHaveLength(6);
		expect(cells(row)[2]).toBe('send\\|\\`x\\`\\[a\\](http://evil)');
	});
});

const HOSTILE = 'body: \u001B[2J\u001B]52;c;ZXZpbA==\u0007\n```\n# owned\n``` still inside \u009B31m';

function withHostileLine(request: RequestView): RequestView {
	const last = request.execution.at(-1)!;
	return {
		...request,
		execution: [...request.execution, {...last, text: HOSTILE, event: {...last.event, message: `(${request.requestId}) ${HOSTILE}`}}],
	};
}

describe('the Insights query', () => {
	it.each([
		['Iq9h0AbcdAMFx1Q=', 'Iq9h0AbcdAMFx1Q='],
		['a.b*c+d?', 'a\\.b\\*c\\+d\\?'],
		['^(x)|[y]{2}$', '\\^\\(x\\)\\|\\[y\\]\\{2\\}\\$'],
		['a/b\\c', 'a\\/b\\\\c'],
	])('escapes %s as %s', (id, escaped) => {
		expect(escapeRegex(id)).toBe(escaped);
		expect(new RegExp(escapeRegex(id)).test(`x${id}x`)).toBe(true);
		expect(insightsQuery([id], []).query).toContain(`like /${escaped}/ |`);
	});

	it('leaves out ids that would break the query, and caps the number of ids', () => {
		const ids = Array.from({length: MAX_QUERY_IDS + 10}, (_, index) => `conn-${index}`);
		const query = insightsQuery(['has space', 'new\nline', ...ids], []);
		expect(query.idsInQuery).toBe(MAX_QUERY_IDS);
		expect(query.idsLeftOut).toBe(12);
		expect(query.query).not.toContain('space');
		expect(query.query).not.toContain('\n');
		expect(query.query).toContain(`conn-${MAX_QUERY_IDS - 1}/`);

		const many = ids.map((id, index) => ({...connection[0]!, requestId: id, connectionId: `c${index}`}));
		const {markdown} = buildIncidentExport(input({requests: many}));
		expect(markdown).toContain(`The query names ${MAX_QUERY_IDS} ids; ${ids.length * 2 - MAX_QUERY_IDS} more are left out`);
	});

	it('matches nothing when there is no id', () => {
		expect(insightsQuery([], []).query).toContain('like /(?!)/');
	});
});

describe('writeIncidentExport', () => {
	const exported = buildIncidentExport(input());

	it.each([
		['incident', 'incident'],
		['incident.json', 'incident'],
		['incident.MD', 'incident'],
		['incident.txt', 'incident.txt'],
	])('%s writes %s.json and .md', async (name, base) => {
		const directory = await mkdtemp(join(tmpdir(), 'apigw-export-'));
		const paths = await writeIncidentExport(join(directory, name), exported);
		expect(paths).toEqual({json: join(directory, `${base}.json`), markdown: join(directory, `${base}.md`)});
		expect(await readFile(paths.json, 'utf8')).toBe(exported.json);
		expect(await readFile(paths.markdown, 'utf8')).toBe(exported.markdown);
	});

	it('fails with one line when the path cannot be written', async () => {
		const directory = await mkdtemp(join(tmpdir(), 'apigw-export-'));
		const file = join(directory, 'a-file');
		await writeFile(file, '');
		for (const path of [join(directory, 'missing', 'incident'), join(file, 'incident'), '  ']) {
			const error = await writeIncidentExport(path, exported).then(
				() => undefined,
				(error: unknown) => error,
			);
			expect(error, path).toBeInstanceOf(UserError);
			expect((error as UserError).message, path).toMatch(/^cannot write the export[^\n]*$/);
		}
	});

	it('names the two files from the given path', () => {
		expect(exportPaths('/tmp/x.json')).toEqual({json: '/tmp/x.json', markdown: '/tmp/x.md'});
		expect(exportPaths('x.md')).toEqual({json: 'x.json', markdown: 'x.md'});
	});
});

describe('exportRequests: the one export of the CLI and the terminal UI', () => {
	async function written(job: Partial<RequestsExport>): Promise<{said: string; json: {title: string; requests: Array<{requestId: string}>; logGroups: string[]}}> {
		const directory = await mkdtemp(join(tmpdir(), 'apigw-export-'));
		const said = await exportRequests({
			path: join(directory, 'incident'),
			requests: all,
			filter: {},
			source: 'z1ctxygne5/production',
			timezone: 'utc',
			accessLogGroups: ['/aws/apigateway/chat-access'],
			generatedAt: Date.UTC(2023, 6, 26, 13, 0, 0),
			...job,
		});
		return {said, json: JSON.parse(await readFile(join(directory, 'incident.json'), 'utf8')) as never};
	}

	it('keeps what the filters let through, in time order, and is named after them', async () => {
		const {said, json} = await written({requests: [...connection].reverse(), filter: {connectionId: CONNECTION, errorsOnly: true}});
		expect(json.requests.map((request) => request.requestId)).toEqual(['Iq9h0AbcdAMFx1Q=']);
		expect(json.title).toBe(`connection ${CONNECTION}, errors only`);
		expect(said).toMatch(/^exported 1 request to \/.*incident\.json and \/.*incident\.md$/);
	});

	it("honours the terminal UI's error category and route", async () => {
		const authorizer = await written({filter: {category: 'authorizer'}});
		expect(authorizer.json.requests.map((request) => request.requestId)).toEqual(['JrAB0kLmNAMFq7w=']);
		expect(authorizer.json.title).toBe('authorizer errors');
		const route = await written({filter: {routeKey: 'sendmessage'}, title: 'requests on route sendmessage (as of the pause)'});
		expect(route.json.requests).toHaveLength(2);
		expect(route.json.title).toBe('requests on route sendmessage (as of the pause)');
	});

	it('queries the access groups and the groups the lines came from', async () => {
		const {json} = await written({});
		expect(json.title).toBe('all requests');
		expect(json.logGroups).toEqual(['/aws/apigateway/chat-access', 'API-Gateway-Execution-Logs_z1ctxygne5/production']);
	});
});
