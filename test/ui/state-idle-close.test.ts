// The timeline's $disconnect row says why a connection closed when nothing failed (the idle timeout), and
// who still wrote to it afterwards (GoneException in another connection's handler).
import {describe, expect, it} from 'vitest';
import {selectTimelinePane} from '../../source/ui/state/select-connections.js';
import {initialUiState} from '../../source/ui/state/ui-state.js';
import type {Invocation} from '../../source/core/lambda/types.js';
import {failure, modelWith, wsRequest} from './model-fixtures.js';
import {DATA, run} from './state-fixtures.js';

const ID = 'Abc123DEFghiJKL=';
const ESC = '\u001B';

function disconnectRow(access: Record<string, string>, fields = {}) {
	const model = modelWith([
		wsRequest('c1', ID, 0, 'CONNECT'),
		wsRequest('m1', ID, 30, 'MESSAGE'),
		wsRequest('d1', ID, 30 + 600 + 1, 'DISCONNECT', {access, ...fields}),
	]);
	const state = run(model, initialUiState({width: 160, height: 48, timezone: 'utc'}), DATA);
	return selectTimelinePane(model, state, 20).rows.find((row) => row.eventType === 'DISCONNECT')!;
}

describe('timeline: idle close', () => {
	it('the $disconnect row of a connection closed as idle explains it', () => {
		expect(disconnectRow({}).explanation).toBe(
			'closed as idle after 10 min 1 s without a message: API Gateway closes a connection idle for 10 minutes; send a message (a heartbeat) more often to keep it open',
		);
	});

	it('the logged reason is shown without its control sequences', () => {
		const row = disconnectRow({disconnectStatusCode: '1001', disconnectReason: `Connection Idle Timeout${ESC}[2J`});
		expect(row.explanation).toMatch(/^closed as idle after 10 min 1 s without a message \(1001 Connection Idle Timeout/);
		expect(row.explanation).not.toContain(ESC);
	});

	it('a $disconnect with an error of its own keeps its explanation; a client close has none', () => {
		expect(disconnectRow({}, {status: 500, errors: [failure('gateway', 'internal server error on $disconnect')]}).explanation).toBe(
			'internal server error on $disconnect',
		);
		expect(disconnectRow({disconnectStatusCode: '1000', disconnectReason: 'Connection Closed Normally'}).explanation).toBe('');
	});
});

describe('timeline: writes after close', () => {
	const SENDER = 'Snd123DEFghiJKL=';
	const gone = (requestId: string, target: string): Invocation => ({
		role: 'integration',
		function: 'chat-sendmessage',
		logGroup: '/aws/lambda/chat-sendmessage',
		requestId,
		outcome: 'success',
		coldStart: false,
		initMs: null,
		durationMs: 9.8,
		billedMs: 10,
		memoryMB: 256,
		maxMemoryMB: 94,
		error: null,
		lines: [{time: 0, level: 'WARN', message: `PostToConnection failed: GoneException: connection ${target} is gone (410)${ESC}[2J`}],
		firstTimestamp: 0,
		lastTimestamp: 0,
	});
	const pane = (requests: Parameters<typeof modelWith>[0]) => {
		const model = modelWith(requests);
		const state = run(model, initialUiState({width: 160, height: 48, timezone: 'utc'}), DATA);
		return {model, state};
	};

	it("the target's $disconnect row names the handler and the sender; a revision without the write takes it back", () => {
		// The target has the newest activity, so following selects it (the write's own time is its line's).
		const closed = [wsRequest('c1', ID, 0, 'CONNECT'), wsRequest('d1', ID, 9, 'DISCONNECT', {access: {disconnectStatusCode: '1001'}})];
		const writer = wsRequest('m9', SENDER, 8, 'MESSAGE', {invocations: [gone('5e1b2c3d', ID)]});
		const {model, state} = pane([wsRequest('s0', SENDER, 1, 'CONNECT'), writer, ...closed]);
		const rowOf = () => selectTimelinePane(model, state, 20).rows.find((row) => row.eventType === 'DISCONNECT')!;
		expect(rowOf().explanation).toBe(`written to after it closed: chat-sendmessage for ${SENDER} got GoneException (410)`);
		model.apply([{request: {...writer, invocations: []}, pending: false}]);
		expect(rowOf().explanation).toBe('');
	});
});
