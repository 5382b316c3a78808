// Reading while it moves, in a real terminal at 120x30: on the running demo, a connection the user moved
// to stays selected on its screen row while new traffic arrives; the pane counts the activity instead.
import {expect, it} from 'vitest';
import {CLI} from './helpers/cli.js';
import {describeWithTmux, startPty} from './helpers/pty.js';

/** The screen row of the selection mark in the connections pane, and that row's connection id. */
function selectedRow(screen: string): {row: number; id: string} | undefined {
	const lines = screen.split('\n');
	const row = lines.findIndex((line) => line.startsWith('›'));
	if (row === -1) return undefined;
	return {row, id: lines[row]!.slice(1).trim().split(/\s+/)[0]!};
}

describeWithTmux('terminal UI: following never moves what the user reads', () => {
	it('120x30 demo: the selected connection keeps its row while data arrives; "↑ N new" counts the activity', async () => {
		const pty = await startPty([process.execPath, CLI, 'demo', '--rate', '200'], {width: 120, height: 30});
		try {
			await pty.waitForScreen((screen) => screen.split('\n').filter((line) => /^[ ›]\s+\S+\s+[●○✗]/.test(line)).length >= 4);
			await pty.press('j', (screen) => screen.includes('follow off'));
			const held = selectedRow(await pty.press('j', (screen, before) => selectedRow(screen)?.row !== selectedRow(before)?.row));
			expect(held).toBeDefined();
			const later = await pty.waitForScreen((screen) => /↑ \d+\+? new/.test(screen), 30_000);
			expect(selectedRow(later)).toEqual(held);
			// g returns to the top: following again, the badge gone.
			const top = await pty.press('g', (screen) => screen.includes('following'));
			expect(top).not.toMatch(/↑ \d+\+? new/);
		} finally {
			await pty.kill();
		}
	});
});
