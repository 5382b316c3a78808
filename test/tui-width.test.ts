// What a person sees at 80x24, 120x30 and 160x48 on a replay with an integration error (issue 10, "use
// the width"): column headings, full connection ids wherever there is room, the selected request's
// explanation whole, and the open request's evidence line showing the exception, not its boilerplate.
import {expect, it} from 'vitest';
import {ACCESS_LOG_PRESETS} from '../source/core/parse/access-format.js';
import {CLI} from './helpers/cli.js';
import {fixturePath} from './helpers/fixtures.js';
import {describeWithTmux, startPty, type PtySession} from './helpers/pty.js';

const fixtures = fixturePath('correlate');
const replay = [process.execPath, CLI, 'replay', 'websocket-chat.jsonl', '--access-log-format', ACCESS_LOG_PRESETS.websocket.json, '--timezone', 'utc'];
const CLOSED = 'Iq8gj1UmIAMCKpA=';
const REJECTED = 'JrAAj1UmIAMCKpB=';
const EXPLANATION = "Lambda function threw on sendmessage (502): TypeError: Cannot read properties of undefined (reading 'text')";

/** A connections-pane row for the id: gutter (selection, pin, match marks), then the id. */
const connectionRow = (id: string) => new RegExp(`^[› ][ ⚑][ •]${id.slice(0, 8)}(\\S*)`, 'm');

describeWithTmux('apigw-tail terminal UI uses the width', () => {
	it.each([
		[80, 24],
		[120, 30],
		[160, 48],
	])('%ix%i: headings, connection ids, the whole explanation, the exception in the evidence', async (width, height) => {
		const pty = await startPty(replay, {width, height, cwd: fixtures});
		try {
			const first = await pty.waitForScreen((screen) => screen.includes('end of input'));
			const rows = first.split('\n');
			expect(rows.length).toBeLessThanOrEqual(height);
			// Side by side both panes' headings share a row.
			expect(first).toMatch(/^ {3}CONNECTION +(STATE +)?AGE +MSGS +LAST ROUTE +ERRORS/m);
			expect(first).toMatch(/ {3}TIME +EVENT +ROUTE +STATUS +LATENCY +WHY$/m);
			if (width >= 120) {
				for (const id of [CLOSED, REJECTED]) expect(connectionRow(id).exec(first)?.[0].slice(3)).toBe(id);
			}

			// The closed connection's timeline, its failed MESSAGE selected.
			await selectConnection(pty, CLOSED);
			await pty.press('Tab', (screen) => screen.includes('[Timeline]'));
			await pty.press('g', (screen) => /› {2}[\d:.]+ CONN/.test(screen));
			const selected = await pty.press('j', (screen) => SELECTED_FAILURE.test(screen));
			const explanation = selectedRequest(selected);
			if (width >= 160) {
				expect(explanation).not.toContain('…');
				expect(explanation.replaceAll(/\s+/g, ' ')).toContain(EXPLANATION);
			} else {
				expect(explanation).toContain('Lambda function threw');
			}

			const opened = await pty.press('Enter', (screen) => screen.includes('▶'));
			const evidence = opened.split('\n').find((row) => row.includes('▶')) ?? '';
			// The boilerplate before the exception gives way first (at 120 the pane's text column holds 34 cells).
			expect(evidence).toMatch(/▶ 12:20:45\.120 lambda-err +…TypeError: Cannot read/);
			expect(opened.split('\n').length).toBeLessThanOrEqual(height);

			await pty.sendKeys('q');
			expect(await pty.waitForExit()).toBe(0);
		} finally {
			await pty.kill();
		}
	});
});

const SELECTED_FAILURE = /› {2}[\d:.]+ +\S+ +sendmessage +502 .*/;

/**
 * The selected timeline row (from its › on; side by side the connections pane is to its left) and the
 * lines that continue it: indented text, up to the next request row. The connections pane has two
 * rows, so beside the continuation lines it is blank.
 */
function selectedRequest(screen: string): string {
	const rows = screen.split('\n');
	const at = rows.findIndex((row) => SELECTED_FAILURE.test(row));
	const lines = [SELECTED_FAILURE.exec(rows[at] ?? '')?.[0] ?? ''];
	for (const row of rows.slice(at + 1)) {
		if (!/^ {10,}\S/.test(row) || /\d\d:\d\d:\d\d\.\d{3}/.test(row)) break;
		lines.push(row.trim());
	}

	return lines.join(' ');
}

async function selectConnection(pty: PtySession, connectionId: string): Promise<void> {
	const selected = new RegExp(`^›\\s+${connectionId.slice(0, 8)}`, 'm');
	let screen = await pty.screen();
	for (let moves = 0; !selected.test(screen); moves++) {
		if (moves === 10) throw new Error(`could not select ${connectionId}:\n${screen}`);
		const before = screen.split('\n').find((row) => row.startsWith('›'));
		screen = await pty.press('j', (current) => current.split('\n').find((row) => row.startsWith('›')) !== before);
	}
}
