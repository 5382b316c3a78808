// Keys in the real terminal UI (tmux): keys that arrive in one read are each handled, the key bar keeps
// `? help` and `q quit` at every width, and help scrolls to every key of the table at 80x24.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, expect, it} from 'vitest';
import {ACCESS_LOG_PRESETS} from '../source/core/parse/access-format.js';
import {KEY_BINDINGS} from '../source/ui/keys.js';
import {CLI} from './helpers/cli.js';
import {describeWithTmux, startPty, type PtySession} from './helpers/pty.js';

const CONNECTIONS = 30;
const directory = mkdtempSync(join(tmpdir(), 'apigw-tui-keys-'));
afterAll(() => rmSync(directory, {recursive: true, force: true}));

/** C-00 ... C-29, one $connect each a second apart: C-29 is the newest, listed first. */
function connectionsFile(): string {
	const path = join(directory, 'connections.jsonl');
	const lines = Array.from({length: CONNECTIONS}, (_, n) => {
		const id = `C-${String(n).padStart(2, '0')}`;
		const access = {requestId: `R-${id}`, ip: '1.128.0.0', caller: '-', user: '-', requestTime: '26/Jul/2023:12:20:46 +0000', eventType: 'CONNECT', routeKey: '$connect', status: '200', connectionId: id};
		return JSON.stringify({logGroupName: '/aws/apigateway/websocket-access', logStreamName: 's', timestamp: 1_690_374_040_000 + n * 1000, message: JSON.stringify(access)});
	});
	writeFileSync(path, `${lines.join('\n')}\n`);
	return path;
}

const replay = (file: string) => [process.execPath, CLI, 'replay', file, '--access-log-format', ACCESS_LOG_PRESETS.websocket.json, '--timezone', 'utc'];

/** The number of the selected connection (C-29 is row 1). */
function selected(screen: string): number | undefined {
	const match = /^›\s+C-(\d\d)/m.exec(screen);
	return match === null ? undefined : Number(match[1]);
}

async function open(width: number, height: number): Promise<PtySession> {
	const pty = await startPty(replay(connectionsFile()), {width, height});
	await pty.waitForScreen((screen) => screen.includes('end of input') && selected(screen) === CONNECTIONS - 1);
	return pty;
}

describeWithTmux('keys in the terminal UI', () => {
	it('80x24: keys that arrive in one read are each handled, in order (send-keys jjj moves 3 rows)', async () => {
		const pty = await open(80, 24);
		try {
			// Each waits for where every key together leads: a lost key leaves the selection short and times out.
			await pty.press('jjj', (screen) => selected(screen) === CONNECTIONS - 4);
			await pty.press('jjk', (screen) => selected(screen) === CONNECTIONS - 5);
			await pty.press(Array.from({length: 10}, () => 'j'), (screen) => selected(screen) === CONNECTIONS - 15);
			await pty.sendKeys('q');
			expect(await pty.waitForExit()).toBe(0);
		} finally {
			await pty.kill();
		}
	});

	it.each([
		[80, 24],
		[120, 30],
		[160, 48],
	])('%ix%i: the key bar shows ? help and q quit', async (width, height) => {
		const pty = await open(width, height);
		try {
			// The key bar is the terminal's last row: the frame fills the screen.
			const rows = (await pty.screen()).split('\n');
			expect(rows).toHaveLength(height);
			expect(rows[height - 1]).toMatch(/\? help {2}q quit/);
			const help = await pty.press('?', (screen) => screen.includes('[Help]'));
			expect(help.split('\n')[height - 1]).toMatch(/\? help {2}q quit/);
		} finally {
			await pty.kill();
		}
	});

	it('80x24: help scrolls to every key of the table, says where it is, and Esc and ? close it', async () => {
		const pty = await open(80, 24);
		try {
			let screen = await pty.press('?', (current) => current.includes('[Help]'));
			const total = KEY_BINDINGS.length;
			const position = (current: string) => new RegExp(`(\\d+)-(\\d+) of ${total}`).exec(current.split('\n').find((row) => row.includes('[Help]')) ?? '');
			expect(position(screen)?.[1]).toBe('1');
			expect(Number(position(screen)?.[2])).toBeLessThan(total);
			const seen = new Set<string>();
			const collect = (current: string) => {
				for (const binding of KEY_BINDINGS) if (new RegExp(`^  ${escape(binding.keys.join('/'))} +\\S`, 'm').test(current)) seen.add(binding.command);
			};

			collect(screen);
			while (Number(position(screen)?.[2]) < total) {
				screen = await pty.press('j');
				collect(screen);
			}

			expect([...seen].sort()).toEqual(KEY_BINDINGS.map((binding) => binding.command).sort());
			await pty.press('g', (current) => position(current)?.[1] === '1');
			await pty.press('NPage', (current) => position(current)?.[1] !== '1');
			await pty.press('G', (current) => position(current)?.[2] === String(total));
			await pty.press('Escape', (current) => !current.includes('[Help]'));
			await pty.press('?', (current) => current.includes('[Help]'));
			await pty.press('?', (current) => !current.includes('[Help]'));
			await pty.sendKeys('q');
			expect(await pty.waitForExit()).toBe(0);
		} finally {
			await pty.kill();
		}
	});
});

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
