// The bottom row: the search prompt or match position and any message on the left, the toggles that
// are on (always visible, flush right), and the key hints of the current view in whatever room is left.

import {Box} from 'ink';
import type {Theme} from '../theme.js';
import type {StatusBarView} from '../view-models.js';
import {type Segment, segmentsWidth, spread} from './cells.js';
import {Line} from './line.js';

export interface StatusBarProps {
	view: StatusBarView;
	width: number;
	height: number;
	theme: Theme;
}

function toggleSegments(toggles: readonly string[], theme: Theme): Segment[] {
	return toggles.flatMap((toggle, index) => [
		...(index > 0 ? [{text: ' '}] : []),
		{text: `[${toggle}]`, style: theme.toggle},
	]);
}

function hintSegments(hints: StatusBarView['hints'], room: number, theme: Theme): Segment[] {
	const segments: Segment[] = [];
	for (const [key, action] of hints) {
		const hint: Segment[] = [
			...(segments.length > 0 ? [{text: '  '}] : []),
			{text: key, style: theme.key},
			{text: ` ${action}`, style: theme.muted},
		];
		// Whole hints or nothing: half a hint reads as a different key.
		if (segmentsWidth(segments) + segmentsWidth(hint) > room) break;
		segments.push(...hint);
	}

	return segments;
}

export function StatusBar({view, width, height, theme}: StatusBarProps) {
	if (height <= 0) return null;
	const toggles = toggleSegments(view.toggles, theme);
	const notices: Segment[] = [];
	if (view.search !== undefined) notices.push({text: view.search, style: theme.search});
	if (view.message !== undefined) {
		notices.push(...(notices.length > 0 ? [{text: '  '}] : []), {text: view.message, style: theme.message});
	}

	const room = width - segmentsWidth(toggles) - (toggles.length > 0 ? 1 : 0) - segmentsWidth(notices) - (notices.length > 0 ? 2 : 0);
	const hints = hintSegments(view.hints, room, theme);
	const left = notices.length > 0 && hints.length > 0 ? [...notices, {text: '  '}, ...hints] : [...notices, ...hints];
	return (
		<Box width={width} height={1} overflowY="hidden">
			<Line segments={spread(left, toggles, width)} />
		</Box>
	);
}
