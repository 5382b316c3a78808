// The Lambda queries `stats` sends: each parses in the emulator's grammar, and run by the emulator's query
// engine over every way an invocation ends (in the Text format of Node and Python and in the JSON format)
// their rows fold into the figures the engine computes from the same lines.
import {describe, expect, it} from 'vitest';
import {DEFAULT_LIMITS, Engine} from '../../source/core/engine.js';
import {compileAccessFormat} from '../../source/core/parse/access-format.js';
import type {LogEvent} from '../../source/core/types.js';
import {parseInsightsQuery} from '../../source/emulator/insights-parser.js';
import {QueryExecution} from '../../source/emulator/insights-run.js';
import {
	DEMO_FUNCTIONS,
	jsonRecords,
	nodeTextInvokeError,
	nodeTextLine,
	pythonLogLine,
	pythonUncaught,
	textPlatform,
	type InvocationReport,
} from '../../source/emulator/lambda-log-shapes.js';
import {asStatsFunctionFigures} from '../helpers/function-figures.js';
import type {StoredLogEvent} from '../../source/emulator/logs-store.js';
import {DEMO_ACCESS_LOG_FORMAT} from '../../source/emulator/traffic.js';
import {foldLambdaResults} from '../../source/sources/insights/lambda-figures.js';
import {buildLambdaQueries} from '../../source/sources/insights/lambda-queries.js';
import type {QueryRow} from '../../source/sources/insights/query-client.js';

const NODE = DEMO_FUNCTIONS['chat-connect'];
const JSON_FN = DEMO_FUNCTIONS['chat-sendmessage'];
const PYTHON = DEMO_FUNCTIONS['chat-default'];
const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);
const ARN = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

function report(durationMs: number, extra: Partial<InvocationReport> = {}): InvocationReport {
	return {durationMs, billedMs: Math.ceil(durationMs), memoryMB: 128, maxMemoryMB: 70, initMs: undefined, status: 'success', errorType: undefined, ...extra};
}

/** Every ending of an invocation, each on its own stream, in the shapes the demo functions write. */
function lambdaEvents(): LogEvent[] {
	const events: LogEvent[] = [];
	let at = T0;
	let serial = 0;
	const invocation = (group: string, lines: (id: string, at: number) => string[]) => {
		const id = `00000000-0000-4000-8000-${String(++serial).padStart(12, '0')}`;
		for (const message of lines(id, at)) events.push({log: 'lambda', logGroup: group, logStream: `stream-${serial}`, timestamp: at++, message});
		at += 10;
	};

	// Node, Text format.
	invocation(NODE.logGroup, (id, t) => [textPlatform.initStart(NODE), textPlatform.start(id), nodeTextLine(t, id, 'INFO', 'hello'), textPlatform.end(id), textPlatform.report(id, report(12.34, {initMs: 201.5}))]);
	invocation(NODE.logGroup, (id, t) => [textPlatform.start(id), nodeTextInvokeError(t, id, {type: 'TypeError', message: 'boom', stack: ['    at x']}), textPlatform.end(id), textPlatform.report(id, report(30.01))]);
	invocation(NODE.logGroup, (id, t) => [textPlatform.start(id), textPlatform.timedOut(t, id, 30), textPlatform.end(id), textPlatform.report(id, report(30_000.5))]);
	invocation(NODE.logGroup, (id) => [textPlatform.start(id), textPlatform.end(id), textPlatform.report(id, report(30_001, {status: 'timeout'}))]);
	invocation(NODE.logGroup, (id) => [textPlatform.start(id), textPlatform.runtimeExited(id, 'signal: killed'), textPlatform.end(id), textPlatform.report(id, report(99.99, {status: 'error', errorType: 'Runtime.OutOfMemory'}))]);
	invocation(NODE.logGroup, (id) => [textPlatform.start(id), textPlatform.end(id), textPlatform.report(id, report(12))]);
	// Python, Text format, in a custom group: an uncaught exception carries no request id.
	invocation(PYTHON.logGroup, (id) => [textPlatform.start(id), pythonUncaught({type: 'KeyError', message: "'room'", stack: ['  File "/var/task/app.py", line 27']}), textPlatform.end(id), textPlatform.report(id, report(5.5))]);
	invocation(PYTHON.logGroup, (id, t) => [textPlatform.start(id), pythonLogLine(t, id, 'INFO', 'ok'), textPlatform.end(id), textPlatform.report(id, report(4.01, {initMs: 150}))]);
	// JSON format: platform.report names every ending.
	const json = (status: InvocationReport['status'], errorType?: string, initMs?: number) => (id: string, t: number) => {
		const figures = report(status === 'timeout' ? 30_000 : 7.25, {status, errorType, initMs});
		return [
			jsonRecords.start(t, id, ARN(JSON_FN.name)),
			...(status === 'error' ? [jsonRecords.invokeError(t, id, {type: 'Error', message: 'no room', stack: []})] : []),
			jsonRecords.runtimeDone(t, id, figures),
			jsonRecords.report(t, id, figures),
		];
	};
	invocation(JSON_FN.logGroup, json('success', undefined, 320.4));
	invocation(JSON_FN.logGroup, json('error'));
	invocation(JSON_FN.logGroup, json('timeout'));
	invocation(JSON_FN.logGroup, json('failure', 'Runtime.OutOfMemory'));
	invocation(JSON_FN.logGroup, json('success'));
	return events;
}

function run(queryString: string, events: LogEvent[]): QueryRow[] {
	const stored: StoredLogEvent[] = events.map((event, seq) => ({
		seq,
		eventId: String(seq).padStart(56, '0'),
		logGroupName: event.logGroup!,
		logStreamName: event.logStream!,
		timestamp: event.timestamp,
		message: event.message,
		ingestionTime: event.timestamp,
	}));
	const execution = new QueryExecution(parseInsightsQuery(queryString), stored, 10_000);
	execution.scan(stored.length);
	return execution.results().map((fields) => Object.fromEntries(fields.map(({field, value}) => [field, value])));
}

describe('Lambda stats queries', () => {
	const groups = [NODE.logGroup, PYTHON.logGroup, JSON_FN.logGroup];

	it('are none without groups, and two over the groups given, each parsing in the query grammar and read as it returns rows', () => {
		expect(buildLambdaQueries([])).toEqual([]);
		const queries = buildLambdaQueries(groups);
		expect(queries.map((query) => query.name)).toEqual(['lambda-outcomes', 'lambda-durations']);
		for (const query of queries) {
			expect(() => parseInsightsQuery(query.queryString)).not.toThrow();
			expect(query.logGroupNames).toEqual(groups);
			expect(query.limited).toBe(false);
			expect(query.queryString.length).toBeLessThan(10_000);
		}
	});

	it('fold into the figures the engine computes from the same lines: every ending, both formats, a custom group', () => {
		const events = lambdaEvents();
		const functionsByGroup = new Map([
			[NODE.logGroup, NODE.name],
			[PYTHON.logGroup, PYTHON.name],
			[JSON_FN.logGroup, JSON_FN.name],
		]);
		const results = buildLambdaQueries(groups).map((query) => ({query, startMs: T0, endMs: T0 + 60_000, rows: run(query.queryString, events)}));
		const folded = foldLambdaResults(results, functionsByGroup);

		const engine = new Engine({...DEFAULT_LIMITS, accessParser: compileAccessFormat(DEMO_ACCESS_LOG_FORMAT), lambdaLogGroups: functionsByGroup});
		engine.ingest(events);
		engine.finish();
		const expected = engine.summary().functions.map((figures) => ({function: figures.function, ...asStatsFunctionFigures(figures)}));
		const got = folded.map(({logGroup: _, ...rest}) => rest).sort((a, b) => a.function.localeCompare(b.function));
		expect(got).toEqual(expected);
		// The lines cover every ending, so equal figures are not all zeros.
		expect(got.find((figures) => figures.function === NODE.name)).toMatchObject({invocations: 6, coldStarts: 1, errors: 1, timeouts: 2, failures: 1});
		expect(got.find((figures) => figures.function === JSON_FN.name)).toMatchObject({invocations: 5, coldStarts: 1, errors: 1, timeouts: 1, failures: 1});
		expect(got.find((figures) => figures.function === PYTHON.name)).toMatchObject({invocations: 2, coldStarts: 1, errors: 1});
	});

	it('sum over slices, and name a group no invocation wrote to with zero figures', () => {
		const events = lambdaEvents();
		const middle = events[Math.floor(events.length / 2)]!.timestamp;
		const halves = [events.filter((event) => event.timestamp < middle), events.filter((event) => event.timestamp >= middle)];
		const queries = buildLambdaQueries([...groups, '/aws/lambda/quiet']);
		const functionsByGroup = new Map([...groups.map((group): [string, string] => [group, group]), ['/aws/lambda/quiet', 'quiet']]);
		const sliced = foldLambdaResults(
			halves.flatMap((half) => queries.map((query) => ({query, startMs: 0, endMs: 0, rows: run(query.queryString, half)}))),
			functionsByGroup,
		);
		const whole = foldLambdaResults(
			queries.map((query) => ({query, startMs: 0, endMs: 0, rows: run(query.queryString, events)})),
			functionsByGroup,
		);
		expect(sliced).toEqual(whole);
		expect(whole.at(-1)).toEqual({function: 'quiet', logGroup: '/aws/lambda/quiet', invocations: 0, coldStarts: 0, errors: 0, timeouts: 0, failures: 0, durationMs: {p50: null, p95: null, p99: null}});
	});
});
