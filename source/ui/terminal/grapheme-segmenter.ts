// Intl.Segmenter as the bundled CLI sees it: scripts/bundle-options.js puts this class in place of
// Intl.Segmenter in every module it bundles (Ink's, its text libraries' and ours). The first Intl.Segmenter
// a process builds costs about 20 ms, because V8 lists ICU's locales on first use: 20 ms in front of the
// terminal UI's first frame, where string-width, Ink and slice-ansi each build one as they load. Text in
// which every character is a grapheme cluster of its own (ASCII, Latin letters, the box drawing and
// symbols the UI draws) is segmented here character by character, with the same answers; anything else
// (combining marks, joiners, emoji outside the BMP, Hangul, CR LF) goes to a real Intl.Segmenter, built the
// first time one is needed. test/ui/terminal-grapheme-segmenter.test.ts holds the fast path to ICU's
// answers for every character it takes.

/**
 * Characters that are a grapheme cluster of their own next to any character of this set (Unicode's
 * Grapheme_Cluster_Break is Control, LF or Other for each; CR, which joins LF, is left out). All are in the
 * BMP: one UTF-16 code unit is one character.
 */
const OWN_CLUSTER_TEXT = /^[\0-\f\x0E-\u02FF\u2010-\u2027\u2030-\u205E\u2100-\u27BF\u2800-\u2BFF]*$/;

/** True when every character of the text is a grapheme cluster of its own (the fast path takes it). */
export function isOwnClusterText(text: string): boolean {
	return OWN_CLUSTER_TEXT.test(text);
}

type SegmenterOptions = ConstructorParameters<typeof Intl.Segmenter>[1];

export class GraphemeSegmenter {
	static supportedLocalesOf(...parameters: Parameters<typeof Intl.Segmenter.supportedLocalesOf>): string[] {
		return globalThis.Intl.Segmenter.supportedLocalesOf(...parameters);
	}

	readonly #locales: ConstructorParameters<typeof Intl.Segmenter>[0];
	readonly #options: SegmenterOptions;
	/** Built by the libraries' own call, `new Intl.Segmenter()` for graphemes: the only one that waits. */
	readonly #lazy: boolean;
	#real: Intl.Segmenter | undefined;

	constructor(locales?: ConstructorParameters<typeof Intl.Segmenter>[0], options?: SegmenterOptions) {
		this.#locales = locales;
		this.#options = options;
		this.#lazy = locales === undefined && Object.entries(options ?? {}).every(([key, value]) => key === 'granularity' && (value === undefined || value === 'grapheme'));
		// A locale, words, sentences or any other option go to a real segmenter at once, which also refuses
		// what is invalid where Intl.Segmenter does, in the constructor.
		if (!this.#lazy) this.#realSegmenter();
	}

	segment(input: string): Intl.Segments {
		const text = String(input);
		if (this.#lazy && isOwnClusterText(text)) return new CharacterSegments(text) as unknown as Intl.Segments;
		return this.#realSegmenter().segment(text);
	}

	resolvedOptions(): Intl.ResolvedSegmenterOptions {
		return this.#realSegmenter().resolvedOptions();
	}

	#realSegmenter(): Intl.Segmenter {
		// globalThis.Intl: the bundle replaces `Intl.Segmenter` with this class, not this spelling of it.
		this.#real ??= new globalThis.Intl.Segmenter(this.#locales, this.#options);
		return this.#real;
	}
}

/** The segments of text whose every character is a cluster: as Intl.Segments, iterable and `containing()`. */
class CharacterSegments {
	readonly #input: string;

	constructor(input: string) {
		this.#input = input;
	}

	containing(index?: number): Intl.SegmentData | undefined {
		// As Intl.Segments does: the index as an integer (undefined and NaN are 0), outside the text nothing.
		const at = Math.trunc(Number(index)) || 0;
		if (at < 0 || at >= this.#input.length) return undefined;
		return {segment: this.#input[at]!, index: at, input: this.#input};
	}

	[Symbol.iterator](): Iterator<Intl.SegmentData> {
		const input = this.#input;
		let index = 0;
		return {
			next(): IteratorResult<Intl.SegmentData> {
				if (index >= input.length) return {done: true, value: undefined};
				const value = {segment: input[index]!, index, input};
				index++;
				return {done: false, value};
			},
		};
	}
}
