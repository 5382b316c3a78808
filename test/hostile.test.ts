// Hostile log lines (test/fixtures/hostile/) through the built CLI in every output mode: NDJSON, text
// (piped, and coloured on a terminal), the incident export and the terminal UI in a real pseudo-terminal.
// In none of them may a control byte from a log reach the output, and nothing may crash or lose an event.
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ACCESS_LOG_FORMAT, BIG_LINE_CHARACTERS, corpusRequestIds, HOSTILE_REQUEST_ID, requestId} from './fixtures/hostile/corpus.js';
import {DEEP_ITEM_MARK, DEEP_MESSAGE_MARK, deepJson, HOSTILE_INPUTS, writeHostileInputs, type HostileFile} from './fixtures/hostile/inputs.js';
import {hostile, MARKER, PAYLOADS} from './fixtures/hostile/payloads.js';
import {CLI, parseNdjson, runCli, type CliResult} from './helpers/cli.js';
import {describeWithTmux, startPty, type PtySession} from './helpers/pty.js';

// What no output may hold raw: C0 controls (ESC among them) but the newline, DEL, C1 (U+0080-U+009F), the
// line separators (a terminal draws them zero wide) and the bidi overrides and isolates.
const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;
// The Markdown export keeps a log's tabs inside its fenced blocks.
const CONTROL_BUT_TAB = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;
// An escape sequence or C1 control right before a marker: the payload in front of it reached the terminal.
const ESCAPE_BEFORE_MARKER = /(?:\u001B\[[\u0030-\u003F]*[\u0020-\u002F]*[\u0040-\u007E]|\u001B[^[]|[\u0080-\u009F])HX\d\d/;
// Everything the unparsed lines of the corpus are recognised by, whatever the input shape.
const UNPARSED_CASES = [requestId(402), '[[[[[[[[', 'HX07t', 'HX09f', 'HX10f'];
// The shapes that hold JSON values nested past JSON.stringify's stack where an event or message is expected.
const DEEP_MARKS: Partial<Record<HostileFile, string[]>> = {
	'hostile.ndjson': [DEEP_MESSAGE_MARK],
	'hostile-filter-log-events.json': [DEEP_MESSAGE_MARK, DEEP_ITEM_MARK],
};
const TOO_DEEP_REASON = 'could not read line: JSON nested too deeply to read';
// Generous: on a loaded CI machine the UI may take seconds to answer a key.
const SCREEN_WAIT_MS = 20_000;

let directory: string;
let eventCounts: Record<HostileFile, number>;
let formatFile: string;

beforeAll(() => {
	directory = mkdtempSync(join(tmpdir(), 'apigw-hostile-'));
	eventCounts = writeHostileInputs(directory);
	formatFile = join(directory, 'access-format.txt');
	writeFileSync(formatFile, ACCESS_LOG_FORMAT);
});

afterAll(() => {
	rmSync(directory, {recursive: true, force: true});
});

function replay(file: string, args: string[], env: Record<string, string> = {}, stdin?: Buffer): Promise<CliResult> {
	return runCli(['replay', file === '-' ? '-' : join(directory, file), '--access-log-format-file', formatFile, '--timezone', 'utc', ...args], {env, stdin});
}

/** Exit 0, and stderr empty or one-line notices: never a stack trace, never a stack overflow. */
function expectCleanExit(result: CliResult): void {
	expect(result.stderr).not.toMatch(/RangeError|Maximum call stack|\n\s+at |internal error|unexpected error/);
	for (const line of result.stderr.split('\n').filter((each) => each !== '')) expect(line).toMatch(/^apigw-tail: /);
	expect(result.code, result.stderr).toBe(0);
}

/** No unparsed line says why in the words of a JavaScript error. */
function expectReadableReasons(lines: readonly Line[]): void {
	const reasons = lines.filter((line) => line['type'] === 'unparsed').map((line) => String(line['reason']));
	expect(reasons.filter((reason) => /Maximum call stack|RangeError|TypeError/.test(reason))).toEqual([]);
}

/** The first forbidden character and where it is, for a readable failure. */
function firstControl(text: string, forbidden = CONTROL): string | undefined {
	const match = forbidden.exec(text);
	return match ? `U+${match[0].codePointAt(0)!.toString(16).padStart(4, '0')} at ${match.index}: ${JSON.stringify(text.slice(Math.max(0, match.index - 40), match.index + 40))}` : undefined;
}

type Line = Record<string, unknown>;

describe.concurrent('hostile log lines, replayed by the built CLI', () => {
	const shapes = [...HOSTILE_INPUTS.map(({file, shape}) => ({file, shape, stdin: false})), {file: 'hostile.txt.gz' as const, shape: 'gzip piped to stdin', stdin: true}];

	it.each(shapes)('NDJSON from $shape ($file): every line parses, holds no raw control character, and every event is counted', async ({file, stdin}) => {
		const result = stdin ? await replay('-', ['--output', 'json'], {}, readFileSync(join(directory, file))) : await replay(file, ['--output', 'json']);
		expectCleanExit(result);
		expect(firstControl(result.stdout.replace(/\n/g, ''))).toBeUndefined();
		const lines = parseNdjson(result.stdout);
		const summary = lines.at(-1)!;
		expect(summary['type']).toBe('summary');
		expect(summary['events']).toBe(eventCounts[file]);
		expect(Number(summary['executionEvents']) + Number(summary['accessEvents']) + Number(summary['lambdaEvents']) + Number(summary['unparsed'])).toBe(eventCounts[file]);

		// Unparsed lines are printed, one each, not dropped.
		const unparsed = lines.filter((line) => line['type'] === 'unparsed').map((line) => String(line['message']));
		expect(unparsed).toHaveLength(Number(summary['unparsed']));
		for (const mark of UNPARSED_CASES) expect(unparsed.some((message) => message.includes(mark)), mark).toBe(true);
		// A message or an events item nested 100,000 levels deep is one event, kept whole as its JSON text.
		for (const mark of DEEP_MARKS[file] ?? []) expect(unparsed.filter((message) => message === deepJson(mark)), mark).toHaveLength(1);
		// Deep JSON in a key the format reads leaves the line unparsed with a reason a user can read.
		expectReadableReasons(lines);
		expect(lines.find((line) => line['type'] === 'unparsed' && String(line['message']).includes(requestId(402)))?.['reason']).toBe(TOO_DEEP_REASON);

		const requests = lastRevisions(lines);
		for (const id of corpusRequestIds()) expect(requests.has(id), id).toBe(true);
		expect(requests.get(HOSTILE_REQUEST_ID)?.['connectionId']).toBe('HxConnNormal00A=');
		// NDJSON escapes, it does not strip: the log's text comes back exact once decoded.
		const everyPayload = requests.get(requestId(600))?.['execution'] as Line[];
		expect(everyPayload.slice(0, PAYLOADS.length).map((line) => line['message'])).toEqual(
			PAYLOADS.map((each) => `Method request body before transformations: ${hostile(each, 'k')}`),
		);
		const bigLine = (requests.get(requestId(401))?.['execution'] as Line[])[0]!;
		expect(String(bigLine['message']).length).toBeGreaterThan(BIG_LINE_CHARACTERS);
		// 100,000 levels of JSON in a key the format does not read do not stop the line being read.
		expect(requests.get(requestId(400))?.['status']).toBe(200);
	});

	it('NDJSON without a format (keys guessed) reads the same corpus without crashing', async () => {
		const result = await runCli(['replay', join(directory, 'hostile.ndjson'), '--output', 'json']);
		expectCleanExit(result);
		expect(firstControl(result.stdout.replace(/\n/g, ''))).toBeUndefined();
		const lines = parseNdjson(result.stdout);
		expect(lines.at(-1)?.['events']).toBe(eventCounts['hostile.ndjson']);
		expect(lines.filter((line) => line['type'] === 'unparsed')).toHaveLength(Number(lines.at(-1)?.['unparsed']));
		// Guessed keys read every value, the 100,000 levels under "extra" too: a readable reason, not a stack overflow.
		expectReadableReasons(lines);
		expect(lines.find((line) => line['type'] === 'unparsed' && String(line['message']).includes(requestId(400)))?.['reason']).toBe(TOO_DEEP_REASON);
		expect(lines.filter((line) => line['type'] === 'unparsed' && line['message'] === deepJson(DEEP_MESSAGE_MARK))).toHaveLength(1);
	});

	// Each shape once; FORCE_COLOR=1 where the input holds the most (invalid UTF-8, hostile group names).
	it.each<{file: HostileFile; env: Record<string, string>}>([
		{file: 'hostile.txt', env: {FORCE_COLOR: '1'}},
		{file: 'hostile.ndjson', env: {FORCE_COLOR: '1'}},
		{file: 'hostile-filter-log-events.json', env: {NO_COLOR: '1'}},
		{file: 'hostile.txt.gz', env: {}},
	])('text from $file with $env, piped: not one escape, not one control character', async ({file, env}) => {
		const result = await replay(file, [], env);
		expectCleanExit(result);
		// Piped, text has no colour even when FORCE_COLOR asks for it: no ESC at all.
		expect(firstControl(result.stdout.replace(/\n/g, ''))).toBeUndefined();
		expectTextAccountsForEverything(result.stdout, eventCounts[file]);
	});

	it.each(['hostile.ndjson', 'hostile.txt.gz'] as const)('the incident export of %s: FILE.json and FILE.md hold no control character', async (file) => {
		const base = join(directory, `incident-${file}`);
		const result = await replay(file, ['--output', 'json', '--export', base]);
		expectCleanExit(result);
		expect(result.stderr).toMatch(/^apigw-tail: exported \d+ requests? to \//);
		const json = readFileSync(`${base}.json`, 'utf8');
		const markdown = readFileSync(`${base}.md`, 'utf8');
		expect(firstControl(json.replace(/\n$/, ''))).toBeUndefined();
		expect(firstControl(markdown.replace(/\n/g, ''), CONTROL_BUT_TAB)).toBeUndefined();

		const exported = JSON.parse(json) as {requests: Line[]};
		const summary = parseNdjson(result.stdout).at(-1)!;
		expect(exported.requests).toHaveLength(Number(summary['requests']));
		expect(exported.requests.map((request) => request['requestId'])).toContain(HOSTILE_REQUEST_ID);
		// The raw lines are in the Markdown, sanitized: the markers after the payloads are there, and the whole 1 MB body.
		expect(markdown).toContain('## Raw lines');
		expect(markdown).toContain('HX24k');
		const bigLine = String((lastRevisions(parseNdjson(result.stdout)).get(requestId(401))?.['execution'] as Line[])[0]?.['message']);
		expect(count(markdown, 'HX15z')).toBe(count(bigLine, 'HX15z'));
		expect(count(bigLine, 'HX15z')).toBeGreaterThan(BIG_LINE_CHARACTERS / 100);
	});
});

/** Text output: the summary counts every event, and every unparsed line is printed. */
function expectTextAccountsForEverything(stdout: string, events: number): void {
	const counts = /events (\d+) \(execution (\d+), access (\d+), unparsed (\d+)\)/.exec(stdout);
	expect(counts, stdout.slice(-2000)).not.toBeNull();
	const [total, execution, access, unparsed] = counts!.slice(1).map(Number) as [number, number, number, number];
	expect(total).toBe(events);
	expect(execution + access + unparsed).toBe(events);
	expect(stdout.match(/\? unparsed /g)).toHaveLength(unparsed);
	for (const id of corpusRequestIds()) expect(stdout).toContain(id);
	// The hostile lines were printed, sanitized, not skipped: their markers are there.
	expect(stdout).toContain('send=HX01r');
	expect(stdout).toContain('HxC=HX07c');
}

function lastRevisions(lines: readonly Line[]): Map<string, Line> {
	const requests = new Map<string, Line>();
	for (const line of lines) if (line['type'] === 'request') requests.set(String(line['requestId']), line);
	return requests;
}

// The escape sequences the program writes itself. Ink (8) and the session: alternate screen, cursor,
// synchronized output, bracketed paste mode, line erase and cursor moves between frames (incremental
// rendering moves up, down, to a column and to next lines, and erases to a line's end), home and clear
// on entry, and SGR styles with one parameter or a 256-colour / RGB colour. Ink writes no OSC, DCS, APC,
// PM or SOS of its own.
const OWN_SEQUENCE =
	/\u001B\[(?:\?(?:25|1049|2026|2004)[hl]|[012]?K|\d{0,3}[A-G]|(?:\d{1,3};\d{1,3})?H|[0-3]?J|(?:\d{1,3}|[34]8;5;\d{1,3}|[34]8;2;\d{1,3};\d{1,3};\d{1,3})m)/g;
// The pseudo-terminal turns every newline the program writes into CR LF.
const PTY_NEWLINE = /\r\n/g;

/** Raw bytes from the terminal UI: only the program's own sequences, and none of them brought by a log. */
function expectOnlyOwnEscapes(output: string): void {
	expect(firstControl(output.replace(OWN_SEQUENCE, '').replace(PTY_NEWLINE, '').replace(/\n/g, ''))).toBeUndefined();
	expect(output.match(ESCAPE_BEFORE_MARKER)?.[0]).toBeUndefined();
	// The sequences a payload shares with the program are the program's own: the alternate screen is
	// entered once, first, and left at most once (on quit); every clear is the session's `home, clear` or
	// Ink's clearTerminal.
	expect(output.startsWith('\u001B[?1049h')).toBe(true);
	expect(count(output, '\u001B[?1049h')).toBe(1);
	expect(count(output, '\u001B[?1049l')).toBeLessThanOrEqual(1);
	expect(count(output, '\u001B[2J')).toBe(count(output, '\u001B[H\u001B[2J') + count(output, '\u001B[2J\u001B[3J\u001B[H'));
}

function count(text: string, part: string): number {
	return text.split(part).length - 1;
}

describeWithTmux('hostile log lines in a terminal', () => {
	it('the terminal UI draws connections, a request with every payload, the escaped id and the 1 MB line without a log escape', async () => {
		const counted = parseNdjson((await replay('hostile.ndjson', ['--output', 'json'])).stdout).at(-1)!;
		const pty = await startPty([process.execPath, CLI, 'replay', 'hostile.ndjson', '--access-log-format-file', formatFile, '--timezone', 'utc'], {
			width: 160,
			height: 50,
			cwd: directory,
		});
		try {
			let navigation: unknown;
			try {
				await navigateEverything(pty, Number(counted['unparsed']));
				expect(await pty.waitForExit(SCREEN_WAIT_MS)).toBe(0);
			} catch (error) {
				navigation = error;
			}

			// A leaked escape usually garbles the screen too: the bytes are checked first, so the failure names the leak.
			const output = await pty.output();
			expectOnlyOwnEscapes(output);
			if (navigation !== undefined) throw navigation;
			expect(count(output, '\u001B[?1049l'), 'the terminal is restored on quit').toBe(1);
			expect(output.match(MARKER)?.length ?? 0).toBeGreaterThan(PAYLOADS.length);
		} finally {
			// A UI stuck drawing cannot take the hangup when tmux goes: it is stopped by its process id first.
			if ((await pty.exitCode()) === undefined) await pty.signal('SIGKILL').catch(() => undefined);
			await pty.kill();
		}
	}, 90_000);

	it.each<{colour: string; env: Record<string, string>}>([
		{colour: 'coloured', env: {}},
		{colour: 'NO_COLOR', env: {NO_COLOR: '1'}},
	])('text on a terminal ($colour): only the printer\'s own colours, nothing from a log', async ({colour, env}) => {
		const pty = await startPty([process.execPath, CLI, 'replay', 'hostile.txt', '--output', 'text', '--access-log-format-file', formatFile, '--timezone', 'utc'], {
			width: 200,
			height: 50,
			cwd: directory,
			env,
		});
		try {
			expect(await pty.waitForExit(SCREEN_WAIT_MS)).toBe(0);
			const output = await pty.output();
			const text = output.replace(PTY_NEWLINE, '\n');
			// Coloured: only the text printer's palette (presentation/ansi-style.ts), bold, dim, red, yellow, green and
			// their resets. With NO_COLOR: no escape at all.
			const ownColours = /\u001B\[(?:1|2|22|31|32|33|39)m/g;
			if (colour === 'coloured') expect(text).toMatch(ownColours);
			const visible = colour === 'coloured' ? text.replace(ownColours, '') : text;
			expect(firstControl(visible.replace(/\n/g, ''))).toBeUndefined();
			expect(text.match(ESCAPE_BEFORE_MARKER)?.[0]).toBeUndefined();
			expectTextAccountsForEverything(visible, eventCounts['hostile.txt']);
		} finally {
			await pty.kill();
		}
	});
});

/**
 * `/`, the text, Enter: selects the newest match. Each key waits for the screen to answer the one before:
 * keys arriving in one chunk of input read as a paste, not as `/` then text.
 */
async function search(pty: PtySession, text: string): Promise<void> {
	await pty.sendKeys('/');
	await pty.waitForScreen((screen) => /^\/ {2}/m.test(screen), SCREEN_WAIT_MS);
	await pty.sendKeys(text);
	await pty.waitForScreen((screen) => screen.includes(`/${text}`), SCREEN_WAIT_MS);
	await pty.sendKeys('Enter');
	await pty.waitForScreen((screen) => new RegExp(`/${text} \\d+/\\d+`).test(screen), SCREEN_WAIT_MS);
}

async function closeDetail(pty: PtySession, shownId: string): Promise<void> {
	await pty.sendKeys('Escape');
	await pty.waitForScreen((screen) => !screen.includes(`request ${shownId}`), SCREEN_WAIT_MS);
}

/** Selects a connection, opens the request with every payload, the escaped id and the 1 MB line, searches, lists all, quits. */
async function navigateEverything(pty: PtySession, unparsed: number): Promise<void> {
	const first = await pty.waitForScreen((screen) => screen.includes('end of input'), SCREEN_WAIT_MS);
	// Unparsed lines are counted in the header, as in the NDJSON summary.
	expect(first).toContain(`unparsed ${unparsed}`);
	expect(first).toContain('HxC=HX07');

	// Find the request holding every payload: its connection is selected; open it, then the request.
	await search(pty, requestId(600).slice(0, 14));
	await pty.sendKeys('Enter');
	await pty.waitForScreen((screen) => screen.includes('[Timeline]'), SCREEN_WAIT_MS);
	await pty.sendKeys('Enter');
	// Payload 24's bidi controls come out as U+FFFD, which makes its line longer than the detail column:
	// the line is drawn in its own row, cut at the pane's edge (its marker is checked in the export).
	const bidi = /method-req +Method request body before transformations: =\uFFFDgnp\.exe\uFFFD+/;
	const opened = await pty.waitForScreen((screen) => screen.includes(`request ${requestId(600)}`) && bidi.test(screen), SCREEN_WAIT_MS);
	expect(opened).toContain('=HX03k');
	await closeDetail(pty, requestId(600));

	// The request whose id carries escapes, then the 1 MB line.
	await search(pty, 'HxEsc');
	await pty.sendKeys('Enter');
	await pty.waitForScreen((screen) => screen.includes('request HxEscHX03q'), SCREEN_WAIT_MS);
	await closeDetail(pty, 'HxEscHX03q');
	await search(pty, requestId(401).slice(0, 14));
	await pty.sendKeys('Enter');
	// The 1 MB line is cut at the detail column's edge (64 cells side by side at 160).
	await pty.waitForScreen((screen) => screen.includes(`request ${requestId(401)}`) && /\{"k":"vé=HX03z=HX0/.test(screen), SCREEN_WAIT_MS);
	await closeDetail(pty, requestId(401));

	// Every request in one list: full connection ids and routes.
	await pty.sendKeys('a');
	await pty.waitForScreen((screen) => screen.includes('[All requests]') && screen.includes('HxC=HX03c'), SCREEN_WAIT_MS);
	await pty.sendKeys('q');
}
