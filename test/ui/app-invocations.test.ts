// The whole App (test/helpers/ink-app.ts) on a request served by Lambda: open it, read its invocation,
// scroll down its stack to the handler's last line; and the stats view's table per function.
import {describe, expect, it} from 'vitest';
import {KEYS, renderApp} from '../helpers/ink-app.js';
import {modelWithInvocations} from './invocation-fixtures.js';

describe('App: Lambda invocations', () => {
	it('80x24: opens the failed message, shows its invocation and scrolls its stack', async () => {
		const app = await renderApp({model: modelWithInvocations(), initial: {width: 80, height: 24, timezone: 'utc'}});
		const timeline = await app.press(KEYS.tab);
		expect(timeline).toMatch(/^›\s+12:00:02\.000 MSG .* 502 .*λ err cold/m);
		expect(timeline).toMatch(/12:00:00\.000 CONN .* λ ok/);

		const opened = await app.press(KEYS.enter);
		expect(opened).toMatch(/\+20 ms\s+integration λ chat-sendmessage · error · cold start/);
		expect(opened).toMatch(/▶\s+error\s+TypeError: Cannot read properties of undefined/);
		expect(opened).toMatch(/stack\s+at Runtime\.handler$/m);
		expect(opened).not.toContain('Invoke Error');

		const bottom = await app.press('G');
		expect(bottom).toMatch(/\+2\.06 s\s+ERROR\s+Invoke Error/);
		expect(bottom).toMatch(/\+840 ms\s+INFO\s+received \{"action":"sendmessage","room":"lobby"\}/);
		expect(bottom).toMatch(/task_queues:95:5\)/);
		for (const line of bottom.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
		app.unmount();
	});

	it('120x30: the stats view has a table per function under the routes', async () => {
		const app = await renderApp({model: modelWithInvocations(), initial: {width: 120, height: 30, timezone: 'utc'}});
		const stats = await app.press('s');
		expect(stats).toMatch(/λ Lambda functions/);
		expect(stats).toMatch(/FUNCTION\s+INVOKED\s+P50\s+P95\s+P99\s+COLD\s+ERRORS\s+TIMEOUTS\s+CRASHES/);
		expect(stats).toMatch(/chat-authorizer\s+1\s+4ms\s+4ms\s+4ms\s+0\s+0\s+0\s+0/);
		expect(stats).toMatch(/chat-sendmessage\s+1\s+1s\s+1s\s+1s\s+1\s+1\s+0\s+0/);
		app.unmount();
	});
});
