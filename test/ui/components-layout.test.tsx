import {Box} from 'ink';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {ConnectionsPane} from '../../source/ui/components/connections-pane.js';
import {Header} from '../../source/ui/components/header.js';
import {type PaneLayout, paneSizes} from '../../source/ui/layout.js';
import {StatusBar} from '../../source/ui/components/status-bar.js';
import {TimelinePane} from '../../source/ui/components/timeline-pane.js';
import {detailTextWidth, layoutFor} from '../../source/ui/state/page-sizes.js';
import {NO_COLOUR_THEME} from '../../source/ui/theme.js';
import {connectionsPane, expectInside, headerView, statusBar, timelinePane} from './view-model-fixtures.js';

describe('paneSizes', () => {
	it.each([
		// columns, rows, kind, frame height, body height, connections w×h, timeline w×h
		[80, 24, 'stacked', 24, 21, [80, 8], [80, 13]],
		[100, 30, 'stacked', 30, 27, [100, 10], [100, 17]],
		[119, 40, 'stacked', 40, 37, [119, 14], [119, 23]],
		[120, 40, 'side-by-side', 40, 37, [54, 37], [65, 37]],
		// Side by side the connections pane grows with the terminal (40%, 54 to 80 columns: full ids from 120).
		[160, 48, 'side-by-side', 48, 45, [64, 45], [95, 45]],
		[200, 60, 'side-by-side', 60, 57, [80, 57], [119, 57]],
		[240, 60, 'side-by-side', 60, 57, [80, 57], [159, 57]],
		[60, 12, 'stacked', 12, 9, [60, 4], [60, 5]],
	] as const)('%i×%i: %s, frame %i rows, body %i rows', (columns, rows, kind, frameHeight, bodyHeight, connections, timeline) => {
		const layout = paneSizes(columns, rows);
		expect(layout.kind).toBe(kind);
		const panes = layout as PaneLayout;
		expect(panes.frame).toEqual({width: columns, height: frameHeight});
		expect(panes.header).toEqual({width: columns, height: 2});
		expect(panes.statusBar).toEqual({width: columns, height: 1});
		expect(panes.body).toEqual({width: columns, height: bodyHeight});
		// Lists lose a title row and a column-heading row; the stats table also a rule and a total row.
		expect(panes.connections).toEqual({width: connections[0], height: connections[1], rows: connections[1] - 2});
		expect(panes.timeline).toEqual({width: timeline[0], height: timeline[1], rows: timeline[1] - 2});
		expect(panes.requests).toEqual({width: columns, height: bodyHeight, rows: bodyHeight - 2});
		expect(panes.stats).toEqual({width: columns, height: bodyHeight, rows: bodyHeight - 4});
	});

	it('pane widths and heights add up to the frame', () => {
		for (const [columns, rows] of [
			[60, 12],
			[80, 24],
			[119, 33],
			[120, 40],
			[121, 41],
			[333, 99],
		] as const) {
			const layout = paneSizes(columns, rows) as PaneLayout;
			const stacked = layout.kind === 'stacked';
			const bodyHeight = stacked ? layout.connections.height + layout.timeline.height : layout.connections.height;
			expect(layout.header.height + bodyHeight + layout.statusBar.height).toBe(rows);
			const bodyWidth = stacked ? layout.connections.width : layout.connections.width + layout.gap + layout.timeline.width;
			expect(bodyWidth).toBe(columns);
		}
	});

	// The reducer pages by ui/state/page-sizes.ts; the panes must show exactly the rows it pages by.
	it('gives every list the rows the reducer pages by', () => {
		for (let columns = 60; columns <= 240; columns += 7) {
			for (let rows = 12; rows <= 80; rows += 3) {
				const panes = paneSizes(columns, rows) as PaneLayout;
				const state = layoutFor(columns, rows);
				expect(state.tooSmall).toBe(false);
				expect(state.frameRows).toBe(panes.frame.height);
				expect(state.sideBySide).toBe(panes.kind === 'side-by-side');
				for (const list of ['connections', 'timeline', 'requests', 'stats'] as const) {
					expect(state[list].rows, `${list} at ${columns}×${rows}`).toBe(panes[list].rows);
				}
			}
		}
	});

	it('the timeline leaves detail text at least the width the selector wraps it to', () => {
		for (const columns of [60, 80, 119, 120, 160, 240]) {
			const {timeline} = paneSizes(columns, 40) as PaneLayout;
			// Detail lines spend at most 31 cells before their text: 4-cell gutter, ▶ and a blank, 12-cell time,
			// a blank, 11-cell kind, a blank.
			expect(timeline.width - 31).toBeGreaterThanOrEqual(detailTextWidth(layoutFor(columns, 40).timeline.width));
		}
	});

	it.each([
		[59, 24],
		[80, 11],
		[0, 0],
		[Number.NaN, 30],
		[-5, -5],
	])('%i×%i is too small', (columns, rows) => {
		const layout = paneSizes(columns, rows);
		expect(layout.kind).toBe('too-small');
		expect(layout.frame.height).toBe(layout.terminal.height);
	});
});

// The lead composes the real screen; this checks that the sizes, used as given, fill the frame exactly.
describe('components laid out by paneSizes', () => {
	it.each([
		[80, 24],
		[160, 48],
	])('%i×%i: the composed frame fills the terminal exactly and is never wider', (columns, rows) => {
		const layout = paneSizes(columns, rows) as PaneLayout;
		const theme = NO_COLOUR_THEME;
		const {lastFrame} = render(
			<Box flexDirection="column" width={layout.frame.width} height={layout.frame.height}>
				<Header view={headerView()} {...layout.header} theme={theme} />
				<Box flexDirection={layout.kind === 'stacked' ? 'column' : 'row'} columnGap={layout.gap}>
					<ConnectionsPane view={connectionsPane(40)} width={layout.connections.width} height={layout.connections.height} theme={theme} />
					<TimelinePane view={timelinePane({wrap: true, focused: false})} width={layout.timeline.width} height={layout.timeline.height} theme={theme} />
				</Box>
				<StatusBar view={statusBar()} {...layout.statusBar} theme={theme} />
			</Box>,
		);
		const lines = expectInside(lastFrame(), columns, rows);
		expect(lines).toHaveLength(rows);
		expect(lines.at(-1)).toContain('[follow] [UTC]');
		expect(lines.filter((line) => line.includes('[Connections]'))).toHaveLength(1);
		expect(lines.filter((line) => line.includes(' Timeline '))).toHaveLength(1);
	});
});
