import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {ConnectionsPane} from '../../source/ui/components/connections-pane.js';
import {NO_COLOUR_THEME} from '../../source/ui/theme.js';
import type {ConnectionRow, ConnectionsPaneView} from '../../source/ui/view-models.js';
import {connectionRow, connectionsPane, errorCounts, expectInside} from './view-model-fixtures.js';

const theme = NO_COLOUR_THEME;

function pane(overrides: Partial<ConnectionsPaneView> = {}): ConnectionsPaneView {
	const rows: ConnectionRow[] = [
		connectionRow({connectionId: 'L0SM9cOFvHcCIhw=', selected: true}),
		connectionRow({
			connectionId: 'K9xQ1bNEuGbBHgv=',
			state: 'closed',
			ageText: '41s',
			messageCount: 1204,
			lastRoute: '$disconnect',
			errorCategories: ['integration', 'client'],
			errorTotal: 5,
			errorCounts: errorCounts({integration: 3, client: 2}),
		}),
		connectionRow({
			connectionId: 'J8wP0aMDtFaAGfu=',
			state: 'rejected',
			ageText: '-',
			messageCount: 0,
			lastRoute: '$connect',
			errorCategories: ['authorizer'],
			errorTotal: 1,
			errorCounts: errorCounts({authorizer: 1}),
			rejection: {explanation: 'authorizer denied the $connect: 401', latencyText: '12ms'},
			pinned: true,
			matched: true,
		}),
	];
	return {rows, total: 3, offset: 0, sort: 'activity', filterNote: undefined, newActivity: undefined, focused: true, ...overrides};
}

function frame(view: ConnectionsPaneView, width: number, height: number) {
	return expectInside(render(<ConnectionsPane view={view} width={width} height={height} theme={theme} />).lastFrame(), width, height);
}

describe('ConnectionsPane', () => {
	it('80 columns (stacked at 80×24): headings, full ids, state words, error counts by glyph, why a connection was rejected', () => {
		expect(frame(pane(), 80, 8)).toEqual([
			'[Connections] by activity                                               1-3 of 3',
			'   CONNECTION       STATE        AGE  MSGS LAST ROUTE  ERRORS',
			'›  L0SM9cOFvHcCIhw= ● open     3m12s    12 sendmessage',
			'   K9xQ1bNEuGbBHgv= ○ closed     41s 1,204 $disconnect ⚡ 3 ✋ 2',
			' ⚑•J8wP0aMDtFaAGfu= ✗ rejected     -     0 $connect    ⊘ authorizer denied the …',
			'',
			'',
			'',
		]);
	});

	it('a title too long for the pane gives up the sort words before the filter and the position', () => {
		const view = pane({filterNote: 'with errors: 37 of 52', total: 37});
		expect(frame(view, 54, 5)[0]).toBe('[Connections] · with errors: 37 of 52        1-3 of 37');
		expect(frame(view, 80, 5)[0]).toBe('[Connections] by activity · with errors: 37 of 52                      1-3 of 37');
	});

	it('54 columns (side by side at 120): still full ids, state glyphs, two error counts before the route', () => {
		const lines = frame(pane(), 54, 5);
		expect(lines[1]).toBe('   CONNECTION           AGE  MSGS LAST ROU… ERRORS');
		expect(lines[2]).toBe('›  L0SM9cOFvHcCIhw= ● 3m12s    12 sendmess…');
		expect(lines[3]).toBe('   K9xQ1bNEuGbBHgv= ○   41s 1,204 $disconn… ⚡ 3 ✋ 2');
		expect(lines[4]).toBe(' ⚑•J8wP0aMDtFaAGfu= ✗     -     0 $connect  ⊘ authori…');
	});

	it('a wide pane spells out categories and shows the whole rejection reason', () => {
		const lines = frame(pane(), 110, 5);
		expect(lines[3]).toBe('   K9xQ1bNEuGbBHgv= ○ closed     41s 1,204 $disconnect ⚡ integration 3  ✋ client 2');
		expect(lines[4]).toBe(' ⚑•J8wP0aMDtFaAGfu= ✗ rejected     -     0 $connect    ⊘ authorizer denied the $connect: 401 (12ms)');
	});

	it('a wider pane is never less legible: the id never gets shorter as the width grows', () => {
		let shown = 0;
		for (let width = 40; width <= 120; width++) {
			const row = frame(pane(), width, 3)[2] ?? '';
			const id = /L0SM9cOF\S*/.exec(row)?.[0].length ?? 0;
			expect(id, `at ${width}`).toBeGreaterThanOrEqual(shown);
			shown = id;
		}
		expect(shown).toBe(16);
	});

	it('below full ids: 8-character ids', () => {
		const lines = frame(pane(), 48, 5);
		expect(lines[0]).toBe('[Connections] by activity               1-3 of 3');
		expect(lines[2]).toBe('›  L0SM9cOF ● 3m12s    12 sendmessage');
		expect(lines[4]).toMatch(/^ ⚑•J8wP0aMD ✗ {5}- {5}0 \$connect {4}⊘ authori…$/);
	});

	it('marks only the selected row, also when the pane has no focus', () => {
		for (const focused of [true, false]) {
			const lines = frame(pane({focused}), 80, 5);
			expect(lines.filter((line) => line.startsWith('›'))).toEqual([lines[2]]);
			expect(lines[0]?.startsWith(focused ? '[Connections]' : ' Connections ')).toBe(true);
		}
	});

	it('never draws more rows than it has room for (title and headings included), and says where the window is', () => {
		const lines = frame(connectionsPane(30), 80, 8);
		expect(lines).toHaveLength(8);
		expect(lines[0]).toMatch(/12-17 of 1,204$/);
		expect(lines[1]).toMatch(/^ {3}CONNECTION /);
		expect(lines.slice(2).every((line) => /^[› ] {2}C0\d\donnId/.test(line))).toBe(true);
	});

	it('cuts long routes, reasons and hostile ids to the pane width', () => {
		const view = pane({
			rows: [
				connectionRow({
					connectionId: '日本語の接続識別子がとても長い場合',
					lastRoute: 'a-route-with-a-very-long-name-indeed-that-goes-on',
					errorCategories: ['waf', 'throttle', 'client', 'gateway'],
					errorCounts: errorCounts({waf: 1, throttle: 1, client: 1, gateway: 1}),
				}),
			],
		});
		for (const width of [48, 54, 64, 80, 119]) {
			const [, , row] = frame(view, width, 3);
			expect(row).toContain('…');
		}
	});

	it('says so when there is nothing to show', () => {
		expect(frame(pane({rows: [], total: 0}), 80, 4)).toEqual([
			'[Connections] by activity                                                 0 of 0',
			'   CONNECTION       STATE      AGE MSGS LAST ROUTE ERRORS',
			'   no connections to show',
			'',
		]);
	});

	it('draws only its title at height 1 and nothing at height 0', () => {
		expect(frame(pane(), 80, 1)).toHaveLength(1);
		expect(render(<ConnectionsPane view={pane()} width={80} height={0} theme={theme} />).lastFrame()).toBe('');
	});
});
