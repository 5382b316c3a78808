// Terminal cells: how wide text is on screen, and cutting, padding and wrapping styled text to a width.
// Components lay rows out themselves (one <Text> per row), so they must measure text the way Ink
// does: some of our own glyphs are two cells wide (⚡ ⏳ ✋), and log text can hold CJK or emoji.
// The rules follow string-width (what Ink measures with): graphemes, zero-width marks, RGI emoji and
// East Asian wide characters count 2. Ink still truncates a row that would overflow, so a rare
// disagreement costs alignment, never a broken frame.

import type {TextStyle} from '../theme.js';

/** A run of text drawn in one style. */
export interface Segment {
	text: string;
	style?: TextStyle | undefined;
}

const ELLIPSIS = '…';

const segmenter = new Intl.Segmenter();
const PRINTABLE_ASCII = /^[\u0020-\u007E]*$/;
// Built with RegExp: TypeScript only accepts the `v` flag in literals when targeting ES2024.
const VISIBLE = new RegExp(
	'[^\\p{Default_Ignorable_Code_Point}\\p{Control}\\p{Format}\\p{Nonspacing_Mark}\\p{Enclosing_Mark}\\p{Surrogate}]',
	'v',
);
const EMOJI = new RegExp('^\\p{RGI_Emoji}$', 'v');
const EMOJI_PRESENTATION = /\p{Emoji_Presentation}/u;

// East Asian Wide and Fullwidth blocks (emoji are caught by the regexes above).
const WIDE_RANGES: ReadonlyArray<readonly [number, number]> = [
	[0x1100, 0x115f],
	[0x2e80, 0x303e],
	[0x3041, 0x33ff],
	[0x3400, 0x4dbf],
	[0x4e00, 0x9fff],
	[0xa000, 0xa4cf],
	[0xa960, 0xa97f],
	[0xac00, 0xd7a3],
	[0xf900, 0xfaff],
	[0xfe10, 0xfe19],
	[0xfe30, 0xfe6f],
	[0xff00, 0xff60],
	[0xffe0, 0xffe6],
	[0x1f300, 0x1f64f],
	[0x1f900, 0x1f9ff],
	[0x20000, 0x2fffd],
	[0x30000, 0x3fffd],
];

function isWide(codePoint: number): boolean {
	return WIDE_RANGES.some(([from, to]) => codePoint >= from && codePoint <= to);
}

function graphemeWidth(grapheme: string): number {
	const visibleAt = grapheme.search(VISIBLE);
	if (visibleAt === -1) return 0;
	if (EMOJI.test(grapheme)) return 2;
	const base = String.fromCodePoint(grapheme.codePointAt(visibleAt) ?? 0x20);
	return EMOJI_PRESENTATION.test(base) || isWide(base.codePointAt(0) ?? 0x20) ? 2 : 1;
}

function graphemes(text: string): string[] {
	if (PRINTABLE_ASCII.test(text)) return [...text];
	return Array.from(segmenter.segment(text), ({segment}) => segment);
}

/** Terminal cells the text takes (text here is sanitized: no escape sequences, no newlines). */
export function cellWidth(text: string): number {
	if (PRINTABLE_ASCII.test(text)) return text.length;
	let width = 0;
	for (const {segment} of segmenter.segment(text)) width += graphemeWidth(segment);
	return width;
}

export function segmentsWidth(segments: readonly Segment[]): number {
	return segments.reduce((sum, segment) => sum + cellWidth(segment.text), 0);
}

export function padEnd(text: string, width: number): string {
	const missing = width - cellWidth(text);
	return missing > 0 ? text + ' '.repeat(missing) : text;
}

export function padStart(text: string, width: number): string {
	const missing = width - cellWidth(text);
	return missing > 0 ? ' '.repeat(missing) + text : text;
}

/** The text cut to `width` cells, ending in `…` when anything was cut. */
export function truncate(text: string, width: number): string {
	return fitSegments([{text}], width)
		.map((segment) => segment.text)
		.join('');
}

/** Cut to `width` cells then padded to exactly `width`: a table column. */
export function column(text: string, width: number, align: 'left' | 'right' = 'left'): string {
	const cut = truncate(text, width);
	return align === 'left' ? padEnd(cut, width) : padStart(cut, width);
}

/** Segments cut to at most `width` cells; the last visible cell becomes `…` when anything was cut. */
export function fitSegments(segments: readonly Segment[], width: number): Segment[] {
	if (width <= 0) return [];
	if (segmentsWidth(segments) <= width) return [...segments];
	const room = width - 1;
	const fitted: Segment[] = [];
	let used = 0;
	for (const segment of segments) {
		let kept = '';
		for (const grapheme of graphemes(segment.text)) {
			const cells = graphemeWidth(grapheme);
			if (used + cells > room) {
				if (kept) fitted.push({...segment, text: kept});
				fitted.push({text: ELLIPSIS, style: segment.style});
				return fitted;
			}
			kept += grapheme;
			used += cells;
		}
		if (kept) fitted.push({...segment, text: kept});
	}

	return fitted;
}

/** Cut to `width`, then padded with spaces to exactly `width` (so an inverse row spans the pane). */
export function fillSegments(segments: readonly Segment[], width: number): Segment[] {
	const fitted = fitSegments(segments, width);
	const missing = width - segmentsWidth(fitted);
	return missing > 0 ? [...fitted, {text: ' '.repeat(missing)}] : fitted;
}

/**
 * Hard-wraps segments into lines of at most `width` cells; continuation lines start with `indent`
 * spaces. Cuts anywhere (log lines have few useful word boundaries, and a predictable line count
 * keeps the pane inside its height).
 */
export function wrapSegments(segments: readonly Segment[], width: number, indent = 0): Segment[][] {
	if (width <= 0) return [];
	const continuation = Math.max(0, Math.min(indent, width - 1));
	const lines: Segment[][] = [];
	let line: Segment[] = [];
	let used = 0;
	const newLine = () => {
		lines.push(line);
		line = continuation > 0 ? [{text: ' '.repeat(continuation)}] : [];
		used = continuation;
	};

	for (const segment of segments) {
		let run = '';
		for (const grapheme of graphemes(segment.text)) {
			const cells = graphemeWidth(grapheme);
			if (used + cells > width && used > continuation) {
				if (run) line.push({...segment, text: run});
				run = '';
				newLine();
			}
			// A grapheme wider than a whole line (a wide glyph at width 1) cannot be shown: mark the cut.
			const shown = used + cells > width ? ELLIPSIS : grapheme;
			run += shown;
			used += shown === grapheme ? cells : 1;
		}
		if (run) line.push({...segment, text: run});
	}

	lines.push(line);
	return lines;
}

/** Left segments, then right segments flush with the right edge; the left side is cut first. */
export function spread(left: readonly Segment[], right: readonly Segment[], width: number): Segment[] {
	const rightFitted = fitSegments(right, width);
	const rightWidth = segmentsWidth(rightFitted);
	const gap = rightWidth > 0 ? 1 : 0;
	const leftFitted = fitSegments(left, Math.max(0, width - rightWidth - gap));
	const padding = width - rightWidth - segmentsWidth(leftFitted);
	return rightWidth === 0 ? leftFitted : [...leftFitted, {text: ' '.repeat(Math.max(0, padding))}, ...rightFitted];
}
