// Logs Insights query text -> tokens. A `/` opens a regex where an operand is expected (after
// `like`, `=~`, `parse FIELD`, `(`, `,` ...) and divides after an operand, as the service reads it.
// `#` starts a comment to the end of the line (outside strings and regexes).

export class MalformedQueryError extends Error {
	override name = 'MalformedQueryError';

	constructor(
		message: string,
		/** Character offset in the query text. */
		readonly offset: number,
	) {
		super(message);
	}
}

export type TokenKind = 'word' | 'field' | 'string' | 'number' | 'duration' | 'regex' | 'symbol' | 'end';

export interface Token {
	readonly kind: TokenKind;
	/** word/field: the name; string: the unescaped text; regex: the source; symbol: the operator; number/duration: the digits. */
	readonly text: string;
	/** number: the value; duration: milliseconds. */
	readonly value: number;
	readonly start: number;
	readonly end: number;
}

/** Words after which a `/` opens a regex rather than dividing. */
const REGEX_AFTER_WORDS = new Set(['like', '=~', 'and', 'or', 'not', 'in', 'by', 'filter', 'fields', 'display', 'stats', 'parse', 'sort', 'dedup']);
const SYMBOLS = ['!=', '<=', '>=', '=~', '|', ',', '(', ')', '[', ']', '=', '<', '>', '+', '-', '*', '/', '%', '^'];
const DURATION_UNITS: Readonly<Record<string, number>> = {s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000};
const NAME_START = /[A-Za-z_@$]/;
const NAME_PART = /[A-Za-z0-9_@$.\-]/;

export function tokenize(text: string): Token[] {
	const tokens: Token[] = [];
	let index = 0;
	const push = (kind: TokenKind, value: string, start: number, number = 0): void => {
		tokens.push({kind, text: value, value: number, start, end: index});
	};
	while (index < text.length) {
		const char = text[index] ?? '';
		if (/\s/.test(char)) {
			index++;
			continue;
		}
		if (char === '#') {
			while (index < text.length && text[index] !== '\n') index++;
			continue;
		}
		const start = index;
		if (char === '"' || char === "'") {
			push('string', readQuoted(text, start, char, (end) => (index = end)), start);
			continue;
		}
		if (char === '`') {
			const close = text.indexOf('`', start + 1);
			if (close < 0) throw new MalformedQueryError('unterminated backtick field name', start);
			index = close + 1;
			push('field', text.slice(start + 1, close), start);
			continue;
		}
		if (char === '/' && opensRegex(tokens)) {
			push('regex', readQuoted(text, start, '/', (end) => (index = end), true), start);
			continue;
		}
		if (/[0-9]/.test(char) || (char === '.' && /[0-9]/.test(text[index + 1] ?? ''))) {
			const match = /^(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)([A-Za-z]*)/.exec(text.slice(start)) ?? ['', '0', ''];
			const [whole, digits = '0', unit = ''] = match;
			index = start + whole.length;
			if (unit === '') push('number', digits, start, Number(digits));
			else {
				const scale = DURATION_UNITS[unit];
				if (scale === undefined) throw new MalformedQueryError(`unsupported time unit '${unit}' (the emulator knows s, m, h, d)`, start);
				push('duration', whole, start, Number(digits) * scale);
			}
			continue;
		}
		if (NAME_START.test(char)) {
			index++;
			// A `-` belongs to a name only between name characters (`foo-bar` needs backticks, `a-b` subtracts).
			while (index < text.length && NAME_PART.test(text[index] ?? '') && text[index] !== '-') index++;
			push(/^[A-Za-z_]\w*$/.test(text.slice(start, index)) ? 'word' : 'field', text.slice(start, index), start);
			continue;
		}
		const symbol = SYMBOLS.find((candidate) => text.startsWith(candidate, start));
		if (symbol === undefined) throw new MalformedQueryError(`unexpected character '${char}'`, start);
		index += symbol.length;
		push('symbol', symbol, start);
	}
	tokens.push({kind: 'end', text: '', value: 0, start: text.length, end: text.length});
	return tokens;
}

function opensRegex(tokens: readonly Token[]): boolean {
	const previous = tokens.at(-1);
	if (previous === undefined) return true;
	if (previous.kind === 'symbol') return previous.text !== ')' && previous.text !== ']';
	if (previous.kind === 'word' && REGEX_AFTER_WORDS.has(previous.text.toLowerCase())) return true;
	// `parse @message /re/`: the field after `parse` is followed by the pattern, not a division.
	const beforePrevious = tokens.at(-2);
	return beforePrevious?.kind === 'word' && beforePrevious.text.toLowerCase() === 'parse';
}

/** Reads a quoted string or regex starting at `start`; calls `done` with the index after the closing quote. */
function readQuoted(text: string, start: number, quote: string, done: (end: number) => void, keepEscapes = false): string {
	let value = '';
	let index = start + 1;
	while (index < text.length) {
		const char = text[index] ?? '';
		if (char === '\\' && index + 1 < text.length) {
			const next = text[index + 1] ?? '';
			// A regex keeps its escapes for the regex engine, except the escaped delimiter itself.
			value += keepEscapes ? (next === quote ? next : char + next) : next;
			index += 2;
			continue;
		}
		if (char === quote) {
			done(index + 1);
			return value;
		}
		value += char;
		index++;
	}
	throw new MalformedQueryError(quote === '/' ? 'unterminated regular expression' : 'unterminated string', start);
}
