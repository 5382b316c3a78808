// Keys in the real terminal UI (tmux) while the demo runs at a high rate, its emulator on a worker thread
// and the engine busy on the UI's thread: keys that arrive in one read are all handled, in order (help
// ends where the same keys leave it in a quiet replay); a lone Escape closes help; q ends the demo
// cleanly (summary, exit 0).
import {fileURLToPath} from 'node:url';
import {expect, it} from 'vitest';
import {KEY_BINDINGS} from '../source/ui/keys.js';
import {CLI} from './helpers/cli.js';
import {describeWithTmux, startPty, type PtySession} from './helpers/pty.js';

const CHAT = fileURLToPath(new URL('fixtures/correlate/websocket-chat.jsonl', import.meta.url));
const SIZE = {width: 80, height: 24};

const TOTAL = KEY_BINDINGS.length;
/** Help's "FIRST-LAST of N" (it scrolls at 80x24). */
const position = (screen: string) => new RegExp(`(\\d+)-(\\d+) of ${TOTAL}`).exec(screen.split('\n').find((row) => row.includes('[Help]')) ?? '');

describeWithTmux('keys while the demo runs at 2,000 events/s', () => {
	it('80x24: ?jjj in one write scrolls help as far as in a quiet replay; Escape closes it; q quits with the summary', async () => {
		const quiet = await startPty([process.execPath, CLI, 'replay', CHAT], SIZE);
		let expected: string | undefined;
		try {
			await quiet.waitForScreen((screen) => /\$connect/.test(screen), 30_000);
			expected = await helpAfterKeys(quiet);
		} finally {
			await quiet.kill();
		}

		const pty = await startPty([process.execPath, CLI, 'demo', '--rate', '2000'], SIZE);
		try {
			await pty.waitForScreen((screen) => /\$connect/.test(screen), 30_000);
			expect(await helpAfterKeys(pty)).toBe(expected);
			await pty.press('Escape', (screen) => !screen.includes('[Help]') && /\$connect/.test(screen), 20_000);
			await pty.sendKeys('q');
			expect(await pty.waitForExit(30_000)).toBe(0);
			expect(await pty.screen()).toContain('── summary ──');
		} finally {
			await pty.kill();
		}
	}, 120_000);
});

/** Sends ? and three j in one write; once help shows and has stopped moving, its FIRST-LAST. */
async function helpAfterKeys(pty: PtySession): Promise<string> {
	await pty.sendKeys('?jjj');
	let last = '';
	// The three j arrive with the ?: the screen that first shows help already shows them, unless a key
	// was lost; a second reading of the same position confirms nothing was still on its way.
	await pty.waitForScreen((screen) => {
		const now = position(screen)?.[0] ?? '';
		const settled = now !== '' && now === last;
		last = now;
		return settled;
	}, 20_000);
	return last;
}
