import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import type {LiveModel} from '../../source/ui/model/live-model.js';
import type {CommandName} from '../../source/ui/state/commands.js';
import {layoutFor} from '../../source/ui/state/page-sizes.js';
import {selectConnectionsPane, selectTimelinePane} from '../../source/ui/state/select-connections.js';
import {selectRequestsView} from '../../source/ui/state/select-views.js';
import {keyContextOf, type UiAction, type UiState} from '../../source/ui/state/ui-state.js';
import {change, modelWith, requestView, T0, wsRequest} from './model-fixtures.js';
import {chatModel, DATA, pagingState, run, smallState} from './state-fixtures.js';

/** Connections list 3 rows, timeline 6, all requests 11 (80x16). */
function start(): {model: LiveModel; state: UiState} {
	const model = chatModel();
	return {model, state: run(model, pagingState(), DATA)};
}

describe('reduce: the connections list (3 rows), newest activity first', () => {
	it('starts following: the newest connection and its newest request are selected', () => {
		const {state} = start();
		expect(state.follow).toBe(true);
		expect(state.cursors.connections).toEqual({selectedId: 'C09', index: 0, offset: 0});
		expect(state.cursors.timeline).toEqual({selectedId: 'C09-m3', index: 3, offset: 0});
	});

	it.each<[string, CommandName[], {selectedId: string; index: number; offset: number}, boolean]>([
		['down', ['down'], {selectedId: 'C08', index: 1, offset: 0}, false],
		['three downs scroll one row', ['down', 'down', 'down'], {selectedId: 'C06', index: 3, offset: 1}, false],
		['page down moves selection and window by a page', ['pageDown'], {selectedId: 'C06', index: 3, offset: 3}, false],
		['pages stop at the end', ['pageDown', 'pageDown', 'pageDown', 'pageDown'], {selectedId: 'C00', index: 9, offset: 7}, false],
		['bottom', ['bottom'], {selectedId: 'C00', index: 9, offset: 7}, false],
		['page up from the bottom', ['bottom', 'pageUp'], {selectedId: 'C03', index: 6, offset: 4}, false],
		['top again follows', ['bottom', 'top'], {selectedId: 'C09', index: 0, offset: 0}, true],
		// Only g follows again: a row reached step by step is one to read.
		['back up to the newest holds', ['down', 'up'], {selectedId: 'C09', index: 0, offset: 0}, false],
		['up at the top holds', ['up'], {selectedId: 'C09', index: 0, offset: 0}, false],
		['within the window the window stays', ['bottom', 'up', 'up'], {selectedId: 'C02', index: 7, offset: 7}, false],
	])('%s', (_name, commands, cursor, follow) => {
		const {model, state} = start();
		const after = run(model, state, ...commands);
		expect(after.cursors.connections).toEqual(cursor);
		expect(after.follow).toBe(follow);
	});

	it('a newly selected connection shows its newest request', () => {
		const {model, state} = start();
		expect(run(model, state, 'down').cursors.timeline).toMatchObject({selectedId: 'C08-m3', index: 3});
	});
});

describe('reduce: the timeline (6 rows), oldest first', () => {
	it.each<[string, CommandName[], string, boolean]>([
		['focus keeps the newest, held', ['switchPane'], 'C09-m3', false],
		['up stops following', ['switchPane', 'up'], 'C09-m2', false],
		['up past the top stays at the first', ['switchPane', 'up', 'up', 'up', 'up', 'up'], 'C09-connect', false],
		['G follows again', ['switchPane', 'top', 'bottom'], 'C09-m3', true],
		['f follows again', ['switchPane', 'up', 'up', 'follow'], 'C09-m3', true],
		['Enter on a connection focuses its timeline', ['down', 'open', 'up'], 'C08-m2', false],
	])('%s', (_name, commands, selected, follow) => {
		const {model, state} = start();
		const after = run(model, state, ...commands);
		expect(keyContextOf(after)).toBe('timeline');
		expect(after.cursors.timeline.selectedId).toBe(selected);
		expect(after.follow).toBe(follow);
	});

	it('G in an older connection tails that connection; the newest connection does not take over', () => {
		const {model, state} = start();
		const tailing = run(model, state, 'bottom', 'switchPane', 'up', 'bottom');
		expect(tailing).toMatchObject({follow: true, cursors: {connections: {selectedId: 'C00'}, timeline: {selectedId: 'C00-m3'}}});
		model.apply([change(wsRequest('C05-m9', 'C05', 300, 'MESSAGE')), change(wsRequest('C00-m4', 'C00', 301, 'MESSAGE'))]);
		const after = run(model, tailing, DATA);
		expect(after.cursors.connections.selectedId).toBe('C00');
		expect(after.cursors.timeline.selectedId).toBe('C00-m4');
		// Back in the list, the connection stays selected until g.
		model.apply([change(wsRequest('C05-m10', 'C05', 302, 'MESSAGE'))]);
		const back = run(model, after, 'switchPane', DATA);
		expect([back.cursors.connections.selectedId, back.follow]).toEqual(['C00', false]);
		expect(run(model, back, 'top').cursors.connections.selectedId).toBe('C05');
	});

	it('opens a request, scrolls its lines (3 rows), and closes back step by step', () => {
		const {model, state} = start();
		// C03 is 7th newest; its second message has 5 execution lines and 4 access fields.
		const opened = run(model, state, 'bottom', 'pageUp', 'open', 'up', 'open');
		expect(opened.cursors.connections.selectedId).toBe('C03');
		expect(opened.expandedRequestId).toBe('C03-m2');
		expect(keyContextOf(opened)).toBe('detail');
		expect(opened.follow).toBe(false);
		expect(run(model, opened, 'down').detailOffset).toBe(1);
		expect(run(model, opened, 'pageDown').detailOffset).toBe(3);
		expect(run(model, opened, 'bottom').detailOffset).toBe(6);
		expect(run(model, opened, 'bottom', 'up', 'top').detailOffset).toBe(0);
		// The selection does not move while the lines scroll.
		expect(run(model, opened, 'down', 'down').cursors.timeline.selectedId).toBe('C03-m2');
		const closed = run(model, opened, 'down', 'back');
		expect([closed.expandedRequestId, closed.detailOffset, keyContextOf(closed)]).toEqual([undefined, 0, 'timeline']);
		expect(keyContextOf(run(model, closed, 'back'))).toBe('connections');
		// Enter on the open request closes it too.
		expect(run(model, opened, 'open').expandedRequestId).toBeUndefined();
	});

	it('f while a request is open closes it and jumps to the newest', () => {
		const {model, state} = start();
		const after = run(model, state, 'switchPane', 'up', 'open', 'follow');
		expect(after).toMatchObject({expandedRequestId: undefined, follow: true});
		expect(after.cursors.timeline.selectedId).toBe('C09-m3');
	});
});

describe('reduce: new data', () => {
	it('following, the newest connection and request are selected as they arrive', () => {
		const {model, state} = start();
		model.apply([change(wsRequest('C02-m4', 'C02', 100, 'MESSAGE'))]);
		const after = run(model, state, DATA);
		expect(after.cursors.connections).toMatchObject({selectedId: 'C02', index: 0});
		expect(after.cursors.timeline).toMatchObject({selectedId: 'C02-m4', index: 4});
	});

	it('not following, the selection stays on its item while rows arrive above it', () => {
		const {model, state} = start();
		const moved = run(model, state, 'down', 'down');
		model.apply([change(wsRequest('C02-m4', 'C02', 100, 'MESSAGE')), change(wsRequest('X-connect', 'X', 101, 'CONNECT'))]);
		const after = run(model, moved, DATA);
		// The order is held: C07 stays on its row; the two active connections are counted above.
		expect(after.cursors.connections).toMatchObject({selectedId: 'C07', index: 2, offset: 0});
		expect(after.follow).toBe(false);
		expect(selectConnectionsPane(model, after, 3).newActivity).toBe('2');
		const top = run(model, after, 'top');
		expect(top.cursors.connections).toMatchObject({selectedId: 'X', index: 0});
		expect(selectConnectionsPane(model, top, 3).newActivity).toBeUndefined();
	});

	it('an evicted selection falls back to the same position', () => {
		const model = modelWith(
			[wsRequest('a', 'A', 1, 'CONNECT'), wsRequest('b', 'B', 2, 'CONNECT'), wsRequest('c', 'C', 3, 'CONNECT')],
			{maxRequests: 100, maxConnections: 3},
		);
		const state = run(model, smallState(), DATA, 'down');
		expect(state.cursors.connections.selectedId).toBe('B');
		model.apply([change(wsRequest('b2', 'B', 4, 'MESSAGE'))]);
		model.apply([change(wsRequest('d', 'D', 5, 'CONNECT')), change(wsRequest('e', 'E', 6, 'CONNECT'))]);
		// A and C went; the held list (C, B, A) keeps B, still selected by id; E and D wait above as new.
		expect(run(model, state, DATA).cursors.connections).toMatchObject({selectedId: 'B', index: 0});
		model.apply([change(wsRequest('f', 'F', 7, 'CONNECT')), change(wsRequest('g', 'G', 8, 'CONNECT')), change(wsRequest('h', 'H', 9, 'CONNECT'))]);
		// B went too; after g the list is H, G, F again.
		expect(run(model, state, DATA, 'top').cursors.connections).toMatchObject({selectedId: 'H', index: 0});
	});
});

describe('reduce: the all-requests view (11 rows), oldest first', () => {
	it('follows the newest, stops on up, keeps its item as data arrives, and G follows again', () => {
		const {model, state} = start();
		const opened = run(model, state, 'requests');
		expect(opened.view).toBe('requests');
		expect(opened.cursors.requests).toEqual({selectedId: 'C09-m3', index: 40, offset: 30});
		const up = run(model, opened, 'up');
		expect([up.cursors.requests.selectedId, up.follow]).toEqual(['C09-m2', false]);
		model.apply([change(wsRequest('late', 'C01', 200, 'MESSAGE')), change(requestView({requestId: 'rest', firstTimestamp: T0}))]);
		const afterData = run(model, up, DATA);
		expect(afterData.cursors.requests).toMatchObject({selectedId: 'C09-m2', index: 40});
		expect(run(model, afterData, 'bottom')).toMatchObject({follow: true, cursors: {requests: {selectedId: 'late', index: 42}}});
	});

	it('Enter opens the request in its connection timeline', () => {
		const {model, state} = start();
		const opened = run(model, state, 'requests', 'up', 'open');
		expect(opened).toMatchObject({view: 'connections', focus: 'timeline', expandedRequestId: 'C09-m2', follow: false});
		expect(opened.cursors.connections.selectedId).toBe('C09');
		expect(opened.cursors.timeline.selectedId).toBe('C09-m2');
	});

	it('Enter on a request without a connection says so', () => {
		const model = modelWith([requestView({requestId: 'rest'})]);
		const after = run(model, smallState(), DATA, 'requests', 'open');
		expect(after.view).toBe('requests');
		expect(after.message).toBe('this request has no connection to open it in');
	});
});

describe('reduce: stats (9 rows) scroll', () => {
	it('moves the window within the routes', () => {
		const model = modelWith(Array.from({length: 12}, (_, index) => wsRequest(`r${index}`, 'C', index, 'MESSAGE', {routeKey: `route${String(index).padStart(2, '0')}`})));
		const stats = run(model, pagingState(), DATA, 'stats');
		expect(run(model, stats, 'down').cursors.stats.offset).toBe(1);
		expect(run(model, stats, 'bottom').cursors.stats.offset).toBe(3);
		expect(run(model, stats, 'pageDown', 'pageDown').cursors.stats.offset).toBe(3);
		expect(run(model, stats, 'bottom', 'top').cursors.stats.offset).toBe(0);
		expect(run(model, stats, 'bottom', 'up').cursors.stats.offset).toBe(2);
	});
});

describe('reduce: resize', () => {
	it('clamps the window to the new size and keeps the selection on screen', () => {
		const {model, state} = start();
		const bottom = run(model, state, 'bottom');
		expect(bottom.cursors.connections.offset).toBe(7);
		// 23 rows: 6 connection rows; the window cannot start past 10 - 6.
		expect(run(model, bottom, {type: 'resize', width: 80, height: 23}).cursors.connections).toEqual({selectedId: 'C00', index: 9, offset: 4});
		const tall = run(model, state, {type: 'resize', width: 80, height: 23}, 'down', 'down', 'down', 'down', 'down');
		expect(tall.cursors.connections).toEqual({selectedId: 'C04', index: 5, offset: 0});
		expect(run(model, tall, {type: 'resize', width: 80, height: 16}).cursors.connections).toEqual({selectedId: 'C04', index: 5, offset: 3});
	});

	it('clamps the open request scroll', () => {
		const {model, state} = start();
		const opened = run(model, state, {type: 'resize', width: 80, height: 16}, 'bottom', 'pageUp', 'open', 'up', 'open', 'bottom');
		expect(opened.detailOffset).toBe(6);
		// 39 rows: timeline 20 rows, 6 for the requests, a heading and 13 for its 9 lines: no scrolling left.
		expect(run(model, opened, {type: 'resize', width: 80, height: 39}).detailOffset).toBe(0);
	});
});

const NAVIGATION: Array<CommandName | UiAction> = [
	'up',
	'down',
	'pageUp',
	'pageDown',
	'top',
	'bottom',
	'switchPane',
	'open',
	'back',
	'requests',
	'follow',
	'errorsOnly',
	{type: 'resize', width: 80, height: 14},
	{type: 'resize', width: 70, height: 30},
	{type: 'resize', width: 160, height: 20},
];

describe('reduce: windowing, whatever the keys', () => {
	it('always shows exactly one selected row in every non-empty list on screen', () => {
		fc.assert(
			fc.property(fc.array(fc.constantFrom(...NAVIGATION), {maxLength: 40}), (actions) => {
				const model = chatModel();
				let state = run(model, smallState(), DATA);
				for (const action of actions) {
					state = run(model, state, action);
					const layout = layoutFor(state.width, state.height);
					const lists =
						state.view === 'requests'
							? [selectRequestsView(model, state, layout.requests.rows)]
							: [
									selectConnectionsPane(model, state, layout.connections.rows),
									selectTimelinePane(model, state, layout.timeline.rows),
								];
					for (const list of lists) {
						if (list.total === 0) continue;
						expect(list.rows.filter((row) => row.selected)).toHaveLength(1);
						expect(list.rows.length).toBeLessThanOrEqual(Math.max(layout.connections.rows, layout.timeline.rows, layout.requests.rows));
					}
				}
			}),
			{numRuns: 100},
		);
	});
});
