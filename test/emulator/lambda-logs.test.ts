// The demo chat API's functions write their own logs: the traffic writer fills the emulator, and the real
// SDK reads every Lambda group back with FilterLogEvents. Each group holds its runtime's shapes, every
// Lambda request id the API lines name has its invocation in the right group, and lines without an id sit
// inside their invocation on its stream.

import {FilterLogEventsCommand, type CloudWatchLogsClient, type FilteredLogEvent} from '@aws-sdk/client-cloudwatch-logs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {executionLogGroupName} from '../../source/core/execution-log-group.js';
import {accessLogGroupName} from '../../source/emulator/apigw-standard-fixtures.js';
import {Emulator} from '../../source/emulator/server.js';
import {DEMO_FUNCTIONS, generateTraffic} from '../../source/emulator/traffic.js';
import {TrafficWriter} from '../../source/emulator/traffic-writer.js';
import {logsClient} from './server-clients.js';

const API = 'a1b2c3d4e5';
const STAGE = 'prod';
const DEMO_MS = 150_000;
const T0 = Date.UTC(2026, 11, 5, 12);
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';
const ISO = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z';
const STREAM = /^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/;
const ROUTE_FUNCTION: Record<string, keyof typeof DEMO_FUNCTIONS> = {
	$connect: 'chat-connect',
	sendmessage: 'chat-sendmessage',
	$disconnect: 'chat-disconnect',
	$default: 'chat-default',
};

const PLATFORM_TEXT = [
	new RegExp(`^START RequestId: ${UUID} Version: \\$LATEST$`),
	new RegExp(`^END RequestId: ${UUID}$`),
	new RegExp(
		`^REPORT RequestId: ${UUID}\\tDuration: \\d+\\.\\d{2} ms\\tBilled Duration: \\d+ ms\\tMemory Size: \\d+ MB\\tMax Memory Used: \\d+ MB\\t` +
			`(Init Duration: \\d+\\.\\d{2} ms\\t)?(Status: (timeout|error)\\t)?(Error Type: Runtime\\.OutOfMemory\\t)?\\n$`,
	),
	/^INIT_START Runtime Version: (nodejs:22|python:3\.13)\.v\d+\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:[0-9a-f]{64}$/,
	new RegExp(`^${ISO} ${UUID} Task timed out after \\d+\\.\\d{2} seconds$`),
	new RegExp(`^RequestId: ${UUID} Error: Runtime exited with error: signal: killed$`),
];
const NODE_LINE = new RegExp(`^${ISO}\\t(${UUID})\\t(INFO|WARN|ERROR)\\t`);
const PYTHON_LINE = new RegExp(`^\\[(INFO|WARNING|ERROR)\\]\\t${ISO}\\t(${UUID})\\t`);
const PYTHON_UNCAUGHT = /^\[ERROR\] \w+: .+\nTraceback \(most recent call last\):\n {2}File "\/var\/task\/app\.py", line \d+, in handler\n/;

let emulator: Emulator;
let client: CloudWatchLogsClient;
const byGroup = new Map<string, FilteredLogEvent[]>();

async function filterAll(logGroupName: string): Promise<FilteredLogEvent[]> {
	const events: FilteredLogEvent[] = [];
	let nextToken: string | undefined;
	do {
		const page = await client.send(new FilterLogEventsCommand({logGroupName, nextToken}));
		events.push(...(page.events ?? []));
		nextToken = page.nextToken;
	} while (nextToken !== undefined);
	return events;
}

beforeAll(async () => {
	let now = T0;
	emulator = await Emulator.start({clock: () => now});
	client = logsClient(emulator.endpoint, {maxAttempts: 1});
	const writer = new TrafficWriter(emulator.logs, {seed: 11, apiId: API, stage: STAGE, eventsPerSecond: 60, durationMs: DEMO_MS, clock: () => now});
	// Past the duration the writer writes everything still owed at once: the whole demo, through the real writer.
	now = T0 + DEMO_MS + 1;
	writer.writeDue();
	await writer.ended;
	now = T0 + 3_600_000;
	const groups = [...new Set(Object.values(DEMO_FUNCTIONS).map((fn) => fn.logGroup)), executionLogGroupName(API, STAGE), accessLogGroupName(API, STAGE)];
	for (const group of groups) byGroup.set(group, await filterAll(group));
});

afterAll(async () => {
	client.destroy();
	await emulator.stop();
});

const messages = (group: string): string[] => (byGroup.get(group) ?? []).map((event) => event.message ?? '');
const groupOf = (name: keyof typeof DEMO_FUNCTIONS): string => DEMO_FUNCTIONS[name].logGroup;

/** Every access line as its JSON values. */
function accessLines(): Array<Record<string, string>> {
	return messages(accessLogGroupName(API, STAGE)).map((message) => JSON.parse(message) as Record<string, string>);
}

/** The group's events per log stream, in the order FilterLogEvents returned them (time order). */
function byStream(group: string): Map<string, FilteredLogEvent[]> {
	const streams = new Map<string, FilteredLogEvent[]>();
	for (const event of byGroup.get(group) ?? []) {
		const stream = event.logStreamName ?? '';
		const events = streams.get(stream) ?? [];
		events.push(event);
		streams.set(stream, events);
	}
	return streams;
}

/** Each invocation's lines, START to REPORT, by its request id: id-less lines land in the one running on their stream. */
function invocationLines(group: string): Map<string, string[]> {
	const out = new Map<string, string[]>();
	for (const events of byStream(group).values()) {
		let running: string[] | undefined;
		for (const {message = ''} of events) {
			const start = /^START RequestId: (\S+)/.exec(message)?.[1] ?? /"type":"platform\.start","record":\{"requestId":"([^"]+)"/.exec(message)?.[1];
			if (start !== undefined) {
				running = [];
				out.set(start, running);
			}
			running?.push(message);
			if (message.startsWith('REPORT') || message.includes('"type":"platform.report"')) running = undefined;
		}
	}
	return out;
}

/** Request ids with a START and a REPORT in the group (text or JSON format). */
function invokedIds(group: string): {started: Set<string>; reported: Set<string>} {
	const started = new Set<string>();
	const reported = new Set<string>();
	for (const message of messages(group)) {
		const text = /^(START|REPORT) RequestId: (\S+)/.exec(message);
		if (text) (text[1] === 'START' ? started : reported).add(text[2] ?? '');
		if (message.startsWith('{')) {
			const record = JSON.parse(message) as {type?: string; record?: {requestId?: string}};
			if (record.type === 'platform.start') started.add(record.record?.requestId ?? '');
			if (record.type === 'platform.report') reported.add(record.record?.requestId ?? '');
		}
	}
	return {started, reported};
}

describe('demo traffic: the Lambda functions write their own logs', () => {
	it('writes every function group on execution-environment streams', () => {
		for (const fn of Object.values(DEMO_FUNCTIONS)) {
			const events = byGroup.get(fn.logGroup) ?? [];
			expect(events.length, fn.logGroup).toBeGreaterThan(20);
			const streams = new Set(events.map((event) => event.logStreamName));
			for (const stream of streams) expect(stream).toMatch(STREAM);
		}
		// Several environments per function: the ones warm at the start, and cold starts beyond them.
		expect(new Set((byGroup.get(groupOf('chat-sendmessage')) ?? []).map((event) => event.logStreamName)).size).toBeGreaterThan(2);
	});

	it('writes the Node.js Text shapes for chat-authorizer and chat-connect', () => {
		for (const name of ['chat-authorizer', 'chat-connect'] as const) {
			for (const message of messages(groupOf(name))) {
				const known = PLATFORM_TEXT.some((shape) => shape.test(message)) || NODE_LINE.test(message);
				expect(known, `${name}: ${JSON.stringify(message)}`).toBe(true);
			}
		}
		const invokeErrors = messages(groupOf('chat-authorizer')).filter((message) => message.includes('\tERROR\tInvoke Error \t{'));
		const unauthorized = invokeErrors.map((message) => JSON.parse(message.slice(message.indexOf('{'))) as {errorType: string; errorMessage: string; stack: string[]});
		expect(unauthorized).toContainEqual(expect.objectContaining({errorType: 'Error', errorMessage: 'Unauthorized'}));
		for (const error of unauthorized) expect(error.stack[0]).toBe(`${error.errorType}: ${error.errorMessage}`);
	});

	it('writes the JSON format for chat-sendmessage: platform records and application records', () => {
		const types = new Set<string>();
		for (const message of messages(groupOf('chat-sendmessage'))) {
			const record = JSON.parse(message) as Record<string, unknown>;
			if ('type' in record) {
				expect(record['time']).toMatch(new RegExp(`^${ISO}$`));
				types.add(String(record['type']));
			} else {
				expect(Object.keys(record).slice(0, 4)).toEqual(['timestamp', 'level', 'requestId', 'message']);
				expect(record['requestId']).toMatch(new RegExp(`^${UUID}$`));
			}
		}
		expect([...types].sort()).toEqual(['platform.initStart', 'platform.report', 'platform.runtimeDone', 'platform.start']);
		const reports = messages(groupOf('chat-sendmessage'))
			.map((message) => JSON.parse(message) as {type?: string; record?: {status: string; errorType?: string; metrics: Record<string, number>}})
			.filter((record) => record.type === 'platform.report');
		const statuses = new Set(reports.map((report) => report.record?.status));
		expect(statuses).toContain('success');
		expect(reports.some((report) => report.record?.metrics['initDurationMs'] !== undefined)).toBe(true);
		for (const report of reports) {
			expect(Object.keys(report.record?.metrics ?? {})).toEqual(expect.arrayContaining(['durationMs', 'billedDurationMs', 'memorySizeMB', 'maxMemoryUsedMB']));
			if (report.record?.status === 'failure') expect(report.record.errorType).toBe('Runtime.OutOfMemory');
		}
	});

	it('writes the Python Text shapes for chat-disconnect and chat-default, print lines without an id', () => {
		let printed = 0;
		for (const name of ['chat-disconnect', 'chat-default'] as const) {
			for (const message of messages(groupOf(name))) {
				if (PLATFORM_TEXT.some((shape) => shape.test(message)) || PYTHON_LINE.test(message) || PYTHON_UNCAUGHT.test(message)) continue;
				expect(message, name).not.toMatch(new RegExp(UUID));
				printed++;
			}
		}
		expect(printed).toBeGreaterThan(10);
	});

	it('names in the API lines only Lambda request ids whose START and REPORT are in the right group', () => {
		const ids = Object.fromEntries(Object.values(DEMO_FUNCTIONS).map((fn) => [fn.name, invokedIds(fn.logGroup)]));
		let integrations = 0;
		let authorizers = 0;
		for (const access of accessLines()) {
			const integration = access['integrationRequestId'] ?? '-';
			if (integration !== '-') {
				const fn = ROUTE_FUNCTION[access['routeKey'] ?? ''] ?? 'chat-default';
				expect(ids[fn]?.started.has(integration), `${access['requestId']} -> ${fn} ${integration}`).toBe(true);
				expect(ids[fn]?.reported.has(integration)).toBe(true);
				integrations++;
			}
			const authorizer = access['authorizerRequestId'] ?? '-';
			if (authorizer !== '-') {
				expect(ids['chat-authorizer']?.started.has(authorizer)).toBe(true);
				expect(ids['chat-authorizer']?.reported.has(authorizer)).toBe(true);
				authorizers++;
			}
		}
		expect(integrations).toBeGreaterThan(100);
		expect(authorizers).toBeGreaterThan(20);
		const allStarted = new Set(Object.values(ids).flatMap(({started}) => [...started]));
		for (const message of messages(executionLogGroupName(API, STAGE))) {
			const named = /(?:Lambda request id: |AWS Integration Endpoint RequestId : )(\S+)$/.exec(message)?.[1];
			if (named !== undefined) expect(allStarted.has(named), message).toBe(true);
		}
	});

	it('shows in each invocation what the gateway saw of it: timeouts, thrown errors, the authorizer refusing', () => {
		const invocations = new Map(Object.values(DEMO_FUNCTIONS).flatMap((fn) => [...invocationLines(fn.logGroup)]));
		const seen = new Set<string>();
		for (const access of accessLines()) {
			const integration = invocations.get(access['integrationRequestId'] ?? '')?.join('\n') ?? '';
			const authorizer = invocations.get(access['authorizerRequestId'] ?? '')?.join('\n') ?? '';
			const type = access['errorResponseType'];
			if (type === 'INTEGRATION_TIMEOUT') expect(integration).toMatch(/Task timed out after 30\.03 seconds|Status: timeout\t|"status":"timeout"/);
			if (type === 'INTEGRATION_FAILURE') expect(integration).toMatch(/Invoke Error|\[ERROR\] \w+: |Task timed out|Status: timeout|"status":"timeout"|signal: killed|Runtime\.OutOfMemory/);
			if (type === 'UNAUTHORIZED') expect(authorizer).toMatch(/Invoke Error \t\{"errorType":"Error","errorMessage":"Unauthorized"/);
			if (access['status'] === '200' && access['integrationRequestId'] !== '-') expect(integration).not.toMatch(/Invoke Error|Status: |"status":"(error|timeout|failure)"/);
			if (type !== undefined) seen.add(type);
		}
		expect([...seen]).toEqual(expect.arrayContaining(['INTEGRATION_TIMEOUT', 'INTEGRATION_FAILURE', 'UNAUTHORIZED']));
	});

	it('runs one invocation at a time per stream, with lines without an id between its START and END', () => {
		for (const fn of Object.values(DEMO_FUNCTIONS)) {
			const streams = byStream(fn.logGroup);
			for (const events of streams.values()) {
				let running: string | undefined;
				for (const {message = ''} of events) {
					const start = /^START RequestId: (\S+)/.exec(message)?.[1] ?? /"type":"platform\.start","record":\{"requestId":"([^"]+)"/.exec(message)?.[1];
					const end = /^END RequestId: (\S+)/.exec(message)?.[1] ?? /"type":"platform\.report","record":\{"requestId":"([^"]+)"/.exec(message)?.[1];
					if (start !== undefined) {
						expect(running, `${fn.name}: ${start} started while ${running} ran`).toBeUndefined();
						running = start;
					} else if (end !== undefined) {
						expect(end).toBe(running);
						running = undefined;
					} else if (!message.startsWith('INIT_START') && !message.includes('platform.initStart') && !message.startsWith('REPORT')) {
						expect(running, `${fn.name}: ${JSON.stringify(message)} outside an invocation`).toBeDefined();
						const id = /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/.exec(message)?.[0];
						if (id !== undefined) expect(id).toBe(running);
					}
				}
			}
		}
	});

	it('starts new environments cold: INIT_START first on the stream, Init Duration in its first REPORT', () => {
		let cold = 0;
		for (const fn of Object.values(DEMO_FUNCTIONS)) {
			const streams = byStream(fn.logGroup);
			for (const events of streams.values()) {
				const first = events[0]?.message ?? '';
				if (!first.startsWith('INIT_START') && !first.includes('"platform.initStart"')) continue;
				cold++;
				const firstReport = events.find(({message = ''}) => message.startsWith('REPORT') || message.includes('"platform.report"'))?.message ?? '';
				expect(firstReport, fn.name).toMatch(/Init Duration: \d+\.\d{2} ms|"initDurationMs":/);
				expect(events.filter(({message = ''}) => /Init Duration|initDurationMs|INIT_START|initStart/.test(message))).toHaveLength(2);
			}
		}
		expect(cold).toBeGreaterThan(3);
	});

	it('shows the failures: thrown errors with stacks, timeouts of both generations, out-of-memory kills, a 410 on a named connection', () => {
		const all = Object.values(DEMO_FUNCTIONS).flatMap((fn) => messages(fn.logGroup));
		expect(all.some((message) => /\tERROR\tInvoke Error \t\{"errorType":"TypeError"/.test(message) || /"message":"Invoke Error","errorType":"TypeError"/.test(message))).toBe(true);
		expect(messages(groupOf('chat-sendmessage')).some((message) => message.includes('"stackTrace":["'))).toBe(true);
		expect(all.some((message) => / Task timed out after 30\.03 seconds$/.test(message))).toBe(true);
		expect(all.some((message) => /\tStatus: timeout\t\n$/.test(message) || message.includes('"status":"timeout"'))).toBe(true);
		expect(all.some((message) => /\tStatus: error\tError Type: Runtime\.OutOfMemory\t\n$/.test(message) || message.includes('"status":"failure","errorType":"Runtime.OutOfMemory"'))).toBe(true);
		const gone = messages(groupOf('chat-sendmessage')).filter((message) => message.includes('GoneException (410)'));
		expect(gone.length).toBeGreaterThan(0);
		for (const message of gone) expect(message).toMatch(/PostToConnection to [A-Za-z0-9_-]{15}=/);
	});

	it('pings chat-sendmessage about every 30 s with warmers that serve no request', () => {
		const warmers = messages(groupOf('chat-sendmessage')).filter((message) => message.includes('warmer ping'));
		expect(warmers.length).toBeGreaterThanOrEqual(Math.floor(DEMO_MS / 32_000));
		const named = new Set(accessLines().map((access) => access['integrationRequestId']));
		for (const message of warmers) expect(named.has((JSON.parse(message) as {requestId: string}).requestId)).toBe(false);
	});
});

describe('generateTraffic with lambdaLogs', () => {
	it('changes no API Gateway line: the Lambda side draws from its own stream', () => {
		const options = {seed: 5, apiId: API, stage: STAGE, executionLogGroup: 'E', accessLogGroup: 'A', startTime: T0, eventsPerSecond: 80, endTime: T0 + 60_000};
		const apiOnly = [...generateTraffic(options)].map(({event}) => event);
		const withLambda = [...generateTraffic({...options, lambdaLogs: true})].map(({event}) => event);
		expect(withLambda.filter((event) => event.log !== 'lambda')).toEqual(apiOnly);
		expect(withLambda.length).toBeGreaterThan(apiOnly.length);
	});

	it('hands out every event in ingestion order', () => {
		let last = Number.NEGATIVE_INFINITY;
		for (const {event} of generateTraffic({seed: 9, apiId: API, stage: STAGE, executionLogGroup: 'E', accessLogGroup: 'A', startTime: T0, eventsPerSecond: 50, endTime: T0 + 90_000, lambdaLogs: true})) {
			expect(event.ingestionTime).toBeGreaterThanOrEqual(last);
			last = event.ingestionTime ?? last;
		}
	});
});
