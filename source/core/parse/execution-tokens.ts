// Reading ids, numbers and lines out of execution-log text by index, without regexes: the shapes'
// fields are read from a known position, so a scan never backtracks and never allocates until a value is cut.

export function isSpace(code: number): boolean {
	return code === 32 || code === 9 || code === 10 || code === 13;
}

function isDigit(code: number): boolean {
	return code >= 48 && code <= 57;
}

export function skipSpaces(content: string, from: number): number {
	let at = from;
	while (at < content.length && isSpace(content.charCodeAt(at))) at++;
	return at;
}

/** Whether the text at `end` ends a word (end of text, whitespace or `:`), so `FooBar` does not match `Foo`. */
export function endsWord(content: string, end: number): boolean {
	return end >= content.length || isSpace(content.charCodeAt(end)) || content.charAt(end) === ':';
}

export function endOfFirstLine(content: string): number {
	const newline = content.indexOf('\n');
	return newline < 0 ? content.length : newline;
}

export function firstLine(content: string): string {
	return content.slice(0, endOfFirstLine(content)).trim();
}

/** Where the text after the first `label` at or after `from` starts; -1 when there is none before `limit`. */
export function afterLabel(content: string, label: string, from: number, limit = content.length): number {
	const at = content.indexOf(label, from);
	return at < 0 || at >= limit ? -1 : at + label.length;
}

/** The run of non-whitespace at `start`, without the sentence punctuation that follows ids (`{id}.`). */
export function tokenAt(content: string, start: number): string {
	let end = start;
	while (end < content.length && !isSpace(content.charCodeAt(end))) end++;
	while (end > start && (content.charAt(end - 1) === '.' || content.charAt(end - 1) === ',')) end--;
	return content.slice(start, end);
}

export function tokenAfter(content: string, label: string, from: number): string | undefined {
	const at = afterLabel(content, label, from);
	return at < 0 ? undefined : tokenAt(content, at);
}

/** A decimal number at `start` (`40`, `5.00`); undefined when there are no digits. */
export function numberAt(content: string, start: number): number | undefined {
	let end = start;
	while (end < content.length && isDigit(content.charCodeAt(end))) end++;
	if (end === start) return undefined;
	if (content.charAt(end) === '.' && isDigit(content.charCodeAt(end + 1))) {
		end++;
		while (end < content.length && isDigit(content.charCodeAt(end))) end++;
	}
	const value = Number(content.slice(start, end));
	return Number.isFinite(value) ? value : undefined;
}
