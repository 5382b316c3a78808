// Escape at once. Ink holds a lone ESC for 20 ms in case the rest of an escape sequence (an arrow key,
// Alt+key) is still on its way, and its timer fires only when the event loop is free: under a busy demo
// that made Escape the slowest key by far (measured in tmux at 160x48, `demo --rate 500`: Escape's median
// about 50 ms above `?`'s). A terminal writes a key's whole sequence at once, so a read that holds nothing
// but ESC is the Escape key: it is handed to Ink as the kitty keyboard protocol spells Escape (CSI 27 u),
// a complete sequence Ink parses without waiting. An ESC that arrives with more bytes is left to Ink.

const ESCAPE = 0x1b;
const ESCAPE_KEY = '\u001B[27u';

/** What Ink reads keys from: process.stdin, or a fake in tests. */
export interface ReadableInput {
	read(size?: number): unknown;
}

/** Makes `input.read()` hand a lone ESC over as the Escape key; returns the function that undoes it. */
export function escapeKeyAtOnce(input: ReadableInput): () => void {
	const read = input.read;
	input.read = function (this: ReadableInput, size?: number) {
		return asEscapeKey(read.call(this, size));
	};
	return () => {
		input.read = read;
	};
}

/** A chunk that is one ESC byte becomes the Escape key's complete sequence; anything else is unchanged. */
export function asEscapeKey(chunk: unknown): unknown {
	if (typeof chunk === 'string') return chunk === '\u001B' ? ESCAPE_KEY : chunk;
	if (Buffer.isBuffer(chunk) && chunk.length === 1 && chunk[0] === ESCAPE) return Buffer.from(ESCAPE_KEY);
	return chunk;
}
