// Rows that may wrap onto several screen lines still have to fit the pane's height. The selectors
// window by rows; here the rows become screen lines and, when wrapping makes them overflow, a window
// of lines is kept that shows the selected row (and as much of what belongs to it as fits).

import type {TextStyle} from '../theme.js';
import {fillSegments, type Segment, wrapSegments} from './cells.js';

export interface VisualLine {
	segments: Segment[];
	style?: TextStyle | undefined;
}

/** A row as screen lines: one line cut to the width, or, wrapping, as many lines as it needs. */
export function rowLines(
	segments: readonly Segment[],
	width: number,
	wrap: boolean,
	indent: number,
	style?: TextStyle,
): VisualLine[] {
	const lines = wrap ? wrapSegments(segments, width, indent) : [segments];
	// Padded to the full width so a row style (inverse) reads as a bar across the pane.
	return lines.map((line) => ({segments: fillSegments(line, width), style}));
}

/** Lines [start, end) belong to the selected row and what hangs under it (its expanded detail). */
export interface Anchor {
	start: number;
	end: number;
}

/** At most `budget` lines: from the top when the anchor fits there, otherwise scrolled to show it. */
export function windowLines<T>(lines: readonly T[], budget: number, anchor: Anchor | undefined): T[] {
	if (budget <= 0) return [];
	if (lines.length <= budget || anchor === undefined || anchor.end <= budget) return lines.slice(0, budget);
	// Show the whole anchored block if it fits; otherwise start at its first line.
	const start = anchor.end - anchor.start <= budget ? anchor.end - budget : anchor.start;
	return lines.slice(start, start + budget);
}
