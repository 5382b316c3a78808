import type {AccessFields} from '../types.js';

/**
 * Records one value: `-` means "no value" and stays absent; the first value of a name wins.
 * Names can come from log text (guessed JSON keys): `__proto__` must become a plain key too.
 */
export function addField(fields: AccessFields, name: string, value: string): void {
	if (value === '-' || Object.hasOwn(fields, name)) {
		return;
	}

	if (name === '__proto__') {
		Object.defineProperty(fields, name, {value, enumerable: true, writable: true, configurable: true});
	} else {
		fields[name] = value;
	}
}
