// The timeline's $disconnect row says why a connection closed when nothing failed: the idle timeout.
import {describe, expect, it} from 'vitest';
import {selectTimelinePane} from '../../source/ui/state/select-connections.js';
import {initialUiState} from '../../source/ui/state/ui-state.js';
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
