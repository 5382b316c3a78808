// What the UI remembers between frames, apart from the data: where the user is, what they chose to see.
// Plain immutable data; `reduce` returns a new state for every action.

import type {ErrorCategory} from '../../core/types.js';
import type {TimeZoneChoice} from '../../presentation/time-format.js';
import type {ConnectionSort, PaneName, ViewName} from '../view-models.js';
import type {CommandName, ExportRequest, KeyContext} from './commands.js';
import {initialWindowStats, type WindowStatsAction, type WindowStatsSource, type WindowStatsState} from './window-stats.js';

/** A selection in one list, kept by id so that rows arriving above it do not move it. */
export interface ListCursor {
	selectedId: string | undefined;
	/** Where the selection was last seen: the fallback when its item is gone (evicted, filtered out). */
	index: number;
	/** First visible row. */
	offset: number;
}

export interface Filters {
	errorsOnly: boolean;
	category: ErrorCategory | undefined;
	route: string | undefined;
}

/** One search hit: a request (with its connection) or, in the stats view, a route row. */
export interface SearchHit {
	id: string;
	connectionId: string | undefined;
}

export interface SearchState {
	/** The prompt is open and keys edit `text`. */
	typing: boolean;
	text: string;
	/** The hits when the search was submitted, oldest first (routes in stats order). */
	matches: readonly SearchHit[];
	/** The hit n/N last selected. */
	index: number;
	/** What was searched: requests (connections and all-requests views) or routes (stats view). */
	scope: 'requests' | 'routes';
}

/** The picture frozen by a pause; the data keeps flowing into the model underneath. */
export interface PauseState {
	/** Requests and connections the model had seen at the pause (their seq); later ones stay hidden. */
	requestsSeen: number;
	connectionsSeen: number;
	/** Connection ids in the order they were listed (in `sort`) at the pause, or when the sort changed since. */
	connectionOrder: readonly string[];
	sort: ConnectionSort;
	/** Requests that arrived since the pause. */
	newRequests: number;
}

/**
 * The connections list's order frozen while the user reads (anything but following at the top of the list):
 * rows stay put, their contents keep updating, and activity since shows as a count until `g` re-sorts.
 */
export interface HeldOrder {
	/** Connection ids in `sort` order when the hold began (or when the sort changed since). */
	connectionOrder: readonly string[];
	connectionsSeen: number;
	sort: ConnectionSort;
	/** The newest activity (log time) when the hold began: later activity is "new". */
	activityMark: number;
}

export interface UiState {
	view: ViewName;
	help: boolean;
	/** The first help line on screen (ui/state/help-page.ts). */
	helpOffset: number;
	focus: PaneName;
	cursors: {connections: ListCursor; timeline: ListCursor; requests: ListCursor; stats: ListCursor};
	expandedRequestId: string | undefined;
	detailOffset: number;
	sort: ConnectionSort;
	filters: Filters;
	search: SearchState;
	/**
	 * Keep the newest item of the focused list selected and on screen: the newest connection (and its
	 * newest request) from the top of the connections list; the selected connection's newest request from
	 * its timeline. Only `g`/`G`, `f` and a new sort turn it on; any other move, Tab or Enter turns it off.
	 */
	follow: boolean;
	/** Set whenever the connections list is not following (see `HeldOrder`). */
	held: HeldOrder | undefined;
	paused: PauseState | undefined;
	wrap: boolean;
	timezone: TimeZoneChoice;
	/** The connection the transport is narrowed to (`--connection` or `p`). */
	pinnedConnectionId: string | undefined;
	width: number;
	height: number;
	/** A transient note for the status bar ("no match"); the app clears it after a moment. */
	message: string | undefined;
	/** The latest export `x` asked for; the app writes it. */
	exportRequest: ExportRequest | undefined;
	/** The stats view's figures: this session, or a window counted by Logs Insights (ui/state/window-stats.ts). */
	windowStats: WindowStatsState;
	/** The user asked to quit. */
	quit: boolean;
}

export type UiAction =
	| {type: 'command'; command: CommandName}
	| {type: 'search-input'; text: string}
	| {type: 'search-submit'}
	| {type: 'search-cancel'}
	| {type: 'resize'; width: number; height: number}
	| {type: 'data'}
	| {type: 'clear-message'}
	/** A note from outside the reducer (an export's result) for the status bar. */
	| {type: 'message'; text: string}
	| WindowStatsAction;

export interface InitialUiOptions {
	width: number;
	height: number;
	timezone?: TimeZoneChoice;
	pinnedConnectionId?: string | undefined;
	/** What the command line asked to see (`--errors-only`, `--route`); the keys toggle from there. */
	filters?: Filters | undefined;
	/** The live source's window for the stats view; without one (replay) the key says it needs one. */
	windowStats?: Pick<WindowStatsSource, 'label'> | undefined;
}

const NO_CURSOR: ListCursor = {selectedId: undefined, index: 0, offset: 0};

export function initialUiState(options: InitialUiOptions): UiState {
	return {
		view: 'connections',
		help: false,
		helpOffset: 0,
		focus: 'connections',
		cursors: {connections: NO_CURSOR, timeline: NO_CURSOR, requests: NO_CURSOR, stats: NO_CURSOR},
		expandedRequestId: undefined,
		detailOffset: 0,
		sort: 'activity',
		filters: options.filters ?? {errorsOnly: false, category: undefined, route: undefined},
		search: {typing: false, text: '', matches: [], index: 0, scope: 'requests'},
		follow: true,
		held: undefined,
		paused: undefined,
		wrap: false,
		timezone: options.timezone ?? 'local',
		pinnedConnectionId: options.pinnedConnectionId,
		width: options.width,
		height: options.height,
		message: undefined,
		exportRequest: undefined,
		windowStats: initialWindowStats(options.windowStats),
		quit: false,
	};
}

/** Where keys act now. */
export function keyContextOf(state: UiState): KeyContext {
	if (state.help) return 'help';
	if (state.view !== 'connections') return state.view;
	if (state.focus === 'connections') return 'connections';
	return state.expandedRequestId === undefined ? 'timeline' : 'detail';
}
