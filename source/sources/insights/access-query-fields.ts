// Where each `$context` variable of a stage's access-log format is, for a Logs Insights query. JSON formats
// are read by Insights itself (every key a field, nested keys joined with dots); every other format (CLF,
// CSV, XML, custom text) needs a `parse @message /regex/` that names one capture per variable. Pure.

import {readTemplate, type AccessTemplate} from '../../core/parse/access-template.js';

export interface AccessQueryFields {
	/** `parse @message /.../` for text formats; undefined when Insights discovers the fields (JSON). */
	parse: string | undefined;
	/** How a query names the variable's field, or undefined when the format does not log it. */
	field(variable: string): string | undefined;
	/** Every variable the format logs, in template order. */
	variables: readonly string[];
}

/** Throws AccessFormatError (from the template reader) for a template without a request id. */
export function accessQueryFields(template: string): AccessQueryFields {
	const parsed = readTemplate(template);
	const variables = [...new Set(parsed.slots.map((slot) => slot.variable))];
	const keys = parsed.jsonLike ? jsonKeyPaths(parsed) : undefined;
	if (keys !== undefined) {
		return {parse: undefined, field: (variable) => keys.get(variable), variables};
	}

	const names = new Map(variables.map((variable) => [variable, captureName(variable)]));
	return {parse: `parse @message /${textPattern(parsed)}/`, field: (variable) => names.get(variable), variables};
}

/** `integration.error` -> `integration_error`: capture names are letters, digits and underscores. */
function captureName(variable: string): string {
	return `ctx_${variable.replace(/[^A-Za-z0-9]/g, '_')}`;
}

/**
 * One named capture per placeholder (the first of a repeated variable; later ones are unnamed), each
 * running up to the first character of the literal after it, literals matched exactly. Without look-around
 * or back-references, so any regex engine of the service reads it.
 */
function textPattern(template: AccessTemplate): string {
	const named = new Set<string>();
	let pattern = `^${escapeRegex(template.lead)}`;
	for (const slot of template.slots) {
		const stop = slot.after[0];
		const value = stop === undefined ? '.*' : `[^${escapeClass(stop)}\\n]*`;
		const first = !named.has(slot.variable);
		named.add(slot.variable);
		pattern += first ? `(?<${captureName(slot.variable)}>${value})` : `(?:${value})`;
		pattern += escapeRegex(slot.after);
	}

	return pattern;
}

function escapeRegex(text: string): string {
	return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

function escapeClass(char: string): string {
	return /[\\\]^\-/]/.test(char) ? `\\${char}` : char;
}

// Private-use characters: they survive JSON.parse and do not occur in templates.
const MARK = /^\uE000(\d+)\uE001$/;

/** Variable -> dotted key path, or undefined when the template is not plain JSON objects with whole-value placeholders. */
function jsonKeyPaths(template: AccessTemplate): Map<string, string> | undefined {
	let probe = template.lead;
	for (const [index, slot] of template.slots.entries()) {
		const mark = `\uE000${index}\uE001`;
		probe += (slot.inJsonString ? mark : `"${mark}"`) + slot.after;
	}

	let document: unknown;
	try {
		document = JSON.parse(probe);
	} catch {
		return undefined;
	}

	const paths = new Map<string, string>();
	const walk = (node: unknown, path: string[]): boolean => {
		if (typeof node === 'string') {
			const index = MARK.exec(node)?.[1];
			if (index === undefined) return true;
			const variable = template.slots[Number(index)]!.variable;
			if (!paths.has(variable)) paths.set(variable, path.map(fieldName).join('.'));
			return true;
		}

		if (typeof node !== 'object' || node === null || Array.isArray(node)) return typeof node !== 'object' || node === null;
		return Object.entries(node).every(([key, value]) => walk(value, [...path, key]));
	};

	return walk(document, []) && paths.size === new Set(template.slots.map((slot) => slot.variable)).size ? paths : undefined;
}

/** A key as a field name: backticks around anything but letters, digits, `_` and `@`. */
function fieldName(key: string): string {
	return /^[A-Za-z_@][A-Za-z0-9_@]*$/.test(key) ? key : `\`${key.replace(/`/g, '``')}\``;
}
