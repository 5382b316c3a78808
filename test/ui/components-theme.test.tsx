import {describe, expect, it} from 'vitest';
import {ERROR_CATEGORIES} from '../../source/core/types.js';
import {ConnectionsPane} from '../../source/ui/components/connections-pane.js';
import {Header} from '../../source/ui/components/header.js';
import {HelpOverlay} from '../../source/ui/components/help-overlay.js';
import {RequestsView} from '../../source/ui/components/requests-view.js';
import {StatsView} from '../../source/ui/components/stats-view.js';
import {StatusBar} from '../../source/ui/components/status-bar.js';
import {TimelinePane} from '../../source/ui/components/timeline-pane.js';
import {TooSmall} from '../../source/ui/components/too-small.js';
import {COLOUR_THEME, NO_COLOUR_THEME, type TextStyle, type Theme, themeFor} from '../../source/ui/theme.js';
import {
	connectionsPane,
	detailLine,
	drawnTexts,
	errorCounts,
	headerView,
	helpView,
	requestsView,
	statsView,
	statusBar,
	timelinePane,
} from './view-model-fixtures.js';

function styles(theme: Theme): Array<[string, TextStyle]> {
	const {colour: _colour, category, state, ...roles} = theme;
	return [
		...Object.entries(category).map(([name, style]) => [`category.${name}`, style] as [string, TextStyle]),
		...Object.entries(state).map(([name, style]) => [`state.${name}`, style] as [string, TextStyle]),
		...Object.entries(roles),
	];
}

const stands_out = (style: TextStyle) => Boolean(style.bold || style.inverse || style.underline);

describe('themeFor', () => {
	it.each([
		[{NO_COLOR: '1'}, NO_COLOUR_THEME],
		[{NO_COLOR: 'yes', FORCE_COLOR: '3'}, NO_COLOUR_THEME],
		[{NO_COLOR: ''}, COLOUR_THEME],
		[{}, COLOUR_THEME],
	])('%j', (env, expected) => {
		expect(themeFor(env)).toBe(expected);
	});
});

describe('the no-colour theme', () => {
	it('sets no colour at all', () => {
		for (const [role, style] of styles(NO_COLOUR_THEME)) {
			expect(style.color, role).toBeUndefined();
			expect(style.backgroundColor, role).toBeUndefined();
		}
	});

	it('still makes errors, warnings, the selection and rejected connections stand out', () => {
		const loud = [
			...ERROR_CATEGORIES.map((category) => NO_COLOUR_THEME.category[category]),
			NO_COLOUR_THEME.error,
			NO_COLOUR_THEME.warning,
			NO_COLOUR_THEME.selected,
			NO_COLOUR_THEME.selectedUnfocused,
			NO_COLOUR_THEME.state.rejected,
			NO_COLOUR_THEME.toggle,
		];
		for (const style of loud) expect(stands_out(style), JSON.stringify(style)).toBe(true);
		expect(NO_COLOUR_THEME.selected.inverse).toBe(true);
	});
});

describe('the colour theme', () => {
	it('gives every error category its own colour', () => {
		const colours = ERROR_CATEGORIES.map((category) => COLOUR_THEME.category[category].color);
		expect(new Set(colours).size).toBe(ERROR_CATEGORIES.length);
	});

	it('has the same roles as the no-colour theme', () => {
		expect(styles(COLOUR_THEME).map(([role]) => role)).toEqual(styles(NO_COLOUR_THEME).map(([role]) => role));
	});
});

const everyComponent = (theme: Theme, focused: boolean) => [
	<Header key="header" view={headerView({sampled: true, throttled: true, evicted: 1, unparsed: 1, errorCounts: errorCounts({waf: 1, client: 2})})} width={100} height={2} theme={theme} />,
	<ConnectionsPane
		key="connections"
		view={{...connectionsPane(4, {focused}), rows: connectionsPane(4).rows.map((row, index) => ({...row, pinned: index === 1, matched: index === 2, state: index === 3 ? 'rejected' : row.state, errorCategories: ['gateway'], errorCounts: errorCounts({gateway: 1})}))}}
		width={100}
		height={6}
		theme={theme}
	/>,
	<TimelinePane
		key="timeline"
		view={timelinePane({
			focused,
			rows: timelinePane().rows.map((row) => ({...row, expanded: row.requestId === 'r-failed', matched: true})),
			detail: {requestId: 'r-failed', lines: [detailLine(), detailLine({isError: true})], total: 2, offset: 0},
		})}
		width={100}
		height={10}
		theme={theme}
	/>,
	<RequestsView key="requests" view={requestsView()} width={100} height={5} theme={theme} />,
	<StatsView key="stats" view={statsView()} width={100} height={5} theme={theme} />,
	<StatusBar key="status" view={statusBar({search: '/x 1/2', message: 'exported'})} width={100} height={1} theme={theme} />,
	<HelpOverlay key="help" view={helpView()} width={100} height={10} theme={theme} />,
	<TooSmall key="small" terminal={{width: 50, height: 10}} width={50} height={9} theme={theme} />,
];

describe('what the components hand to Ink', () => {
	it('NO_COLOR: not one colour anywhere, in any component', () => {
		const texts = everyComponent(NO_COLOUR_THEME, true).flatMap((element) => drawnTexts(element));
		expect(texts.length).toBeGreaterThan(50);
		for (const {props, text} of texts) {
			expect(props['color'], text).toBeUndefined();
			expect(props['backgroundColor'], text).toBeUndefined();
		}
	});

	it('NO_COLOR: warnings and error badges are bold, the selected row of the focused pane inverse', () => {
		const texts = everyComponent(NO_COLOUR_THEME, true).flatMap((element) => drawnTexts(element));
		const styleOf = (predicate: (text: string) => boolean) => texts.filter(({text}) => predicate(text)).map(({props}) => props);
		expect(styleOf((text) => text === '⚠ SAMPLED')).toEqual([{bold: true}]);
		expect(styleOf((text) => text === '⛨ 1')).toEqual([{bold: true}]);
		const selectedRows = styleOf((text) => text.startsWith('›'));
		expect(selectedRows.length).toBeGreaterThanOrEqual(3);
		for (const props of selectedRows) expect(props).toMatchObject({inverse: true});
	});

	it('the selected row of a pane without focus is underlined, not inverse', () => {
		const [, connections, timeline] = everyComponent(NO_COLOUR_THEME, false);
		for (const element of [connections, timeline]) {
			const selected = drawnTexts(element).filter(({text}) => text.startsWith('›'));
			expect(selected).toHaveLength(1);
			expect(selected[0]?.props).toMatchObject({underline: true});
			expect(selected[0]?.props['inverse']).toBeUndefined();
		}
	});

	it('colour: badges, statuses and the error line get their colours', () => {
		const texts = everyComponent(COLOUR_THEME, true).flatMap((element) => drawnTexts(element));
		// Columns are padded to their heading's width: compare the text itself.
		const colourOf = (text: string) => texts.find((drawn) => drawn.text.trim() === text)?.props['color'];
		expect(colourOf('✖ 1')).toBeUndefined(); // width 100: names, not glyphs alone
		expect(colourOf('✖ gateway 1')).toBe('redBright');
		expect(colourOf('502')).toBe('red');
		expect(colourOf('200')).toBe('green');
		expect(colourOf('▶')).toBe('red');
		expect(colourOf('⚠ THROTTLED')).toBe('yellow');
	});
});
