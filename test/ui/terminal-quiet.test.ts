import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {UserError} from '../../source/exit-codes.js';
import {quietTerminal} from '../../source/ui/terminal/quiet.js';

// Console, warnings and stderr are process-wide (and vitest has its own console in this worker), so the
// real behaviour is checked in a child process running the built modules, with stdout/stderr as pipes.
const BUILT = (name: string): string => fileURLToPath(new URL(`../../dist/ui/terminal/${name}.js`, import.meta.url));

const PROGRAM = `
import {quietTerminal} from ${JSON.stringify(pathToFileURL(BUILT('quiet')).href)};
import {enterFullScreen} from ${JSON.stringify(pathToFileURL(BUILT('session')).href)};
const [mode, logPath] = process.argv.slice(2);
const nextTick = () => new Promise((resolve) => setTimeout(resolve, 20));
const writeEverything = (tag) => {
	console.log('log %s', tag);
	console.info('info', tag);
	console.warn('warn', tag);
	console.error('error', tag);
	console.table([{table: tag}]);
	process.emitWarning('warning ' + tag, {code: 'TEST_CODE'});
	process.stderr.write('raw stderr ' + tag + '\\n');
	process.stderr.write(Buffer.from('buffer stderr ' + tag + '\\n'));
};
const restore = quietTerminal(logPath ? {debugLogPath: logPath} : {});
const sdkVariableWhileQuiet = process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
if (mode === 'crash') {
	setTimeout(() => { throw new Error('kaboom'); }, 0);
} else if (mode === 'crash-in-session') {
	enterFullScreen(process.stdout);
	Promise.reject(new Error('kaboom rejected'));
} else {
	writeEverything('while-quiet');
	console.log('an escape \\u001b]0;retitled\\u0007 from a log line');
	await nextTick(); // emitWarning emits on a later tick
	restore();
	restore();
	writeEverything('after-restore');
	await nextTick();
	console.log(JSON.stringify({dropped: restore.dropped(), sdkVariableWhileQuiet, sdkVariableAfter: process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ?? 'unset'}));
}
`;

const WRITES_PER_ROUND = 9; // the eight of writeEverything and the escape line

describe('quietTerminal (in a child process)', () => {
	let directory: string;
	let program: string;

	beforeAll(() => {
		for (const name of ['quiet', 'session']) {
			if (!existsSync(BUILT(name))) throw new Error(`${BUILT(name)} is missing: build first (npx tsc -p tsconfig.json)`);
		}
		directory = mkdtempSync(join(tmpdir(), 'apigw-quiet-test-'));
		program = join(directory, 'quiet.mjs');
		writeFileSync(program, PROGRAM);
	});
	afterAll(() => rmSync(directory, {recursive: true, force: true}));

	const run = (mode: string, logPath = '') => {
		const environment = {...process.env};
		delete environment['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'];
		const result = spawnSync(process.execPath, [program, mode, logPath], {encoding: 'utf8', env: environment});
		const report = result.stdout.trim().split('\n').at(-1) ?? '';
		return {...result, report: report.startsWith('{') ? (JSON.parse(report) as Record<string, unknown>) : undefined};
	};

	it('sends console, warnings and stderr writes to the debug log until restored, then to the terminal again', () => {
		const logPath = join(directory, 'debug.log');
		writeFileSync(logPath, 'an earlier run\n');
		const result = run('writes', logPath);
		expect(result.status).toBe(0);

		const terminal = result.stdout + result.stderr;
		expect(terminal).not.toContain('while-quiet');
		expect(terminal).not.toContain('retitled');
		expect(result.stdout).toContain('log after-restore');
		expect(result.stdout).toContain('info after-restore');
		expect(result.stdout).toMatch(/│\s*0\s*│\s*'after-restore'\s*│/);
		for (const text of ['warn after-restore', 'error after-restore', 'Warning: warning after-restore', 'raw stderr after-restore', 'buffer stderr after-restore']) {
			expect(result.stderr).toContain(text);
		}

		const log = readFileSync(logPath, 'utf8');
		expect(log.startsWith('an earlier run\n')).toBe(true);
		expect(log).not.toContain('after-restore');
		const entry = (source: string, text: string) => new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z \\[${source.replace('.', '\\.')}\\] ${text}$`, 'm');
		expect(log).toMatch(entry('console', 'log while-quiet'));
		expect(log).toMatch(entry('console', 'info while-quiet'));
		expect(log).toMatch(entry('console.error', 'warn while-quiet'));
		expect(log).toMatch(entry('console.error', 'error while-quiet'));
		expect(log).toMatch(/\[console\] ┌[\s\S]*'while-quiet'/);
		expect(log).toMatch(entry('warning', 'Warning \\[TEST_CODE\\]: warning while-quiet'));
		expect(log).toMatch(entry('stderr', 'raw stderr while-quiet'));
		expect(log).toMatch(entry('stderr', 'buffer stderr while-quiet'));
		// Escape sequences from log text do not reach whoever reads the file.
		expect(log).toMatch(entry('console', 'an escape  from a log line'));
		expect(log).not.toContain('\u001B');

		expect(result.report).toEqual({dropped: 0, sdkVariableWhileQuiet: 'true', sdkVariableAfter: 'unset'});
	});

	it('drops and counts everything when there is no debug log', () => {
		const result = run('writes');
		expect(result.status).toBe(0);
		expect(result.stdout + result.stderr).not.toContain('while-quiet');
		expect(result.stderr).toContain('raw stderr after-restore');
		expect(result.report).toEqual({dropped: WRITES_PER_ROUND, sdkVariableWhileQuiet: 'true', sdkVariableAfter: 'unset'});
	});

	it('records a crash with its stack in the debug log', () => {
		const logPath = join(directory, 'crash.log');
		const result = run('crash', logPath);
		expect(result.status).toBe(1);
		expect(readFileSync(logPath, 'utf8')).toMatch(/\[crash\] uncaughtException: Error: kaboom\n\s+at /);
	});

	it('with the full-screen session: one line on stderr, the stack of a rejection in the debug log', () => {
		const logPath = join(directory, 'rejection.log');
		const result = run('crash-in-session', logPath);
		expect(result.status).toBe(1);
		expect(result.stderr).toBe('apigw-tail: internal error: Error: kaboom rejected\n');
		expect(result.stdout).toContain('\u001B[?1049l');
		expect(readFileSync(logPath, 'utf8')).toMatch(/\[crash\] unhandledRejection: Error: kaboom rejected\n\s+at /);
	});
});

describe('quietTerminal (in process)', () => {
	it('refuses a debug log it cannot open, changing nothing', () => {
		const log = console.log;
		const write = process.stderr.write;
		expect(() => quietTerminal({debugLogPath: join(tmpdir(), 'no-such-directory-apigw', 'debug.log')})).toThrow(UserError);
		expect(() => quietTerminal({debugLogPath: join(tmpdir(), 'no-such-directory-apigw', 'debug.log')})).toThrow(/cannot open the debug log/);
		expect(console.log).toBe(log);
		expect(process.stderr.write).toBe(write);
	});
});
