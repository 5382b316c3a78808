// Log text is written by whoever calls the API: a client can put an escape sequence in a header or a
// body and API Gateway will log it verbatim. Printed raw, it could retitle the terminal, write to the
// clipboard (OSC 52) or hide lines. Everything from a log passes through here before it is printed.

// ESC-introduced sequences: CSI (ESC [ ... final), OSC / DCS / SOS / PM / APC strings (ended by BEL,
// ESC \ or the C1 ST), and two-character escapes. Their 8-bit C1 forms (U+009B CSI, U+009D OSC, ...) too.
const ESCAPE_SEQUENCE =
	// eslint-disable-next-line no-control-regex
	/(?:\u001B\[|\u009B)[\u0030-\u003F]*[\u0020-\u002F]*[\u0040-\u007E]?|(?:\u001B[\]PX^_]|[\u009D\u0090\u0098\u009E\u009F])[^\u0007\u001B\u009C]*(?:\u0007|\u001B\\|\u009C)?|\u001B[\u0020-\u002F]*[\u0030-\u007E]?/g;

// Any control character left after the sequences are gone (C0 except tab/newline, DEL, C1), and the
// bidirectional overrides that can make a line read differently from what it says.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

// U+2028 / U+2029 end a line as a newline does, but terminals draw them as nothing while Ink (string-width)
// counts a cell for each, so a row holding one is drawn shifted. They become the newline they stand for.
const LINE_SEPARATOR = /[\u2028\u2029]/g;

/** Removes terminal control sequences and control characters; keeps tabs and newlines. */
export function sanitizeText(text: string): string {
	if (!NEEDS_SANITIZING.test(text)) return text;
	return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL_CHARACTER, replaceControl).replace(LINE_SEPARATOR, '\n');
}

/**
 * The longest one-line view, in UTF-16 units. A row shows a few hundred cells at most, and measuring text
 * for the terminal (Intl.Segmenter, quadratic in the length in Node 20) took minutes on a 1 MB log line
 * and froze the terminal UI. The whole text stays in NDJSON and in the export's raw lines.
 */
export const ONE_LINE_LIMIT = 2000;

/** For one-line views: also turns newlines and tabs into visible, harmless separators, and cuts at ONE_LINE_LIMIT. */
export function sanitizeLine(text: string): string {
	const line = sanitizeText(text).replace(/\r?\n/g, ' ⏎ ').replace(/\t/g, ' ');
	if (line.length <= ONE_LINE_LIMIT) return line;
	// The cut is marked, and never splits a surrogate pair.
	let end = ONE_LINE_LIMIT - 1;
	const last = line.charCodeAt(end - 1);
	if (last >= 0xd800 && last <= 0xdbff) end -= 1;
	return `${line.slice(0, end)}…`;
}

// eslint-disable-next-line no-control-regex
const NEEDS_SANITIZING = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

function replaceControl(character: string): string {
	// A NUL or stray control shows as a visible placeholder so the reader knows something was there.
	return character === '\r' ? '' : '�';
}
