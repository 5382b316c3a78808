import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {ConnectionsPane} from '../../source/ui/components/connections-pane.js';
import {NO_COLOUR_THEME} from '../../source/ui/theme.js';
import type {ConnectionRow, ConnectionsPaneView} from '../../source/ui/view-models.js';
import {connectionRow, connectionsPane, expectInside} from './view-model-fixtures.js';

const theme = NO_COLOUR_THEME;

function pane(overrides: Partial<ConnectionsPaneView> = {}): ConnectionsPaneView {
	const rows: ConnectionRow[] = [
		connectionRow({connectionId: 'L0SM9cOFvHcCIhw=', selected: true}),
		connectionRow({connectionId: 'K9xQ1bNEuGbBHgv=', state: 'closed', ageText: '41s', messageCount: 1204, lastRoute: '$disconnect'}),
		connectionRow({
			connectionId: 'J8wP0aMDtFaAGfu=',
			state: 'rejected',
			ageText: '0s',
			messageCount: 0,
			lastRoute: '$connect',
			errorCategories: ['authorizer', 'integration'],
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
	it('80 columns (stacked at 80×24): full ids, state glyphs, category initials', () => {
		expect(frame(pane(), 80, 8)).toEqual([
			'[Connections] by activity                                               1-3 of 3',
			'›  L0SM9cOFvHcCIhw= ● 3m12s    12 sendmessage',
			'   K9xQ1bNEuGbBHgv= ○   41s 1,204 $disconnect',
			' ⚑•J8wP0aMDtFaAGfu= ✗    0s     0 $connect    ⊘a ⚡i',
			'',
			'',
			'',
			'',
		]);
	});

	it('160 columns: state words and category names', () => {
		const lines = frame(pane(), 160, 4);
		expect(lines[1]).toBe('›  L0SM9cOFvHcCIhw= ● open     3m12s    12 sendmessage');
		expect(lines[3]).toBe(' ⚑•J8wP0aMDtFaAGfu= ✗ rejected    0s     0 $connect    ⊘ authorizer ⚡ integration');
	});

	it('48 columns (side by side at 120): short ids', () => {
		const lines = frame(pane(), 48, 4);
		expect(lines[0]).toBe('[Connections] by activity               1-3 of 3');
		expect(lines[1]).toBe('›  L0SM9cOF ● 3m12s    12 sendmessage');
		expect(lines[3]).toBe(' ⚑•J8wP0aMD ✗    0s     0 $connect    ⊘a ⚡i');
	});

	it('marks only the selected row, also when the pane has no focus', () => {
		for (const focused of [true, false]) {
			const lines = frame(pane({focused}), 80, 4);
			expect(lines.filter((line) => line.startsWith('›'))).toEqual([lines[1]]);
			expect(lines[0]?.startsWith(focused ? '[Connections]' : ' Connections ')).toBe(true);
		}
	});

	it('never draws more rows than it has room for, and says where the window is', () => {
		const lines = frame(connectionsPane(30), 80, 8);
		expect(lines).toHaveLength(8);
		expect(lines[0]).toMatch(/12-18 of 1,204$/);
		expect(lines.slice(1).every((line) => /^[› ] {2}C0\d\donnId/.test(line))).toBe(true);
	});

	it('cuts long routes and hostile ids to the pane width', () => {
		const view = pane({
			rows: [
				connectionRow({connectionId: '日本語の接続識別子がとても長い場合', lastRoute: 'a-route-with-a-very-long-name-indeed-that-goes-on', errorCategories: ['waf', 'throttle', 'client', 'gateway']}),
			],
		});
		for (const width of [48, 64, 80, 120]) {
			const [, row] = frame(view, width, 2);
			expect(row).toContain('…');
		}
	});

	it('says so when there is nothing to show', () => {
		expect(frame(pane({rows: [], total: 0}), 80, 3)).toEqual(['[Connections] by activity                                                 0 of 0', '   no connections to show', '']);
	});

	it('draws only its title at height 1 and nothing at height 0', () => {
		expect(frame(pane(), 80, 1)).toHaveLength(1);
		expect(render(<ConnectionsPane view={pane()} width={80} height={0} theme={theme} />).lastFrame()).toBe('');
	});
});
