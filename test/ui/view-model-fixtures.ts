// Small hand-built view models for the component tests (what the selectors would hand over), and
// helpers that check a rendered frame stays inside its box.

import {Text} from 'ink';
import {isValidElement, type ReactNode} from 'react';
import {expect} from 'vitest';
import {ERROR_CATEGORIES, type ErrorCategory} from '../../source/core/types.js';
import {cellWidth} from '../../source/ui/components/cells.js';
import type {
	ConnectionRow,
	ConnectionsPaneView,
	DetailLine,
	HeaderView,
	HelpView,
	RequestRow,
	RequestsView,
	RouteStatsRow,
	StatsView,
	StatusBarView,
	TimelinePaneView,
	TimelineRow,
} from '../../source/ui/view-models.js';

export function errorCounts(counts: Partial<Record<ErrorCategory, number>> = {}): Record<ErrorCategory, number> {
	return Object.fromEntries(ERROR_CATEGORIES.map((category) => [category, counts[category] ?? 0])) as Record<
		ErrorCategory,
		number
	>;
}

export function headerView(overrides: Partial<HeaderView> = {}): HeaderView {
	return {
		source: 'chat-demo (a1b2c3d4e5)',
		stage: 'prod',
		region: 'eu-west-1',
		transport: 'live',
		sampled: false,
		throttled: false,
		lagMs: 1200,
		eventsPerSecond: 43,
		errorCounts: errorCounts({integration: 5, authorizer: 2}),
		settlingErrors: 0,
		revisedErrors: 0,
		clock: '14:03:07 UTC',
		evicted: 0,
		unparsed: 0,
		...overrides,
	};
}

export function connectionRow(overrides: Partial<ConnectionRow> = {}): ConnectionRow {
	const connectionId = overrides.connectionId ?? 'L0SM9cOFvHcCIhw=';
	return {
		connectionId,
		shortId: connectionId.slice(0, 8),
		state: 'open',
		ageText: '3m12s',
		messageCount: 12,
		lastRoute: 'sendmessage',
		errorCategories: [],
		errorTotal: 0,
		errorCounts: errorCounts(),
		rejection: undefined,
		selected: false,
		pinned: false,
		matched: false,
		...overrides,
	};
}

/** Connections with distinct ids; row `selected` (index) is the selected one. */
export function connectionsPane(count: number, overrides: Partial<ConnectionsPaneView> = {}, selected = 0): ConnectionsPaneView {
	const rows = Array.from({length: count}, (_, index) =>
		connectionRow({
			connectionId: `C${String(index).padStart(3, '0')}onnId${index % 7}Xw=`,
			messageCount: index * 3,
			selected: index === selected,
		}),
	);
	return {rows, total: 1204, offset: 11, sort: 'activity', filterNote: undefined, newActivity: undefined, focused: true, ...overrides};
}

export function timelineRow(overrides: Partial<TimelineRow> = {}): TimelineRow {
	return {
		requestId: 'a1b2c3d4-0000-4000-8000-000000000001',
		time: '14:03:07.123',
		eventType: 'MESSAGE',
		eventLabel: 'MESSAGE',
		route: 'sendmessage',
		status: 200,
		latencyText: '35ms',
		errorCategories: [],
		explanation: '',
		selected: false,
		expanded: false,
		matched: false,
		pending: false,
		...overrides,
	};
}

export const FAILED_REQUEST: Partial<TimelineRow> = {
	requestId: 'a1b2c3d4-0000-4000-8000-000000000002',
	status: 502,
	latencyText: '29,001ms',
	errorCategories: ['integration'],
	explanation: 'the integration timed out after 29 s: the Lambda function did not answer in time',
};

export function detailLine(overrides: Partial<DetailLine> = {}): DetailLine {
	return {time: '14:03:07.125', kind: 'integration', text: 'Sending request to https://lambda.eu-west-1.amazonaws.com/...', isError: false, ...overrides};
}

export function timelinePane(overrides: Partial<TimelinePaneView> = {}): TimelinePaneView {
	return {
		connectionId: 'L0SM9cOFvHcCIhw=',
		title: 'L0SM9cOFvHcCIhw= · open · 3m12s',
		rows: [
			timelineRow({requestId: 'r-connect', eventType: 'CONNECT', eventLabel: 'CONNECT', route: '$connect', latencyText: '12ms'}),
			timelineRow({requestId: 'r-message', selected: true}),
			timelineRow({...FAILED_REQUEST, requestId: 'r-failed'}),
			timelineRow({requestId: 'r-pending', status: undefined, latencyText: '-', pending: true}),
		],
		total: 4,
		offset: 0,
		detail: undefined,
		focused: true,
		wrap: false,
		...overrides,
	};
}

export function requestRow(overrides: Partial<RequestRow> = {}): RequestRow {
	return {...timelineRow(), connectionId: 'L0SM9cOFvHcCIhw=', ...overrides};
}

export function requestsView(overrides: Partial<RequestsView> = {}): RequestsView {
	return {
		rows: [
			requestRow({requestId: 'q1', connectionId: 'AAAAAAAAconn1=', eventType: 'CONNECT', eventLabel: 'CONNECT', route: '$connect'}),
			requestRow({requestId: 'q2', connectionId: 'BBBBBBBBconn2=', selected: true}),
			requestRow({...FAILED_REQUEST, requestId: 'q3', connectionId: 'CCCCCCCCconn3='}),
		],
		total: 3,
		offset: 0,
		wrap: false,
		...overrides,
	};
}

export function routeStats(overrides: Partial<RouteStatsRow> = {}): RouteStatsRow {
	return {
		route: 'sendmessage',
		requests: 1520,
		connects: 0,
		messages: 1520,
		errors: errorCounts({integration: 4, throttle: 12}),
		p50: 35,
		p95: 180,
		p99: 1210,
		latencyShape: [7, 5, 2, 1, 0, 0, 1, 0],
		...overrides,
	};
}

export function statsView(overrides: Partial<StatsView> = {}): StatsView {
	return {
		rows: [
			routeStats({route: '$connect', requests: 240, connects: 240, messages: 0, errors: errorCounts({authorizer: 3}), p50: 12, p95: 40, p99: 90}),
			routeStats(),
			routeStats({route: '$disconnect', requests: 230, connects: 0, messages: 0, errors: errorCounts(), p50: null, p95: null, p99: null, latencyShape: []}),
		],
		totals: routeStats({
			route: 'total',
			requests: 1990,
			connects: 240,
			messages: 1520,
			errors: errorCounts({authorizer: 3, integration: 4, throttle: 12}),
			p50: null,
			p95: null,
			p99: null,
			latencyShape: [],
		}),
		total: 3,
		offset: 0,
		functions: {rows: [], total: 0},
		...overrides,
	};
}

export function statusBar(overrides: Partial<StatusBarView> = {}): StatusBarView {
	return {
		hints: [
			{key: 'j/k', action: 'move', rank: 1},
			{key: '⏎', action: 'open', rank: 1},
			{key: 'tab', action: 'pane', rank: 2},
			{key: '/', action: 'search', rank: 2},
			{key: 'f', action: 'follow', rank: 4},
			{key: 'e', action: 'errors only', rank: 3},
			{key: 'w', action: 'wrap', rank: 5},
			{key: '?', action: 'help', rank: 0},
			{key: 'q', action: 'quit', rank: 0},
		],
		toggles: ['follow', 'UTC'],
		search: undefined,
		message: undefined,
		...overrides,
	};
}

/** Help scrolled to show keys 3-5 of 9: two sections. */
export function helpView(overrides: Partial<HelpView> = {}): HelpView {
	return {
		lines: [
			{kind: 'key', key: 'k3', text: 'action three', keyNumber: 3},
			{kind: 'key', key: '', text: 'more of three', keyNumber: 3},
			{kind: 'key', key: 'k4', text: 'action four', keyNumber: 4},
			{kind: 'blank', key: '', text: ''},
			{kind: 'title', key: '', text: 'Section 2'},
			{kind: 'key', key: 'long/k5', text: 'action five', keyNumber: 5},
		],
		keyWidth: 7,
		firstKey: 3,
		lastKey: 5,
		totalKeys: 9,
		...overrides,
	};
}

/** The frame's lines (Ink trims trailing spaces, so widths are upper bounds of what was drawn). */
export function linesOf(frame: string | undefined): string[] {
	return (frame ?? '').split('\n');
}

/** Nothing drawn outside the component's box. */
export function expectInside(frame: string | undefined, width: number, height: number): string[] {
	const lines = linesOf(frame);
	expect(lines.length).toBeLessThanOrEqual(Math.max(1, height));
	for (const line of lines) expect(cellWidth(line), line).toBeLessThanOrEqual(width);
	return lines;
}

export interface DrawnText {
	/** The props Ink's <Text> got, children aside. */
	props: Record<string, unknown>;
	/** Its text, nested runs included. */
	text: string;
}

function plainText(node: ReactNode): string {
	if (typeof node === 'string' || typeof node === 'number') return String(node);
	if (Array.isArray(node)) return node.map(plainText).join('');
	if (isValidElement<{children?: ReactNode}>(node)) return plainText(node.props.children);
	return '';
}

/**
 * Every <Text> a component tree hands to Ink, with its props: styles are invisible in test frames
 * (FORCE_COLOR=0), so this is how a test sees what a theme made of a row. Our components are plain
 * functions of their props, so they can be called directly.
 */
export function drawnTexts(node: ReactNode): DrawnText[] {
	const found: DrawnText[] = [];
	const visit = (current: ReactNode): void => {
		if (Array.isArray(current)) {
			for (const child of current) visit(child);
			return;
		}

		if (!isValidElement<{children?: ReactNode}>(current)) return;
		const {children, ...props} = current.props;
		if (current.type === Text) {
			found.push({props, text: plainText(children)});
			visit(children);
		} else if (typeof current.type === 'function') {
			visit((current.type as (props: unknown) => ReactNode)(current.props));
		} else {
			visit(children);
		}
	};

	visit(node);
	return found;
}
