// Incremental rendering (ink rewrites only the rows that changed) against whole frames, in tmux at 160x48:
// the same replay in two panes, one drawn incrementally (the default) and one with
// APIGW_TAIL_FULL_FRAMES=1, the same keys to both. After every key the two screens must be the same,
// character for character and style for style: a cell the incremental pane failed to rewrite (Ink 6.8 left
// whole rows stale once rows held wide glyphs such as ⚡ ✋ ⏳) shows up as a difference.
import {expect, it} from 'vitest';
import {CLI} from './helpers/cli.js';
import {fixturePath} from './helpers/fixtures.js';
import {describeWithTmux, startPty, type PtySession} from './helpers/pty.js';
import {waitFor} from './helpers/wait.js';

const SIZE = {width: 160, height: 48};
const replay = [process.execPath, CLI, 'replay', fixturePath('samples/chat-demo.ndjson.gz'), '--timezone', 'utc'];
const KEY_WAIT_MS = 15_000;

// Rows move past one another: the list scrolls and filters, the help overlay covers the panes and goes,
// a request opens and closes, the all-requests view pages through hundreds of rows with wide glyphs.
const KEYS = [
	'j', 'j', 'j', 'G', 'g',
	'e', 'o', 'o', 'o', 'o', 'e',
	'Tab', 'Enter', 'Escape', 'Tab',
	'?', 'Escape',
	'a', 'PPage', 'PPage', 'PPage', 'j', 'j', 'NPage', 'g', 'j', 'c', 'c', 'c', 'c', 'c', 'c', 'c', 'G', 'a',
	's', 's',
];

describeWithTmux('incremental rendering', () => {
	it('draws every screen exactly as whole frames do, with rows of wide glyphs moving', async () => {
		const incremental = await startPty(replay, SIZE);
		const whole = await startPty(replay, {...SIZE, env: {APIGW_TAIL_FULL_FRAMES: '1'}});
		try {
			for (const pty of [incremental, whole]) await pty.waitForScreen((screen) => screen.includes('end of input') && screen.includes('⚡'));
			await sameScreens(incremental, whole, 'the first screen');
			for (const [index, key] of KEYS.entries()) {
				const before = clockless(cells(await incremental.styledScreen()));
				await incremental.sendKeys(key);
				await whole.sendKeys(key);
				await sameScreens(incremental, whole, `key ${index + 1} (${key})`, before);
			}
		} finally {
			await incremental.kill();
			await whole.kill();
		}
	}, 240_000);
});

/**
 * The screen as rows of cells with their full style, each row written out from the default style. tmux's
 * capture carries styles from row to row and keeps resets before trailing blanks, so the same cells can be
 * captured differently; a blank of the default style at a row's end is no cell of the picture.
 */
function cells(captured: string): string {
	const style = {flags: new Set<number>(), fg: '', bg: ''};
	const rows: string[] = [];
	for (const line of captured.split('\n')) {
		let row = '';
		let written = '';
		for (const token of line.match(/\u001B\[[\d;]*m|[^\u001B]/gu) ?? []) {
			if (token.startsWith('\u001B')) {
				applySgr(style, token.slice(2, -1));
				continue;
			}

			const current = `${[...style.flags].sort().join(',')}|${style.fg}|${style.bg}`;
			if (current !== written) row += `{${current}}`;
			written = current;
			row += token;
		}

		rows.push(row.replace(/(\{\|\|\}| )+$/u, ''));
	}

	return rows.join('\n');
}

function applySgr(style: {flags: Set<number>; fg: string; bg: string}, parameters: string): void {
	const codes = parameters === '' ? [0] : parameters.split(';').map(Number);
	for (let index = 0; index < codes.length; index++) {
		const code = codes[index]!;
		if (code === 0) {
			style.flags.clear();
			style.fg = '';
			style.bg = '';
		} else if (code === 38 || code === 48) {
			const length = codes[index + 1] === 5 ? 2 : 4;
			const colour = codes.slice(index, index + 1 + length).join(';');
			if (code === 38) style.fg = colour;
			else style.bg = colour;
			index += length;
		} else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) style.fg = String(code);
		else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) style.bg = String(code);
		else if (code === 39) style.fg = '';
		else if (code === 49) style.bg = '';
		else if (code === 22) {
			style.flags.delete(1);
			style.flags.delete(2);
		} else if (code >= 23 && code <= 29) style.flags.delete(code - 20);
		else style.flags.add(code);
	}
}

/** Waits until both panes show the same screen (after `before`, once the key was drawn); fails showing both. */
async function sameScreens(incremental: PtySession, whole: PtySession, what: string, before?: string): Promise<void> {
	let screens = ['', ''];
	const same = async (): Promise<boolean> => {
		screens = [clockless(cells(await incremental.styledScreen())), clockless(cells(await whole.styledScreen()))];
		return screens[0] === screens[1] && screens[0] !== before;
	};

	try {
		await waitFor(same, KEY_WAIT_MS, `the two panes to show the same, new screen after ${what}`);
	} catch (error) {
		// The difference, row by row, says which cells were left stale.
		expect(screens[0]!.split('\n'), `${what}: incremental (received) vs whole frames (expected)`).toEqual(screens[1]!.split('\n'));
		throw error;
	}
}

/** The header's clock (its first row's only HH:MM:SS) is the wall clock: it may tick between the two captures. */
function clockless(screen: string): string {
	return screen.replace(/\d\d:\d\d:\d\d/, '--:--:--');
}
