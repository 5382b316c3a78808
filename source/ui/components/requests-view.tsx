// Every request of every connection, one line each, like `tail -f`, with the connection id column.

import {Box} from 'ink';
import type {Theme} from '../theme.js';
import type {RequestsView as RequestsViewModel} from '../view-models.js';
import {fillSegments, spread} from './cells.js';
import {paneTitle, scrollText} from './format.js';
import {PANE_CHROME_ROWS, PANE_TITLE_ROWS} from '../layout.js';
import {Line} from './line.js';
import {requestColumns, requestHeadings, requestLines} from './request-row.js';
import {windowLines} from './visual-lines.js';

export interface RequestsViewProps {
	view: RequestsViewModel;
	width: number;
	height: number;
	theme: Theme;
}

export function RequestsView({view, width, height, theme}: RequestsViewProps) {
	const budget = Math.max(0, height - PANE_CHROME_ROWS);
	const columns = requestColumns(
		view.rows,
		width,
		view.rows.map((row) => row.connectionId),
	);
	const {lines, anchor} = requestLines(view.rows, {
		columns,
		width,
		wrap: view.wrap,
		theme,
		selectedStyle: theme.selected,
		connectionOf: (row) => row.connectionId,
	});

	const title = spread(
		[paneTitle('All requests', true, theme)],
		[{text: scrollText(view.offset, view.rows.length, view.total), style: theme.muted}],
		width,
	);
	return (
		<Box flexDirection="column" width={width} height={height} overflowY="hidden">
			{height > 0 && <Line segments={title} />}
			{height > PANE_TITLE_ROWS && <Line segments={fillSegments(requestHeadings(columns, theme), width)} />}
			{view.rows.length === 0 && budget > 0 && <Line segments={[{text: '   no requests yet', style: theme.muted}]} />}
			{windowLines(lines, budget, anchor).map((line, index) => (
				<Line key={index} segments={line.segments} style={line.style} />
			))}
		</Box>
	);
}
