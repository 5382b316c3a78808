// The selected connection's requests in order, and under the expanded one its execution lines and
// access fields with the error's evidence marked ▶. With wrap on, long rows continue on the next
// lines (indented) and the pane keeps the selected request in view within its height.

import {Box} from 'ink';
import type {Theme} from '../theme.js';
import type {DetailLine, TimelinePaneView, TimelineRow} from '../view-models.js';
import {cellWidth, column, type Segment, spread} from './cells.js';
import {ERROR_LINE_MARK, formatCount, paneTitle, scrollText} from './format.js';
import {PANE_TITLE_ROWS} from '../layout.js';
import {Line} from './line.js';
import {requestColumns, requestLines} from './request-row.js';
import {rowLines, type VisualLine, windowLines} from './visual-lines.js';

export interface TimelinePaneProps {
	view: TimelinePaneView;
	width: number;
	height: number;
	theme: Theme;
}

const DETAIL_GUTTER = 4;
const MAX_KIND = 14;

function detailLines(lines: readonly DetailLine[], width: number, wrap: boolean, theme: Theme): VisualLine[] {
	const time = Math.max(0, ...lines.map((line) => cellWidth(line.time)));
	const kind = Math.min(MAX_KIND, Math.max(0, ...lines.map((line) => cellWidth(line.kind))));
	const indent = Math.min(Math.floor(width / 2), DETAIL_GUTTER + 2 + time + 1 + kind + 1);
	return lines.flatMap((line) => {
		const style = line.isError ? theme.error : undefined;
		const segments: Segment[] = [
			{text: ' '.repeat(DETAIL_GUTTER)},
			line.isError ? {text: ERROR_LINE_MARK, style: theme.error} : {text: ' '},
			{text: ' '},
			{text: column(line.time, time), style: theme.muted},
			{text: ' '},
			{text: column(line.kind, kind), style: line.isError ? theme.error : theme.muted},
			{text: ' '},
			{text: line.text, style},
		];
		return rowLines(segments, width, wrap, indent);
	});
}

type Detail = NonNullable<TimelinePaneView['detail']>;

/** A heading (which request, which of its lines are shown), then the lines. */
function detailBlock(detail: Detail, width: number, wrap: boolean, theme: Theme): VisualLine[] {
	const {offset, lines, total} = detail;
	const position =
		total > lines.length
			? `lines ${formatCount(offset + 1)}-${formatCount(offset + lines.length)} of ${formatCount(total)}`
			: `${formatCount(total)} ${total === 1 ? 'line' : 'lines'}`;
	const heading: Segment[] = [
		{text: ' '.repeat(DETAIL_GUTTER + 2)},
		{text: `request ${detail.requestId} · ${position}`, style: theme.muted},
	];
	return [...rowLines(heading, width, false, 0), ...detailLines(lines, width, wrap, theme)];
}

export function TimelinePane({view, width, height, theme}: TimelinePaneProps) {
	const budget = Math.max(0, height - PANE_TITLE_ROWS);
	const columns = requestColumns(view.rows, width);
	const {detail} = view;
	const isExpanded = (row: TimelineRow) => detail !== undefined && row.expanded && row.requestId === detail.requestId;
	const {lines, anchor} = requestLines(view.rows, {
		columns,
		width,
		wrap: view.wrap,
		theme,
		selectedStyle: view.focused ? theme.selected : theme.selectedUnfocused,
		below: (row) => (detail !== undefined && isExpanded(row) ? detailBlock(detail, width, view.wrap, theme) : []),
	});
	// The open request scrolled out of the shown rows: its detail still goes under the list.
	const detached = detail !== undefined && !view.rows.some(isExpanded);
	const all = detached ? [...lines, ...detailBlock(detail, width, view.wrap, theme)] : lines;
	const title = spread(
		[paneTitle('Timeline', view.focused, theme), {text: ` ${view.title}`}],
		[{text: scrollText(view.offset, view.rows.length, view.total), style: theme.muted}],
		width,
	);
	return (
		<Box flexDirection="column" width={width} height={height} overflowY="hidden">
			{height > 0 && <Line segments={title} />}
			{view.connectionId !== undefined && view.rows.length === 0 && budget > 0 && (
				<Line segments={[{text: '   no requests yet', style: theme.muted}]} />
			)}
			{windowLines(all, budget, anchor).map((line, index) => (
				<Line key={index} segments={line.segments} style={line.style} />
			))}
		</Box>
	);
}
