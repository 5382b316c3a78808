// One row per connection, already sorted, filtered and windowed by the selector, under a row of column
// headings. The columns are decided from the pane's own width (never from the layout kind, so a wider
// pane is never less legible): the full id first, then the state in words; the errors column takes
// the rest, with category names and counts where they fit and, for a rejected connection, why.

import {Box} from 'ink';
import type {ConnectionState} from '../../core/connection-tally.js';
import {CATEGORY_GLYPH} from '../../presentation/categories.js';
import type {Theme} from '../theme.js';
import type {ConnectionRow, ConnectionSort, ConnectionsPaneView} from '../view-models.js';
import {cellWidth, column, fillSegments, type Segment, spreadFirstFitting} from './cells.js';
import {categoryCounts, formatCount, MATCHED_MARK, paneTitle, PINNED_MARK, scrollText, SELECTED_MARK} from './format.js';
import {Line} from './line.js';
import {PANE_CHROME_ROWS, PANE_TITLE_ROWS} from '../layout.js';

export interface ConnectionsPaneProps {
	view: ConnectionsPaneView;
	width: number;
	height: number;
	theme: Theme;
}

const STATE_GLYPH: Readonly<Record<ConnectionState, string>> = {open: '●', closed: '○', rejected: '✗'};
const STATE_WORD_WIDTH = 2 + Math.max(...Object.keys(STATE_GLYPH).map((state) => state.length));
const GUTTER = 3;
const SHORT_ID = 8;
const FULL_ID = 16;
const MAX_ID = 24;
const MAX_ROUTE = 28;
const MIN_ROUTE = 8;
/** Room the errors column keeps before the id grows: `⚡ 2 ✋ 1` (the glyphs are two cells wide). */
const MIN_ERRORS = 10;
/** Room it keeps before the state is spelled out: `⚡ integration 2`. */
const NAMED_ERRORS = 16;

interface Columns {
	fullId: boolean;
	stateWord: boolean;
	id: number;
	state: number;
	age: number;
	messages: number;
	route: number;
	errors: number;
	/** Sorted by errors: the count each row ranks by comes first. */
	errorCount: boolean;
}

function columnsFor(rows: readonly ConnectionRow[], width: number, sort: ConnectionSort): Columns {
	const age = Math.max('AGE'.length, ...rows.map((row) => cellWidth(row.ageText)));
	const messages = Math.max('MSGS'.length, ...rows.map((row) => formatCount(row.messageCount).length));
	const routes = Math.min(MAX_ROUTE, Math.max(MIN_ROUTE, 'LAST ROUTE'.length, ...rows.map((row) => cellWidth(row.lastRoute))));
	const fixed = (id: number, state: number) => GUTTER + id + 1 + state + 1 + age + 1 + messages + 1;
	const longestId = Math.min(MAX_ID, Math.max(FULL_ID, ...rows.map((row) => cellWidth(row.connectionId))));
	const fullId = fixed(longestId, 1) + MIN_ROUTE + 1 + MIN_ERRORS <= width;
	const id = fullId ? longestId : SHORT_ID;
	const stateWord = fixed(id, STATE_WORD_WIDTH) + routes + 1 + NAMED_ERRORS <= width;
	const state = stateWord ? STATE_WORD_WIDTH : 1;
	const route = Math.max(MIN_ROUTE, Math.min(routes, width - fixed(id, state) - 1 - MIN_ERRORS));
	return {fullId, stateWord, id, state, age, messages, route, errors: Math.max(0, width - fixed(id, state) - route - 1), errorCount: sort === 'errors'};
}

function headingSegments(columns: Columns, theme: Theme): Segment[] {
	const text = [
		' '.repeat(GUTTER - 1),
		column('CONNECTION', columns.id),
		column(columns.stateWord ? 'STATE' : '', columns.state),
		column('AGE', columns.age, 'right'),
		column('MSGS', columns.messages, 'right'),
		column('LAST ROUTE', columns.route),
		'ERRORS',
	].join(' ');
	return [{text, style: theme.muted}];
}

function errorSegments(row: ConnectionRow, width: number, theme: Theme): Segment[] {
	if (row.rejection !== undefined) {
		const [category] = row.errorCategories;
		const glyph = category === undefined ? '' : `${CATEGORY_GLYPH[category]} `;
		const took = row.rejection.latencyText === '' ? '' : ` (${row.rejection.latencyText})`;
		return [{text: `${glyph}${row.rejection.explanation}${took}`, style: category ? theme.category[category] : theme.error}];
	}

	return categoryCounts(row.errorCounts, width, theme);
}

function rowSegments(row: ConnectionRow, columns: Columns, theme: Theme): Segment[] {
	const state = STATE_GLYPH[row.state] + (columns.stateWord ? ` ${row.state}` : '');
	return [
		{text: row.selected ? SELECTED_MARK : ' '},
		row.pinned ? {text: PINNED_MARK, style: theme.pinned} : {text: ' '},
		row.matched ? {text: MATCHED_MARK, style: theme.matched} : {text: ' '},
		{text: column(columns.fullId ? row.connectionId : row.shortId, columns.id), style: row.matched ? theme.matched : undefined},
		{text: ' '},
		{text: column(state, columns.state), style: theme.state[row.state]},
		{text: ' '},
		{text: column(row.ageText, columns.age, 'right')},
		{text: ' '},
		{text: column(formatCount(row.messageCount), columns.messages, 'right')},
		{text: ' '},
		{text: column(row.lastRoute, columns.route)},
		{text: ' '},
		// Sorted by errors, the count each row ranks by comes first.
		...(columns.errorCount ? [{text: `${formatCount(row.errorTotal)}✖ `, style: row.errorTotal > 0 ? theme.error : theme.muted}] : []),
		...errorSegments(row, columns.errors, theme),
	];
}

export function ConnectionsPane({view, width, height, theme}: ConnectionsPaneProps) {
	const capacity = Math.max(0, height - PANE_CHROME_ROWS);
	const rows = view.rows.slice(0, capacity);
	const columns = columnsFor(rows, width, view.sort);
	const news = view.newActivity === undefined ? [] : [{text: ` ↑ ${view.newActivity} new (g)`, style: theme.warning}];
	const filter = view.filterNote === undefined ? [] : [{text: ` · ${view.filterNote}`}];
	const sort = {text: ` by ${view.sort}`, style: theme.muted};
	// Where the title does not fit, the sort order (shown by the heading's order too) gives way first.
	const title = spreadFirstFitting(
		[
			[paneTitle('Connections', view.focused, theme), sort, ...news, ...filter],
			[paneTitle('Connections', view.focused, theme), ...news, ...filter],
		],
		[{text: scrollText(view.offset, rows.length, view.total), style: theme.muted}],
		width,
	);
	return (
		<Box flexDirection="column" width={width} height={height} overflowY="hidden">
			{height > 0 && <Line segments={title} />}
			{height > PANE_TITLE_ROWS && <Line segments={fillSegments(headingSegments(columns, theme), width)} />}
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
