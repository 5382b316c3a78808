// The vocabulary between keys and the reducer: what a key asks for, and where the user is when asking.

import type {RequestView} from '../../core/types.js';
import type {TimeZoneChoice} from '../../presentation/time-format.js';

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
	'statsWindow',
	'requests',
	'export',
	'help',
	'quit',
] as const;

export type CommandName = (typeof COMMANDS)[number];

/** Where keys act: the focused list of the current view, the open request detail, or the help screen. */
export type KeyContext = 'connections' | 'timeline' | 'detail' | 'requests' | 'stats' | 'help';

export const KEY_CONTEXTS: readonly KeyContext[] = ['connections', 'timeline', 'detail', 'requests', 'stats', 'help'];

/**
 * What `x` asks the app to write, as it stood when the key was pressed. The reducer stays pure: it only
 * records the request; the app runs it (once per `seq`) and reports back with a `message` action.
 */
export type ExportRequest = (
	| {scope: 'connection'; connectionId: string}
	/** Everything the all-requests view lists; `description` says which filters made the list, for a title. */
	| {scope: 'filtered'; description: string}
) & {
	/** 1, 2, 3... one per key press. */
	seq: number;
	/** Oldest first. */
	requests: readonly RequestView[];
	timezone: TimeZoneChoice;
};
