import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {RequestsView} from '../../source/ui/components/requests-view.js';
import {StatsView} from '../../source/ui/components/stats-view.js';
import {NO_COLOUR_THEME} from '../../source/ui/theme.js';
import type {RequestsView as RequestsViewModel, StatsView as StatsViewModel} from '../../source/ui/view-models.js';
import {errorCounts, expectInside, requestRow, requestsView, routeStats, statsView} from './view-model-fixtures.js';

const theme = NO_COLOUR_THEME;

function requests(view: RequestsViewModel, width: number, height: number) {
	return expectInside(render(<RequestsView view={view} width={width} height={height} theme={theme} />).lastFrame(), width, height);
}

function stats(view: StatsViewModel, width: number, height: number) {
	return expectInside(render(<StatsView view={view} width={width} height={height} theme={theme} />).lastFrame(), width, height);
}

describe('RequestsView', () => {
	it('80 columns: a short connection id column', () => {
		expect(requests(requestsView(), 80, 5)).toEqual([
			'[All requests]                                                          1-3 of 3',
			'   14:03:07.123 AAAAAAAA CONN $connect    200     35ms',
			'›  14:03:07.123 BBBBBBBB MSG  sendmessage 200     35ms',
			'   14:03:07.123 CCCCCCCC MSG  sendmessage 502 29,001ms  ⚡i  the integration ti…',
			'',
		]);
	});

	it('160 columns: full connection ids', () => {
		const lines = requests(requestsView(), 160, 5);
		expect(lines[2]).toBe('›  14:03:07.123 BBBBBBBBconn2= MESSAGE sendmessage 200     35ms');
	});

	it('shows only the rows it has room for; with wrap on, keeps the selected row in view', () => {
		const rows = Array.from({length: 12}, (_, index) =>
			requestRow({requestId: `q${index}`, explanation: `#${index} ${'y'.repeat(200)}`, errorCategories: ['client'], selected: index === 9}),
		);
		expect(requests({rows, total: 500, offset: 100, wrap: false}, 80, 8).slice(1).every((line) => line.includes('#'))).toBe(true);
		const wrapped = requests({rows, total: 500, offset: 100, wrap: true}, 80, 8);
		expect(wrapped).toHaveLength(8);
		expect(wrapped.some((line) => line.startsWith('›') && line.includes('#9'))).toBe(true);
	});

	it('says so when empty', () => {
		expect(requests({rows: [], total: 0, offset: 0, wrap: false}, 80, 3)[1]).toBe('   no requests yet');
	});
});

describe('StatsView', () => {
	it('80 columns: requests and percentiles, sparkline, errors by glyph', () => {
		expect(stats(statsView(), 80, 5)).toEqual([
			' ROUTE        REQS  P50   P95     P99 LATENCY  ERRORS                   1-3 of 3',
			' $connect      240 12ms  40ms    90ms █▆▃▂▁▁▂▁ ⊘ 3',
			' sendmessage 1,520 35ms 180ms 1,210ms █▆▃▂▁▁▂▁ ⚡ 4  ⏳ 12',
			' $disconnect   230    -     -       -          -',
			'',
		]);
	});

	it('160 columns: connects and messages, categories by name', () => {
		const lines = stats(statsView(), 160, 6);
		expect(lines[0]).toMatch(/^ ROUTE        REQS CONN  MSGS  P50   P95     P99 LATENCY  ERRORS +1-3 of 3$/);
		expect(lines[2]).toBe(' sendmessage 1,520    0 1,520 35ms 180ms 1,210ms █▆▃▂▁▁▂▁ ⚡ integration 4  ⏳ throttle 12');
	});

	it('keeps to its height and cuts long routes', () => {
		const rows = Array.from({length: 30}, (_, index) =>
			routeStats({route: `route-${index}-${'z'.repeat(40)}`, errors: errorCounts({waf: index})}),
		);
		const lines = stats({rows, total: 30, offset: 0}, 80, 10);
		expect(lines).toHaveLength(10);
		expect(lines[0]).toMatch(/1-9 of 30$/);
		expect(lines[1]).toMatch(/^ route-0-z+… /);
	});

	it('says so when empty', () => {
		expect(stats({rows: [], total: 0, offset: 0}, 80, 4)[1]).toBe('   no requests yet');
	});
});
