// The stats view's window in a real terminal at 80x24: on the running demo (whose in-process emulator
// serves Logs Insights), `s` then `i` shows the per-route figures of the last 10m as Logs Insights counts
// them, `i` again this session's, and quitting from the window leaves the terminal as it was.
import {expect, it} from 'vitest';
import {CLI} from './helpers/cli.js';
import {describeWithTmux, startPty} from './helpers/pty.js';

describeWithTmux('terminal UI: the stats view\'s window', () => {
	it('80x24 demo: s, then i until the window table shows, i back to this session', async () => {
		const pty = await startPty([process.execPath, CLI, 'demo', '--rate', '50', '--timezone', 'utc'], {width: 80, height: 24});
		try {
			await pty.waitForScreen((screen) => /[●○✗]/.test(screen));
			await pty.press('s', (screen) => screen.includes('[Route stats]'));
			const window = await pty.press('i', (screen) => screen.includes(' done: ') && /^ total\s+\d/m.test(screen), 60_000);
			// A window across midnight names the date at both ends.
			expect(window).toMatch(/\[Window stats\] \d{4}-\d\d-\d\d \d\d:\d\d:\d\d(–| – \d{4}-\d\d-\d\d )\d\d:\d\d:\d\d UTC · Logs In/);
			expect(window).toMatch(/^ done: \d+\/\d+ queries, [\d,]+ records, [\d.]+ GB scanned, about \$\d+\.\d{4}/m);
			expect(window).toMatch(/ i window /);
			const session = await pty.press('i', (screen) => screen.includes('[Route stats]'));
			expect(session).not.toContain('Logs Insights');
			await pty.press('i', (screen) => screen.includes('[Window stats]'));
			await pty.sendKeys('q');
			expect(await pty.waitForExit(20_000)).toBe(0);
		} finally {
			await pty.kill();
		}
	}, 120_000);
});
