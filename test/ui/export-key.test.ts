import {describe, expect, it, vi} from 'vitest';
import {actionForKey, commandForKey, hintsFor} from '../../source/ui/keys.js';
import type {LiveModel} from '../../source/ui/model/live-model.js';
import type {ExportRequest} from '../../source/ui/state/commands.js';
import {helpLines} from '../../source/ui/state/help-page.js';
import type {Filters, UiState} from '../../source/ui/state/ui-state.js';
import {waitFor} from '../helpers/wait.js';
import {modelWith} from './model-fixtures.js';
import {renderApp} from '../helpers/ink-app.js';
import {NO_KEY as PLAIN} from './ink-key-fixture.js';
import {chatModel, DATA, run, smallState} from './state-fixtures.js';


function start(): {model: LiveModel; state: UiState} {
	const model = chatModel();
	return {model, state: run(model, smallState(), DATA)};
}

const ids = (request: ExportRequest | undefined): string[] => request?.requests.map((each) => each.requestId) ?? [];

describe('the x key', () => {
	it.each(['connections', 'timeline', 'detail', 'requests'] as const)('asks for an export in %s', (context) => {
		expect(commandForKey('x', PLAIN, context)).toBe('export');
	});

	it.each(['stats', 'help'] as const)('does nothing in %s', (context) => {
		expect(commandForKey('x', PLAIN, context)).toBeUndefined();
		expect(commandForKey('x', {...PLAIN, ctrl: true}, 'connections')).toBeUndefined();
	});

	it('is in the help and in the hints', () => {
		expect(helpLines(200).map((line) => line.key)).toContain('x');
		expect(hintsFor('connections')).toContainEqual(expect.objectContaining({key: 'x', action: 'export'}));
		expect(hintsFor('requests')).toContainEqual(expect.objectContaining({key: 'x', action: 'export'}));
	});
});

describe('reduce: export', () => {
	it('exports the selected connection, all of its requests, oldest first', () => {
		const {model, state} = start();
		const exported = run(model, state, 'export');
		expect(exported.exportRequest).toMatchObject({scope: 'connection', connectionId: 'C09', seq: 1, timezone: 'utc'});
		expect(ids(exported.exportRequest)).toEqual(['C09-connect', 'C09-m1', 'C09-m2', 'C09-m3']);
		expect(exported.message).toBe('exporting 4 requests…');

		const again = run(model, exported, 'down', 'export');
		expect(again.exportRequest).toMatchObject({scope: 'connection', connectionId: 'C08', seq: 2});
	});

	it('hands over the whole connection even when a filter hides some of its requests, also from the timeline (the export applies the filters)', () => {
		const {model, state} = start();
		const exported = run(model, state, 'errorsOnly', 'switchPane', 'export');
		expect(exported.exportRequest).toMatchObject({scope: 'connection', connectionId: 'C03'});
		expect(ids(exported.exportRequest)).toEqual(['C03-connect', 'C03-m1', 'C03-m2', 'C03-m3']);
	});

	it('exports what the all-requests view lists, and says which filters made the list', () => {
		const {model, state} = start();
		const everything = run(model, state, 'requests', 'export').exportRequest;
		expect(everything).toMatchObject({scope: 'filtered', description: 'all requests'});
		expect(everything?.requests).toHaveLength(41);

		const failed = run(model, state, 'requests', 'errorsOnly', 'export').exportRequest;
		expect(failed).toMatchObject({scope: 'filtered', description: 'requests with errors'});
		expect(ids(failed)).toEqual(['C03-m2']);

		const category = run(model, state, 'requests', 'category', 'category', 'category', 'export').exportRequest;
		expect(category).toMatchObject({description: 'requests with integration errors'});
		expect(ids(category)).toEqual(['C03-m2']);
	});

	it('says so when there is nothing to export', () => {
		const model = modelWith([]);
		const empty = run(model, smallState(), DATA, 'export');
		expect(empty.exportRequest).toBeUndefined();
		expect(empty.message).toBe('no connection selected to export');
		const none = run(model, smallState(), DATA, 'requests', 'export');
		expect(none.exportRequest).toBeUndefined();
		expect(none.message).toBe('nothing to export: no request is listed');
	});

	it('shows a message from outside, sanitized', () => {
		const {model, state} = start();
		expect(run(model, state, {type: 'message', text: 'exported to a.json\u001B[2J'}).message).toBe('exported to a.json');
	});

	it('is reached from the x key through actionForKey', () => {
		const {state} = start();
		expect(actionForKey(state, 'x', PLAIN)).toEqual({type: 'command', command: 'export'});
	});
});

describe('App: x', () => {
	it('calls onExport once per press and shows its answer', async () => {
		const onExport = vi.fn(async (request: ExportRequest) => `exported ${request.requests.length} requests to incident.json and incident.md`);
		const app = await renderApp({model: chatModel(), onExport});
		await app.press('x');
		await app.waitForFrame((frame) => frame.includes('exported 4 requests to incident.json and incident.md'), 'the export\'s answer');
		expect(onExport).toHaveBeenCalledTimes(1);
		expect(onExport.mock.calls[0]![0]).toMatchObject({scope: 'connection', connectionId: 'C09'});
		app.unmount();
	});

	it('hands the export the filters on screen, seeded from the command line', async () => {
		const onExport = vi.fn(async (_request: ExportRequest, _filters: Filters) => 'exported');
		const app = await renderApp({
			model: chatModel(),
			initial: {width: 100, height: 24, timezone: 'utc', filters: {errorsOnly: true, category: undefined, route: undefined}},
			onExport,
		});
		expect(app.lastFrame()).toContain('[errors only]');
		await app.press('x');
		await waitFor(() => onExport.mock.calls.length === 1, 5000, 'the export call');
		expect(onExport.mock.calls[0]![1]).toEqual({errorsOnly: true, category: undefined, route: undefined});
		app.unmount();
	});

	it('shows a failure as a message', async () => {
		const app = await renderApp({
			model: chatModel(),
			onExport: async () => {
				throw new Error('cannot write the export to /nope.json: EACCES');
			},
		});
		await app.press('x');
		await app.waitForFrame((frame) => frame.includes('export failed: cannot write the export to /nope.json: EACCES'), 'the failure');
		app.unmount();
	});
});
