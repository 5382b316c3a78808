// The floor for replay to NDJSON (issue 12, part 5): what any tool writing the same output must do at
// least — read each event, JSON.parse it, JSON.stringify it back and write it out in 1 MB chunks. The
// old baseline (baseline-parse.js) wrote nothing, though NDJSON output writes every line's text again.
import {createReadStream} from 'node:fs';

const CHUNK = 1 << 20;
let pending = [];
let pendingBytes = 0;
let rest = '';

async function write(text) {
	pending.push(text);
	pendingBytes += text.length;
	if (pendingBytes >= CHUNK) await flush();
}

async function flush() {
	const chunk = pending.join('');
	pending = [];
	pendingBytes = 0;
	if (!process.stdout.write(chunk)) await new Promise((resolve) => process.stdout.once('drain', resolve));
}

for await (const chunk of createReadStream(process.argv[2], {encoding: 'utf8', highWaterMark: CHUNK})) {
	const lines = (rest + chunk).split('\n');
	rest = lines.pop() ?? '';
	for (const line of lines) if (line !== '') await write(`${JSON.stringify(JSON.parse(line))}\n`);
}

if (rest !== '') await write(`${JSON.stringify(JSON.parse(rest))}\n`);
await flush();
