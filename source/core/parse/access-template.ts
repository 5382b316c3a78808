// Reading an access-log format template: where its `$context` placeholders are and what text
// surrounds them. Both the JSON and the regex form are built from this.

/** Thrown for an unusable template; `message` is one line meant for the user. */
export class AccessFormatError extends Error {
	override name = 'AccessFormatError';
}

/** One placeholder and the literal text that follows it (up to the next placeholder or the end). */
export interface TemplateSlot {
	/** The variable without the `$context.` prefix: `requestId`, `identity.sourceIp`. */
	variable: string;
	/** Inside a double-quoted JSON string of the template (only meaningful for JSON-like templates). */
	inJsonString: boolean;
	after: string;
}

export interface AccessTemplate {
	/** The whole template, trimmed, without a trailing `\n`. */
	text: string;
	/** Literal text before the first placeholder. */
	lead: string;
	slots: TemplateSlot[];
	/** Starts with `{` or `[`: JSON, or meant to be. */
	jsonLike: boolean;
}

const BARE_PREFIX = '$context.';
const BRACED_PREFIX = '${context.';
const NAME_CHAR = /[A-Za-z0-9_.]/;
const BRACED_NAME = /^[A-Za-z0-9_.]+$/;

export function readTemplate(template: string): AccessTemplate {
	// Users may end the format with `\n` (as text or as a real newline) to end each entry with one.
	const text = template.replace(/(?:\s|\\n)+$/, '').trim();
	if (text === '') {
		throw new AccessFormatError('access-log format is empty');
	}

	let lead = '';
	const slots: TemplateSlot[] = [];
	let literal = '';
	let inString = false;
	let escaped = false;
	let index = 0;
	while (index < text.length) {
		const placeholder = placeholderAt(text, index);
		if (placeholder) {
			if (slots.length === 0) {
				lead = literal;
			} else {
				slots[slots.length - 1]!.after = literal;
			}

			literal = '';
			slots.push({variable: placeholder.variable, inJsonString: inString, after: ''});
			index = placeholder.end;
			continue;
		}

		const char = text[index]!;
		if (escaped) {
			escaped = false;
		} else if (char === '\\') {
			escaped = inString;
		} else if (char === '"') {
			inString = !inString;
		}

		literal += char;
		index++;
	}

	if (slots.length === 0) {
		lead = literal;
	} else {
		slots[slots.length - 1]!.after = literal;
	}

	if (!slots.some((slot) => slot.variable === 'requestId' || slot.variable === 'extendedRequestId')) {
		throw new AccessFormatError('access-log format has no $context.requestId or $context.extendedRequestId');
	}

	return {text, lead, slots, jsonLike: text.startsWith('{') || text.startsWith('[')};
}

/** The placeholder starting at `index` (`$context.a.b` or `${context.a.b}`), if one does. */
function placeholderAt(text: string, index: number): {variable: string; end: number} | undefined {
	if (text.charCodeAt(index) !== 36 /* $ */) {
		return undefined;
	}

	if (text.startsWith(BRACED_PREFIX, index)) {
		const close = text.indexOf('}', index);
		const name = close === -1 ? '' : text.slice(index + BRACED_PREFIX.length, close).replace(/\.+$/, '');
		return BRACED_NAME.test(name) ? {variable: name, end: close + 1} : undefined;
	}

	if (!text.startsWith(BARE_PREFIX, index)) {
		return undefined;
	}

	const start = index + BARE_PREFIX.length;
	let end = start;
	while (end < text.length && NAME_CHAR.test(text[end]!)) {
		end++;
	}

	// A name ends before a trailing dot: `$context.status.` is the status followed by a period.
	while (end > start && text[end - 1] === '.') {
		end--;
	}

	return end > start ? {variable: text.slice(start, end), end} : undefined;
}
