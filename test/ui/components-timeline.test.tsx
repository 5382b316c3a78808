import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {TimelinePane} from '../../source/ui/components/timeline-pane.js';
import {NO_COLOUR_THEME} from '../../source/ui/theme.js';
import type {TimelinePaneView} from '../../source/ui/view-models.js';
import {detailLine, expectInside, FAILED_REQUEST, timelinePane, timelineRow} from './view-model-fixtures.js';

const theme = NO_COLOUR_THEME;

function frame(view: TimelinePaneView, width: number, height: number) {
	return expectInside(render(<TimelinePane view={view} width={width} height={height} theme={theme} />).lastFrame(), width, height);
}

function expandedFailure(overrides: Partial<TimelinePaneView> = {}): TimelinePaneView {
	const base = timelinePane();
	return {
		...base,
		rows: base.rows.map((row) => (row.requestId === 'r-failed' ? {...row, expanded: true} : row)),
		detail: {
			requestId: 'r-failed',
			lines: [
				detailLine({kind: 'integration', text: 'Sending request to Lambda'}),
				detailLine({time: '14:03:36.125', kind: 'error', text: 'Execution failed due to a timeout error', isError: true}),
				detailLine({time: '', kind: 'access', text: 'status=502 integrationLatency=29001'}),
			],
			total: 9,
			offset: 0,
		},
		...overrides,
	};
}

describe('TimelinePane', () => {
	it('80 columns: headings, short event names, statuses, pending mark, category glyph and explanation cut to fit', () => {
		expect(frame(timelinePane(), 80, 7)).toEqual([
			'[Timeline] L0SM9cOFvHcCIhw= · open · 3m12s                              1-4 of 4',
			'   TIME         EVENT ROUTE       STATUS  LATENCY  WHY',
			'   14:03:07.123 CONN  $connect       200     12ms',
			'›  14:03:07.123 MSG   sendmessage    200     35ms',
			'   14:03:07.123 MSG   sendmessage    502 29,001ms  ⚡ the integration timed out…',
			'   14:03:07.123 MSG   sendmessage      …        -',
			'',
		]);
	});

	it('the selected row shows its explanation whole, continued under the event column', () => {
		const rows = timelinePane().rows.map((row) => ({...row, selected: row.requestId === 'r-failed'}));
		expect(frame(timelinePane({rows}), 80, 7).slice(4, 6)).toEqual([
			'›  14:03:07.123 MSG   sendmessage    502 29,001ms  ⚡ the integration timed out',
			'                after 29 s: the Lambda function did not answer in time',
		]);
	});

	it('160 columns: full event names and category names, nothing cut', () => {
		const lines = frame(timelinePane(), 160, 7);
		expect(lines[1]).toBe('   TIME         EVENT   ROUTE       STATUS  LATENCY  WHY');
		expect(lines[4]).toBe(
			'   14:03:07.123 MESSAGE sendmessage    502 29,001ms  ⚡ integration  the integration timed out after 29 s: the Lambda function did not answer in time',
		);
	});

	it('draws the expanded request\'s lines right under it, after a heading, the error line marked ▶', () => {
		const lines = frame(expandedFailure(), 100, 11);
		expect(lines[0]).toMatch(/ 1-4 of 4$/);
		expect(lines[4]?.startsWith(' ▾ 14:03:07.123 MESSAGE sendmessage    502')).toBe(true);
		expect(lines.slice(5, 9)).toEqual([
			'      request r-failed · lines 1-3 of 9',
			'      14:03:07.125 integration Sending request to Lambda',
			'    ▶ 14:03:36.125 error       Execution failed due to a timeout error',
			'                   access      status=502 integrationLatency=29001',
		]);
		expect(lines[9]?.startsWith('   14:03:07.123 MESSAGE sendmessage      …')).toBe(true);
		expect(lines.filter((line) => line.includes('▶'))).toHaveLength(1);
	});

	it('the detail of a request scrolled out of the shown rows goes under the list', () => {
		const view = expandedFailure();
		const rows = view.rows.map((row) => ({...row, expanded: false}));
		const lines = frame({...view, rows}, 100, 11);
		expect(lines.slice(0, 6).join('\n')).not.toContain('request r-failed');
		expect(lines[6]).toBe('      request r-failed · lines 1-3 of 9');
		expect(lines[8]).toContain('▶ 14:03:36.125 error');
	});

	it('wrap on: long rows continue between words, indented under the event column; wrap off: one line each', () => {
		const wrapped = frame(timelinePane({wrap: true}), 80, 9);
		expect(wrapped.slice(4, 6)).toEqual([
			'   14:03:07.123 MSG   sendmessage    502 29,001ms  ⚡ the integration timed out',
			'                after 29 s: the Lambda function did not answer in time',
		]);
		const cut = frame(timelinePane({wrap: false}), 80, 9);
		expect(cut.filter((line) => line.trim() !== '')).toHaveLength(6);
	});

	it('wrap on and more lines than rows: stays inside its height and keeps the selected request in view', () => {
		const long = 'x'.repeat(300);
		const rows = Array.from({length: 8}, (_, index) =>
			timelineRow({...FAILED_REQUEST, requestId: `r${index}`, explanation: `#${index} ${long}`, selected: index === 6}),
		);
		const lines = frame(timelinePane({rows, total: 8, wrap: true}), 80, 10);
		expect(lines).toHaveLength(10);
		expect(lines.some((line) => line.startsWith('›') && line.includes('#6'))).toBe(true);
	});

	it('an expanded request too long for the pane starts at its own row', () => {
		const view = expandedFailure();
		const rows = view.rows.map((row) => ({...row, selected: row.requestId === 'r-failed'}));
		const detail = view.detail && {
			...view.detail,
			lines: Array.from({length: 20}, (_, index) => detailLine({text: `line ${index}`})),
			total: 40,
		};
		const lines = frame({...view, rows, detail}, 80, 7);
		expect(lines[2]?.startsWith('›▾ 14:03:07.123 MSG')).toBe(true);
		expect(lines[3]).toBe('                after 29 s: the Lambda function did not answer in time');
		expect(lines[4]).toBe('      request r-failed · lines 1-20 of 40');
		expect(lines[5]).toContain('line 0');
	});

	it('says what is missing when there is nothing to show', () => {
		const none = frame(timelinePane({connectionId: undefined, title: 'no connection selected', rows: [], total: 0}), 80, 3);
		expect(none).toEqual(['[Timeline] no connection selected'.padEnd(74) + '0 of 0', '   TIME EVENT ROUTE  STATUS LATENCY  WHY', '']);
		expect(frame(timelinePane({rows: [], total: 0}), 80, 3)[2]).toBe('   no requests yet');
	});

	it('never exceeds its box, whatever the width', () => {
		for (const width of [60, 71, 80, 119, 160]) {
			for (const wrap of [false, true]) frame(expandedFailure({wrap}), width, 7);
		}
	});
});
