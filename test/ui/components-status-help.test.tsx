import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {HelpOverlay} from '../../source/ui/components/help-overlay.js';
import {helpLines} from '../../source/ui/state/help-page.js';
import {StatusBar} from '../../source/ui/components/status-bar.js';
import {hintsFor} from '../../source/ui/keys.js';
import {TooSmall} from '../../source/ui/components/too-small.js';
import {NO_COLOUR_THEME} from '../../source/ui/theme.js';
import type {HelpView, StatusBarView} from '../../source/ui/view-models.js';
import {expectInside, helpView, statusBar} from './view-model-fixtures.js';

const theme = NO_COLOUR_THEME;

function bar(view: StatusBarView, width: number) {
	const lines = expectInside(render(<StatusBar view={view} width={width} height={1} theme={theme} />).lastFrame(), width, 1);
	expect(lines).toHaveLength(1);
	return lines[0] ?? '';
}

function help(view: HelpView, width: number, height: number) {
	return expectInside(render(<HelpOverlay view={view} width={width} height={height} theme={theme} />).lastFrame(), width, height);
}

describe('StatusBar', () => {
	it('80 columns: the hints that fit by rank, help and quit always, toggles flush right', () => {
		expect(bar(statusBar(), 80)).toBe('j/k move  ⏎ open  tab pane  / search  ? help  q quit'.padEnd(80 - 14) + '[follow] [UTC]');
	});

	it('the search and the message before the other hints, cut if need be; help, quit and toggles stay', () => {
		const line = bar(statusBar({search: '/sendmessage 2/7', message: 'no match', toggles: ['paused · 12 new', 'errors only', 'wrap']}), 80);
		expect(line).toBe('/sendmessage 2/7  no mat…  ? help  q quit [paused · 12 new] [errors only] [wrap]');
	});

	it('help and quit stay even when the toggles would fill the row; the last toggles give way', () => {
		const line = bar(statusBar({toggles: ['follow', 'category: waf', 'route: $connect', 'wrap', 'UTC']}), 60);
		expect(line).toBe('? help  q quit    [follow] [category: waf] [route: $connect]');
	});

	it.each([80, 120, 160])('the real key table at %i columns: the least important hints give way first, never help and quit', (width) => {
		const hints = hintsFor('connections');
		const line = bar(statusBar({hints, toggles: ['follow']}), width);
		expect(line).toMatch(/\? help {2}q quit +\[follow\]$/);
		const shown = hints.filter(({key, action}) => line.includes(`${key} ${action}`));
		const dropped = hints.filter((hint) => !shown.includes(hint));
		if (dropped.length > 0) expect(Math.min(...dropped.map((hint) => hint.rank))).toBeGreaterThanOrEqual(Math.max(...shown.map((hint) => hint.rank)));
		if (width === 160) expect(dropped).toEqual([]);
	});

	it('draws nothing at height 0', () => {
		expect(render(<StatusBar view={statusBar()} width={80} height={0} theme={theme} />).lastFrame()).toBe('');
	});
});

describe('HelpOverlay', () => {
	it('draws the lines it is given under a title that says which keys are on screen', () => {
		expect(help(helpView(), 60, 7)).toEqual([
			'[Help] keys'.padEnd(60 - 8) + '3-5 of 9',
			'  k3       action three',
			'           more of three',
			'  k4       action four',
			'',
			'Section 2',
			'  long/k5  action five',
		]);
	});

	it('explains the error glyphs the header shows alone at 80 columns, after the keys', () => {
		const lines = helpLines(76);
		const legend = lines.findIndex((line) => line.kind === 'title' && line.text === 'Error categories');
		expect(legend).toBeGreaterThan(lines.findIndex((line) => line.keyNumber !== undefined));
		const shown = help(helpView({lines: lines.slice(legend)}), 80, 8).join('\n');
		for (const [glyph, category] of [['⊘', 'authorizer'], ['⛨', 'waf'], ['⚡', 'integration'], ['⏳', 'throttle'], ['✋', 'client'], ['✖', 'gateway']]) {
			expect(shown).toMatch(new RegExp(`${glyph} +${category}: `));
		}
	});

	it('stays inside its box when given more lines than rows', () => {
		expect(help(helpView(), 60, 3)).toHaveLength(3);
	});
});

describe('TooSmall', () => {
	it('says the size and the minimum', () => {
		const lines = expectInside(render(<TooSmall terminal={{width: 59, height: 20}} width={59} height={19} theme={theme} />).lastFrame(), 59, 19);
		expect(lines[0]).toBe('terminal too small: 59×20, need at least 60×12');
	});

	it('wraps by words in a tiny terminal and stays inside it', () => {
		const lines = expectInside(render(<TooSmall terminal={{width: 20, height: 4}} width={20} height={3} theme={theme} />).lastFrame(), 20, 3);
		expect(lines).toEqual(['terminal too small:', '20×4, need at least', '60×12']);
	});

	it('cuts what does not fit in the height', () => {
		const lines = expectInside(render(<TooSmall terminal={{width: 10, height: 3}} width={10} height={2} theme={theme} />).lastFrame(), 10, 2);
		expect(lines).toEqual(['terminal', 'too small:']);
	});
});
