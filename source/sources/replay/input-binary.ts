// Refuses input that is not text (an executable, an image, random bytes) before its mojibake is shown as
// log lines. Judged on the start of the decoded text (after gzip), by the share of characters no log
// line is made of: undecodable bytes (U+FFFD) and control characters other than tab, line breaks and ESC.
// Log text with a few such characters (a NUL or a raw 0x9B in a request body) stays well below the line:
// the hostile corpus, whose 1 MB line is full of control payloads, stays under 8%; random bytes and
// executables are over 50%.
import {ReplayInputError} from './input-errors.js';

/** How much text the verdict looks at. */
const SAMPLE_CHARACTERS = 8192;
/** Fewer characters than this say too little, unless they are all the input has. */
const MIN_VERDICT_CHARACTERS = 64;
const MAX_SUSPECT_SHARE = 0.25;

export class BinaryInputCheck {
	#sampled = 0;
	#suspect = 0;
	#decided = false;
	readonly #name: string;

	/** `name` is how the error names the input (a path, or `stdin`). */
	constructor(name: string) {
		this.#name = name;
	}

	/** Looks at the next decoded piece; throws a ReplayInputError when the input is binary. */
	check(piece: string): void {
		if (this.#decided) return;
		const end = Math.min(piece.length, SAMPLE_CHARACTERS - this.#sampled);
		for (let index = 0; index < end; index++) {
			if (isSuspect(piece.charCodeAt(index))) this.#suspect += 1;
		}
		this.#sampled += end;
		// A pipe may send a few characters at a time: pieces pass on at once, the verdict waits for enough text.
		if (this.#sampled >= MIN_VERDICT_CHARACTERS) this.#decide();
	}

	/** The input ended: a short input is judged on what it had. */
	end(): void {
		if (!this.#decided && this.#sampled > 0) this.#decide();
	}

	#decide(): void {
		if (this.#suspect > this.#sampled * MAX_SUSPECT_SHARE) {
			throw new ReplayInputError(this.#name, 'binary data, not log text');
		}
		this.#decided = this.#sampled >= SAMPLE_CHARACTERS;
	}
}

function isSuspect(code: number): boolean {
	if (code === 0xfffd) return true;
	if (code >= 0x20) return code === 0x7f;
	// Tab, line feed, vertical tab, form feed, carriage return, and ESC (a log captured with its colours).
	return !(code === 0x09 || code === 0x0a || code === 0x0b || code === 0x0c || code === 0x0d || code === 0x1b);
}
