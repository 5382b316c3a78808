// Terminal cells: how wide text is on screen, and cutting, padding and wrapping styled text to a width.
// Components lay rows out themselves (one <Text> per row), so they measure text with the libraries Ink
// itself measures, cuts and wraps with (string-width, cli-truncate, wrap-ansi): a row we think fits is
// a row Ink thinks fits, wide glyphs (⚡ ⏳ ✋), CJK and emoji included.

import cliTruncate from 'cli-truncate';
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';
import type {TextStyle} from '../theme.js';

/** A run of text drawn in one style. */
export interface Segment {
	text: string;
	style?: TextStyle | undefined;
}

const ELLIPSIS = '…';
const segmenter = new Intl.Segmenter();

function graphemes(text: string): string[] {
	return Array.from(segmenter.segment(text), ({segment}) => segment);
}

/** Terminal cells the text takes (text here is sanitized: no escape sequences, no newlines). */
export function cellWidth(text: string): number {
	return stringWidth(text);
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

/** The text cut to `width` cells, with `…` where it was cut (at the end unless told otherwise). */
export function truncate(text: string, width: number, position: 'start' | 'middle' | 'end' = 'end'): string {
	if (width <= 0) return '';
	return cliTruncate(text, width, {position});
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
			const cells = cellWidth(grapheme);
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

/** The characters [start, end) of the segments' joined text, styles kept. */
function sliceSegments(segments: readonly Segment[], start: number, end: number): Segment[] {
	const sliced: Segment[] = [];
	let at = 0;
	for (const segment of segments) {
		const from = Math.max(start, at);
		const to = Math.min(end, at + segment.text.length);
		if (from < to) sliced.push({...segment, text: segment.text.slice(from - at, to - at)});
		at += segment.text.length;
	}

	return sliced;
}

/** Lines of `text` at most `width` cells wide, broken between words (a word longer than a line is cut). */
export function wrapText(text: string, width: number): string[] {
	return wrapAnsi(text, Math.max(1, width), {hard: true, trim: false}).split('\n');
}

/**
 * Wraps segments at word boundaries into lines of at most `width` cells; continuation lines start
 * with `indent` spaces and drop the blanks the line broke at. Styles carry over the breaks.
 */
export function wrapSegments(segments: readonly Segment[], width: number, indent = 0): Segment[][] {
	if (width <= 0) return [];
	const continuation = Math.max(0, Math.min(indent, width - 1));
	const composed = composedSegments(segments);
	const text = composed.map((segment) => segment.text).join('');
	// wrap-ansi starts with an empty line when the first glyph is wider than the line: skip it.
	const first = wrapText(text, width).find((line) => line !== '') ?? '';
	const lines: Segment[][] = [sliceSegments(composed, 0, first.length)];
	let at = first.length;
	while (text[at] === ' ') at++;
	if (at < text.length) {
		for (const line of wrapText(text.slice(at), width - continuation)) {
			const content = sliceSegments(composed, at, at + line.length);
			at += line.length;
			if (line.trim() === '') continue;
			lines.push(continuation > 0 ? [{text: ' '.repeat(continuation)}, ...content] : content);
		}
	}

	// The blank a line broke at goes; a glyph wider than a one-cell line must not spill over the width.
	return lines.map((line, index) => {
		const broken = index < lines.length - 1 ? trimEnd(line) : line;
		return segmentsWidth(broken) > width ? fitSegments(trimEnd(broken), width) : broken;
	});
}

/**
 * wrap-ansi returns its text NFC-composed, and the lines are mapped back onto the segments by
 * position, so the segments must be composed the same way. A segment starting with a mark that
 * composes with the one before cannot keep both styles: the run takes the first style.
 */
function composedSegments(segments: readonly Segment[]): Segment[] {
	const composed = segments.map((segment) => ({...segment, text: segment.text.normalize('NFC')}));
	const joined = composed.map((segment) => segment.text).join('');
	const whole = joined.normalize('NFC');
	return whole === joined ? composed : [{...composed[0], text: whole}];
}

function trimEnd(line: readonly Segment[]): Segment[] {
	const trimmed = [...line];
	while (trimmed.length > 0 && (trimmed.at(-1)?.text.trimEnd() ?? '') === '') trimmed.pop();
	const last = trimmed.at(-1);
	if (last) trimmed[trimmed.length - 1] = {...last, text: last.text.trimEnd()};
	return trimmed.length > 0 ? trimmed : [{text: ''}];
}

const EXCEPTION_NAME = /\b[A-Z][\w.]*(?:Error|Exception|Fault)\b|Task timed out/;
/** Otherwise what follows the first "…error: " / "…failed …: ". */
const AFTER_ERROR_WORD = /\b(?:error|exception|failed)\b[^:]*:\s*/i;

/**
 * An error's evidence cut to `width` without losing the exception: the boilerplate before it
 * ("Lambda execution failed with status 200 due to customer function error: ") gives up cells from
 * its middle first, then the exception's own tail.
 */
export function fitEvidence(text: string, width: number): string {
	if (cellWidth(text) <= width) return text;
	const named = text.search(EXCEPTION_NAME);
	const worded = AFTER_ERROR_WORD.exec(text);
	const at = named > 0 ? named : worded === null ? -1 : worded.index + worded[0].length;
	if (at <= 0 || at >= text.length) return truncate(text, width);
	const exception = text.slice(at);
	const head = text.slice(0, at);
	const room = width - cellWidth(exception);
	// Keep a few cells of the boilerplate so the line still says what it is; otherwise keep the exception.
	if (room < 8) return truncate(`${ELLIPSIS}${exception}`, width);
	return truncate(head, room, 'middle') + exception;
}

/** Left segments, then right segments flush with the right edge; the left side is cut first. */
/** spread() with the first of `lefts` that fits whole beside `right` (the last one is cut if none does). */
export function spreadFirstFitting(lefts: ReadonlyArray<readonly Segment[]>, right: readonly Segment[], width: number): Segment[] {
	const room = width - segmentsWidth(fitSegments(right, width)) - 1;
	const left = lefts.find((candidate) => segmentsWidth(candidate) <= room) ?? lefts.at(-1) ?? [];
	return spread(left, right, width);
}

export function spread(left: readonly Segment[], right: readonly Segment[], width: number): Segment[] {
	const rightFitted = fitSegments(right, width);
	const rightWidth = segmentsWidth(rightFitted);
	const gap = rightWidth > 0 ? 1 : 0;
	const leftFitted = fitSegments(left, Math.max(0, width - rightWidth - gap));
	const padding = width - rightWidth - segmentsWidth(leftFitted);
	return rightWidth === 0 ? leftFitted : [...leftFitted, {text: ' '.repeat(Math.max(0, padding))}, ...rightFitted];
}
