// Below the minimum size nothing else is drawn: one notice, wrapped to whatever room there is.

import {Box} from 'ink';
import type {Theme} from '../theme.js';
import {cellWidth, wrapSegments} from './cells.js';
import {type Area, MIN_COLUMNS, MIN_ROWS} from '../layout.js';
import {Line} from './line.js';

export interface TooSmallProps {
	/** The terminal's size, as reported. */
	terminal: Area;
	/** Where to draw: the frame (the whole terminal). */
	width: number;
	height: number;
	theme: Theme;
}

/** Greedy word wrap (a word longer than the width is cut by wrapSegments). */
function wordLines(text: string, width: number): string[] {
	const lines: string[] = [];
	for (const word of text.split(' ')) {
		const last = lines.at(-1);
		if (last !== undefined && cellWidth(last) + 1 + cellWidth(word) <= width) lines[lines.length - 1] = `${last} ${word}`;
		else lines.push(word);
	}

	return lines;
}

export function TooSmall({terminal, width, height, theme}: TooSmallProps) {
	const notice = `terminal too small: ${terminal.width}×${terminal.height}, need at least ${MIN_COLUMNS}×${MIN_ROWS}`;
	const lines = wordLines(notice, width)
		.flatMap((line) => wrapSegments([{text: line, style: theme.warning}], width))
		.slice(0, Math.max(0, height));
	return (
		<Box flexDirection="column" width={width} height={Math.max(0, height)} overflowY="hidden">
			{lines.map((segments, index) => (
				<Line key={index} segments={segments} />
			))}
		</Box>
	);
}
