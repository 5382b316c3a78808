import {describe, expect, it} from 'vitest';
import type {Invocation} from '../../source/core/lambda/types.js';
import {cellWidth} from '../../source/ui/components/cells.js';
import type {LiveModel} from '../../source/ui/model/live-model.js';
import {selectTimelinePane} from '../../source/ui/state/select-connections.js';
import {selectStatsView} from '../../source/ui/state/select-views.js';
import {splitStats} from '../../source/ui/state/stats-split.js';
import {initialUiState, type UiState} from '../../source/ui/state/ui-state.js';
import type {DetailLine} from '../../source/ui/view-models.js';
import {CONNECTION, invocation, modelWithInvocations, threwOnColdStart, timedOut} from './invocation-fixtures.js';
import {change, modelWith, T0, wsRequest} from './model-fixtures.js';
import {DATA, run} from './state-fixtures.js';

const ESC = '\u001B';
/** The message opened in the timeline of a terminal this size. */
function opened(model: LiveModel, width: number, height: number, ...extra: Parameters<typeof run>[2][]): UiState {
	return run(model, initialUiState({width, height, timezone: 'utc'}), DATA, 'switchPane', 'bottom', 'open', ...extra);
}

function allLines(model: LiveModel, state: UiState): DetailLine[] {
	const lines: DetailLine[] = [];
	for (let offset = 0; ; ) {
		const {detail} = selectTimelinePane(model, {...state, detailOffset: offset}, 200);
		lines.push(...detail!.lines);
		offset += detail!.lines.length;
		if (offset >= detail!.total) return lines;
	}
}

describe('an opened request shows its Lambda invocations', () => {
	it('heading, error, stack and handler lines, timed against the request (300 columns: nothing wraps)', () => {
		const model = modelWithInvocations();
		const lines = allLines(model, opened(model, 300, 48));
		expect(lines).toEqual([
			{
				time: '+20 ms',
				kind: 'integration',
				text: 'λ chat-sendmessage · error · cold start (init 812.4 ms) · 1.23 s (billed 1.23 s) · 123 of 256 MB · id 79b5e81f-2c4e-4d7e-9a3b-6f1c0e8d2a11',
				isError: false,
				heading: true,
			},
			{time: '', kind: 'error', text: "TypeError: Cannot read properties of undefined (reading 'text')", isError: true},
			{time: '', kind: 'stack', text: 'at Runtime.handler (file:///var/task/index.mjs:21:37)', isError: false},
			{time: '', kind: '', text: 'at Runtime.handleOnceNonStreaming (file:///var/runtime/index.mjs:1173:29)', isError: false},
			{time: '', kind: '', text: 'at process.processTicksAndRejections (node:internal/process/task_queues:95:5)', isError: false},
			{time: '+840 ms', kind: 'INFO', text: 'received {"action":"sendmessage","room":"lobby"}', isError: false},
			// The classification's evidence (ErrorInfo.message) is marked where the handler logged it.
			{time: '+2.06 s', kind: 'ERROR', text: 'Invoke Error', isError: true},
		]);
	});

	it('at 80 columns the heading, error and stack wrap within the text column even with wrap off', () => {
		const model = modelWithInvocations();
		const state = opened(model, 80, 24);
		expect(state.wrap).toBe(false);
		const lines = allLines(model, state);
		// 80 columns less the 31 before the text.
		for (const line of lines) expect(cellWidth(line.text)).toBeLessThanOrEqual(49);
		const heading = lines.filter((line) => line.heading === true);
		expect(heading[0]).toMatchObject({time: '+20 ms', kind: 'integration'});
		expect(heading.slice(1).every((line) => line.time === '' && line.kind === '')).toBe(true);
		expect(heading.map((line) => line.text).join(' ')).toBe(
			'λ chat-sendmessage · error · cold start (init 812.4 ms) · 1.23 s (billed 1.23 s) · 123 of 256 MB · id 79b5e81f-2c4e-4d7e-9a3b-6f1c0e8d2a11',
		);
		const frame = lines.find((line) => line.text.startsWith('at Runtime.handleOnceNonStreaming'))!;
		const next = lines[lines.indexOf(frame) + 1]!;
		expect(`${frame.text}${next.text}`).toBe('at Runtime.handleOnceNonStreaming(file:///var/runtime/index.mjs:1173:29)');
	});

	it('scrolls through the invocation with the detail keys', () => {
		const model = modelWithInvocations();
		// 23 rows: the frame fills the terminal, so this is the 10-row timeline pane of the checks below.
		const state = opened(model, 80, 23);
		const first = selectTimelinePane(model, state, 10).detail!;
		expect(first.offset).toBe(0);
		const bottom = selectTimelinePane(model, run(model, state, 'bottom'), 10).detail!;
		expect(bottom.offset).toBeGreaterThan(0);
		expect(bottom.lines.at(-1)).toMatchObject({kind: 'ERROR', text: 'Invoke Error'});
	});

	it('sanitizes every Lambda text and splits a traceback logged as one event into rows', () => {
		const model = modelWithInvocations([
			threwOnColdStart({
				role: null,
				function: `chat${ESC}]0;pwned\u0007-default`,
				requestId: `id${ESC}[2J`,
				error: {type: `KeyError${ESC}[31m`, message: "'room'", stack: ['  File "/var/task/app.py", line 12, in handler\n    room = event["room"]\n']},
				lines: [
					{time: T0 + 30, level: null, message: 'hello from print()\u009b1m'},
					{time: T0 + 31, level: `ERROR${ESC}[0m`, message: "[ERROR] KeyError: 'room'\nTraceback (most recent call last):\n  File \"/var/task/app.py\", line 12\n"},
				],
			}),
		]);
		const lines = allLines(model, opened(model, 300, 48));
		expect(lines.map((line) => [line.time, line.kind, line.text])).toEqual([
			['+20 ms', 'lambda', 'λ chat-default · error · cold start (init 812.4 ms) · 1.23 s (billed 1.23 s) · 123 of 256 MB · id id'],
			['', 'error', "KeyError: 'room'"],
			['', 'stack', 'File "/var/task/app.py", line 12, in handler'],
			['', '', 'room = event["room"]'],
			['+30 ms', '', 'hello from print()'],
			['+31 ms', 'ERROR', "[ERROR] KeyError: 'room'"],
			['', '', 'Traceback (most recent call last):'],
			['', '', '  File "/var/task/app.py", line 12'],
		]);
	});

	it('the timeline rows mark the worst outcome of their invocations and a cold start', () => {
		const model = modelWithInvocations([threwOnColdStart(), timedOut({role: 'authorizer', coldStart: false})]);
		const {rows} = selectTimelinePane(model, run(model, initialUiState({width: 120, height: 30, timezone: 'utc'}), DATA, 'switchPane'), 10);
		expect(rows.map((row) => [row.requestId, row.lambda])).toEqual([
			['connect-1', {text: 'λ ok', failed: false}],
			['message-1', {text: 'λ timeout cold', failed: true}],
		]);
		const plain = modelWith([wsRequest('plain', CONNECTION, 0, 'MESSAGE')]);
		expect(selectTimelinePane(plain, run(plain, initialUiState({width: 120, height: 30, timezone: 'utc'}), DATA), 10).rows[0]?.lambda).toBeUndefined();
	});

	it('the stats view has a row per function, folded as requests arrive and are revised', () => {
		const model = modelWithInvocations();
		const stats = (current: LiveModel) => selectStatsView(current, run(current, initialUiState({width: 80, height: 24, timezone: 'utc'}), DATA, 'stats'), 16).functions;
		expect(stats(model)).toEqual({
			rows: [
				{function: 'chat-authorizer', invocations: 1, coldStarts: 0, errors: 0, timeouts: 0, failures: 0, p50: 4, p95: 4, p99: 4},
				{function: 'chat-sendmessage', invocations: 1, coldStarts: 1, errors: 1, timeouts: 0, failures: 0, p50: 1234, p95: 1234, p99: 1234},
			],
			total: 2,
		});
		// The message revised: its invocation now reports a timeout; the first view's figures are taken back out.
		model.apply([change(wsRequest('message-1', CONNECTION, 2, 'MESSAGE', {invocations: [timedOut()]}))]);
		expect(stats(model).rows[1]).toMatchObject({invocations: 1, coldStarts: 0, errors: 0, timeouts: 1});
	});

	it('the routes keep the rows the function table leaves them, and the keys scroll through every route', () => {
		expect(splitStats(16, 5, 5)).toEqual({routes: 8, functions: 5});
		expect(splitStats(16, 2, 5)).toEqual({routes: 8, functions: 5});
		expect(splitStats(16, 40, 12)).toEqual({routes: 8, functions: 5});
		expect(splitStats(16, 1, 12)).toEqual({routes: 1, functions: 12});
		expect(splitStats(7, 1, 2)).toEqual({routes: 7, functions: 0});
		expect(splitStats(16, 3, 0)).toEqual({routes: 16, functions: 0});

		const routes = Array.from({length: 30}, (_, index) =>
			wsRequest(`r${index}`, CONNECTION, index, 'MESSAGE', {routeKey: `route-${String(index).padStart(2, '0')}`, invocations: [invocation({function: `fn-${index % 4}`})]}),
		);
		const model = modelWith(routes);
		// 23 rows: the frame fills the terminal, so the stats view has the 16 rows selected below.
		const state = run(model, initialUiState({width: 80, height: 23, timezone: 'utc'}), DATA, 'stats', 'bottom');
		const view = selectStatsView(model, state, 16);
		expect(view.functions.rows).toHaveLength(4);
		expect(view.rows.map((row) => row.route).at(-1)).toBe('route-29');
		expect(view.rows).toHaveLength(16 - 3 - 4);
	});
});
