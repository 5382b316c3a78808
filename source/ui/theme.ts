// Semantic styles for the terminal UI: components ask for "error" or "selected", never for "red".
// chalk does not honour NO_COLOR by itself, so the theme is chosen here, by the rule in no-color.ts: the
// no-colour theme keeps every signal that matters visible through attributes (bold, inverse, underline,
// dim), and the components add glyphs and words (⚠ SAMPLED, ⚡ integration) that need no styling at all.

import type {TextProps} from 'ink';
import type {ConnectionState} from '../core/connection-tally.js';
import type {ErrorCategory} from '../core/types.js';
import {noColorRequested} from '../no-color.js';

/** The subset of Ink's <Text> props a theme sets; spread straight onto a <Text>. */
export type TextStyle = Pick<TextProps, 'color' | 'backgroundColor' | 'bold' | 'dimColor' | 'inverse' | 'underline'>;

export interface Theme {
	readonly colour: boolean;
	/** Error badges, counts and tags, one style per category. */
	readonly category: Readonly<Record<ErrorCategory, TextStyle>>;
	/** Connection state glyph and word. */
	readonly state: Readonly<Record<ConnectionState, TextStyle>>;
	/** 5xx statuses, explanations, the detail line carrying an error's evidence. */
	readonly error: TextStyle;
	/** Sampled / throttled / evicted / unparsed / 4xx: things to notice, not failures. */
	readonly warning: TextStyle;
	/** 2xx statuses, a live transport. */
	readonly ok: TextStyle;
	/** Secondary text: separators, zero counts, pending marks, empty-pane notes. */
	readonly muted: TextStyle;
	/** The selected row of the focused pane (the whole row, padded to the pane's width). */
	readonly selected: TextStyle;
	/** The selected row of a pane that does not have the focus. */
	readonly selectedUnfocused: TextStyle;
	readonly pinned: TextStyle;
	/** Rows matching the current search. */
	readonly matched: TextStyle;
	readonly paneTitle: TextStyle;
	readonly focusedPaneTitle: TextStyle;
	/** The application name and source in the header. */
	readonly header: TextStyle;
	/** The key half of a status-bar or help hint. */
	readonly key: TextStyle;
	/** Toggles that are on, in the status bar. */
	readonly toggle: TextStyle;
	/** The search prompt and match position. */
	readonly search: TextStyle;
	/** Transient status-bar message. */
	readonly message: TextStyle;
}

export const COLOUR_THEME: Theme = {
	colour: true,
	category: {
		authorizer: {color: 'magenta', bold: true},
		waf: {color: 'blue', bold: true},
		integration: {color: 'red', bold: true},
		throttle: {color: 'yellow', bold: true},
		client: {color: 'cyan', bold: true},
		gateway: {color: 'redBright', bold: true},
	},
	state: {
		open: {color: 'green'},
		closed: {dimColor: true},
		rejected: {color: 'red', bold: true},
	},
	error: {color: 'red'},
	warning: {color: 'yellow', bold: true},
	ok: {color: 'green'},
	muted: {dimColor: true},
	selected: {inverse: true},
	selectedUnfocused: {bold: true},
	pinned: {color: 'cyan', bold: true},
	matched: {color: 'yellow', underline: true},
	paneTitle: {bold: true},
	focusedPaneTitle: {color: 'cyan', bold: true},
	header: {color: 'cyan', bold: true},
	key: {color: 'cyan', bold: true},
	toggle: {color: 'black', backgroundColor: 'cyan'},
	search: {color: 'yellow', bold: true},
	message: {color: 'yellow'},
};

const LOUD: TextStyle = {bold: true};

export const NO_COLOUR_THEME: Theme = {
	colour: false,
	category: {
		authorizer: LOUD,
		waf: LOUD,
		integration: LOUD,
		throttle: LOUD,
		client: LOUD,
		gateway: LOUD,
	},
	state: {
		open: {},
		closed: {dimColor: true},
		rejected: LOUD,
	},
	error: LOUD,
	warning: LOUD,
	ok: {},
	muted: {dimColor: true},
	selected: {inverse: true},
	selectedUnfocused: {underline: true},
	pinned: LOUD,
	matched: {underline: true},
	paneTitle: LOUD,
	focusedPaneTitle: {bold: true, underline: true},
	header: LOUD,
	key: LOUD,
	toggle: {inverse: true},
	search: LOUD,
	message: LOUD,
};

export function themeFor(env: Readonly<Record<string, string | undefined>>): Theme {
	return noColorRequested(env) ? NO_COLOUR_THEME : COLOUR_THEME;
}
