// Every key of the UI, in one table: what it matches, the command it gives, where it applies, and how
// help and the status bar describe it. Help and hints are generated from here, so they cannot drift.

import type {Key} from 'ink';
import {KEY_CONTEXTS, type CommandName, type KeyContext} from './state/commands.js';
import {keyContextOf, type UiAction, type UiState} from './state/ui-state.js';
import type {KeyHint} from './view-models.js';

export type HelpSection = 'Move' | 'Open and search' | 'Filter' | 'Show' | 'General';
export const HELP_SECTIONS: readonly HelpSection[] = ['Move', 'Open and search', 'Filter', 'Show', 'General'];

export interface KeyBinding {
	/** As shown in help and hints. */
	keys: readonly string[];
	matches: (input: string, key: Key) => boolean;
	command: CommandName;
	contexts: readonly KeyContext[];
	description: string;
	/** The status-bar label; bindings without one are listed in help only. */
	hint?: string;
	/** Which hints give way first when the status bar is short of room: the highest rank; `ALWAYS_SHOWN` never does. */
	hintRank?: number;
	/** The keys as the status bar shows them, when not `keys` joined (one hint for a pair of bindings). */
	hintKeys?: string;
	section: HelpSection;
}

/** The rank of the hints a newcomer must always find: how to get help and how to quit. */
export const ALWAYS_SHOWN = 0;

/** A plain key: the character itself, without Ctrl or Alt. */
const char =
	(...characters: string[]) =>
	(input: string, key: Key): boolean =>
		characters.includes(input) && !key.ctrl && !key.meta;

const VIEWS: readonly KeyContext[] = ['connections', 'timeline', 'detail', 'requests', 'stats'];
const CONNECTIONS_VIEW: readonly KeyContext[] = ['connections', 'timeline', 'detail'];
const LISTS: readonly KeyContext[] = ['connections', 'timeline', 'detail', 'requests'];
const SCROLLING: readonly KeyContext[] = [...VIEWS, 'help'];

export const KEY_BINDINGS: readonly KeyBinding[] = [
	{
		keys: ['↑', 'k'], matches: (input, key) => key.upArrow || char('k')(input, key),
		command: 'up', contexts: SCROLLING, section: 'Move', hint: 'move', hintRank: 1, hintKeys: '↑↓/jk',
		description: 'move up (scroll an open request, this help)',
	},
	{
		keys: ['↓', 'j'], matches: (input, key) => key.downArrow || char('j')(input, key),
		command: 'down', contexts: SCROLLING, section: 'Move',
		description: 'move down (scroll an open request, this help)',
	},
	{
		keys: ['PgUp'], matches: (_input, key) => key.pageUp,
		command: 'pageUp', contexts: SCROLLING, section: 'Move',
		description: 'one page up',
	},
	{
		keys: ['PgDn'], matches: (_input, key) => key.pageDown,
		command: 'pageDown', contexts: SCROLLING, section: 'Move',
		description: 'one page down',
	},
	{
		keys: ['g', 'Home'], matches: (input, key) => key.home || char('g')(input, key),
		command: 'top', contexts: SCROLLING, section: 'Move',
		description: 'to the top (newest connection: follows again)',
	},
	{
		keys: ['G', 'End'], matches: (input, key) => key.end || char('G')(input, key),
		command: 'bottom', contexts: SCROLLING, section: 'Move',
		description: 'to the bottom (newest request: follows again)',
	},
	{
		keys: ['Tab'], matches: (_input, key) => key.tab,
		command: 'switchPane', contexts: CONNECTIONS_VIEW, section: 'Move', hint: 'pane', hintRank: 2,
		description: 'switch between connections and timeline',
	},
	{
		keys: ['⏎'], matches: (input, key) => key.return || input === '\r' || input === '\n',
		command: 'open', contexts: LISTS, section: 'Open and search', hint: 'open', hintRank: 1,
		description: 'open the connection / request',
	},
	{
		keys: ['Esc'], matches: (_input, key) => key.escape,
		command: 'back', contexts: [...VIEWS, 'help'], section: 'Open and search', hint: 'back', hintRank: 2,
		description: 'back: close, clear the search, leave the view',
	},
	{
		keys: ['/'], matches: char('/'),
		command: 'search', contexts: VIEWS, section: 'Open and search', hint: 'search', hintRank: 2,
		description: 'search ids, routes and log text',
	},
	{
		keys: ['n'], matches: char('n'),
		command: 'nextMatch', contexts: VIEWS, section: 'Open and search',
		description: 'next (newer) match',
	},
	{
		keys: ['N'], matches: char('N'),
		command: 'previousMatch', contexts: VIEWS, section: 'Open and search',
		description: 'previous (older) match',
	},
	{
		keys: ['e'], matches: char('e'),
		command: 'errorsOnly', contexts: VIEWS, section: 'Filter', hint: 'errors', hintRank: 3,
		description: 'errors only on/off',
	},
	{
		keys: ['c'], matches: char('c'),
		command: 'category', contexts: VIEWS, section: 'Filter',
		description: 'error category filter: next category, then off',
	},
	{
		keys: ['r'], matches: char('r'),
		command: 'route', contexts: VIEWS, section: 'Filter',
		description: 'route filter: next route seen, then off',
	},
	{
		keys: ['p'], matches: char('p'),
		command: 'pin', contexts: LISTS, section: 'Filter', hint: 'pin', hintRank: 5,
		description: 'pin the selected connection (tail only it) / unpin',
	},
	{
		keys: ['f'], matches: char('f'),
		command: 'follow', contexts: VIEWS, section: 'Show', hint: 'follow', hintRank: 4,
		description: 'follow the newest on/off',
	},
	{
		keys: ['space'], matches: char(' '),
		command: 'pause', contexts: VIEWS, section: 'Show', hint: 'pause', hintRank: 4,
		description: 'pause / resume (data keeps coming in)',
	},
	{
		keys: ['o'], matches: char('o'),
		command: 'sort', contexts: CONNECTIONS_VIEW, section: 'Show',
		description: 'sort connections: activity, errors, age, messages',
	},
	{
		keys: ['w'], matches: char('w'),
		command: 'wrap', contexts: VIEWS, section: 'Show',
		description: 'wrap long lines on/off',
	},
	{
		keys: ['t'], matches: char('t'),
		command: 'timezone', contexts: VIEWS, section: 'Show',
		description: 'UTC / local time',
	},
	{
		keys: ['a'], matches: char('a'),
		command: 'requests', contexts: VIEWS, section: 'Show', hint: 'all', hintRank: 5,
		description: 'all requests view (again: back)',
	},
	{
		keys: ['s'], matches: char('s'),
		command: 'stats', contexts: VIEWS, section: 'Show', hint: 'stats', hintRank: 5,
		description: 'stats per route (again: back)',
	},
	{
		// `i` for Insights: `w` is wrap, and a capital would be one more key to hold. Ranked with search: the
		// stats view's own key must show at 80 columns, or nobody finds the window.
		keys: ['i'], matches: char('i'),
		command: 'statsWindow', contexts: ['stats'], section: 'Show', hint: 'window', hintRank: 2,
		description: 'stats view: the --since window counted by Logs Insights / this session',
	},
	{
		keys: ['x'], matches: char('x'),
		command: 'export', contexts: LISTS, section: 'General', hint: 'export', hintRank: 6,
		description: 'export the connection (all requests: what is listed) to .json and .md',
	},
	{
		keys: ['?'], matches: char('?'),
		command: 'help', contexts: [...VIEWS, 'help'], section: 'General', hint: 'help', hintRank: ALWAYS_SHOWN,
		description: 'this help (again: close)',
	},
	{
		keys: ['q', 'Ctrl+C'], matches: (input, key) => char('q')(input, key) || (input === 'c' && key.ctrl),
		command: 'quit', contexts: KEY_CONTEXTS, section: 'General', hint: 'quit', hintRank: ALWAYS_SHOWN, hintKeys: 'q',
		description: 'quit',
	},
];

export function commandForKey(input: string, key: Key, context: KeyContext): CommandName | undefined {
	return KEY_BINDINGS.find((binding) => binding.contexts.includes(context) && binding.matches(input, key))?.command;
}

/** The one entry point for the app's useInput: search typing first, then the key table. */
export function actionForKey(state: UiState, input: string, key: Key): UiAction | undefined {
	if (input === 'c' && key.ctrl) return {type: 'command', command: 'quit'};
	if (state.search.typing) return searchAction(state.search.text, input, key);
	const command = commandForKey(input, key, keyContextOf(state));
	return command === undefined ? undefined : {type: 'command', command};
}

function searchAction(text: string, input: string, key: Key): UiAction | undefined {
	if (key.return) return {type: 'search-submit'};
	if (key.escape) return {type: 'search-cancel'};
	// Most terminals send DEL for Backspace, which ink reports as `delete`.
	if (key.backspace || key.delete) return {type: 'search-input', text: [...text].slice(0, -1).join('')};
	if (key.ctrl || key.meta || input === '') return undefined;
	return {type: 'search-input', text: text + input};
}

/** The bindings a context shows as hints, in table order: [{key: "↑↓/jk", action: "move", rank: 1}, ...]. */
export function hintsFor(context: KeyContext): KeyHint[] {
	return KEY_BINDINGS.filter((binding) => binding.hint !== undefined && binding.contexts.includes(context)).map((binding) => ({
		key: binding.hintKeys ?? binding.keys.join('/'),
		action: binding.hint!,
		rank: binding.hintRank ?? Number.MAX_SAFE_INTEGER,
	}));
}
