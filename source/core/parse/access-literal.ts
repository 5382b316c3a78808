// Literal template text as regex: spacing next to punctuation is optional ("k":"v" and
// "k": "v" are the same format), spacing between words is required but its width is not.

const JSON_STRUCTURE = '{}[],:';
const SPACE_OPTIONAL_NEXT_TO = '{}[](),:;"\'<>=|';

export interface CompiledLiteral {
	/** Regex matching the literal with its surrounding spacing ('' for none). */
	pattern: string;
	/** Regex for where a value before this literal ends: the literal without its optional leading spacing. */
	stop: string;
	/** The literal may begin with spacing, which a value before it therefore does not end with. */
	startsWithSpace: boolean;
}

export function compileLiteral(text: string, options: {flexStart: boolean; flexEnd: boolean; jsonLike: boolean}): CompiledLiteral {
	if (text === '') {
		return {pattern: '', stop: '', startsWithSpace: false};
	}

	const content = text.trim();
	if (content === '') {
		return {pattern: String.raw`\s+`, stop: String.raw`\s`, startsWithSpace: true};
	}

	// Spacing at a boundary is optional, unless it lies inside a quoted JSON value.
	const leading = /^\s+/.exec(text)?.[0] ?? '';
	const trailing = /\s+$/.exec(text)?.[0] ?? '';
	const start = options.flexStart ? String.raw`\s*` : escapeRegex(leading);
	const end = options.flexEnd ? String.raw`\s*` : escapeRegex(trailing);
	const body = literalBody(content, options.jsonLike);
	return {
		pattern: start + body + end,
		stop: (options.flexStart ? '' : start) + body,
		startsWithSpace: options.flexStart,
	};
}

/** Regex for a literal from its first to its last non-space character. */
function literalBody(content: string, jsonLike: boolean): string {
	let body = '';
	let previous = '';
	let index = 0;
	while (index < content.length) {
		const char = content[index]!;
		if (/\s/.test(char)) {
			let end = index;
			while (/\s/.test(content[end]!)) {
				end++;
			}

			const next = content[end]!;
			const optional = SPACE_OPTIONAL_NEXT_TO.includes(previous) || SPACE_OPTIONAL_NEXT_TO.includes(next);
			body += optional ? String.raw`\s*` : String.raw`\s+`;
			previous = '';
			index = end;
			continue;
		}

		if (jsonLike && previous !== '' && (JSON_STRUCTURE.includes(previous) || JSON_STRUCTURE.includes(char))) {
			body += String.raw`\s*`;
		}

		body += escapeRegex(char);
		previous = char;
		index++;
	}

	return body;
}

function escapeRegex(text: string): string {
	return text.replace(/[\\^$.*+?()[\]{}|/-]/g, String.raw`\$&`);
}

export function escapeForClass(text: string): string {
	return text.replace(/[\\\]^-]/g, String.raw`\$&`);
}
