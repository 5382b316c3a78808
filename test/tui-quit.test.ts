// Quitting the terminal UI leaves the summary a text run ends with on the normal screen, and nothing
// stale: start-up notices written while the UI started go to --debug-log, not onto the screen after it.
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {expect, it} from 'vitest';
import {CLI} from './helpers/cli.js';
import {describeWithTmux, startPty} from './helpers/pty.js';
import {waitFor} from './helpers/wait.js';

describeWithTmux('quitting the terminal UI', () => {
	it('prints the summary after q, and the start-up notices only into the debug log', async () => {
		const directory = mkdtempSync(join(tmpdir(), 'apigw-quit-'));
		const debugLog = join(directory, 'debug.log');
		const pty = await startPty([process.execPath, CLI, 'demo', '--rate', '200', '--debug-log', debugLog], {width: 100, height: 30});
		try {
			await pty.waitForScreen((screen) => /\$connect/.test(screen), 30_000);
			await pty.sendKeys('q');
			expect(await pty.waitForExit(30_000)).toBe(0);
			const screen = await pty.screen();
			expect(screen).toContain('── summary ──');
			expect(screen).toMatch(/events \d+ \(execution \d+, access \d+(?:, lambda \d+)?, unparsed \d+\) · requests \d+ · connections \d+/);
			expect(screen).toContain('$connect');
			expect(screen).not.toContain('apigw-tail: tailing');
			await waitFor(() => readFileSync(debugLog, 'utf8').includes('debug log closed'), 5000, 'the debug log to close');
			expect(readFileSync(debugLog, 'utf8')).toContain('apigw-tail: tailing');
		} finally {
			await pty.kill();
			rmSync(directory, {recursive: true, force: true});
		}
	}, 90_000);
});
