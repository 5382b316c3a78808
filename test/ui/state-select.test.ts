import {describe, expect, it} from 'vitest';
import type {EngineSummary} from '../../source/core/engine.js';
import {LiveModel} from '../../source/ui/model/live-model.js';
import {selectConnectionsPane, selectTimelinePane} from '../../source/ui/state/select-connections.js';
import {selectHeader, selectHelp, selectStatusBar} from '../../source/ui/state/select-chrome.js';
import {selectRequestsView, selectStatsView} from '../../source/ui/state/select-views.js';
import type {UiState} from '../../source/ui/state/ui-state.js';
import type {StatusBarView, TimelineRow} from '../../source/ui/view-models.js';
import {change, executionLine, failure, T0, wsRequest} from './model-fixtures.js';
import {DATA, run, smallState} from './state-fixtures.js';

const ABC = 'Abc123DEFghiJKL=';
const ESC = '\u001B';

/**
 * Two connections: ABC (connected at 1 s; a message at 2 s; a failed, still settling `broadcast` at 3 s
 * whose log text carries escape sequences), and Zz9, refused by its authorizer at 5 s.
 */
function fixture(): LiveModel {
	const model = new LiveModel({maxRequests: 100, maxConnections: 100});
	model.apply([
		change(wsRequest('c1', ABC, 1, 'CONNECT', {integrationLatencyMs: 12, access: {connectedAt: String(T0 + 900)}})),
		change(wsRequest('m1', ABC, 2, 'MESSAGE', {integrationLatencyMs: 35})),
		change(
			wsRequest('m2', ABC, 3, 'MESSAGE', {
				routeKey: `broadcast${ESC}[0m`,
				status: 502,
				lastTimestamp: T0 + 3041,
				errors: [failure('integration', `Lambda threw: boom${ESC}]0;pwned\u0007`, 'Lambda function error: boom')],
				execution: [
					executionLine('m2', T0 + 3000, 'websocket-route', 'Starting execution for request: m2'),
					executionLine('m2', T0 + 3010, 'endpoint-request', `Endpoint request body after transformations: ${ESC}]0;pwned\u0007{"msg":"hi${ESC}[2J"}`),
					executionLine('m2', T0 + 3040, 'lambda-function-error', 'Lambda function error: boom'),
					executionLine('m2', T0 + 3041, 'method-completed', 'Method completed with status: 502'),
				],
				access: {requestId: 'm2', status: '502', 'integration.error': 'boom\nline2'},
			}),
			true,
		),
		change(wsRequest('z1', 'Zz9', 5, 'CONNECT', {status: 401, errors: [failure('authorizer', 'authorizer denied the $connect: 401')]})),
	]);
	model.setStatus({
		source: 'chat-demo (a1b2c3d4e5)',
		stage: 'prod',
		region: 'eu-west-1',
		transport: 'live',
		sampled: true,
		throttled: false,
		lagMs: 1200,
		eventsPerSecond: 12.5,
	});
	model.setSummary({
		events: 20,
		executionEvents: 15,
		accessEvents: 2,
		lambdaEvents: 0,
		unparsed: 3,
		requests: 4,
		connections: 2,
		evicted: {requests: 0, connections: 0, invocations: 0},
		accessFormatGuessed: false,
		metrics: {stages: {}},
		functions: [],
	} satisfies EngineSummary);
	return model;
}

const NOW = T0 + 10_000;

function started(model: LiveModel): UiState {
	return run(model, smallState(), DATA);
}

const noErrors = {authorizer: 0, waf: 0, integration: 0, throttle: 0, client: 0, gateway: 0};

const m2Row: TimelineRow = {
	requestId: 'm2',
	time: '12:00:03.000',
	eventType: 'MESSAGE',
	eventLabel: 'MESSAGE',
	route: 'broadcast',
	status: 502,
	latencyText: '',
	errorCategories: ['integration'],
	explanation: 'Lambda threw: boom',
	selected: true,
	expanded: false,
	matched: false,
	pending: true,
};

describe('selectors over a small fixture', () => {
	it('selectHeader', () => {
		const model = fixture();
		expect(selectHeader(model, started(model), NOW)).toEqual({
			source: 'chat-demo (a1b2c3d4e5)',
			stage: 'prod',
			region: 'eu-west-1',
			transport: 'live',
			sampled: true,
			throttled: false,
			lagMs: 1200,
			eventsPerSecond: 12.5,
			// The integration error is still settling: not counted yet, and said so.
			errorCounts: {...noErrors, authorizer: 1},
			settlingErrors: 1,
			revisedErrors: 0,
			clock: '12:00:10 UTC',
			evicted: 0,
			unparsed: 3,
		});
	});

	it('selectHeader: groups polled beside live tail (past its 10) are counted after the transport', () => {
		const model = fixture();
		model.setStatus({...model.status!, polledGroups: 3});
		expect(selectHeader(model, started(model), NOW).transport).toBe('live + 3 polled');
		model.setStatus({...model.status!, transport: 'backfill', polledGroups: 3});
		expect(selectHeader(model, started(model), NOW).transport).toBe('backfill');
	});

	it('selectConnectionsPane, 1 row: the newest, then the one below', () => {
		const model = fixture();
		const state = started(model);
		expect(selectConnectionsPane(model, state, 1, NOW)).toEqual({
			rows: [
				{
					connectionId: 'Zz9',
					shortId: 'Zz9',
					state: 'rejected',
					// A rejected connection never lived: no age, but why it was rejected.
					ageText: '-',
					messageCount: 0,
					lastRoute: '$connect',
					errorCategories: ['authorizer'],
					errorTotal: 1,
					errorCounts: {...noErrors, authorizer: 1},
					rejection: {explanation: 'authorizer denied the $connect: 401', latencyText: ''},
					selected: true,
					pinned: false,
					matched: false,
				},
			],
			total: 2,
			offset: 0,
			sort: 'activity',
			filterNote: undefined,
			newActivity: undefined,
			focused: true,
		});
		expect(selectConnectionsPane(model, run(model, state, 'down'), 1, NOW)).toEqual({
			rows: [
				{
					connectionId: ABC,
					shortId: 'Abc123DE',
					state: 'open',
					// Open since connectedAt (0.9 s) until now (10 s).
					ageText: '9s',
					messageCount: 2,
					lastRoute: 'broadcast',
					errorCategories: ['integration'],
					errorTotal: 1,
					errorCounts: {...noErrors, integration: 1},
					rejection: undefined,
					selected: true,
					pinned: false,
					matched: false,
				},
			],
			total: 2,
			offset: 1,
			sort: 'activity',
			filterNote: undefined,
			newActivity: undefined,
			focused: true,
		});
	});

	it('selectTimelinePane, 5 rows: the requests, then the open request over 3 detail rows', () => {
		const model = fixture();
		const timeline = run(model, started(model), 'down', 'switchPane');
		const c1Row: TimelineRow = {
			...m2Row,
			requestId: 'c1',
			time: '12:00:01.000',
			eventType: 'CONNECT',
			eventLabel: 'CONNECT',
			route: '$connect',
			status: 200,
			latencyText: '12ms',
			errorCategories: [],
			explanation: '',
			selected: false,
			pending: false,
		};
		const m1Row: TimelineRow = {...c1Row, requestId: 'm1', time: '12:00:02.000', eventType: 'MESSAGE', eventLabel: 'MESSAGE', route: 'sendmessage', latencyText: '35ms'};
		expect(selectTimelinePane(model, timeline, 5)).toEqual({
			connectionId: ABC,
			title: `${ABC} · open · 3 requests`,
			rows: [c1Row, m1Row, m2Row],
			total: 3,
			offset: 0,
			detail: undefined,
			focused: true,
			wrap: false,
		});

		const opened = run(model, timeline, 'open', 'down');
		expect(selectTimelinePane(model, opened, 5)).toEqual({
			connectionId: ABC,
			title: `${ABC} · open · 3 requests`,
			rows: [{...m2Row, expanded: true}],
			total: 3,
			offset: 2,
			detail: {
				requestId: 'm2',
				lines: [
					{time: '12:00:03.010', kind: 'endpt-req', text: 'Endpoint request body after transformations: {"msg":"hi"}', isError: false},
					{time: '12:00:03.040', kind: 'lambda-err', text: 'Lambda function error: boom', isError: true},
					{time: '12:00:03.041', kind: 'completed', text: 'Method completed with status: 502', isError: false},
				],
				total: 7,
				offset: 1,
			},
			focused: true,
			wrap: false,
		});
		expect(selectTimelinePane(model, run(model, opened, 'bottom'), 5).detail?.lines).toEqual([
			{time: '', kind: 'access', text: 'requestId=m2', isError: false},
			{time: '', kind: 'access', text: 'status=502', isError: false},
			{time: '', kind: 'access', text: 'integration.error=boom ⏎ line2', isError: false},
		]);
	});

	it('wrap splits long detail lines into continuation rows', () => {
		const model = fixture();
		// 80 columns: detail text wraps between words within 49 cells (80 less the 31 before the text).
		const opened = run(model, started(model), 'down', 'switchPane', 'open', 'wrap', 'down');
		const {detail} = selectTimelinePane(model, opened, 5);
		expect(detail?.total).toBe(8);
		expect(detail?.lines[0]).toEqual({time: '12:00:03.010', kind: 'endpt-req', text: 'Endpoint request body after transformations:', isError: false});
		expect(detail?.lines[1]).toEqual({time: '', kind: '', text: '{"msg":"hi"}', isError: false});
	});

	it('selectRequestsView, 3 rows: the newest at the bottom', () => {
		const model = fixture();
		const view = selectRequestsView(model, started(model), 3);
		expect(view).toMatchObject({total: 4, offset: 1, wrap: false});
		expect(view.rows).toEqual([
			{...m2Row, requestId: 'm1', time: '12:00:02.000', route: 'sendmessage', status: 200, latencyText: '35ms', errorCategories: [], explanation: '', selected: false, pending: false, connectionId: ABC},
			{...m2Row, selected: false, connectionId: ABC},
			{
				...m2Row,
				requestId: 'z1',
				time: '12:00:05.000',
				eventType: 'CONNECT',
				eventLabel: 'CONNECT',
				route: '$connect',
				status: 401,
				errorCategories: ['authorizer'],
				explanation: 'authorizer denied the $connect: 401',
				pending: false,
				connectionId: 'Zz9',
			},
		]);
	});

	it('selectStatsView: per route counts, errors, percentiles and latency shape', () => {
		const model = fixture();
		const shape = (bucket?: number) => Array.from({length: 8}, (_, index) => (index === bucket ? 7 : 0));
		expect(selectStatsView(model, run(model, started(model), 'stats'), 9)).toEqual({
			rows: [
				{route: '$connect', requests: 2, connects: 2, messages: 0, errors: {...noErrors, authorizer: 1}, p50: 12, p95: 12, p99: 12, latencyShape: shape(1)},
				// No latency: no distribution (not a flat one).
				{route: 'broadcast', requests: 1, connects: 0, messages: 1, errors: {...noErrors, integration: 1}, p50: null, p95: null, p99: null, latencyShape: []},
				{route: 'sendmessage', requests: 1, connects: 0, messages: 1, errors: noErrors, p50: 35, p95: 35, p99: 35, latencyShape: shape(2)},
			],
			totals: {
				route: 'total',
				requests: 4,
				connects: 2,
				messages: 2,
				errors: {...noErrors, authorizer: 1, integration: 1},
				p50: null,
				p95: null,
				p99: null,
				latencyShape: [],
			},
			total: 3,
			offset: 0,
			functions: {rows: [], total: 0},
		});
		expect(selectStatsView(model, run(model, started(model), 'stats', 'errorsOnly'), 9).rows.map((row) => row.route)).toEqual(['$connect', 'broadcast']);
	});

	it('selectStatusBar: hints of the focused place, toggles that are on, search, message', () => {
		const model = fixture();
		const state = started(model);
		const pairs = (view: StatusBarView) => view.hints.map(({key, action}) => [key, action]);
		expect({...selectStatusBar(model, state), hints: pairs(selectStatusBar(model, state))}).toEqual({
			hints: [
				['↑↓/jk', 'move'],
				['Tab', 'pane'],
				['⏎', 'open'],
				['Esc', 'back'],
				['/', 'search'],
				['e', 'errors'],
				['p', 'pin'],
				['f', 'follow'],
				['space', 'pause'],
				['a', 'all'],
				['s', 'stats'],
				['x', 'export'],
				['?', 'help'],
				['q', 'quit'],
			],
			toggles: ['following', 'UTC'],
			search: undefined,
			message: undefined,
		});
		const busy = run(model, state, 'errorsOnly', 'category', 'category', 'category', 'route', 'pin', 'wrap', 'sort', 'pause');
		expect(selectStatusBar(model, busy).toggles).toEqual([
			'paused · 0 new',
			'errors only',
			'category: integration',
			'route: $connect',
			'pinned: Abc123DE',
			'sort: errors',
			'wrap',
			'UTC',
		]);
		expect(selectStatusBar(model, run(model, state, 'stats')).hints.map(({key}) => key)).not.toContain('⏎');
		expect(pairs(selectStatusBar(model, run(model, state, 'help')))).toEqual([
			['↑↓/jk', 'move'],
			['Esc', 'back'],
			['?', 'help'],
			['q', 'quit'],
		]);
		expect(selectStatusBar(model, run(model, state, {type: 'resize', width: 50, height: 10})).message).toBe('terminal too small (at least 60x12)');
	});

	it('no string in any view carries a control character', () => {
		const model = fixture();
		const state = run(model, started(model), 'search', {type: 'search-input', text: `boom${ESC}[1m`}, {type: 'search-submit'}, 'switchPane', 'open');
		expect(state.expandedRequestId).toBe('m2');
		const views = [
			selectHeader(model, state, NOW),
			selectConnectionsPane(model, state, 10, NOW),
			selectTimelinePane(model, state, 20),
			selectRequestsView(model, state, 10),
			selectStatsView(model, state, 10),
			selectStatusBar(model, state),
			selectHelp(state),
		];
		const text = JSON.stringify(views);
		expect(text).toContain('Endpoint request body after transformations: {\\"msg\\":\\"hi\\"}');
		// eslint-disable-next-line no-control-regex
		expect(strings(views).filter((value) => /[\u0000-\u001F\u007F-\u009F]/.test(value))).toEqual([]);
	});
});

function strings(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.flatMap(strings);
	if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
	return [];
}
