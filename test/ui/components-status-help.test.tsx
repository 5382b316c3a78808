import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {HelpOverlay} from '../../source/ui/components/help-overlay.js';
import {selectHelp} from '../../source/ui/state/select-chrome.js';
import {StatusBar} from '../../source/ui/components/status-bar.js';
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
	it('80 columns: hints that fit, toggles flush right', () => {
		expect(bar(statusBar(), 80)).toBe('j/k move  ⏎ open  tab pane  / search  f follow  e errors only'.padEnd(80 - 14) + '[follow] [UTC]');
	});

	it('search and message come first; hints give way whole, toggles stay', () => {
		const line = bar(statusBar({search: '/sendmessage 2/7', message: 'no match', toggles: ['paused · 12 new', 'errors only', 'wrap']}), 80);
		expect(line).toBe('/sendmessage 2/7  no match  j/k move'.padEnd(80 - 38) + '[paused · 12 new] [errors only] [wrap]');
	});

	it('toggles stay visible even when no hint fits', () => {
		const line = bar(statusBar({toggles: ['follow', 'category: waf', 'route: $connect', 'wrap', 'UTC']}), 60);
		expect(line).toBe('[follow] [category: waf] [route: $connect] [wrap] [UTC]'.padStart(60));
		expect(line).not.toContain('move');
	});

	it('draws nothing at height 0', () => {
		expect(render(<StatusBar view={statusBar()} width={80} height={0} theme={theme} />).lastFrame()).toBe('');
	});
});

describe('HelpOverlay', () => {
	it('flows sections into columns so every key fits', () => {
		const lines = help(helpView(4, 5), 80, 12);
		const shown = lines.join('\n');
		for (let section = 0; section < 4; section++) {
			expect(shown).toContain(`Section ${section + 1}`);
			for (let key = 0; key < 5; key++) expect(shown).toContain(`k${section}${key}  action ${section}.${key}`);
		}

		expect(shown).not.toContain('more keys');
	});

	it('explains the error glyphs the header shows alone at 80 columns', () => {
		const shown = help(selectHelp(), 160, 47).join('\n');
		expect(shown).toContain('Error categories');
		for (const [glyph, category] of [
			['⊘', 'authorizer'],
			['⛨', 'waf'],
			['⚡', 'integration'],
			['⏳', 'throttle'],
			['✋', 'client'],
			['✖', 'gateway'],
		]) {
			expect(shown).toMatch(new RegExp(`${glyph} +${category}: `));
		}
	});

	it('a section title never ends a column away from its keys', () => {
		const lines = help(helpView(4, 5), 80, 12);
		const bottom = lines.at(-1) ?? '';
		expect(bottom).not.toMatch(/Section \d\s*$/);
	});

	it('says how many keys are left out when even the columns do not fit', () => {
		const lines = help(helpView(6, 8), 60, 8);
		expect(lines).toHaveLength(8);
		const shownKeys = lines.join('\n').match(/k\d\d /g) ?? [];
		const left = /… (\d+) more keys/.exec(lines.at(-1) ?? '');
		expect(left).not.toBeNull();
		expect(shownKeys.length + Number(left?.[1])).toBe(48);
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
