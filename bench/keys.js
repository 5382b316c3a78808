// Key-to-screen latency under load (issue 12, part 2): apigw-tail `demo --rate 500` in a real tmux pane at
// 160x48; press `?` and read the screen (capture-pane, back to back) until help shows, then Escape until it
// is gone; each press is one sample. The floor is bench/key-floor.js, which redraws at once on a key, in
// the same harness at the same time: tmux, its client, the polling and the machine's load cost the same.

import {fileURLToPath} from 'node:url';
import {pollUntil, startPane} from './tmux-pane.js';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const HELP = /\[Help\]/;
const MAIN = /\[Connections\]/;
const SIZE = {width: 160, height: 48};
/** The demo fills for this long before the first press: the model holds thousands of requests by then. */
const WARM_UP_MS = 5000;

// 120 presses: the p95 of 40 was their second slowest, and moved by 30 ms between runs.
export async function measureKeys({samples = 120, rate = 500, cli = here('../bin/apigw-tail.js')} = {}) {
	const floorPane = await startPane([process.execPath, here('./key-floor.js')], SIZE);
	const appPane = await startPane([process.execPath, cli, 'demo', '--rate', String(rate)], SIZE);
	const floor = [];
	const app = [];
	try {
		for (const pane of [floorPane, appPane]) await pollUntil(pane, (screen) => MAIN.test(screen), process.hrtime.bigint(), 30_000);
		await delay(WARM_UP_MS);
		// Presses alternate between the two panes, so both meet the same load from whatever else this
		// machine runs (the floor then also shares the machine with the demo, as apigw-tail does).
		while (app.length < samples) {
			await pressBoth(floorPane, floor);
			await pressBoth(appPane, app);
		}
	} finally {
		await Promise.all([floorPane.kill(), appPane.kill()]);
	}
	return {
		terminal: `${SIZE.width}x${SIZE.height}`,
		rate,
		samples: app.length,
		p50Ms: percentile(app, 0.5),
		p95Ms: percentile(app, 0.95),
		floorP50Ms: percentile(floor, 0.5),
		floorP95Ms: percentile(floor, 0.95),
		aboveFloorP95Ms: round(percentile(app, 0.95) - percentile(floor, 0.95)),
		goalAboveFloorMs: 35,
	};
}

/** `?` until help shows, then Escape until it is gone: two samples. */
async function pressBoth(pane, times) {
	// A random pause, so presses fall anywhere in the program's timers (frames, batches, polls).
	await delay(50 + Math.random() * 200);
	times.push(await press(pane, '?', HELP));
	await delay(50 + Math.random() * 200);
	times.push(await press(pane, 'Escape', MAIN, HELP));
}

async function press(pane, key, shows, hides) {
	const started = process.hrtime.bigint();
	await pane.sendKeys(key);
	return pollUntil(pane, (screen) => shows.test(screen) && !(hides?.test(screen) ?? false), started);
}

function percentile(values, fraction) {
	const sorted = [...values].sort((a, b) => a - b);
	return round(sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]);
}

async function delay(ms) {
	await new Promise((resolve) => setTimeout(resolve, ms));
}

function round(value) {
	return Math.round(value * 10) / 10;
}

// `node bench/keys.js [CLI]`: another build's bin/apigw-tail.js may be compared in the same way.
if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await measureKeys(process.argv[2] ? {cli: process.argv[2]} : {}));
