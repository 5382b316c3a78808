// The key table as help: sections flow down and then across as many columns as the width allows, so
// the whole table usually fits; when it cannot, the last visible line says how much is left out.

import {Box} from 'ink';
import type {Theme} from '../theme.js';
import type {HelpView} from '../view-models.js';
import {cellWidth, column, fillSegments, type Segment} from './cells.js';
import {formatCount, paneTitle} from './format.js';
import {Line} from './line.js';

export interface HelpOverlayProps {
	view: HelpView;
	width: number;
	height: number;
	theme: Theme;
}

const MAX_KEY = 12;
const COLUMN_GAP = 3;

type Entry = {kind: 'title'; text: string} | {kind: 'key'; key: string; action: string} | {kind: 'blank'};

/** The key sections, then what the error glyphs mean, laid out like keys. */
function entriesOf(view: HelpView): Entry[] {
	const legend = {title: 'Error categories', keys: view.categories};
	return [...view.sections, ...(view.categories.length > 0 ? [legend] : [])].flatMap((section, index) => [
		...(index > 0 ? [{kind: 'blank'} as const] : []),
		{kind: 'title', text: section.title} as const,
		...section.keys.map(([key, action]) => ({kind: 'key', key, action}) as const),
	]);
}

/** Fills columns of `rows` entries; a column never starts with a blank line nor ends with a title. */
function flow(entries: readonly Entry[], rows: number): Entry[][] {
	const columns: Entry[][] = [];
	let current: Entry[] = [];
	for (const entry of entries) {
		const orphanTitle = entry.kind === 'title' && current.length === rows - 1 && rows > 1;
		if (current.length === rows || orphanTitle) {
			columns.push(current);
			current = [];
		}

		if (current.length === 0 && entry.kind === 'blank') continue;
		current.push(entry);
	}

	if (current.length > 0) columns.push(current);
	return columns;
}

function entrySegments(entry: Entry | undefined, keyWidth: number, width: number, theme: Theme): Segment[] {
	if (entry === undefined || entry.kind === 'blank') return [{text: ' '.repeat(width)}];
	if (entry.kind === 'title') return fillSegments([{text: entry.text, style: theme.paneTitle}], width);
	return fillSegments([{text: '  '}, {text: column(entry.key, keyWidth), style: theme.key}, {text: `  ${entry.action}`}], width);
}

export function HelpOverlay({view, width, height, theme}: HelpOverlayProps) {
	const rows = Math.max(0, height - 1);
	const entries = entriesOf(view);
	const keyWidth = Math.min(MAX_KEY, Math.max(1, ...view.sections.flatMap((section) => section.keys.map(([key]) => cellWidth(key)))));
	const widest = Math.max(
		1,
		...entries.map((entry) =>
			entry.kind === 'key' ? 2 + keyWidth + 2 + cellWidth(entry.action) : entry.kind === 'title' ? cellWidth(entry.text) : 0,
		),
	);
	const columns = rows > 0 ? flow(entries, rows) : [];
	const fitting = Math.max(1, Math.floor((width + COLUMN_GAP) / (widest + COLUMN_GAP)));
	const shown = columns.slice(0, fitting);
	const columnWidth = Math.max(1, Math.min(widest, Math.floor((width - COLUMN_GAP * (shown.length - 1)) / Math.max(1, shown.length))));
	const hidden = columns.slice(fitting).reduce((sum, hiddenColumn) => sum + hiddenColumn.filter((entry) => entry.kind === 'key').length, 0);
	const lines = Array.from({length: Math.max(0, ...shown.map((entriesOfColumn) => entriesOfColumn.length))}, (_, row) =>
		shown.flatMap((entriesOfColumn, index) => [
			...(index > 0 ? [{text: ' '.repeat(COLUMN_GAP)}] : []),
			...entrySegments(entriesOfColumn[row], keyWidth, columnWidth, theme),
		]),
	);
	if (hidden > 0 && lines.length > 0) {
		const last = lines.length - 1;
		const alsoHidden = shown.filter((entriesOfColumn) => entriesOfColumn[last]?.kind === 'key').length;
		lines[last] = [{text: `  … ${formatCount(hidden + alsoHidden)} more keys: enlarge the terminal`, style: theme.muted}];
	}

	return (
		<Box flexDirection="column" width={width} height={height} overflowY="hidden">
			{height > 0 && <Line segments={[paneTitle('Help', true, theme), {text: ' keys', style: theme.muted}]} />}
			{lines.map((segments, index) => (
				<Line key={index} segments={segments} />
			))}
		</Box>
	);
}
