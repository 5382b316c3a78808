// The bottom row: the search prompt or match position and any message on the left, the toggles that
// are on flush right, and the key hints of the current view in whatever room is left: the least
// important give way first, help and quit never (ranks in ui/keys.ts).

import {Box} from 'ink';
import type {Theme} from '../theme.js';
import {ALWAYS_SHOWN} from '../keys.js';
import type {KeyHint, StatusBarView} from '../view-models.js';
import {cellWidth, fitSegments, type Segment, segmentsWidth, spread} from './cells.js';
import {Line} from './line.js';

const HINT_GAP = '  ';

export interface StatusBarProps {
	view: StatusBarView;
	width: number;
	height: number;
	theme: Theme;
}

/** Whole toggles from the front (the most telling first) while they fit in `room`. */
function toggleSegments(toggles: readonly string[], room: number, theme: Theme): Segment[] {
	const segments: Segment[] = [];
	for (const toggle of toggles) {
		const next = [...(segments.length > 0 ? [{text: ' '}] : []), {text: `[${toggle}]`, style: theme.toggle}];
		if (segmentsWidth(segments) + segmentsWidth(next) > room) break;
		segments.push(...next);
	}

	return segments;
}

function hintSegments(hints: readonly KeyHint[], theme: Theme): Segment[] {
	return hints.flatMap(({key, action}, index) => [
		...(index > 0 ? [{text: HINT_GAP}] : []),
		{text: key, style: theme.key},
		{text: ` ${action}`, style: theme.muted},
	]);
}

function hintsWidth(hints: readonly KeyHint[]): number {
	return hints.reduce((sum, {key, action}, index) => sum + (index > 0 ? HINT_GAP.length : 0) + cellWidth(key) + 1 + cellWidth(action), 0);
}

/**
 * The hints that fit in `room`, in table order: whole hints or nothing (half a hint reads as a different
 * key), the highest rank given up first, help and quit always kept.
 */
function fittingHints(hints: readonly KeyHint[], room: number): KeyHint[] {
	const byImportance = [...hints].sort((a, b) => a.rank - b.rank);
	const kept = new Set(byImportance.filter((hint) => hint.rank === ALWAYS_SHOWN));
	for (const hint of byImportance) {
		if (kept.has(hint)) continue;
		const trial = hints.filter((candidate) => kept.has(candidate) || candidate === hint);
		if (hintsWidth(trial) > room) break;
		kept.add(hint);
	}

	return hints.filter((hint) => kept.has(hint));
}

export function StatusBar({view, width, height, theme}: StatusBarProps) {
	if (height <= 0) return null;
	// Room is claimed in this order: how to get help and quit, the toggles that are on, the search and the
	// message (cut if need be), then the other hints by rank.
	const essential = hintSegments(view.hints.filter((hint) => hint.rank === ALWAYS_SHOWN), theme);
	const toggles = toggleSegments(view.toggles, width - segmentsWidth(essential) - 1, theme);
	const notices: Segment[] = [];
	if (view.search !== undefined) notices.push({text: view.search, style: theme.search});
	if (view.message !== undefined) {
		notices.push(...(notices.length > 0 ? [{text: HINT_GAP}] : []), {text: view.message, style: theme.message});
	}

	const left = width - segmentsWidth(toggles) - (toggles.length > 0 ? 1 : 0);
	const noticeRoom = Math.max(0, left - segmentsWidth(essential) - (essential.length > 0 && notices.length > 0 ? HINT_GAP.length : 0));
	const shownNotices = fitSegments(notices, noticeRoom);
	const hintRoom = left - segmentsWidth(shownNotices) - (shownNotices.length > 0 ? HINT_GAP.length : 0);
	const hints = hintSegments(fittingHints(view.hints, hintRoom), theme);
	const row = shownNotices.length > 0 && hints.length > 0 ? [...shownNotices, {text: HINT_GAP}, ...hints] : [...shownNotices, ...hints];
	return (
		<Box width={width} height={1} overflowY="hidden">
			<Line segments={spread(row, toggles, width)} />
		</Box>
	);
}
