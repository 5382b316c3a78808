// The regex form of an access-log format: one anchored regex built from the literal text between
// placeholders. It serves CLF, CSV, XML, custom text, and JSON lines that JSON.parse rejects.
//
// Backtracking is kept linear: every value and every spaced literal is atomic (`(?=(x))\1`, which
// never gives back), except at most one lazy "messy" value. Values after the messy one cannot
// contain its separator (or, when quoted, their quote), so the work tried after each of its
// candidate ends stays within a stretch of the line no other candidate end re-reads.

import type {AccessFields} from '../types.js';
import {addField} from './access-fields.js';
import {compileLiteral, escapeForClass, type CompiledLiteral} from './access-literal.js';
import {AccessFormatError, type AccessTemplate, type TemplateSlot} from './access-template.js';
import {messinessOf, shapeOf, type ValueShape} from './access-variables.js';

/** How a captured value is turned into the field value. */
type Decode = 'trim' | 'json-string' | 'json-bare';

interface Capture {
	group: number;
	variable: string;
	decode: Decode;
}

/**
 * - shape: the variable's known shape, followed by a separator it cannot contain;
 * - weak: free text followed by a separator that values often contain (space, comma, `;`, `|`);
 * - strong: free text followed by text values practically never contain (`","ip":"`, `</ip>`, ` [`);
 * - rest: the last value, which ends where the line's tail begins.
 */
type ValueKind = 'shape' | 'weak' | 'strong' | 'rest';

const WEAK_SEPARATORS = ',;|';

export type RegexForm = (line: string) => AccessFields | undefined;

export function compileRegexForm(template: AccessTemplate): RegexForm {
	const {slots, jsonLike} = template;
	const delimiters = slots.map((slot, index) => delimiterOf(index === 0 ? template.lead : slots[index - 1]!.after, slot.after));
	const kinds = slots.map((slot, index) => kindOf(slot, index === slots.length - 1, delimiters[index] !== undefined));
	const messy = chooseMessy(slots, kinds, delimiters);
	const separator = messy === undefined ? '' : separatorClass(slots[messy]!.after);

	const builder = new PatternBuilder();
	builder.appendLiteral(compileLiteral(template.lead, {flexStart: false, flexEnd: !isQuoted(slots[0], jsonLike), jsonLike}));
	const captures: Capture[] = [];
	for (const [index, slot] of slots.entries()) {
		const next = slots[index + 1];
		const afterMessy = messy !== undefined && index > messy;
		const literal = compileLiteral(slot.after, {
			flexStart: !isQuoted(slot, jsonLike),
			flexEnd: next !== undefined && !isQuoted(next, jsonLike),
			jsonLike,
		});
		const group = builder.value(kinds[index]!, {
			shape: shapeOf(slot.variable),
			literal,
			isMessy: index === messy,
			excluded: afterMessy ? (delimiters[index] ?? separator) : '',
			stopChars: separatorClass(slot.after),
		});
		captures.push({group, variable: slot.variable, decode: decodeOf(slot, jsonLike)});
		if (next === undefined) {
			builder.tail(literal);
		} else {
			builder.appendLiteral(literal);
		}
	}

	let regex: RegExp;
	try {
		regex = new RegExp(builder.source);
	} catch (error) {
		throw new AccessFormatError(`access-log format could not be compiled: ${(error as Error).message}`);
	}

	return (line) => {
		const match = regex.exec(line);
		if (!match) {
			return undefined;
		}

		const fields: AccessFields = {};
		for (const capture of captures) {
			addField(fields, capture.variable, decode(match[capture.group] ?? '', capture.decode));
		}

		return fields;
	};
}

function kindOf(slot: TemplateSlot, isLast: boolean, enclosed: boolean): ValueKind {
	const shape = shapeOf(slot.variable);
	// A value of fixed shape not enclosed in quotes or brackets is read by its shape wherever it stands: it
	// holds a space (`… +0000`) that the scan of a value after the messy one may not cross.
	if (shape?.kind === 'fixed' && !enclosed) {
		return 'shape';
	}

	if (isLast) {
		return 'rest';
	}

	if (!isWeak(slot.after)) {
		return 'strong';
	}

	return shape && shapeFitsBefore(shape, slot.after) ? 'shape' : 'weak';
}

function isWeak(literal: string): boolean {
	const content = literal.trim();
	return content === '' || (content.length === 1 && WEAK_SEPARATORS.includes(content));
}

/** A shape is usable only when the value cannot run into the text after it. */
function shapeFitsBefore(shape: ValueShape, after: string): boolean {
	if (shape.kind === 'fixed') {
		return true;
	}

	const first = after[0];
	return first !== undefined && !new RegExp(`[${shape.chars}]`).test(first);
}

/**
 * Regex class content for the quotes or brackets enclosing a value (`"$context.x"`, `[$context.x]`),
 * when they do.
 */
function delimiterOf(before: string, after: string): string | undefined {
	const open = before.trimEnd().at(-1);
	const close = after.trimStart()[0];
	if (open === undefined || close === undefined) {
		return undefined;
	}

	if ((open === '"' || open === "'") && close === open) {
		return open;
	}

	const pair = `${open}${close}`;
	return pair === '[]' || pair === '()' || pair === '{}' || pair === '<>' ? escapeForClass(pair) : undefined;
}

/**
 * The one weak value allowed to contain its own separator: the messiest whose freedom does not
 * take it away from a messier free value after it (values after it cannot hold its separator,
 * unless quotes or brackets enclose them).
 */
function chooseMessy(slots: TemplateSlot[], kinds: ValueKind[], delimiters: Array<string | undefined>): number | undefined {
	const adjacent = slots.findIndex((slot, index) => kinds[index] === 'weak' && slot.after === '');
	if (adjacent !== -1) {
		const {variable} = slots[adjacent]!;
		const following = slots[adjacent + 1]!.variable;
		throw new AccessFormatError(
			`access-log format puts $context.${following} right after $context.${variable} with nothing between them, so their values cannot be told apart`,
		);
	}

	let best: number | undefined;
	for (const [index, slot] of slots.entries()) {
		if (kinds[index] !== 'weak') {
			continue;
		}

		const messiness = messinessOf(slot.variable);
		const admissible = slots.every(
			(later, laterIndex) =>
				laterIndex <= index ||
				kinds[laterIndex] === 'shape' ||
				kinds[laterIndex] === 'weak' ||
				delimiters[laterIndex] !== undefined ||
				messinessOf(later.variable) <= messiness,
		);
		if (admissible && (best === undefined || messiness > messinessOf(slots[best]!.variable))) {
			best = index;
		}
	}

	return best;
}

/** Regex class content for the separator characters of a weak literal (`\s` for pure spacing). */
function separatorClass(literal: string): string {
	const content = literal.trim();
	return content === '' ? String.raw`\s` : escapeForClass(content);
}

function isQuoted(slot: TemplateSlot | undefined, jsonLike: boolean): boolean {
	return jsonLike && slot !== undefined && slot.inJsonString;
}

function decodeOf(slot: TemplateSlot, jsonLike: boolean): Decode {
	if (!jsonLike) {
		return 'trim';
	}

	return slot.inJsonString ? 'json-string' : 'json-bare';
}

function decode(raw: string, how: Decode): string {
	if (how === 'json-string') {
		// The gateway escapes quotes and backslashes in JSON values nowadays; older lines are raw.
		return raw.includes('\\') ? (parseJsonString(`"${raw}"`) ?? raw) : raw;
	}

	const value = raw.trim();
	// `$context.error.messageString` is written with its quotes; JSON mode reads it unquoted.
	if (how === 'json-bare' && value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
		return parseJsonString(value) ?? value.slice(1, -1);
	}

	return value;
}

function parseJsonString(text: string): string | undefined {
	try {
		const value: unknown = JSON.parse(text);
		return typeof value === 'string' ? value : undefined;
	} catch {
		return undefined;
	}
}

class PatternBuilder {
	source = '^';
	#groups = 0;

	/** Appends a value pattern for `kind`; returns the number of the group holding the value. */
	value(
		kind: ValueKind,
		options: {shape: ValueShape | undefined; literal: CompiledLiteral; isMessy: boolean; excluded: string; stopChars: string},
	): number {
		const {shape, literal, excluded} = options;
		const scan = excluded === '' ? '[^]' : `[^${excluded}]`;
		if (kind === 'rest') {
			const group = this.#nextGroup();
			// Greedy from the end; ending on a non-space keeps long runs of spaces from being rescanned.
			this.source += excluded !== '' ? `(${scan}*)` : literal.startsWithSpace ? String.raw`((?:[^]*\S)?)` : '([^]*)';
			return group;
		}

		if (kind === 'shape' && shape) {
			return this.#atomic(shape.kind === 'fixed' ? shape.pattern : `[${shape.chars}]*`);
		}

		if (kind === 'strong') {
			// A scan that cannot cross spacing must be allowed the literal's optional leading spacing.
			const stop = literal.startsWithSpace && excluded.includes(String.raw`\s`) ? String.raw`\s*` + literal.stop : literal.stop;
			const group = this.#nextGroup();
			this.source += `(?=(${scan}*?)${stop})\\${group}(?:)`;
			return group;
		}

		if (options.isMessy) {
			const group = this.#nextGroup();
			this.source += literal.startsWithSpace ? String.raw`((?:[^]*?\S)??)` : '([^]*?)';
			return group;
		}

		return this.#atomic(`[^${options.stopChars}${excluded}]*`);
	}

	appendLiteral(literal: CompiledLiteral): void {
		if (literal.pattern.includes('\\s')) {
			this.#atomic(literal.pattern);
		} else {
			this.source += literal.pattern;
		}
	}

	/** The literal after the last value, anchored at the end of the (trimmed) line. */
	tail(literal: CompiledLiteral): void {
		this.source += `${literal.startsWithSpace ? String.raw`\s*` : ''}${literal.stop}$`;
	}

	#atomic(pattern: string): number {
		const group = this.#nextGroup();
		this.source += `(?=(${pattern}))\\${group}(?:)`;
		return group;
	}

	#nextGroup(): number {
		this.#groups++;
		return this.#groups;
	}
}
