import {describe, expect, it} from 'vitest';
import type {ErrorCategory, LogEvent} from '../../source/core/types.js';
import {compileAccessRenderer} from '../../source/emulator/traffic-access.js';
import {
	DEMO_ACCESS_LOG_FORMAT,
	FAILURE_CATEGORY,
	FAILURE_KINDS,
	generateTraffic,
	type FailureKind,
	type SimulatedEvent,
	type SimulatedRequestTruth,
	type TrafficOptions,
} from '../../source/emulator/traffic.js';

const T0 = Date.UTC(2024, 0, 15, 12);
const GATEWAY_ID = /^[A-Za-z0-9_-]{14}[AEIMQUYcgkosw048]=$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const STREAM = /^[0-9a-f]{32}$/;
/** Long enough for a request of the window to be fully ingested: 29 s timeouts, minutes of access lag. */
const SETTLE_MS = 400_000;

function trafficOptions(overrides: Partial<TrafficOptions> = {}): TrafficOptions {
	return {
		seed: 1,
		apiId: 'a1b2c3d4e5',
		stage: 'prod',
		executionLogGroup: 'API-Gateway-Execution-Logs_a1b2c3d4e5/prod',
		accessLogGroup: '/aws/apigateway/chat-prod-access',
		startTime: T0,
		eventsPerSecond: 100,
		...overrides,
	};
}

function take(options: TrafficOptions, count: number): SimulatedEvent[] {
	const out: SimulatedEvent[] = [];
	for (const item of generateTraffic(options)) {
		if (out.length === count) break;
		out.push(item);
	}
	return out;
}

function ingestedBy(options: TrafficOptions, untilMs: number): SimulatedEvent[] {
	const out: SimulatedEvent[] = [];
	for (const item of generateTraffic(options)) {
		if ((item.event.ingestionTime ?? 0) > options.startTime + untilMs) break;
		out.push(item);
	}
	return out;
}

interface SimulatedRequest {
	truth: SimulatedRequestTruth;
	execution: LogEvent[];
	access: LogEvent[];
	/** Event time of its first line. */
	start: number;
}

/** The requests that started in the first `windowMs`, each with all of its lines. */
function requestsOf(events: SimulatedEvent[], windowMs: number): SimulatedRequest[] {
	const byId = new Map<string, SimulatedRequest>();
	for (const {event, truth} of events) {
		let request = byId.get(truth.requestId);
		if (request === undefined) {
			request = {truth, execution: [], access: [], start: event.timestamp};
			byId.set(truth.requestId, request);
		}
		(event.log === 'access' ? request.access : request.execution).push(event);
		request.start = Math.min(request.start, event.timestamp);
	}
	return [...byId.values()].filter((request) => request.start < T0 + windowMs).sort((a, b) => a.start - b.start);
}

function accessJson(request: SimulatedRequest): Record<string, string> {
	const line = request.access[0];
	if (line === undefined) throw new Error(`request ${request.truth.requestId} has no access line`);
	return JSON.parse(line.message) as Record<string, string>;
}

function executionText(request: SimulatedRequest): string[] {
	return request.execution.map((event) => event.message.replace(/^\([^)]*\) /, ''));
}

// One shared run: 400 s of ingestion at 100 events/s; the first 60 s of requests are complete in it.
const run = ingestedBy(trafficOptions(), SETTLE_MS);
const requests = requestsOf(run, 60_000);

describe('generateTraffic: determinism', () => {
	it('yields the same events for the same seed', () => {
		expect(take(trafficOptions(), 3000)).toEqual(take(trafficOptions(), 3000));
	});

	it('yields different events for a different seed', () => {
		const first = take(trafficOptions({seed: 1}), 200).map((item) => item.event.message);
		const second = take(trafficOptions({seed: 2}), 200).map((item) => item.event.message);
		expect(second).not.toEqual(first);
	});

	it.each<Partial<TrafficOptions>>([
		{eventsPerSecond: 0},
		{eventsPerSecond: Number.POSITIVE_INFINITY},
		{startTime: Number.NaN},
		{accessLagMs: [500, 100]},
		{failureRate: 1.5},
		{truncateShare: -0.1},
	])('refuses options it cannot honour: %o', (overrides) => {
		expect(() => generateTraffic(trafficOptions(overrides))).toThrow(RangeError);
	});
});

describe('generateTraffic: failure mix', () => {
	it.each([1, 2, 3, 4, 5])('shows every failure kind within the first 10 s of event time (seed %i)', (seed) => {
		const early = ingestedBy(trafficOptions({seed}), 320_000).filter((item) => item.event.timestamp < T0 + 10_000);
		const kinds = new Set(early.map((item) => item.truth.failure).filter((kind) => kind !== undefined));
		expect([...kinds].sort()).toEqual([...FAILURE_KINDS].sort());
	});

	it.each([
		[undefined, 0.15],
		[0.4, 0.4],
		[0, 0],
	])('fails the configured share of requests (failureRate %s)', (failureRate, expected) => {
		const options = failureRate === undefined ? trafficOptions() : trafficOptions({failureRate});
		const sample = failureRate === undefined ? requests : requestsOf(ingestedBy(options, SETTLE_MS), 60_000);
		const failed = sample.filter((request) => request.truth.failure !== undefined).length;
		expect(sample.length).toBeGreaterThan(400);
		expect(failed / sample.length).toBeCloseTo(expected, 1);
	});

	it('gives a category to failures only', () => {
		for (const {truth} of requests) expect(truth.expectedCategory === undefined).toBe(truth.failure === undefined);
		expect(Object.keys(FAILURE_CATEGORY).sort()).toEqual([...FAILURE_KINDS].sort());
	});

	// What each kind must look like in the logs, so that a classifier has the evidence reference §5 names.
	const evidence: Array<[FailureKind, ErrorCategory, number[], string | undefined, RegExp | undefined]> = [
		['authorizer-denied', 'authorizer', [401, 403], undefined, /^Unauthorized request: /],
		['authorizer-error', 'authorizer', [500], undefined, /^AuthorizerConfigurationException$/],
		['waf-block', 'waf', [403], 'WAF_FILTERED', undefined],
		['integration-timeout', 'integration', [504], 'INTEGRATION_TIMEOUT', /^Execution failed due to a timeout error$/],
		['lambda-error', 'integration', [502], 'INTEGRATION_FAILURE', /^Lambda execution failed with status 200 due to customer function error: .+\. Lambda request id: [0-9a-f-]{36}$/],
		['malformed-proxy-response', 'integration', [502], '-', /^Execution failed due to configuration error: Malformed Lambda proxy response$/],
		['throttled', 'throttle', [429], 'THROTTLED', /throttle limit exceeded/],
		['bad-request', 'client', [400], 'BAD_REQUEST_BODY', /^Request body does not match model schema for content type application\/json: \[.+\]$/],
		['gateway-500', 'gateway', [500], 'DEFAULT_5XX', /^Execution failed due to an internal error$/],
		['rejected-before-routing', 'client', [403], '-', undefined],
	];
	it.each(evidence)('writes %s (%s) with its status, response type and execution evidence', (kind, category, statuses, responseType, line) => {
		const failed = requests.filter((request) => request.truth.failure === kind);
		expect(failed.length).toBeGreaterThan(0);
		for (const request of failed) {
			const access = accessJson(request);
			expect(request.truth.expectedCategory).toBe(category);
			expect(statuses).toContain(request.truth.status);
			expect(access['status']).toBe(String(request.truth.status));
			if (responseType !== undefined) expect(access['errorResponseType']).toBe(responseType);
			const text = executionText(request);
			if (line !== undefined) expect(text.some((message) => line.test(message))).toBe(true);
			if (kind !== 'rejected-before-routing') expect(text).toContain(`Method completed with status: ${request.truth.status}`);
		}
	});

	it('blocks WAF requests with a WAF status and at most two execution lines', () => {
		for (const request of requests.filter((r) => r.truth.failure === 'waf-block')) {
			expect(accessJson(request)['wafStatus']).toBe('403');
			expect(request.execution.length).toBeLessThanOrEqual(2);
		}
	});

	it('times an integration timeout out 29 s after the request was sent', () => {
		for (const request of requests.filter((r) => r.truth.failure === 'integration-timeout')) {
			const sent = request.execution.find((event) => event.message.includes('Sending request to '));
			const failed = request.execution.find((event) => event.message.endsWith('Execution failed due to a timeout error'));
			expect((failed?.timestamp ?? 0) - (sent?.timestamp ?? 0)).toBeGreaterThanOrEqual(29_000);
		}
	});

	it('rejects before routing with a UUID, no execution lines and `-` for the WebSocket fields', () => {
		for (const request of requests.filter((r) => r.truth.failure === 'rejected-before-routing')) {
			const access = accessJson(request);
			expect(request.execution).toEqual([]);
			expect(request.truth.requestId).toMatch(UUID);
			expect([access['eventType'], access['routeKey'], access['connectionId']]).toEqual(['-', '-', '-']);
		}
	});
});

describe('generateTraffic: shapes', () => {
	it('honours the event rate roughly', () => {
		for (const eventsPerSecond of [20, 100, 1000]) {
			const seconds = eventsPerSecond === 1000 ? 60 : 300;
			const events = ingestedBy(trafficOptions({eventsPerSecond}), seconds * 1000);
			expect(events.length / seconds / eventsPerSecond).toBeGreaterThan(0.85);
			expect(events.length / seconds / eventsPerSecond).toBeLessThan(1.15);
		}
	});

	it('uses the right id shapes, groups, and a few 32-hex streams per log', () => {
		for (const request of requests) {
			const {truth} = request;
			expect(truth.requestId).toMatch(truth.failure === 'rejected-before-routing' ? UUID : GATEWAY_ID);
			if (truth.connectionId !== undefined) expect(truth.connectionId).toMatch(GATEWAY_ID);
			const access = accessJson(request);
			if (truth.eventType === 'MESSAGE') expect(access['messageId']).toMatch(GATEWAY_ID);
			else expect(access['messageId']).toBe('-');
		}
		for (const kind of ['execution', 'access'] as const) {
			const events = run.filter((item) => item.event.log === kind).map((item) => item.event);
			const streams = new Set(events.map((event) => event.logStream));
			expect(streams.size).toBe(4);
			for (const stream of streams) expect(stream).toMatch(STREAM);
			expect(new Set(events.map((event) => event.logGroup))).toEqual(
				new Set([kind === 'execution' ? trafficOptions().executionLogGroup : trafficOptions().accessLogGroup]),
			);
		}
	});

	it('writes every execution line as `(requestId) message` on one stream per request', () => {
		for (const request of requests) {
			for (const event of request.execution) expect(event.message.startsWith(`(${request.truth.requestId}) `)).toBe(true);
			expect(new Set(request.execution.map((event) => event.logStream)).size).toBeLessThanOrEqual(1);
			expect(request.access).toHaveLength(1);
		}
	});

	it('writes each access line as valid JSON in the demo format, carrying its request', () => {
		const keys = Object.keys(JSON.parse(DEMO_ACCESS_LOG_FORMAT) as object);
		for (const request of requests) {
			const access = accessJson(request);
			const {truth} = request;
			expect(Object.keys(access)).toEqual(keys);
			expect(access['requestId']).toBe(truth.requestId);
			expect(access['connectionId']).toBe(truth.connectionId ?? '-');
			expect(access['eventType']).toBe(truth.eventType ?? '-');
			expect(access['routeKey']).toBe(truth.routeKey ?? '-');
			expect(access['requestTime']).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
			expect(Number(access['requestTimeEpoch'])).toBe(request.start);
			expect(access['apiId']).toBe('a1b2c3d4e5');
		}
	});

	it('closes connections with realistic codes and reasons', () => {
		const disconnects = requests.filter((r) => r.truth.eventType === 'DISCONNECT').map(accessJson);
		expect(disconnects.length).toBeGreaterThan(10);
		expect(new Set(disconnects.map((access) => access['disconnectStatusCode']))).toEqual(new Set(['1000', '1001', '1006']));
		for (const access of disconnects) expect(access['disconnectReason']).not.toBe('-');
	});

	it('runs a successful $connect through the authorizer, then the integration, in order', () => {
		const connect = requests.find((r) => r.truth.eventType === 'CONNECT' && r.truth.status === 200);
		const text = connect === undefined ? [] : executionText(connect);
		const order = [
			/^Starting authorizer: \w+ for request: /,
			/^Incoming identity: \*+.{6}$/,
			/^Endpoint request URI: https:\/\/lambda\./,
			/^Endpoint request headers: \{/,
			/^Authorizer result body before parsing: \{/,
			/^Using valid authorizer policy for principal: /,
			/^Successfully completed authorizer execution$/,
			/^Starting execution for request: /,
			/^WebSocket Request Route: \[\$connect\]$/,
			/^Client \[UserAgent: .+, SourceIp: .+\] is connecting to WebSocket API \[a1b2c3d4e5\]\.$/,
			/^Sending request to /,
			/^Received response\. Status: 200, Integration latency: \d+ ms$/,
			/^Successfully completed execution$/,
			/^Method completed with status: 200$/,
			/^AWS Integration Endpoint RequestId : [0-9a-f-]{36}$/,
		];
		const positions = order.map((shape) => text.findIndex((message) => shape.test(message)));
		expect(positions).not.toContain(-1);
		expect([...positions].sort((a, b) => a - b)).toEqual(positions);
	});

	it('names the connection in message lines', () => {
		for (const request of requests.filter((r) => r.truth.eventType === 'MESSAGE' && r.truth.failure !== 'throttled')) {
			expect(executionText(request)).toContain(
				`WebSocket API [a1b2c3d4e5] received message from client [Connection Id: ${request.truth.connectionId}].`,
			);
		}
	});

	it('has integration latencies with a long tail', () => {
		const latencies = run
			.map((item) => /Integration latency: (\d+) ms$/.exec(item.event.message)?.[1])
			.filter((value) => value !== undefined)
			.map(Number)
			.sort((a, b) => a - b);
		const median = latencies[Math.floor(latencies.length / 2)] ?? 0;
		expect(median).toBeGreaterThan(10);
		expect(median).toBeLessThan(100);
		expect(latencies.at(-1)).toBeGreaterThan(10 * median);
	});

	it('cuts long lines to 1,024 characters plus ` [TRUNCATED]` by default, and not when truncateShare is 0', () => {
		const texts = run.filter((item) => item.event.log === 'execution').map((item) => item.event.message.replace(/^\([^)]*\) /, ''));
		const truncated = texts.filter((text) => text.endsWith(' [TRUNCATED]'));
		expect(truncated.length).toBeGreaterThan(100);
		for (const text of truncated) expect(text).toHaveLength(1024 + ' [TRUNCATED]'.length);
		expect(texts.every((text) => text.length <= 1036)).toBe(true);
		const whole = take(trafficOptions({truncateShare: 0}), 5000).map((item) => item.event.message);
		expect(whole.some((message) => message.endsWith(' [TRUNCATED]'))).toBe(false);
		expect(whole.some((message) => message.length > 1100)).toBe(true);
	});
});

describe('generateTraffic: time', () => {
	it('is sorted by ingestion time while event times go back and forth', () => {
		let backwards = 0;
		let unordered = 0;
		for (let i = 1; i < run.length; i++) {
			const previous = run[i - 1]?.event;
			const current = run[i]?.event;
			if ((current?.ingestionTime ?? 0) < (previous?.ingestionTime ?? 0)) unordered++;
			if ((current?.timestamp ?? 0) < (previous?.timestamp ?? 0)) backwards++;
		}
		expect(unordered).toBe(0);
		expect(backwards).toBeGreaterThan(100);
		expect(run[0]?.event.timestamp).toBeGreaterThanOrEqual(T0);
	});

	it('shares milliseconds between many lines of one request', () => {
		let shared = 0;
		let pairs = 0;
		for (const request of requests) {
			for (let i = 1; i < request.execution.length; i++) {
				pairs++;
				if (request.execution[i]?.timestamp === request.execution[i - 1]?.timestamp) shared++;
			}
		}
		expect(shared / pairs).toBeGreaterThan(0.4);
	});

	it('lags access lines behind their execution lines, a few of them by minutes', () => {
		const lags = requests
			.filter((request) => request.execution.length > 0)
			.map((request) => (request.access[0]?.ingestionTime ?? 0) - Math.max(...request.execution.map((event) => event.ingestionTime ?? 0)));
		const minutes = lags.filter((lag) => lag >= 60_000).length;
		expect(lags.every((lag) => lag >= 200)).toBe(true);
		expect(lags.filter((lag) => lag <= 3001).length / lags.length).toBeGreaterThan(0.95);
		expect(minutes).toBeGreaterThan(0);
		expect(minutes / lags.length).toBeLessThan(0.05);
	});

	it('follows the configured access lag', () => {
		const events = ingestedBy(trafficOptions({accessLagMs: [5000, 5000]}), SETTLE_MS);
		const lags = requestsOf(events, 30_000)
			.filter((request) => request.execution.length > 0)
			.map((request) => (request.access[0]?.ingestionTime ?? 0) - Math.max(...request.execution.map((event) => event.ingestionTime ?? 0)));
		expect(lags.filter((lag) => lag >= 5000 && lag <= 5001).length / lags.length).toBeGreaterThan(0.95);
	});
});

describe('generateTraffic: connections', () => {
	const byConnection = new Map<string, SimulatedRequest[]>();
	for (const request of requests) {
		if (request.truth.connectionId === undefined) continue;
		byConnection.set(request.truth.connectionId, [...(byConnection.get(request.truth.connectionId) ?? []), request]);
	}

	it('goes CONNECT -> MESSAGE* -> DISCONNECT on every connection', () => {
		expect(byConnection.size).toBeGreaterThan(50);
		let complete = 0;
		for (const lifecycle of byConnection.values()) {
			const sequence = lifecycle.map((request) => (request.truth.eventType ?? '?')[0]).join('');
			expect(sequence).toMatch(/^CM*D?$/);
			if (sequence.endsWith('D')) complete++;
		}
		expect(complete).toBeGreaterThan(10);
	});

	it('sends nothing on a rejected connection', () => {
		let rejected = 0;
		for (const lifecycle of byConnection.values()) {
			const connect = lifecycle[0];
			if (connect === undefined || connect.truth.status === 200) continue;
			rejected++;
			expect(lifecycle).toHaveLength(1);
			expect(connect.truth.failure).toBeDefined();
		}
		expect(rejected).toBeGreaterThan(5);
	});

	it('keeps the client of a connection in every access line', () => {
		for (const lifecycle of byConnection.values()) {
			const first = accessJson(lifecycle[0] as SimulatedRequest);
			for (const request of lifecycle) {
				const access = accessJson(request);
				expect([access['sourceIp'], access['userAgent'], access['connectedAt']]).toEqual([first['sourceIp'], first['userAgent'], first['connectedAt']]);
			}
		}
	});
});

describe('compileAccessRenderer', () => {
	it('fills placeholders, writes `-` for unset values and JSON-escapes the rest', () => {
		const render = compileAccessRenderer('{"ua":"$context.identity.userAgent","s":"$context.status","e":"$context.error.message"} $context.requestId');
		const line = render({'identity.userAgent': 'a "quoted" \\ agent', status: 502, requestId: 'abc='});
		expect(line).toBe('{"ua":"a \\"quoted\\" \\\\ agent","s":"502","e":"-"} abc=');
		expect(JSON.parse(line.slice(0, line.lastIndexOf('}') + 1))).toEqual({ua: 'a "quoted" \\ agent', s: '502', e: '-'});
	});

	it('has a demo format that is one line of JSON whose values are all $context variables', () => {
		expect(DEMO_ACCESS_LOG_FORMAT).not.toContain('\n');
		const template = JSON.parse(DEMO_ACCESS_LOG_FORMAT) as Record<string, string>;
		for (const value of Object.values(template)) expect(value).toMatch(/^\$context\.[A-Za-z.]+$/);
		expect(Object.values(template)).toEqual(expect.arrayContaining(['$context.requestId', '$context.connectionId', '$context.disconnectReason']));
	});
});
