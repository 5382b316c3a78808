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

	// Spacing at a boundary is optional, unless it lies inside a quoted JSON value, or the template puts it
	// between a value and a word (` - `, ` st=`): spacing between words is required, and it is what tells
	// the word from the same text inside a value (the `-` of a UUID or of `-0700`).
	const leading = /^\s+/.exec(text)?.[0] ?? '';
	const trailing = /\s+$/.exec(text)?.[0] ?? '';
	const spacedStart = options.flexStart && leading !== '' && !SPACE_OPTIONAL_NEXT_TO.includes(content[0]!);
	const spacedEnd = options.flexEnd && trailing !== '' && !SPACE_OPTIONAL_NEXT_TO.includes(content.at(-1)!);
	const start = spacedStart ? String.raw`\s+` : options.flexStart ? String.raw`\s*` : escapeRegex(leading);
	const end = spacedEnd ? String.raw`\s+` : options.flexEnd ? String.raw`\s*` : escapeRegex(trailing);
	const body = literalBody(content, options.jsonLike);
	const stopStart = spacedStart ? String.raw`\s` : options.flexStart ? '' : start;
	return {
		pattern: start + body + end,
		stop: stopStart + body + (spacedEnd ? String.raw`\s` : ''),
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
