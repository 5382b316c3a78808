// The selected connection's requests in order, and under the expanded one its execution lines and
// access fields with the error's evidence marked ▶ (cut, when it must be, in its boilerplate and never
// in the exception). With wrap on, long rows continue on the next lines (indented) and the pane keeps
// the selected request in view within its height.

import {Box} from 'ink';
import type {Theme} from '../theme.js';
import type {DetailLine, TimelinePaneView, TimelineRow} from '../view-models.js';
import {column, fillSegments, fitEvidence, type Segment, spread} from './cells.js';
import {ERROR_LINE_MARK, formatCount, paneTitle, scrollText} from './format.js';
import {
	DETAIL_GUTTER,
	DETAIL_KIND_WIDTH,
	DETAIL_PREFIX_WIDTH,
	DETAIL_TIME_WIDTH,
	PANE_CHROME_ROWS,
	PANE_TITLE_ROWS,
} from '../layout.js';
import {Line} from './line.js';
import {requestColumns, requestHeadings, requestLines} from './request-row.js';
import {rowLines, type VisualLine, windowLines} from './visual-lines.js';

export interface TimelinePaneProps {
	view: TimelinePaneView;
	width: number;
	height: number;
	theme: Theme;
}

// Wrapped lines come already broken to the text column's width (ui/state/detail-lines.ts), so that
// paging counts screen lines; here a line that is still too long is cut.
function detailLines(lines: readonly DetailLine[], width: number, theme: Theme): VisualLine[] {
	const textWidth = Math.max(0, width - DETAIL_PREFIX_WIDTH);
	return lines.map((line) => {
		const text = line.isError ? fitEvidence(line.text, textWidth) : line.text;
		const segments: Segment[] = [
			{text: ' '.repeat(DETAIL_GUTTER)},
			line.isError ? {text: ERROR_LINE_MARK, style: theme.error} : {text: ' '},
			{text: ' '},
			{text: column(line.time, DETAIL_TIME_WIDTH), style: theme.muted},
			{text: ' '},
			{text: column(line.kind, DETAIL_KIND_WIDTH), style: line.isError ? theme.error : line.heading ? theme.paneTitle : theme.muted},
			{text: ' '},
			{text, style: line.isError ? theme.error : line.heading ? theme.paneTitle : undefined},
		];
		return {segments: fillSegments(segments, width)};
	});
}

type Detail = NonNullable<TimelinePaneView['detail']>;

/** A heading (which request, which of its lines are shown), then the lines. */
function detailBlock(detail: Detail, width: number, theme: Theme): VisualLine[] {
	const {offset, lines, total} = detail;
	const position =
		total > lines.length
			? `lines ${formatCount(offset + 1)}-${formatCount(offset + lines.length)} of ${formatCount(total)}`
			: `${formatCount(total)} ${total === 1 ? 'line' : 'lines'}`;
	const heading: Segment[] = [
		{text: ' '.repeat(DETAIL_GUTTER + 2)},
		{text: `request ${detail.requestId} · ${position}`, style: theme.muted},
	];
	return [...rowLines(heading, width, false, 0), ...detailLines(lines, width, theme)];
}

export function TimelinePane({view, width, height, theme}: TimelinePaneProps) {
	const budget = Math.max(0, height - PANE_CHROME_ROWS);
	const columns = requestColumns(view.rows, width);
	const {detail} = view;
	const isExpanded = (row: TimelineRow) => detail !== undefined && row.expanded && row.requestId === detail.requestId;
	const {lines, anchor} = requestLines(view.rows, {
		columns,
		width,
		wrap: view.wrap,
		theme,
		selectedStyle: view.focused ? theme.selected : theme.selectedUnfocused,
		below: (row) => (detail !== undefined && isExpanded(row) ? detailBlock(detail, width, theme) : []),
	});
	// The open request scrolled out of the shown rows: its detail still goes under the list.
	const detached = detail !== undefined && !view.rows.some(isExpanded);
	const all = detached ? [...lines, ...detailBlock(detail, width, theme)] : lines;
	const title = spread(
		[paneTitle('Timeline', view.focused, theme), {text: ` ${view.title}`}],
		[{text: scrollText(view.offset, view.rows.length, view.total), style: theme.muted}],
		width,
	);
	return (
		<Box flexDirection="column" width={width} height={height} overflowY="hidden">
			{height > 0 && <Line segments={title} />}
			{height > PANE_TITLE_ROWS && <Line segments={fillSegments(requestHeadings(columns, theme), width)} />}
			{view.connectionId !== undefined && view.rows.length === 0 && budget > 0 && (
				<Line segments={[{text: '   no requests yet', style: theme.muted}]} />
			)}
			{windowLines(all, budget, anchor).map((line, index) => (
				<Line key={index} segments={line.segments} style={line.style} />
			))}
		</Box>
	);
}
