import fc from 'fast-check';
import {Box, Text} from 'ink';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {
	cellWidth,
	fillSegments,
	fitSegments,
	type Segment,
	segmentsWidth,
	spread,
	truncate,
	wrapSegments,
} from '../../source/ui/components/cells.js';
import {formatCount, formatLag, scrollText, sparkline} from '../../source/ui/components/format.js';

const textOf = (segments: readonly Segment[]) => segments.map((segment) => segment.text).join('');

// Ink lays rows out with its own width measure; ours must agree or padded rows get cut by Ink.
const SAMPLES: Array<[string, number]> = [
	['sendmessage', 11],
	['⊘⛨⚡⏳✋✖', 9],
	['⚠ SAMPLED', 9],
	['日本語のルート', 14],
	['한국어', 6],
	['ＡＢＣ', 6],
	['café', 4],
	['cafe\u0301', 4],
	['🇺🇸 flag', 7],
	['👩‍💻 dev', 6],
	['zero\u200Bwidth', 9],
	['mixed ⚡ 日本 é', 15],
];

// Ink 8 leaves out characters made only of code points that draw nothing (U+200B and the like); a
// joiner inside an emoji sequence stays.
function drawnCharacters(text: string): string {
	const characters = [...new Intl.Segmenter().segment(text)].map(({segment}) => segment);
	return characters.filter((character) => !/^\p{Default_Ignorable_Code_Point}+$/u.test(character)).join('');
}

describe('cellWidth', () => {
	it.each(SAMPLES)('%j is %i cells', (text, cells) => {
		expect(cellWidth(text)).toBe(cells);
	});

	it.each(SAMPLES)('%j: Ink draws it whole in exactly that many cells and cuts it in one fewer', (text) => {
		const cells = cellWidth(text);
		const whole = render(
			<Box width={cells}>
				<Text wrap="truncate-end">{text}</Text>
			</Box>,
		);
		expect(whole.lastFrame()).toBe(drawnCharacters(text));
		const cut = render(
			<Box width={cells - 1}>
				<Text wrap="truncate-end">{text}</Text>
			</Box>,
		);
		expect(cut.lastFrame()?.endsWith('…')).toBe(true);
	});
});

describe('fitting segments to a width', () => {
	const segments: Segment[] = [{text: 'abc'}, {text: '⚡def', style: {bold: true}}, {text: 'ghi'}];

	it('keeps what fits untouched', () => {
		expect(fitSegments(segments, 11)).toEqual(segments);
	});

	it('cuts with an ellipsis in the style of the segment it cuts', () => {
		expect(fitSegments(segments, 6)).toEqual([{text: 'abc'}, {text: '⚡', style: {bold: true}}, {text: '…', style: {bold: true}}]);
	});

	it('never splits a wide glyph: the ellipsis takes the free cell', () => {
		expect(textOf(fitSegments(segments, 5))).toBe('abc…');
	});

	it('pads to exactly the width', () => {
		expect(textOf(fillSegments([{text: 'ab'}], 5))).toBe('ab   ');
		expect(textOf(fillSegments([{text: 'abcdefgh'}], 5))).toBe('abcd…');
	});

	it('spreads left and right, cutting the left first', () => {
		expect(textOf(spread([{text: 'left'}], [{text: 'right'}], 12))).toBe('left   right');
		expect(textOf(spread([{text: 'a long left side'}], [{text: 'right'}], 12))).toBe('a lon… right');
		expect(textOf(spread([{text: 'left'}], [{text: 'a very long right side'}], 8))).toBe('a very …');
	});

	it('truncate() cuts plain text', () => {
		expect(truncate('sendmessage', 6)).toBe('sendm…');
		expect(truncate('sendmessage', 0)).toBe('');
	});

	it('never exceeds the width, and returns the text untouched when it fits (any text)', () => {
		fc.assert(
			fc.property(fc.string({unit: 'grapheme', maxLength: 60}), fc.integer({min: 0, max: 50}), (text, width) => {
				const fitted = fitSegments([{text}], width);
				expect(segmentsWidth(fitted)).toBeLessThanOrEqual(width);
				if (cellWidth(text) <= width) expect(textOf(fitted)).toBe(text);
			}),
		);
	});
});

describe('wrapping segments', () => {
	it('hard-wraps with an indent on continuation lines', () => {
		const lines = wrapSegments([{text: 'abcdefghij'}], 4, 2);
		expect(lines.map(textOf)).toEqual(['abcd', '  ef', '  gh', '  ij']);
	});

	it('moves a wide glyph that does not fit to the next line', () => {
		expect(wrapSegments([{text: 'abc⚡'}], 4).map(textOf)).toEqual(['abc', '⚡']);
	});

	it('marks a glyph wider than the whole line instead of overflowing', () => {
		expect(wrapSegments([{text: '⚡'}], 1).map(textOf)).toEqual(['…']);
	});

	// Word wrap breaks at blanks and drops them (a line does not start or end with the blank it broke
	// at): a reader loses nothing, and what must survive is every other character, in order. A text
	// without blanks keeps every character.
	it('keeps every non-blank character, in order, in lines no wider than the width (any text)', () => {
		fc.assert(
			fc.property(
				// Spacing marks (musical symbols, some scripts) are measured differently by wrap-ansi and
				// string-width; such a line is marked with … rather than overflowing (checked above).
				fc.string({unit: 'grapheme', maxLength: 200}).filter((text) => !/\p{Mc}/u.test(text.normalize('NFC'))),
				fc.integer({min: 2, max: 40}),
				fc.integer({min: 0, max: 10}),
				(text, width, indent) => {
					const lines = wrapSegments([{text: text.slice(0, 100)}, {text: text.slice(100), style: {bold: true}}], width, indent);
					for (const line of lines) expect(segmentsWidth(line)).toBeLessThanOrEqual(width);
					const continuation = Math.min(indent, width - 1);
					const continued = lines.slice(1).map(textOf);
					for (const line of continued) expect(line.slice(0, continuation)).toBe(' '.repeat(continuation));
					const rejoined = [textOf(lines[0] ?? []), ...continued.map((line) => line.slice(continuation))].join('');
					const wide = [...new Intl.Segmenter().segment(text.normalize('NFC'))].some(({segment}) => cellWidth(segment) > 1);
					// A glyph two cells wide cannot fit a continuation line one cell wide: it is marked, not kept.
					// Text comes back NFC-composed (as Ink draws it).
					if (!wide || width - continuation > 1) expect(rejoined.replaceAll(/\s/gu, '')).toBe(text.normalize('NFC').replaceAll(/\s/gu, ''));
				},
			),
			{numRuns: 2000},
		);
	});

	it('keeps every character of a text without blanks (any text, hard breaks)', () => {
		fc.assert(
			fc.property(fc.string({unit: 'grapheme-ascii', maxLength: 200}).map((text) => text.replaceAll(' ', '')), fc.integer({min: 1, max: 40}), (text, width) => {
				expect(wrapSegments([{text}], width).map(textOf).join('')).toBe(text);
			}),
		);
	});

	it('breaks between words, not inside them, when the words fit a line', () => {
		expect(wrapSegments([{text: 'the integration timed out after 29 s'}], 16, 2).map(textOf)).toEqual([
			'the integration',
			'  timed out',
			'  after 29 s',
		]);
	});
});

describe('small formats', () => {
	it.each([
		[[0, 1, 2, 3, 4, 5, 6, 7], '▁▂▃▄▅▆▇█'],
		[[-3, 9, 3.6, Number.NaN], '▁█▅▁'],
		[[], ''],
	])('sparkline(%j) = %s', (heights, expected) => {
		expect(sparkline(heights)).toBe(expected);
	});

	it.each([
		[undefined, '-'],
		[350, '350ms'],
		[4210, '4.2s'],
		[185_000, '3m05s'],
	])('formatLag(%j) = %s', (ms, expected) => {
		expect(formatLag(ms)).toBe(expected);
	});

	it('formatCount writes what Intl.NumberFormat en-US with no fraction digits writes', () => {
		const intl = new Intl.NumberFormat('en-US', {maximumFractionDigits: 0});
		const edges = [0, -0, 1, -1, 999, 1000, -1000, 999_999, 1_000_000, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 60, 1e21, 2.5, -2.5, 0.4, 1234.5678];
		for (const value of edges) expect(formatCount(value)).toBe(intl.format(value));
		fc.assert(fc.property(fc.oneof(fc.integer({min: -1e12, max: 1e12}), fc.double({noNaN: true, noDefaultInfinity: true})), (value) => formatCount(value) === intl.format(value)));
		expect([Number.NaN, Number.POSITIVE_INFINITY].map((value) => formatCount(value))).toEqual(['?', '?']);
	});

	it.each([
		[11, 23, 1204, '12-34 of 1,204'],
		[0, 0, 0, '0 of 0'],
		[0, 3, 3, '1-3 of 3'],
	])('scrollText(%i, %i, %i) = %s', (offset, shown, total, expected) => {
		expect(scrollText(offset, shown, total)).toBe(expected);
	});
});
