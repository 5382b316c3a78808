// The JSON form of an access-log format: when the template is JSON once its placeholders are
// replaced, each line is read with JSON.parse and every placeholder's key path gives its value.

import type {AccessFields} from '../types.js';
import {addField} from './access-fields.js';
import type {AccessTemplate} from './access-template.js';

type KeyPath = ReadonlyArray<string | number>;

interface Binding {
	path: KeyPath;
	variable: string;
}

export type JsonForm = (line: string) => AccessFields | undefined;

// Private-use characters: they survive JSON.parse unchanged and do not occur in templates.
const MARK_START = '\uE000';
const MARK_END = '\uE001';
const WHOLE_MARK = /^\uE000(\d+)\uE001$/;

/**
 * The JSON form of the template, or undefined when the template is not JSON, or when a placeholder
 * is not a whole value (`"stage:$context.stage"`, a placeholder in a key): the regex form reads those.
 */
export function compileJsonForm(template: AccessTemplate): JsonForm | undefined {
	let probe = template.lead;
	for (const [index, slot] of template.slots.entries()) {
		const mark = `${MARK_START}${index}${MARK_END}`;
		// Unquoted placeholders (`"status":$context.status`) stand for numbers: quote them to probe.
		probe += (slot.inJsonString ? mark : `"${mark}"`) + slot.after;
	}

	let shape: unknown;
	const bindings: Binding[] = [];
	try {
		shape = JSON.parse(probe);
		if (typeof shape !== 'object' || shape === null || !collectBindings(shape, [], template, bindings)) {
			return undefined;
		}
	} catch {
		return undefined;
	}

	if (bindings.length !== template.slots.length) {
		// Duplicate keys lose placeholders in JSON.parse; the regex form keeps them all.
		return undefined;
	}

	const rootIsArray = Array.isArray(shape);
	return (line) => {
		const first = line[0];
		if (first !== '{' && first !== '[') {
			return undefined;
		}

		let document: unknown;
		try {
			document = JSON.parse(line);
		} catch {
			return undefined;
		}

		if (typeof document !== 'object' || document === null || Array.isArray(document) !== rootIsArray) {
			return undefined;
		}

		const fields: AccessFields = {};
		let found = 0;
		for (const {path, variable} of bindings) {
			const value = valueAt(document, path);
			if (value === undefined) {
				continue;
			}

			found++;
			const text = asText(value);
			if (text !== undefined) {
				addField(fields, variable, text);
			}
		}

		// A JSON line with none of the format's keys is not one of its lines.
		return found === 0 ? undefined : fields;
	};
}

/** Walks the probed template; false when a placeholder is not a whole JSON value. */
function collectBindings(node: unknown, path: KeyPath, template: AccessTemplate, bindings: Binding[]): boolean {
	if (typeof node === 'string') {
		if (!node.includes(MARK_START)) {
			return true;
		}

		const match = WHOLE_MARK.exec(node);
		const slot = match ? template.slots[Number(match[1])] : undefined;
		if (!slot) {
			return false;
		}

		bindings.push({path, variable: slot.variable});
		return true;
	}

	if (Array.isArray(node)) {
		return node.every((item, index) => collectBindings(item, [...path, index], template, bindings));
	}

	if (typeof node === 'object' && node !== null) {
		return Object.entries(node).every(
			([key, value]) => !key.includes(MARK_START) && collectBindings(value, [...path, key], template, bindings),
		);
	}

	return true;
}

function valueAt(document: object, path: KeyPath): unknown {
	let node: unknown = document;
	for (const key of path) {
		if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) {
			return undefined;
		}

		node = (node as Record<string | number, unknown>)[key];
	}

	return node;
}

function asText(value: unknown): string | undefined {
	if (typeof value === 'string') {
		return value;
	}

	if (typeof value === 'number' || typeof value === 'boolean') {
		return String(value);
	}

	// An object where the template had one value: keep it readable rather than drop it.
	return value === null ? undefined : fieldJson(value);
}

/** Why a line is unparsed when a value it holds nests deeper than JSON.stringify's stack reaches. */
const JSON_TOO_DEEP = 'JSON nested too deeply to read';

/**
 * The JSON text of a field's value. JSON.parse reads any depth but JSON.stringify recurses: a hostile line
 * nesting 100,000 arrays would end in "Maximum call stack size exceeded", so say what is wrong instead.
 */
export function fieldJson(value: unknown): string {
	try {
		return JSON.stringify(value);
	} catch (error) {
		if (error instanceof RangeError) throw new Error(JSON_TOO_DEEP);
		throw error;
	}
}
