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

/** Removes terminal control sequences and control characters; keeps tabs and newlines. */
export function sanitizeText(text: string): string {
	if (!NEEDS_SANITIZING.test(text)) return text;
	return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL_CHARACTER, replaceControl);
}

/** For one-line views: also turns newlines and tabs into visible, harmless separators. */
export function sanitizeLine(text: string): string {
	return sanitizeText(text).replace(/\r?\n/g, ' ⏎ ').replace(/\t/g, ' ');
}

// eslint-disable-next-line no-control-regex
const NEEDS_SANITIZING = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

function replaceControl(character: string): string {
	// A NUL or stray control shows as a visible placeholder so the reader knows something was there.
	return character === '\r' ? '' : '�';
}
