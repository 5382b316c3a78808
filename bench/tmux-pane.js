// A program in a real tmux pane for the benchmarks: start it at a size, send keys, read the screen
// (capture-pane). Its own server, socket and directory, all removed by kill(). (test/helpers/pty.ts is
// the tests' richer version; this one adds nothing between a key and the screen but tmux itself.)

import {execFile} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';

const run = promisify(execFile);
const CONFIG = 'set -g status off\nset -g default-terminal xterm-256color\nset -sg escape-time 0\n';
let count = 0;

export async function startPane(command, {width, height, env = {}}) {
	const directory = mkdtempSync(join(tmpdir(), 'apigw-bench-pane-'));
	const config = join(directory, 'tmux.conf');
	writeFileSync(config, CONFIG);
	count += 1;
	const socket = `apigw-bench-${process.pid}-${count}`;
	// No CI marker (Ink would draw only the last frame) and no colour override: as a user's terminal.
	const inherited = {...process.env, TMUX_TMPDIR: directory};
	for (const name of ['CI', 'CONTINUOUS_INTEGRATION', 'NO_COLOR', 'FORCE_COLOR', 'TMUX', 'TMUX_PANE']) delete inherited[name];
	const tmux = async (...args) => (await run('tmux', ['-L', socket, '-f', config, ...args], {env: inherited})).stdout;
	const environment = Object.entries({TERM: 'xterm-256color', ...env}).flatMap(([name, value]) => ['-e', `${name}=${value}`]);
	await tmux('new-session', '-d', '-x', String(width), '-y', String(height), '-s', 'bench', ...environment, `exec ${command.map(quote).join(' ')}`);
	return {
		sendKeys: async (...keys) => tmux('send-keys', '-t', 'bench', ...keys),
		screen: async () => tmux('capture-pane', '-p', '-t', 'bench'),
		async kill() {
			await tmux('kill-server').catch(() => undefined);
			rmSync(directory, {recursive: true, force: true});
		},
	};
}

/** Reads the screen back to back until `predicate` holds; the elapsed milliseconds since `started`. */
export async function pollUntil(pane, predicate, started, timeoutMs = 10_000) {
	for (;;) {
		const screen = await pane.screen();
		const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
		if (predicate(screen)) return elapsed;
		if (elapsed > timeoutMs) throw new Error(`the screen did not change in ${timeoutMs} ms:\n${screen}`);
	}
}

function quote(text) {
	return `'${text.replaceAll("'", "'\\''")}'`;
}
