// One row per connection, already sorted, filtered and windowed by the selector. The columns adapt
// to the pane's width: the full id, the state in words and error categories by name when there is
// room; the short id, the state glyph and category initials when there is not.

import {Box} from 'ink';
import type {ConnectionState} from '../../core/connection-tally.js';
import type {Theme} from '../theme.js';
import type {ConnectionRow, ConnectionSort, ConnectionsPaneView} from '../view-models.js';
import {cellWidth, column, fillSegments, type Segment, spread} from './cells.js';
import {
	categoryBadges,
	formatCount,
	MATCHED_MARK,
	paneTitle,
	PINNED_MARK,
	scrollText,
	SELECTED_MARK,
} from './format.js';
import {Line} from './line.js';
import {PANE_TITLE_ROWS} from '../layout.js';

export interface ConnectionsPaneProps {
	view: ConnectionsPaneView;
	width: number;
	height: number;
	theme: Theme;
}

const STATE_GLYPH: Readonly<Record<ConnectionState, string>> = {open: '●', closed: '○', rejected: '✗'};
const STATE_WORD_WIDTH = Math.max(...Object.keys(STATE_GLYPH).map((state) => state.length));
const MAX_ID_WIDTH = 24;
const MAX_ROUTE_WIDTH = 28;
const MIN_ROUTE_WIDTH = 6;

interface Columns {
	fullId: boolean;
	stateWord: boolean;
	categoryNames: boolean;
	id: number;
	age: number;
	messages: number;
	route: number;
	errorCount: boolean;
}

function columnsFor(rows: readonly ConnectionRow[], width: number, sort: ConnectionSort): Columns {
	const fullId = width >= 72;
	const stateWord = width >= 90;
	const categoryNames = width >= 100;
	const id = fullId ? Math.min(MAX_ID_WIDTH, Math.max(8, ...rows.map((row) => cellWidth(row.connectionId)))) : 8;
	const age = Math.max(5, ...rows.map((row) => cellWidth(row.ageText)));
	const messages = Math.max(3, ...rows.map((row) => formatCount(row.messageCount).length));
	const fixed = 3 + id + 1 + (stateWord ? 2 + STATE_WORD_WIDTH : 1) + 1 + age + 1 + messages + 1;
	const badges = categoryNames ? 26 : 8;
	const routes = Math.max(MIN_ROUTE_WIDTH, ...rows.map((row) => cellWidth(row.lastRoute)));
	const route = Math.max(MIN_ROUTE_WIDTH, Math.min(MAX_ROUTE_WIDTH, routes, width - fixed - badges));
	return {fullId, stateWord, categoryNames, id, age, messages, route, errorCount: sort === 'errors'};
}

function rowSegments(row: ConnectionRow, columns: Columns, theme: Theme): Segment[] {
	const state = STATE_GLYPH[row.state] + (columns.stateWord ? ` ${row.state.padEnd(STATE_WORD_WIDTH)}` : '');
	return [
		{text: row.selected ? SELECTED_MARK : ' '},
		row.pinned ? {text: PINNED_MARK, style: theme.pinned} : {text: ' '},
		row.matched ? {text: MATCHED_MARK, style: theme.matched} : {text: ' '},
		{text: column(columns.fullId ? row.connectionId : row.shortId, columns.id), style: row.matched ? theme.matched : undefined},
		{text: ' '},
		{text: state, style: theme.state[row.state]},
		{text: ' '},
		{text: column(row.ageText, columns.age, 'right')},
		{text: ' '},
		{text: column(formatCount(row.messageCount), columns.messages, 'right')},
		{text: ' '},
		{text: column(row.lastRoute, columns.route)},
		{text: ' '},
		// Sorted by errors, the count each row ranks by comes first.
		...(columns.errorCount ? [{text: `${formatCount(row.errorTotal)}✖ `, style: row.errorTotal > 0 ? theme.error : theme.muted}] : []),
		...categoryBadges(row.errorCategories, columns.categoryNames ? 'name' : 'initial', theme),
	];
}

export function ConnectionsPane({view, width, height, theme}: ConnectionsPaneProps) {
	const capacity = Math.max(0, height - PANE_TITLE_ROWS);
	const rows = view.rows.slice(0, capacity);
	const columns = columnsFor(rows, width, view.sort);
	const title = spread(
		[
			paneTitle('Connections', view.focused, theme),
			{text: ` by ${view.sort}`, style: theme.muted},
			...(view.newActivity === undefined ? [] : [{text: ` ↑ ${view.newActivity} new (g)`, style: theme.warning}]),
			...(view.filterNote === undefined ? [] : [{text: ` · ${view.filterNote}`}]),
		],
		[{text: scrollText(view.offset, rows.length, view.total), style: theme.muted}],
		width,
	);
	return (
		<Box flexDirection="column" width={width} height={height} overflowY="hidden">
			{height > 0 && <Line segments={title} />}
			{rows.length === 0 && capacity > 0 && (
				<Line segments={[{text: '   no connections to show', style: theme.muted}]} />
			)}
			{rows.map((row) => (
				<Line
					key={row.connectionId}
					segments={fillSegments(rowSegments(row, columns, theme), width)}
					style={row.selected ? (view.focused ? theme.selected : theme.selectedUnfocused) : undefined}
				/>
			))}
		</Box>
	);
}
