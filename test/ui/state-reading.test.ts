// Reading while it moves (issue 10): filters, sorts and new data never move what the user reads.

import {describe, expect, it} from 'vitest';
import {selectConnectionsPane, selectTimelinePane} from '../../source/ui/state/select-connections.js';
import {selectStatusBar} from '../../source/ui/state/select-chrome.js';
import {change, failure, modelWith, wsRequest} from './model-fixtures.js';
import {chatModel, DATA, pagingState, run, smallState} from './state-fixtures.js';

/** Connections list 3 rows, timeline 6 (80x16). */
function start() {
	const model = chatModel();
	return {model, state: run(model, pagingState(), DATA)};
}

describe('filters keep the selection', () => {
	it('e keeps a connection that still matches, and the timeline says "1 of 4"', () => {
		const {model, state} = start();
		const onC03 = run(model, state, 'bottom', 'pageUp');
		expect(onC03.cursors.connections.selectedId).toBe('C03');
		const errorsOnly = run(model, onC03, 'errorsOnly');
		expect(errorsOnly.cursors.connections.selectedId).toBe('C03');
		expect(selectTimelinePane(model, errorsOnly, 5).title).toBe('C03 · open · 1 of 4 requests');
		expect(selectConnectionsPane(model, errorsOnly, 3).filterNote).toBe('with errors: 1 of 10');
	});

	it('e on a connection without errors takes the nearest match, not the newest', () => {
		const model = modelWith([
			wsRequest('a', 'A', 1, 'CONNECT', {status: 500, errors: [failure('integration', 'boom')]}),
			wsRequest('b', 'B', 2, 'CONNECT'),
			wsRequest('c', 'C', 3, 'CONNECT'),
			wsRequest('d', 'D', 4, 'CONNECT', {status: 500, errors: [failure('integration', 'boom')]}),
			wsRequest('e', 'E', 5, 'CONNECT'),
		]);
		// Newest first: E D C B A; C is the third row, B (one below) is not a match, A (two below) and D (one above) are.
		const onC = run(model, smallState(), DATA, 'down', 'down');
		expect(onC.cursors.connections.selectedId).toBe('C');
		expect(run(model, onC, 'errorsOnly').cursors.connections.selectedId).toBe('D');
	});

	it('the route filter says what it keeps', () => {
		const {model, state} = start();
		const connects = run(model, state, 'route');
		expect(connects.filters.route).toBe('$connect');
		expect(selectConnectionsPane(model, connects, 3).filterNote).toBe('with a $connect request: 10 of 10');
	});
});

describe('held order', () => {
	it('a new sort starts at its top', () => {
		const {model, state} = start();
		const sorted = run(model, state, 'bottom', 'sort');
		expect(sorted.sort).toBe('errors');
		expect(sorted.cursors.connections).toMatchObject({selectedId: 'C03', index: 0, offset: 0});
		expect(selectConnectionsPane(model, sorted, 3).rows[0]).toMatchObject({connectionId: 'C03', errorTotal: 1});
	});

	it('in the timeline, new requests append without moving the selected row; the connection stays', () => {
		const {model, state} = start();
		const reading = run(model, state, 'down', 'down', 'switchPane', 'up');
		expect(reading.cursors.connections.selectedId).toBe('C07');
		const before = reading.cursors.timeline;
		model.apply([change(wsRequest('C07-m4', 'C07', 200, 'MESSAGE')), change(wsRequest('C01-m4', 'C01', 201, 'MESSAGE'))]);
		const after = run(model, reading, DATA);
		expect(after.cursors.timeline).toEqual(before);
		expect(after.cursors.connections).toMatchObject({selectedId: 'C07', index: 2});
		expect(selectStatusBar(model, after).toggles).toContain('follow off (f)');
		expect(selectConnectionsPane(model, after, 3).newActivity).toBe('2');
	});
});

describe('settled error counts', () => {
	it('a late line that reclassifies a settling request never lowers a count', () => {
		const model = modelWith([]);
		model.apply([change(wsRequest('r', 'C', 1, 'MESSAGE', {status: 403, errors: [failure('client', 'forbidden')]}), true)]);
		expect([model.errorCounts.client, model.settlingErrors]).toEqual([0, 1]);
		model.apply([change(wsRequest('r', 'C', 1, 'MESSAGE', {status: 502, errors: [failure('integration', 'threw')]}), false)]);
		expect([model.errorCounts.client, model.errorCounts.integration, model.settlingErrors, model.revisedErrors]).toEqual([0, 1, 0, 0]);
		// A very late revision of a settled request moves its count in the open.
		model.apply([change(wsRequest('r', 'C', 1, 'MESSAGE', {status: 200}), false)]);
		expect([model.errorCounts.integration, model.revisedErrors]).toEqual([0, 1]);
	});
});
