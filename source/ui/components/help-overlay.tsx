// The key table as help: one key a line under its section's title, the lines the selector chose for the
// scroll position (ui/state/help-page.ts), and on the title row which keys are on screen ("1-15 of 28").

import {Box} from 'ink';
import type {Theme} from '../theme.js';
import type {HelpLine, HelpView} from '../view-models.js';
import {column, fillSegments, type Segment, spread} from './cells.js';
import {paneTitle, scrollText} from './format.js';
import {Line} from './line.js';

export interface HelpOverlayProps {
	view: HelpView;
	width: number;
	height: number;
	theme: Theme;
}

function lineSegments(line: HelpLine, keyWidth: number, width: number, theme: Theme): Segment[] {
	switch (line.kind) {
		case 'blank': {
			return [{text: ' '.repeat(width)}];
		}

		case 'title': {
			return fillSegments([{text: line.text, style: theme.paneTitle}], width);
		}

		case 'key': {
			return fillSegments([{text: '  '}, {text: column(line.key, keyWidth), style: theme.key}, {text: `  ${line.text}`}], width);
		}
	}
}

export function HelpOverlay({view, width, height, theme}: HelpOverlayProps) {
	const {lines, keyWidth, firstKey, lastKey, totalKeys} = view;
	const position = scrollText(firstKey - 1, lastKey - firstKey + 1, totalKeys);
	const title = spread([paneTitle('Help', true, theme), {text: ' keys', style: theme.muted}], [{text: position, style: theme.muted}], width);
	return (
		<Box flexDirection="column" width={width} height={height} overflowY="hidden">
			{height > 0 && <Line segments={title} />}
			{lines.slice(0, Math.max(0, height - 1)).map((line, index) => (
				<Line key={index} segments={lineSegments(line, keyWidth, width, theme)} />
			))}
		</Box>
	);
}
