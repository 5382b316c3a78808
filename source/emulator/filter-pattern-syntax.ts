// Lexical pieces shared by the unstructured and the JSON filter-pattern parsers.

/** A pattern the service would reject; the server answers it with InvalidParameterException. */
export class FilterPatternError extends Error {
	override name = 'FilterPatternError';
}

/** Reads a double-quoted string starting at `start`; `\"` and `\\` are escapes. */
export function readQuoted(text: string, start: number): {value: string; end: number} {
	let value = '';
	for (let index = start + 1; index < text.length; index++) {
		const char = text[index];
		if (char === '\\' && index + 1 < text.length) {
			value += text[index + 1];
			index++;
		} else if (char === '"') {
			return {value, end: index + 1};
		} else {
			value += char;
		}
	}
	throw new FilterPatternError(`unterminated quoted string starting at ${start}`);
}

/** The service's regex dialect is a subset of JavaScript's; it forbids groups, so reject them alike. */
export function compileRegexTerm(source: string): RegExp {
	if (source === '') throw new FilterPatternError('empty %regex%');
	if (hasGroup(source)) throw new FilterPatternError('parentheses (groups) are not supported in %regex%');
	try {
		return new RegExp(source, 'u');
	} catch (error) {
		throw new FilterPatternError(`invalid %regex%: ${(error as Error).message}`);
	}
}

/** An unescaped `(` or `)` outside a character class. */
function hasGroup(source: string): boolean {
	let inClass = false;
	for (let index = 0; index < source.length; index++) {
		const char = source[index];
		if (char === '\\') index++;
		else if (char === '[') inClass = true;
		else if (char === ']') inClass = false;
		else if (!inClass && (char === '(' || char === ')')) return true;
	}
	return false;
}
