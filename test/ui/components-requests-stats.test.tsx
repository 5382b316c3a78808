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
	it('80 columns: headings, a short connection id column', () => {
		expect(requests(requestsView(), 80, 6)).toEqual([
			'[All requests]                                                          1-3 of 3',
			'   TIME         CONNECT… EVENT ROUTE       STATUS  LATENCY  WHY',
			'   14:03:07.123 AAAAAAAA CONN  $connect       200     35ms',
			'›  14:03:07.123 BBBBBBBB MSG   sendmessage    200     35ms',
			'   14:03:07.123 CCCCCCCC MSG   sendmessage    502 29,001ms  ⚡ the integration …',
			'',
		]);
	});

	it('160 columns: full connection ids, category names', () => {
		const lines = requests(requestsView(), 160, 6);
		expect(lines[1]).toBe('   TIME         CONNECTION     EVENT   ROUTE       STATUS  LATENCY  WHY');
		expect(lines[3]).toBe('›  14:03:07.123 BBBBBBBBconn2= MESSAGE sendmessage    200     35ms');
		expect(lines[4]).toMatch(/^ {3}14:03:07\.123 CCCCCCCCconn3= MESSAGE sendmessage {4}502 29,001ms  ⚡ integration  the integration timed out/);
	});

	it('shows only the rows it has room for; with wrap on, keeps the selected row in view', () => {
		const rows = Array.from({length: 12}, (_, index) =>
			requestRow({requestId: `q${index}`, explanation: `#${index} ${'y'.repeat(200)}`, errorCategories: ['client'], selected: index === 9}),
		);
		// Wrap off: one line per row, but the selected row's explanation continues whole below it.
		const cut = requests({rows, total: 500, offset: 100, wrap: false}, 80, 8).slice(2);
		const starts = cut.filter((line) => /^[› ]  14:03/.test(line));
		expect(starts.every((line) => line.includes('#'))).toBe(true);
		const selected = cut.findIndex((line) => line.startsWith('›'));
		expect(cut[selected]).toContain('#9');
		const continued = cut.slice(selected).join('').replaceAll(/[^y]/g, '');
		expect(continued).toHaveLength(200);
		const wrapped = requests({rows, total: 500, offset: 100, wrap: true}, 80, 8);
		expect(wrapped).toHaveLength(8);
		expect(wrapped.some((line) => line.startsWith('›') && line.includes('#9'))).toBe(true);
	});

	it('says so when empty', () => {
		expect(requests({rows: [], total: 0, offset: 0, wrap: false}, 80, 3)[2]).toBe('   no requests yet');
	});
});

describe('StatsView', () => {
	it('80 columns: a title, headings, requests and percentiles, distribution, errors by glyph, a total row', () => {
		expect(stats(statsView(), 80, 9)).toEqual([
			'[Route stats] latency (integration): distribution ▁ fast → slow █       1-3 of 3',
			' ROUTE        REQS  P50   P95  P99 DISTRIBUTION ERRORS',
			' $connect      240 12ms  40ms 90ms █▆▃▂▁▁▂▁     ⊘ 3',
			' sendmessage 1,520 35ms 180ms   1s █▆▃▂▁▁▂▁     ⚡ 4  ⏳ 12',
			' $disconnect   230    -     -    - -            -',
			'─'.repeat(54),
			' total       1,990    -     -    - -            ⊘ 3  ⚡ 4  ⏳ 12',
			'',
			'',
		]);
	});

	it('160 columns: connects and messages, categories by name', () => {
		const lines = stats(statsView(), 160, 8);
		expect(lines[0]).toMatch(/^\[Route stats\] latency \(integration\): distribution ▁ fast → slow █ +1-3 of 3$/);
		expect(lines[1]).toBe(' ROUTE        REQS CONN  MSGS  P50   P95  P99 DISTRIBUTION ERRORS');
		expect(lines[3]).toBe(' sendmessage 1,520    0 1,520 35ms 180ms   1s █▆▃▂▁▁▂▁     ⚡ integration 4  ⏳ throttle 12');
		expect(lines[6]).toBe(' total       1,990  240 1,520    -     -    - -            ⊘ authorizer 3  ⚡ integration 4  ⏳ throttle 12');
	});

	it('keeps to its height (title, headings, rule and total included) and cuts long routes', () => {
		const rows = Array.from({length: 30}, (_, index) =>
			routeStats({route: `route-${index}-${'z'.repeat(40)}`, errors: errorCounts({waf: index})}),
		);
		const lines = stats({...statsView(), rows, total: 30, offset: 0}, 80, 10);
		expect(lines).toHaveLength(10);
		expect(lines[0]).toMatch(/1-6 of 30$/);
		expect(lines[2]).toMatch(/^ route-0-z+… /);
		expect(lines[7]).toMatch(/^ route-5-z+… /);
		expect(lines[8]).toMatch(/^─+$/);
		expect(lines[9]).toMatch(/^ total /);
	});

	it('says so when empty, with no total row', () => {
		const lines = stats({...statsView(), rows: [], total: 0, offset: 0}, 80, 5);
		expect(lines[2]).toBe('   no requests yet');
		expect(lines.join('\n')).not.toContain('total');
	});
});
