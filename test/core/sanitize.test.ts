import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {ONE_LINE_LIMIT, sanitizeLine, sanitizeText} from '../../source/core/sanitize.js';

// Anything a terminal would act on: ESC, C0 (but tab/newline), DEL, C1.
const DANGEROUS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

describe('sanitizeText', () => {
	it.each([
		['CSI colour', 'a\u001B[31mred\u001B[0m b', 'ared b'],
		['CSI cursor movement and erase', 'x\u001B[2J\u001B[Hy', 'xy'],
		['OSC title ended by BEL', '\u001B]0;pwned\u0007after', 'after'],
		['OSC 52 clipboard write ended by ST', 'a\u001B]52;c;ZXZpbA==\u001B\\b', 'ab'],
		['OSC 8 hyperlink', '\u001B]8;;https://evil.example\u001B\\click\u001B]8;;\u001B\\', 'click'],
		['8-bit CSI', 'a\u009B31mb', 'ab'],
		['8-bit OSC', 'a\u009D0;t\u009Cb', 'ab'],
		['DCS string', 'a\u001BP1;2|xyz\u001B\\b', 'ab'],
		['bare ESC at the end', 'abc\u001B', 'abc'],
		['NUL and BEL become visible', 'a\u0000b\u0007c', 'a�b�c'],
		['carriage return removed', 'over\rwrite', 'overwrite'],
		['bidi override removed', 'abc\u202Edef', 'abc�def'],
		['tabs and newlines kept', 'a\tb\nc', 'a\tb\nc'],
		['line and paragraph separators become newlines', 'a\u2028b\u2029c', 'a\nb\nc'],
		['plain text untouched', '(Iq9gwFDNoAMFo1A=) Method completed with status: 200', '(Iq9gwFDNoAMFo1A=) Method completed with status: 200'],
	])('%s', (_name, input, expected) => {
		expect(sanitizeText(input)).toBe(expected);
	});

	it('never lets a control character through, whatever the input', () => {
		fc.assert(
			fc.property(fc.string({unit: 'binary'}), (text) => {
				expect(sanitizeText(text)).not.toMatch(DANGEROUS);
				expect(sanitizeLine(text)).not.toMatch(/[\n\t\u2028\u2029]/);
				expect(sanitizeLine(text).length).toBeLessThanOrEqual(ONE_LINE_LIMIT);
			}),
			{numRuns: 2000},
		);
	});

	it('makes newlines visible in one-line views', () => {
		expect(sanitizeLine('a\nb\r\nc\td')).toBe('a ⏎ b ⏎ c d');
	});

	it('cuts a one-line view of a huge line, marked and without splitting a surrogate pair', () => {
		const huge = 'é'.repeat(1024 * 1024);
		expect(sanitizeLine(huge)).toBe(`${'é'.repeat(ONE_LINE_LIMIT - 1)}…`);
		const emoji = sanitizeLine(`${'a'.repeat(ONE_LINE_LIMIT - 2)}😀${'b'.repeat(10)}`);
		expect(emoji).toBe(`${'a'.repeat(ONE_LINE_LIMIT - 2)}…`);
		expect(sanitizeLine('x'.repeat(ONE_LINE_LIMIT))).toBe('x'.repeat(ONE_LINE_LIMIT));
		// The whole text stays where it is kept whole.
		expect(sanitizeText(huge)).toBe(huge);
	});

	it('shows U+2028 / U+2029 as line breaks in one-line views: a terminal draws them zero wide, Ink counts one cell', () => {
		expect(sanitizeLine('send\u2028message\u2029')).toBe('send ⏎ message ⏎ ');
	});
});
