import {describe, expect, it} from 'vitest';
import {ERROR_CATEGORIES} from '../../source/core/types.js';
import type {LiveModel} from '../../source/ui/model/live-model.js';
import type {CommandName} from '../../source/ui/state/commands.js';
import {helpArea, helpLines} from '../../source/ui/state/help-page.js';
import {selectConnectionsPane} from '../../source/ui/state/select-connections.js';
import {selectStatusBar} from '../../source/ui/state/select-chrome.js';
import {selectRequestsView} from '../../source/ui/state/select-views.js';
import {keyContextOf, type UiState} from '../../source/ui/state/ui-state.js';
import {change, modelWith, wsRequest} from './model-fixtures.js';
import {chatModel, DATA, pagingState, run, smallState} from './state-fixtures.js';

function start(): {model: LiveModel; state: UiState} {
	const model = chatModel();
	return {model, state: run(model, smallState(), DATA)};
}

const connectionIds = (model: LiveModel, state: UiState, height = 20): string[] =>
	selectConnectionsPane(model, state, height).rows.map((row) => row.connectionId);

/** The standing choices, to check that each command changes only its own. */
function choices(state: UiState) {
	return {
		follow: state.follow,
		paused: state.paused !== undefined,
		wrap: state.wrap,
		timezone: state.timezone,
		errorsOnly: state.filters.errorsOnly,
		category: state.filters.category,
		route: state.filters.route,
		sort: state.sort,
		pinned: state.pinnedConnectionId,
	};
}

describe('reduce: toggles', () => {
	it.each<[CommandName, Partial<ReturnType<typeof choices>>]>([
		['follow', {follow: false}],
		['pause', {paused: true}],
		['wrap', {wrap: true}],
		['timezone', {timezone: 'local'}],
		['errorsOnly', {errorsOnly: true}],
		['category', {category: 'authorizer'}],
		['route', {route: '$connect'}],
		['sort', {sort: 'errors'}],
		['pin', {pinned: 'C09'}],
		['stats', {}],
		['requests', {}],
		['help', {}],
		['search', {}],
	])('%s changes only its own choice', (command, changed) => {
		const {model, state} = start();
		expect(choices(run(model, state, command))).toEqual({...choices(state), ...changed});
	});

	it('survive switching views and each other', () => {
		const {model, state} = start();
		const set = run(model, state, 'errorsOnly', 'category', 'category', 'category', 'wrap', 'timezone', 'follow', 'sort');
		const expected = {...choices(state), errorsOnly: true, category: 'integration', wrap: true, timezone: 'local', follow: false, sort: 'errors'};
		expect(choices(set)).toEqual(expected);
		for (const path of [['requests'], ['stats'], ['requests', 'stats', 'back'], ['switchPane', 'requests', 'requests'], ['help', 'back']] as CommandName[][]) {
			expect(choices(run(model, set, ...path))).toEqual(expected);
		}
	});

	it('c cycles through the six categories and off', () => {
		const {model, state} = start();
		const seen = [];
		let current = state;
		for (let press = 0; press < 7; press++) {
			current = run(model, current, 'category');
			seen.push(current.filters.category);
		}

		expect(seen).toEqual([...ERROR_CATEGORIES, undefined]);
	});

	it('r cycles through the routes seen and off', () => {
		const {model, state} = start();
		const seen = [];
		let current = state;
		for (let press = 0; press < 4; press++) {
			current = run(model, current, 'route');
			seen.push(current.filters.route);
		}

		expect(seen).toEqual(['$connect', '$disconnect', 'sendmessage', undefined]);
		expect(run(modelWith([]), smallState(), 'route')).toMatchObject({filters: {route: undefined}, message: 'no routes seen yet'});
	});

	it('filters narrow the lists and keep the selection where they can', () => {
		const {model, state} = start();
		const errors = run(model, state, 'down', 'errorsOnly');
		expect(connectionIds(model, errors)).toEqual(['C03']);
		expect(errors.cursors.connections.selectedId).toBe('C03');
		expect(errors.cursors.timeline.selectedId).toBe('C03-m2');
		expect(connectionIds(model, run(model, state, 'category', 'category'))).toEqual([]);
		expect(connectionIds(model, run(model, state, 'route', 'route'))).toEqual(['C05']);
		expect(selectRequestsView(model, run(model, state, 'route', 'route', 'requests'), 9).rows.map((row) => row.requestId)).toEqual(['C05-bye']);
	});

	it('o cycles the sort: activity, errors, age, messages', () => {
		const {model, state} = start();
		expect(run(model, state, 'sort').sort).toBe('errors');
		expect(connectionIds(model, run(model, state, 'sort'), 3)).toEqual(['C03', 'C09', 'C08']);
		expect(connectionIds(model, run(model, state, 'sort', 'sort'), 3)).toEqual(['C00', 'C01', 'C02']);
		expect(run(model, state, 'sort', 'sort', 'sort', 'sort').sort).toBe('activity');
	});
});

describe('reduce: pause', () => {
	it('freezes the order, counts what arrives, and resumes at the newest', () => {
		const {model, state} = start();
		const paused = run(model, state, 'pause');
		model.apply([
			change(wsRequest('C10-connect', 'C10', 200, 'CONNECT')),
			change(wsRequest('C10-m1', 'C10', 201, 'MESSAGE')),
			change(wsRequest('C00-m4', 'C00', 202, 'MESSAGE')),
		]);
		const later = run(model, paused, DATA);
		expect(later.paused?.newRequests).toBe(3);
		expect(selectStatusBar(model, later).toggles).toContain('paused · 3 new');
		// C10 is not there, C00 has not moved to the top, the selection has not moved.
		expect(connectionIds(model, later)).toEqual(['C09', 'C08', 'C07', 'C06', 'C05', 'C04', 'C03', 'C02', 'C01', 'C00']);
		expect(later.cursors.connections.selectedId).toBe('C09');
		const requests = run(model, later, 'requests');
		expect(selectRequestsView(model, requests, 9)).toMatchObject({total: 41});
		expect(requests.cursors.requests.selectedId).toBe('C09-m3');
		// The timeline of C00 does not show its new message either.
		const c00 = run(model, later, 'bottom', 'switchPane', 'bottom');
		expect(c00.cursors.timeline.selectedId).toBe('C00-m3');

		const resumed = run(model, requests, 'pause');
		expect(resumed).toMatchObject({paused: undefined, follow: true});
		expect(resumed.cursors.requests.selectedId).toBe('C00-m4');
		expect(selectRequestsView(model, resumed, 9).total).toBe(44);
		expect(run(model, resumed, 'back').cursors.connections.selectedId).toBe('C00');
	});

	it('a sort while paused re-orders only what was there at the pause', () => {
		const {model, state} = start();
		const paused = run(model, state, 'pause');
		model.apply([change(wsRequest('C10-x', 'C10', 200, 'MESSAGE', {errors: [{category: 'waf', explanation: 'blocked', message: 'waf'}]}))]);
		const sorted = run(model, paused, DATA, 'sort');
		expect(connectionIds(model, sorted, 3)).toEqual(['C03', 'C09', 'C08']);
	});
});

describe('reduce: pin', () => {
	it('pins the selected connection (lists narrow to it) and unpins', () => {
		const {model, state} = start();
		const pinned = run(model, state, 'down', 'pin');
		expect(pinned.pinnedConnectionId).toBe('C08');
		expect(pinned.message).toBe('pinned C08: only its log lines are read, by polling (p again: all connections)');
		expect(connectionIds(model, pinned)).toEqual(['C08']);
		expect(selectConnectionsPane(model, pinned, 3).rows[0]).toMatchObject({pinned: true, selected: true});
		expect(selectRequestsView(model, run(model, pinned, 'requests'), 9).total).toBe(4);
		expect(selectStatusBar(model, pinned).toggles).toContain('pinned: C08');
		const unpinned = run(model, pinned, 'pin');
		expect(unpinned).toMatchObject({pinnedConnectionId: undefined, message: 'unpinned: all connections again'});
		expect(connectionIds(model, unpinned)).toHaveLength(10);
	});

	it('pins the connection of the selected request in the all-requests view', () => {
		const {model, state} = start();
		expect(run(model, state, 'requests', 'top', 'pin').pinnedConnectionId).toBe('C00');
	});
});

describe('reduce: search', () => {
	const type = (text: string) => ({type: 'search-input', text}) as const;
	const submit = {type: 'search-submit'} as const;

	it('finds text in a request and selects it in its connection', () => {
		const {model, state} = start();
		const typing = run(model, state, 'search', type('b'), type('bo'), type('boom'));
		expect(typing.search).toMatchObject({typing: true, text: 'boom'});
		expect(selectStatusBar(model, typing).search).toBe('/boom');
		const found = run(model, typing, submit);
		expect(found.search).toMatchObject({typing: false, matches: [{id: 'C03-m2', connectionId: 'C03'}], index: 0});
		expect(found.cursors.connections.selectedId).toBe('C03');
		expect(found.cursors.timeline.selectedId).toBe('C03-m2');
		expect(found.follow).toBe(false);
		expect(selectStatusBar(model, found).search).toBe('/boom 1/1');
		expect(selectConnectionsPane(model, found, 10).rows.filter((row) => row.matched).map((row) => row.connectionId)).toEqual(['C03']);
	});

	it('starts at the newest hit; n and N walk the hits and wrap around', () => {
		const {model, state} = start();
		const found = run(model, state, 'search', type('m3'), submit);
		expect(found.search.matches.map((hit) => hit.id)).toEqual(Array.from({length: 10}, (_, n) => `C0${n}-m3`));
		expect([found.search.index, found.cursors.connections.selectedId]).toEqual([9, 'C09']);
		const next = run(model, found, 'nextMatch');
		expect([next.search.index, next.cursors.connections.selectedId, next.cursors.timeline.selectedId]).toEqual([0, 'C00', 'C00-m3']);
		expect(run(model, next, 'previousMatch').search.index).toBe(9);
		expect(run(model, found, 'previousMatch', 'previousMatch').cursors.connections.selectedId).toBe('C07');
	});

	it('matches connection ids, routes and execution text; case does not matter', () => {
		const {model, state} = start();
		expect(run(model, state, 'search', type('c05'), submit).search.matches).toHaveLength(5);
		expect(run(model, state, 'search', type('$DISCONNECT'), submit).search.matches.map((hit) => hit.id)).toEqual(['C05-bye']);
		expect(run(model, state, 'search', type('status: 502'), submit).search.matches.map((hit) => hit.id)).toEqual(['C03-m2']);
	});

	it('in the all-requests view, selects the hit there', () => {
		const {model, state} = start();
		const found = run(model, state, 'requests', 'search', type('m2'), submit, 'previousMatch');
		expect(found.view).toBe('requests');
		expect(found.cursors.requests.selectedId).toBe('C08-m2');
		const rows = selectRequestsView(model, found, 9).rows;
		expect(rows.filter((row) => row.selected).map((row) => row.requestId)).toEqual(['C08-m2']);
		expect(rows.filter((row) => row.matched).map((row) => row.requestId)).toEqual(['C08-m2', 'C09-m2']);
	});

	it('in the stats view, scrolls to the matching route', () => {
		const model = modelWith(Array.from({length: 12}, (_, index) => wsRequest(`r${index}`, 'C', index, 'MESSAGE', {routeKey: `route${String(index).padStart(2, '0')}`})));
		const found = run(model, pagingState(), DATA, 'stats', 'search', type('route05'), submit);
		expect(found.search).toMatchObject({scope: 'routes', matches: [{id: 'a1b2c3d4e5/prod route05'}]});
		expect(found.cursors.stats.offset).toBe(3);
		expect(run(model, found, 'back', 'nextMatch').message).toBe('press / to search');
	});

	it('says when nothing matches, and Esc / cancel clear the search', () => {
		const {model, state} = start();
		const none = run(model, state, 'search', type('nothing'), submit);
		expect(none).toMatchObject({message: 'no match for "nothing"', search: {text: 'nothing', matches: []}});
		expect(selectStatusBar(model, none).search).toBe('/nothing 0/0');
		expect(run(model, none, 'nextMatch').message).toBe('no match for "nothing"');
		expect(run(model, none, 'back').search).toMatchObject({text: '', matches: [], typing: false});
		expect(run(model, state, 'search', type('x'), {type: 'search-cancel'}).search).toMatchObject({text: '', typing: false});
		expect(run(model, state, 'search', type('   '), submit).search).toMatchObject({text: '', typing: false});
		expect(run(model, state, 'nextMatch').message).toBe('press / to search');
	});

	it('strips control characters from what is typed or pasted', () => {
		const {model, state} = start();
		expect(run(model, state, 'search', type('bo\u001B[31mom')).search.text).toBe('boom');
		// eslint-disable-next-line no-control-regex
		expect(run(model, state, 'search', type('a\u0007\u009B2Jb\u001B]0;title\u0007')).search.text).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);
	});
});

describe('reduce: help and quit', () => {
	it('help covers everything until closed; q quits from anywhere', () => {
		const {model, state} = start();
		const help = run(model, state, 'help');
		expect(keyContextOf(help)).toBe('help');
		expect(run(model, help, 'errorsOnly', 'requests', 'switchPane', 'open')).toEqual(help);
		expect(run(model, help, 'back').help).toBe(false);
		expect(run(model, help, 'help').help).toBe(false);
		expect(run(model, help, 'quit').quit).toBe(true);
		expect(run(model, state, 'quit').quit).toBe(true);
	});

	it('the move keys scroll help within its lines; it opens at the top again', () => {
		const {model} = start();
		const help = run(model, {...start().state, width: 80, height: 24}, 'help');
		const {width, rows} = helpArea(80, 24);
		const last = helpLines(width).length - rows;
		expect(last).toBeGreaterThan(0);
		expect(run(model, help, 'down', 'down', 'up').helpOffset).toBe(1);
		expect(run(model, help, 'up').helpOffset).toBe(0);
		expect(run(model, help, 'pageDown').helpOffset).toBe(Math.min(rows, last));
		expect(run(model, help, 'bottom').helpOffset).toBe(last);
		expect(run(model, help, 'bottom', 'down', 'pageDown').helpOffset).toBe(last);
		expect(run(model, help, 'bottom', 'top').helpOffset).toBe(0);
		expect(run(model, help, 'bottom', 'help', 'help').helpOffset).toBe(0);
		const taller = run(model, run(model, help, 'bottom'), {type: 'resize', width: 80, height: 40});
		expect(taller.helpOffset).toBe(Math.max(0, helpLines(80).length - helpArea(80, 40).rows));
	});

	it('clear-message removes the transient message', () => {
		const {model, state} = start();
		const pinned = run(model, state, 'pin');
		expect(pinned.message).toBeDefined();
		expect(run(model, pinned, {type: 'clear-message'}).message).toBeUndefined();
	});
});
