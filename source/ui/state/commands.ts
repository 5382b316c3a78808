// The vocabulary between keys and the reducer: what a key asks for, and where the user is when asking.

export const COMMANDS = [
	'up',
	'down',
	'pageUp',
	'pageDown',
	'top',
	'bottom',
	'open',
	'back',
	'switchPane',
	'search',
	'nextMatch',
	'previousMatch',
	'follow',
	'pause',
	'errorsOnly',
	'category',
	'route',
	'pin',
	'timezone',
	'wrap',
	'sort',
	'stats',
	'requests',
	'help',
	'quit',
] as const;

export type CommandName = (typeof COMMANDS)[number];

/** Where keys act: the focused list of the current view, the open request detail, or the help screen. */
export type KeyContext = 'connections' | 'timeline' | 'detail' | 'requests' | 'stats' | 'help';

export const KEY_CONTEXTS: readonly KeyContext[] = ['connections', 'timeline', 'detail', 'requests', 'stats', 'help'];
