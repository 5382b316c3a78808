// Finds where a JSON document that spans several lines ends, without parsing it, so concatenated
// documents (pages appended with `>>`) can be cut apart and each parsed on its own.

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

export class JsonDocumentScanner {
	#depth = 0;
	#inString = false;
	#escaped = false;

	/** True when the text fed so far stopped inside a string; JSON strings never hold a raw newline. */
	get endedInsideString(): boolean {
		return this.#inString;
	}

	/**
	 * Feeds text that continues the document (the first call starts at its opening bracket).
	 * Returns the index just after the bracket that closes the document, or -1 when it is still open.
	 */
	feed(text: string, from = 0): number {
		for (let index = from; index < text.length; index++) {
			const code = text.charCodeAt(index);
			if (this.#inString) {
				if (this.#escaped) this.#escaped = false;
				else if (code === BACKSLASH) this.#escaped = true;
				else if (code === QUOTE) this.#inString = false;
			} else if (code === QUOTE) {
				this.#inString = true;
			} else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
				this.#depth++;
			} else if ((code === CLOSE_BRACE || code === CLOSE_BRACKET) && --this.#depth === 0) {
				return index + 1;
			}
		}
		return -1;
	}
}
