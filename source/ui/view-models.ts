// What the terminal UI's components draw: plain, already-decided data (texts, counts, flags), one type
// per component. Selectors (ui/state/select-*.ts) build these from the model and the UI state; the
// components (ui/components/) only lay them out. Nothing here is raw log text: every string that came
// from a log has been through sanitizeLine already.

import type {ConnectionState} from '../core/connection-tally.js';
import type {ErrorCategory, EventType} from '../core/types.js';

export type ViewName = 'connections' | 'requests' | 'stats';
export type PaneName = 'connections' | 'timeline';
export type ConnectionSort = 'activity' | 'errors' | 'age' | 'messages';

export interface HeaderView {
	/** "chat-demo (a1b2c3d4e5)" or the log group names, or the replayed files. */
	source: string;
	stage: string | undefined;
	region: string | undefined;
	/** live / polling / reconnecting / backfill / stopped / replay / end of input. */
	transport: string;
	/** Shown as visible warnings, not just colour. */
	sampled: boolean;
	throttled: boolean;
	lagMs: number | undefined;
	eventsPerSecond: number;
	/** Settled requests with an error of each category: counts that only a revision can lower. */
	errorCounts: Record<ErrorCategory, number>;
	/** Requests with errors still settling (not counted yet), and counts revisions took back. */
	settlingErrors: number;
	revisedErrors: number;
	/** Clock text in the chosen time zone ("14:03:07 UTC"). */
	clock: string;
	/** Counted evictions / unparsed lines, shown so nothing is lost silently. */
	evicted: number;
	unparsed: number;
}

export interface ConnectionRow {
	connectionId: string;
	/** Short id for narrow terminals (first 8 characters). */
	shortId: string;
	state: ConnectionState;
	/** "3m12s" (open: age; closed: duration; rejected: `-`, it never lived). */
	ageText: string;
	messageCount: number;
	lastRoute: string;
	errorCategories: ErrorCategory[];
	/** Its errors (one per category per request): what "by errors" ranks by. */
	errorTotal: number;
	/** Requests with an error of each category. */
	errorCounts: Record<ErrorCategory, number>;
	/** A rejected connection: why its $connect failed ("authorizer denied the $connect: 401") and how long that took. */
	rejection: {explanation: string; latencyText: string} | undefined;
	selected: boolean;
	pinned: boolean;
	/** Matches the current search. */
	matched: boolean;
}

export interface ConnectionsPaneView {
	rows: ConnectionRow[];
	/** Rows in the whole (filtered) list and the index of the first visible one, for a scroll indicator. */
	total: number;
	offset: number;
	sort: ConnectionSort;
	/** What the filters keep, with counts: "with a $connect request: 51 of 51"; undefined when none is on. */
	filterNote: string | undefined;
	/** Connections active since the order was held ("12", "999+"), shown as "↑ 12 new" until `g`; undefined when none. */
	newActivity: string | undefined;
	focused: boolean;
}

export interface TimelineRow {
	requestId: string;
	time: string;
	eventType: EventType | undefined;
	/** CONNECT / MESSAGE / DISCONNECT / `?` */
	eventLabel: string;
	route: string;
	status: number | undefined;
	latencyText: string;
	errorCategories: ErrorCategory[];
	/** Explanations joined, one line. */
	explanation: string;
	selected: boolean;
	expanded: boolean;
	matched: boolean;
	/** Still settling (its lines may not all be there yet). */
	pending: boolean;
	/** Its Lambda invocations' mark, `λ err cold` (presentation/lambda-format.ts); failed when one did not succeed. */
	lambda?: {text: string; failed: boolean} | undefined;
}

export interface DetailLine {
	time: string;
	/** Execution line kind, or `access` for access fields. */
	kind: string;
	text: string;
	/** The line that carries an error's evidence. */
	isError: boolean;
	/** A Lambda invocation's first line (function, outcome, duration): drawn to stand out among the lines. */
	heading?: boolean | undefined;
}

export interface TimelinePaneView {
	connectionId: string | undefined;
	title: string;
	rows: TimelineRow[];
	total: number;
	offset: number;
	/** The expanded request's execution lines and access fields, windowed, when one is expanded. */
	detail: {requestId: string; lines: DetailLine[]; total: number; offset: number} | undefined;
	focused: boolean;
	wrap: boolean;
}

export interface RequestRow extends TimelineRow {
	connectionId: string;
}

export interface RequestsView {
	rows: RequestRow[];
	total: number;
	offset: number;
	wrap: boolean;
}

export interface RouteStatsRow {
	route: string;
	requests: number;
	connects: number;
	messages: number;
	errors: Record<ErrorCategory, number>;
	p50: number | null;
	p95: number | null;
	p99: number | null;
	/** Integration latency distribution as a small sparkline of bucket heights (0..7), left = fast; empty without latencies. */
	latencyShape: number[];
}

/** One Lambda function's figures (core/lambda/function-stats.ts); durations in whole milliseconds. */
export interface FunctionStatsRow {
	function: string;
	invocations: number;
	coldStarts: number;
	errors: number;
	timeouts: number;
	/** The runtime crashed (out of memory, killed). */
	failures: number;
	p50: number | null;
	p95: number | null;
	p99: number | null;
}

export interface StatsView {
	rows: RouteStatsRow[];
	/** Every route of the (filtered) list added up, not only the rows shown; no percentiles (they do not add). */
	totals: RouteStatsRow;
	total: number;
	offset: number;
	/** The table under the routes: the functions it has room for, of `total` (the filters do not narrow it). */
	functions: {rows: FunctionStatsRow[]; total: number};
	/** Window mode (ui/state/window-stats.ts): which window and who counted it, and the run's progress, cost or error. */
	window?: {title: string; note: {text: string; error: boolean}; counted: boolean} | undefined;
}

/** One status-bar hint: "j/k move". */
export interface KeyHint {
	key: string;
	action: string;
	/** The highest rank gives way first when room is short; rank 0 (help, quit) never does. */
	rank: number;
}

export interface StatusBarView {
	/** Key hints of the current view, from the key table, in its order. */
	hints: KeyHint[];
	/** Toggles that are on, always visible: "follow", "paused · 12 new", "errors only", "category: waf", "route: $connect", "wrap", "UTC". */
	toggles: string[];
	/** The search prompt while typing, or the active search with its match position ("/sendmessage 2/7"). */
	search: string | undefined;
	/** A transient message ("no match", "exported to ...", "terminal too small"). */
	message: string | undefined;
}

/** One line of the help screen. */
export interface HelpLine {
	kind: 'title' | 'key' | 'blank';
	/** The keys on a key's first line; '' on its continuation lines, titles and blanks. */
	key: string;
	text: string;
	/** 1-based position of the key in help's order, on each of its lines. */
	keyNumber?: number;
}

export interface HelpView {
	/** The lines on screen (ui/state/help-page.ts). */
	lines: HelpLine[];
	/** Cells of the key column. */
	keyWidth: number;
	/** The keys on screen, 1-based, of `totalKeys`: "1-15 of 28". */
	firstKey: number;
	lastKey: number;
	totalKeys: number;
}
