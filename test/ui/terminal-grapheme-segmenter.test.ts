// The bundled CLI's Intl.Segmenter (source/ui/terminal/grapheme-segmenter.ts) must answer as ICU does. Its
// fast path splits text character by character, so every character it takes must be a grapheme cluster of
// its own next to any other it takes: each is probed here against the real Intl.Segmenter with a neighbour
// of every kind that Unicode's cluster rules join (a letter, itself, Hangul L/V/T and an LV syllable, LF).
import {describe, expect, it} from 'vitest';
import {GraphemeSegmenter, isOwnClusterText} from '../../source/ui/terminal/grapheme-segmenter.js';

const real = new Intl.Segmenter();
const segments = (segmenter: {segment(text: string): Iterable<Intl.SegmentData>}, text: string) => Array.from(segmenter.segment(text));
const fastPath = (): string[] => {
	const characters: string[] = [];
	for (let code = 0; code <= 0xff_ff; code++) {
		const character = String.fromCharCode(code);
		if (isOwnClusterText(character)) characters.push(character);
	}
	return characters;
};

describe('the lazy grapheme segmenter', () => {
	it('takes only characters that are a cluster of their own next to any neighbour the rules join', () => {
		const characters = fastPath();
		// Extend, ZWJ and SpacingMark join what precedes them; Prepend what follows; Hangul L, V, T, LV and
		// LVT join each other; regional indicators join in pairs; CR joins LF.
		const probes = (character: string) => [`a${character}`, `${character}a`, `${character}${character}`, `${character}\u1100`, `\u1100${character}`, `\uAC00${character}`, `${character}\u11A8`, `${character}\n`];
		const joined = characters.filter((character) => probes(character).some((text) => segments(real, text).length !== 2));
		expect(joined.map((character) => character.codePointAt(0)!.toString(16))).toEqual([]);
		// What the UI draws is on the fast path.
		expect(isOwnClusterText('apigw-tail · ⊘ authorizer ⛨ waf ⚡ integration ⏳ throttle ✋ client ✖ gateway ●○›… ╭─╮│╰╯ é ß')).toBe(true);
		expect(characters.length).toBeGreaterThan(3000);
	});

	it('segments all the characters it takes, together, as ICU does', () => {
		const text = fastPath().join('');
		expect(segments(new GraphemeSegmenter(), text)).toEqual(segments(real, text));
	});

	it('answers containing() as Intl.Segments does, inside and outside the text', () => {
		for (const text of ['', 'a', 'abc ⚡ é', '\u001B[31mred\u001B[39m']) {
			const ours = new GraphemeSegmenter().segment(text);
			const theirs = real.segment(text);
			for (const index of [-1, 0, 1, 2, text.length - 1, text.length, Number.NaN, undefined, 1.7, Infinity]) {
				expect(ours.containing(index)).toEqual(theirs.containing(index));
			}
		}
	});

	it('hands other text to a real segmenter: combining marks, emoji sequences, flags, Hangul, CR LF', () => {
		const samples = ['e\u0301', '👩‍💻 ok', '🇩🇪🇫🇷', '한국어 가', 'a\r\nb', '☺️', '#️⃣', 'क्ष', '中文 テスト', '\u{1F600}'];
		for (const text of samples) {
			expect(isOwnClusterText(text)).toBe(false);
			expect(segments(new GraphemeSegmenter(), text)).toEqual(segments(real, text));
			expect(segments(new GraphemeSegmenter(undefined, {granularity: 'grapheme'}), text)).toEqual(segments(real, text));
		}
	});

	it('segments words and sentences, and resolves its options, as Intl.Segmenter does', () => {
		const text = 'Hello there. General Kenobi!';
		for (const granularity of ['word', 'sentence'] as const) {
			expect(segments(new GraphemeSegmenter(undefined, {granularity}), text)).toEqual(segments(new Intl.Segmenter(undefined, {granularity}), text));
		}
		expect(new GraphemeSegmenter('en').resolvedOptions()).toEqual(new Intl.Segmenter('en').resolvedOptions());
		expect(new GraphemeSegmenter().resolvedOptions()).toEqual(new Intl.Segmenter().resolvedOptions());
		expect(GraphemeSegmenter.supportedLocalesOf(['en', 'de'])).toEqual(Intl.Segmenter.supportedLocalesOf(['en', 'de']));
	});

	it('refuses in its constructor what Intl.Segmenter refuses', () => {
		const message = (make: () => unknown) => {
			try {
				make();
			} catch (error) {
				return (error as Error).message;
			}
			return undefined;
		};
		const bad = {granularity: 'letters'} as unknown as Intl.SegmenterOptions;
		expect(message(() => new GraphemeSegmenter(undefined, bad))).toBe(message(() => new Intl.Segmenter(undefined, bad)));
		expect(message(() => new GraphemeSegmenter('no such locale!'))).toBe(message(() => new Intl.Segmenter('no such locale!')));
		expect(message(() => new GraphemeSegmenter('no such locale!'))).toBeDefined();
	});
});
