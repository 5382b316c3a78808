// From what Ink reads to the keys a user pressed. Ink's useInput gets one call per escape sequence but
// a whole run of plain text in one call: keys that arrive faster than the app reads them (auto-repeat,
// a slow link, a paste) come as `input` "jjj". Each key of such a run is handled on its own, in order,
// with the flags Ink gives that key when it comes alone; the whole run is one state change, one frame.
// A bracketed paste is text, never commands: Ink 7+ hands it to usePaste whole, and it goes to the
// search prompt (pastedText).

import type {Key} from 'ink';
import type {LiveModel} from './model/live-model.js';
import {actionForKey} from './keys.js';
import {reduce} from './state/reduce.js';
import type {UiState} from './state/ui-state.js';

export type KeyPress = {kind: 'key'; input: string; key: Key} | {kind: 'paste'; text: string};

/** A key with no special key or modifier set: what a plain character comes with. */
export const NO_KEY: Key = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
};

// An escape sequence Ink has no name for (a focus report, an unusual function key), ESC stripped.
const UNNAMED_SEQUENCE = /^\[[\d;]*[~A-Za-z]$/;
// Line breaks and other controls in pasted text would submit the prompt or garble it.
const CONTROLS = /\p{Control}+/gu;

/** Splits one of Ink's input events into the key presses it holds. */
export function readKeys(input: string, key: Key): KeyPress[] {
	if (!isPlainText(key) || [...input].length <= 1) return [{kind: 'key', input, key}];
	if (UNNAMED_SEQUENCE.test(input)) return [];
	return [...input].map((character) => ({kind: 'key', ...keyOfCharacter(character)}));
}

/** What Ink's usePaste gives, as one press of text (none for an empty paste). */
export function pastedText(text: string): KeyPress[] {
	return text === '' ? [] : [{kind: 'paste', text: text.replace(CONTROLS, ' ')}];
}

/** The presses applied in order, each to the state the one before left: keys mean different things in different places. */
export function reduceKeys(state: UiState, presses: readonly KeyPress[], model: LiveModel): UiState {
	let current = state;
	for (const press of presses) {
		if (press.kind === 'key') {
			const action = actionForKey(current, press.input, press.key);
			if (action !== undefined) current = reduce(current, action, model);
			continue;
		}

		if (!current.search.typing) current = reduce(current, {type: 'command', command: 'search'}, model);
		if (current.search.typing) current = reduce(current, {type: 'search-input', text: current.search.text + press.text}, model);
	}

	return current;
}

/** A run of text: no special key set, so not something Ink parsed from an escape sequence. */
function isPlainText(key: Key): boolean {
	return !(
		key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown || key.home || key.end ||
		key.return || key.escape || key.tab || key.backspace || key.delete || key.ctrl || key.meta
	);
}

/** What Ink's useInput reports for this character pressed alone (ink/build/parse-keypress.js, hooks/use-input.js). */
function keyOfCharacter(character: string): {input: string; key: Key} {
	switch (character) {
		case '\r': {
			return {input: '\r', key: {...NO_KEY, return: true}};
		}

		case '\t': {
			return {input: '', key: {...NO_KEY, tab: true}};
		}

		case '\b': {
			return {input: '', key: {...NO_KEY, backspace: true}};
		}

		case '\u007F': {
			return {input: '', key: {...NO_KEY, delete: true}};
		}
	}

	const code = character.codePointAt(0) ?? 0;
	// Ctrl+letter: Ink reports the letter with `ctrl`.
	if (code <= 0x1a && character !== '\n') return {input: String.fromCodePoint(code + 0x60), key: {...NO_KEY, ctrl: true}};
	return {input: character, key: {...NO_KEY, shift: /^[A-Z]$/.test(character)}};
}
