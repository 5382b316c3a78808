// One screen row: a single <Text wrap="truncate-end"> holding styled runs. Every component draws
// through this, so no row can wrap by accident or push the frame taller than its box. Because each row
// already fits its width, the panes clip vertically only (overflowY="hidden"): horizontal clipping
// makes Ink measure and slice every row again each frame, a third of the frame time at 160 columns.

import {Text} from 'ink';
import type {TextStyle} from '../theme.js';
import type {Segment} from './cells.js';

export interface LineProps {
	segments: readonly Segment[];
	/** Applied to the whole row (e.g. inverse for the selected row). */
	style?: TextStyle | undefined;
}

export function Line({segments, style}: LineProps) {
	// Ink gives an empty <Text> no height at all: a blank row must still hold its place.
	const blank = segments.every((segment) => segment.text === '');
	return (
		<Text wrap="truncate-end" {...style}>
			{blank
				? ' '
				: segments.map((segment, index) =>
						segment.style ? (
							<Text key={index} {...segment.style}>
								{segment.text}
							</Text>
						) : (
							segment.text
						),
					)}
		</Text>
	);
}
