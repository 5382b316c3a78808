import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {StatsView} from '../../source/ui/components/stats-view.js';
import {TimelinePane} from '../../source/ui/components/timeline-pane.js';
import {helpLines} from '../../source/ui/state/help-page.js';
import {NO_COLOUR_THEME} from '../../source/ui/theme.js';
import type {FunctionStatsRow, StatsView as StatsViewModel, TimelinePaneView} from '../../source/ui/view-models.js';
import {detailLine, expectInside, FAILED_REQUEST, statsView, timelinePane, timelineRow} from './view-model-fixtures.js';

const theme = NO_COLOUR_THEME;

function frame(view: TimelinePaneView, width: number, height: number) {
	return expectInside(render(<TimelinePane view={view} width={width} height={height} theme={theme} />).lastFrame(), width, height);
}

/** A $connect its authorizer let through, and a message whose integration threw on a cold start, opened. */
function withInvocations(): TimelinePaneView {
	return timelinePane({
		rows: [
			timelineRow({requestId: 'r-connect', eventType: 'CONNECT', eventLabel: 'CONNECT', route: '$connect', latencyText: '12ms', lambda: {text: 'λ ok', failed: false}}),
			timelineRow({
				...FAILED_REQUEST,
				requestId: 'r-failed',
				explanation: 'chat-sendmessage threw TypeError',
				selected: true,
				expanded: true,
				lambda: {text: 'λ err cold', failed: true},
			}),
		],
		total: 2,
		detail: {
			requestId: 'r-failed',
			lines: [
				detailLine({time: '+20 ms', kind: 'integration', text: 'λ chat-sendmessage · error · cold start (init 812.4 ms)', heading: true}),
				detailLine({time: '', kind: 'error', text: "TypeError: Cannot read properties of undefined (reading 'text')", isError: true}),
				detailLine({time: '', kind: 'stack', text: 'at Runtime.handler (file:///var/task/index.mjs:21:37)'}),
				detailLine({time: '+840 ms', kind: 'INFO', text: 'received {"action":"sendmessage"}'}),
			],
			total: 4,
			offset: 0,
		},
	});
}

describe('Lambda invocations in the timeline', () => {
	it('80 columns: each row carries its λ mark in words, the open request its invocation card', () => {
		expect(frame(withInvocations(), 80, 10)).toEqual([
			'[Timeline] L0SM9cOFvHcCIhw= · open · 3m12s                              1-2 of 2',
			'   TIME         EVENT ROUTE       STATUS  LATENCY  WHY',
			'   14:03:07.123 CONN  $connect       200     12ms  λ ok',
			'›▾ 14:03:07.123 MSG   sendmessage    502 29,001ms  λ err cold ⚡',
			'                chat-sendmessage threw TypeError',
			'      request r-failed · 4 lines',
			'      +20 ms       integration λ chat-sendmessage · error · cold start (init 81…',
			'    ▶              error       TypeError: Cannot read properties of undefined (…',
			'                   stack       at Runtime.handler (file:///var/task/index.mjs:2…',
			'      +840 ms      INFO        received {"action":"sendmessage"}',
		]);
	});

	it('160 columns: the mark sits between the latency and the error badge', () => {
		const lines = frame(withInvocations(), 160, 10);
		expect(lines[3]).toBe('›▾ 14:03:07.123 MESSAGE sendmessage    502 29,001ms  λ err cold ⚡ integration  chat-sendmessage threw TypeError');
		expect(lines[5]).toBe('      +20 ms       integration λ chat-sendmessage · error · cold start (init 812.4 ms)');
	});

	it("help's legend says what each word after λ means", () => {
		const lines = helpLines(80);
		const title = lines.findIndex((line) => line.text === 'Lambda (λ on a request row)');
		expect(lines.slice(title + 1).map((line) => `${line.key}|${line.text}`)).toEqual([
			'ok|the function returned',
			'err|the function threw an error',
			'timeout|the function ran into its timeout',
			'crash|the runtime crashed (out of memory, killed)',
			'?|no report from the function yet',
			'cold|a cold start: a new execution environment ran its init first',
		]);
	});

});

function functionRow(overrides: Partial<FunctionStatsRow> = {}): FunctionStatsRow {
	return {function: 'chat-sendmessage', invocations: 1520, coldStarts: 4, errors: 3, timeouts: 1, failures: 0, p50: 129, p95: 812, p99: 30_031, ...overrides};
}

function statsWithFunctions(total = 3): StatsViewModel {
	return statsView({
		functions: {
			rows: [
				functionRow({function: 'chat-authorizer', invocations: 240, coldStarts: 2, errors: 0, timeouts: 0, p50: 3, p95: 9, p99: 41}),
				functionRow({function: 'chat-connect', invocations: 240, coldStarts: 2, errors: 0, timeouts: 0, failures: 1, p50: 12, p95: 40, p99: 90}),
				functionRow(),
			],
			total,
		},
	});
}

describe('the stats view', () => {
	function statsFrame(view: StatsViewModel, width: number, height: number) {
		return expectInside(render(<StatsView view={view} width={width} height={height} theme={theme} />).lastFrame(), width, height);
	}

	it("80 columns: a table per function under the routes' total", () => {
		expect(statsFrame(statsWithFunctions(), 80, 14).slice(7)).toEqual([
			'',
			' λ Lambda functions duration (as the function reported it)',
			' FUNCTION         INVOKED   P50   P95  P99 COLD ERRORS TIMEOUTS CRASHES',
			' chat-authorizer      240   3ms   9ms 41ms    2      0        0       0',
			' chat-connect         240  12ms  40ms 90ms    2      0        0       1',
			' chat-sendmessage   1,520 129ms 812ms  30s    4      3        1       0',
			'',
		]);
	});

	it('80 columns: a long function name leaves no room for crashes, which go first', () => {
		const view = statsWithFunctions();
		const long = {...view, functions: {rows: [functionRow({function: 'chat-sendmessage-production-eu'})], total: 1}};
		const lines = statsFrame(long, 80, 14);
		expect(lines[9]).toBe(' FUNCTION                     INVOKED   P50   P95 P99 COLD ERRORS TIMEOUTS');
		expect(lines[10]).toBe(' chat-sendmessage-production…   1,520 129ms 812ms 30s    4      3        1');
	});

	it('160 columns: crashes get a column; a table cut short says how many functions it shows', () => {
		const lines = statsFrame(statsWithFunctions(7), 160, 14);
		expect(lines[8]).toMatch(/^ λ Lambda functions duration \(as the function reported it\) +3 of 7$/);
		expect(lines[9]).toContain('TIMEOUTS CRASHES');
		expect(lines[11]).toMatch(/ 1$/);
	});
});
