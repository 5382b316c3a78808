import type {Key} from 'ink';
import {describe, expect, it} from 'vitest';
import {actionForKey, ALWAYS_SHOWN, commandForKey, hintsFor, KEY_BINDINGS} from '../../source/ui/keys.js';
import {COMMANDS, KEY_CONTEXTS, type CommandName, type KeyContext} from '../../source/ui/state/commands.js';
import {cellWidth} from '../../source/ui/components/cells.js';
import {HELP_KEY_WIDTH, helpLines} from '../../source/ui/state/help-page.js';
import {initialUiState} from '../../source/ui/state/ui-state.js';
import {pastedText, readKeys, type KeyPress} from '../../source/ui/key-input.js';
import {NO_KEY} from './ink-key-fixture.js';


type Press = [input: string, key: Partial<Key>];

/** What ink's useInput reports for each key (escape comes with meta, Ctrl+C as input `c` with ctrl). */
const PRESSES: Record<string, Press> = {
	'↑': ['', {upArrow: true}],
	'↓': ['', {downArrow: true}],
	PgUp: ['', {pageUp: true}],
	PgDn: ['', {pageDown: true}],
	Home: ['', {home: true}],
	End: ['', {end: true}],
	'⏎': ['\r', {return: true}],
	Esc: ['', {escape: true, meta: true}],
	Tab: ['', {tab: true}],
	space: [' ', {}],
	'Ctrl+C': ['c', {ctrl: true}],
	G: ['G', {shift: true}],
	N: ['N', {shift: true}],
};

function press(display: string): Press {
	return PRESSES[display] ?? [display, {}];
}

/** Every key a user could press that the table might care about: printable ASCII, plain, with Ctrl or Alt, and the special keys. */
function allPresses(): Press[] {
	const presses: Press[] = Object.values(PRESSES);
	for (let code = 32; code < 127; code++) {
		const input = String.fromCharCode(code);
		presses.push([input, {shift: /[A-Z]/.test(input)}], [input, {ctrl: true}], [input, {meta: true}]);
	}

	return presses;
}

describe('the key table', () => {
	it('reaches every command from some key', () => {
		expect(new Set(KEY_BINDINGS.map((binding) => binding.command))).toEqual(new Set(COMMANDS));
	});

	it('every displayed key gives its command in every context it lists', () => {
		for (const binding of KEY_BINDINGS) {
			for (const context of binding.contexts) {
				for (const display of binding.keys) {
					const [input, key] = press(display);
					expect(commandForKey(input, {...NO_KEY, ...key}, context), `${display} in ${context}`).toBe(binding.command);
				}
			}
		}
	});

	it('no two bindings match the same key in the same context', () => {
		for (const context of KEY_CONTEXTS) {
			for (const [input, key] of allPresses()) {
				const matching = KEY_BINDINGS.filter((binding) => binding.contexts.includes(context) && binding.matches(input, {...NO_KEY, ...key}));
				expect(matching.length, `${JSON.stringify(input)} ${JSON.stringify(key)} in ${context}: ${matching.map((binding) => binding.command)}`).toBeLessThanOrEqual(1);
			}
		}
	});

	it.each<[string, KeyContext, CommandName | undefined]>([
		['j', 'connections', 'down'],
		['k', 'detail', 'up'],
		['c', 'requests', 'category'],
		['Ctrl+C', 'stats', 'quit'],
		['Ctrl+C', 'help', 'quit'],
		['q', 'help', 'quit'],
		['j', 'help', 'down'],
		['G', 'help', 'bottom'],
		['e', 'help', undefined],
		['Tab', 'requests', undefined],
		['o', 'stats', undefined],
		['⏎', 'stats', undefined],
		['z', 'connections', undefined],
	])('%s in %s -> %s', (display, context, command) => {
		const [input, key] = press(display);
		expect(commandForKey(input, {...NO_KEY, ...key}, context)).toBe(command);
	});

	it('Alt+letter and Ctrl+letter are not the plain letter', () => {
		expect(commandForKey('j', {...NO_KEY, meta: true}, 'connections')).toBeUndefined();
		expect(commandForKey('e', {...NO_KEY, ctrl: true}, 'connections')).toBeUndefined();
	});

	it.each([60, 80, 200])('help lists every binding exactly once, in its section, whole, at %i columns', (width) => {
		let section = '';
		const listed: string[] = [];
		// The error-category legend after the keys is drawn like keys but numbers none.
		for (const line of helpLines(width).filter((candidate) => candidate.kind !== 'key' || candidate.keyNumber !== undefined)) {
			if (line.kind === 'title') section = line.text;
			// The error-category legend after the keys is drawn like keys but is none.
			else if (line.kind === 'key' && line.keyNumber === undefined) continue;
			else if (line.kind === 'key' && line.key !== '') listed.push(`${section}|${line.key}|${line.text}`);
			else if (line.kind === 'key') listed[listed.length - 1] += ` ${line.text}`;
		}

		expect(listed).toEqual(
			expect.arrayContaining(KEY_BINDINGS.map((binding) => `${binding.section}|${binding.keys.join('/')}|${binding.description}`)),
		);
		expect(listed).toHaveLength(KEY_BINDINGS.length);
		for (const line of helpLines(width)) expect(2 + HELP_KEY_WIDTH + 2 + cellWidth(line.text), line.text).toBeLessThanOrEqual(Math.max(width, 2 + HELP_KEY_WIDTH + 2 + 10));
	});

	it('help text is one cell per character, so help-page.ts may measure it by length', () => {
		for (const binding of KEY_BINDINGS) {
			for (const text of [...binding.keys, binding.description]) expect(cellWidth(text), text).toBe([...text].length);
		}
	});

	it('hints come from the table, for the bindings of the context only', () => {
		for (const context of KEY_CONTEXTS) {
			for (const {key, action} of hintsFor(context)) {
				const binding = KEY_BINDINGS.find((candidate) => candidate.hint === action);
				expect(binding?.contexts, `${key} ${action}`).toContain(context);
			}
		}
	});

	it('every hint has a rank; help and quit, and only they, are always shown, in every context', () => {
		for (const binding of KEY_BINDINGS.filter((candidate) => candidate.hint !== undefined)) expect(binding.hintRank, binding.hint).toBeDefined();
		for (const context of KEY_CONTEXTS) {
			const always = hintsFor(context).filter((hint) => hint.rank === ALWAYS_SHOWN);
			expect(always.map((hint) => `${hint.key} ${hint.action}`), context).toEqual(['? help', 'q quit']);
		}
	});
});

describe('actionForKey', () => {
	const state = initialUiState({width: 80, height: 24});
	const typing = {...state, search: {...state.search, typing: true, text: 'send'}};

	it('maps keys to commands through the table, in the context of the state', () => {
		expect(actionForKey(state, 'j', NO_KEY)).toEqual({type: 'command', command: 'down'});
		expect(actionForKey({...state, help: true}, 'e', NO_KEY)).toBeUndefined();
		expect(actionForKey(state, 'z', NO_KEY)).toBeUndefined();
	});

	it('while typing a search, keys edit the text; Enter submits, Esc cancels, Ctrl+C still quits', () => {
		expect(actionForKey(typing, 'j', NO_KEY)).toEqual({type: 'search-input', text: 'sendj'});
		expect(actionForKey(typing, 'msg x', NO_KEY)).toEqual({type: 'search-input', text: 'sendmsg x'});
		expect(actionForKey(typing, '', {...NO_KEY, delete: true})).toEqual({type: 'search-input', text: 'sen'});
		expect(actionForKey(typing, '', {...NO_KEY, backspace: true})).toEqual({type: 'search-input', text: 'sen'});
		expect(actionForKey(typing, '\r', {...NO_KEY, return: true})).toEqual({type: 'search-submit'});
		expect(actionForKey(typing, '', {...NO_KEY, escape: true, meta: true})).toEqual({type: 'search-cancel'});
		expect(actionForKey(typing, 'c', {...NO_KEY, ctrl: true})).toEqual({type: 'command', command: 'quit'});
		expect(actionForKey(typing, '', {...NO_KEY, upArrow: true})).toBeUndefined();
	});
});

describe('readKeys and pastedText', () => {
	const keysOf = (presses: KeyPress[]) => presses.map((press) => (press.kind === 'key' ? [press.input, press.key] : ['paste', press.text]));

	it('splits a run of text into the keys Ink reports for each alone', () => {
		expect(keysOf(readKeys('jG \r\t\u007F\u0003', NO_KEY))).toEqual([
			['j', NO_KEY],
			['G', {...NO_KEY, shift: true}],
			[' ', NO_KEY],
			['\r', {...NO_KEY, return: true}],
			['', {...NO_KEY, tab: true}],
			['', {...NO_KEY, delete: true}],
			['c', {...NO_KEY, ctrl: true}],
		]);
	});

	it('passes keys Ink parsed from escape sequences as they are, and drops sequences it has no name for', () => {
		expect(keysOf(readKeys('', {...NO_KEY, downArrow: true}))).toEqual([['', {...NO_KEY, downArrow: true}]]);
		expect(keysOf(readKeys('j', {...NO_KEY, meta: true}))).toEqual([['j', {...NO_KEY, meta: true}]]);
		expect(readKeys('[I', NO_KEY)).toEqual([]);
	});

	it('reads a paste as one press of text, whatever it holds, controls as blanks', () => {
		expect(keysOf(pastedText('q abc\r\n'))).toEqual([['paste', 'q abc ']]);
		expect(keysOf(pastedText('d\u001B[A'))).toEqual([['paste', 'd [A']]);
		expect(pastedText('')).toEqual([]);
	});
});
