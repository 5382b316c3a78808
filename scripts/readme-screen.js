#!/usr/bin/env node
// Captures the terminal UI on the bundled chat-demo sample, as a person sees it in a 120x30 terminal, and writes
// it between the screen markers at the top of README.md, so the picture there is the program's own output.
//   node scripts/readme-screen.js           rewrite README.md's picture
//   node scripts/readme-screen.js --check   exit 1 when README.md's picture is not what the UI draws now
// Needs `npm run build` and tmux. A replay is used, not the live demo: its clock is the logs' time, so the
// screen is the same on every run.

import {execFileSync} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const README = join(root, 'README.md');
const SAMPLE = 'test/fixtures/samples/chat-demo.ndjson.gz';
const COLUMNS = 120;
const ROWS = 30;
const START = /<!-- screen:start[^>]*-->\n/;
const END = '<!-- screen:end -->';
const session = `readme-screen-${process.pid}`;

const tmux = (...args) => execFileSync('tmux', args, {encoding: 'utf8'});
const capture = () => tmux('capture-pane', '-p', '-t', session);

async function until(what, predicate, timeoutMs = 20_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const screen = capture();
		if (predicate(screen)) return screen;
		if (Date.now() > deadline) throw new Error(`readme-screen: timed out waiting for ${what}; the screen:\n${screen}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

async function screenOfTheUi() {
	// The Node that runs this script runs the UI, not whichever `node` the shell finds first.
	const command = `cd '${root}' && NO_COLOR=1 TZ=UTC '${process.execPath}' bin/apigw-tail.js replay ${SAMPLE}; sleep 30`;
	tmux('new-session', '-d', '-s', session, '-x', String(COLUMNS), '-y', String(ROWS), command);
	try {
		await until('the end of the sample', (screen) => screen.includes('end of input'));
		// Errors only: the timeline then shows what the tool is for, failures with their explanations.
		tmux('send-keys', '-t', session, 'e');
		const screen = await until('errors only', (text) => text.includes('errors only'));
		return screen
			.split('\n')
			.map((line) => line.trimEnd())
			.join('\n')
			.trimEnd();
	} finally {
		tmux('kill-session', '-t', session);
	}
}

const readme = readFileSync(README, 'utf8');
const start = START.exec(readme);
const end = readme.indexOf(END);
if (!start || end < start.index) {
	console.error('readme-screen: README.md has no <!-- screen:start --> ... <!-- screen:end --> markers');
	process.exit(1);
}

const picture = `\`\`\`text\n${await screenOfTheUi()}\n\`\`\`\n`;
const next = readme.slice(0, start.index + start[0].length) + picture + readme.slice(end);
// The header's clock is the wall clock: the one thing on screen that differs from run to run.
const withoutClock = (text) => text.replace(/^(apigw-tail · .*?)\d\d:\d\d:\d\d$/m, '$1--:--:--');
if (process.argv.includes('--check')) {
	if (withoutClock(next) !== withoutClock(readme)) {
		console.error('readme-screen: README.md shows an old screen; run: npm run build && node scripts/readme-screen.js');
		process.exit(1);
	}
	console.log('readme-screen: README.md shows the current screen');
} else {
	writeFileSync(README, next);
	console.log(`readme-screen: wrote a ${COLUMNS}x${ROWS} capture into README.md`);
}
