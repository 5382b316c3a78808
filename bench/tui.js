// Terminal UI frame time: the real App rendered by Ink (to an in-memory 160x48 terminal) over a model
// holding 10,000 connections / 100,000 requests, while simulated traffic arrives at 500 events/s.
// Ink's own onRender reports each frame's render time; we print p50/p95. The baseline is Ink drawing a
// screen of the same size with no model behind it: 48 rows of styled text that change every tick, the
// floor any Ink application pays per frame on this machine.

// As the CLI runs it (source/cli.ts): React's production build. Set before ink and react load.
process.env.NODE_ENV ??= 'production';
const {PassThrough} = await import('node:stream');
const {render} = await import('ink');
const {createElement, useEffect, useState} = await import('react');
const {Box, Text} = await import('ink');
const {DEFAULT_LIMITS, Engine} = await import('../dist/core/engine.js');
const {compileAccessFormat} = await import('../dist/core/parse/access-format.js');
const {DEMO_ACCESS_LOG_FORMAT, generateTraffic} = await import('../dist/emulator/traffic.js');
const {App} = await import('../dist/ui/app.js');
const {LiveModel} = await import('../dist/ui/model/live-model.js');
const {UpdateBatcher} = await import('../dist/ui/terminal/batcher.js');
const {COLOUR_THEME} = await import('../dist/ui/theme.js');

const WIDTH = 160;
const HEIGHT = 48;

// 30 s of frames (about 300): a p95 of a hundred frames moved by 2 ms between runs on this shared machine.
export async function measureTui({requests = 100_000, eventsPerSecond = 500, seconds = 30} = {}) {
	const engine = new Engine({...DEFAULT_LIMITS, accessParser: compileAccessFormat(DEMO_ACCESS_LOG_FORMAT), trackChanges: true});
	const model = new LiveModel({maxRequests: DEFAULT_LIMITS.maxRequests, maxConnections: DEFAULT_LIMITS.maxConnections});
	const traffic = generateTraffic({
		seed: 5,
		apiId: 'a1b2c3d4e5',
		stage: 'prod',
		executionLogGroup: 'API-Gateway-Execution-Logs_a1b2c3d4e5/prod',
		accessLogGroup: '/aws/apigateway/a1b2c3d4e5/prod/access',
		startTime: Date.now() - 3_600_000,
		// Many short-lived clients, so the model fills with connections as well as requests.
		eventsPerSecond: 2000,
	});
	// traffic.next(), not for...of: breaking out of for...of would close the generator.
	const next = (count) => Array.from({length: count}, () => traffic.next().value.event);

	// Fill the model first (as after a long backfill).
	while (engine.summary().requests < requests) {
		engine.ingest(next(5000));
		model.apply(engine.takeChanges());
	}

	model.setSummary(engine.summary());
	const listeners = new Set();
	const batcher = new UpdateBatcher(() => {
		model.setSummary(engine.summary());
		for (const listener of listeners) listener();
	});
	const frames = [];
	const stdout = fakeTerminal();
	const app = render(
		createElement(App, {
			model,
			subscribe: (listener) => {
				listeners.add(listener);
				return () => listeners.delete(listener);
			},
			theme: COLOUR_THEME,
			initial: {width: WIDTH, height: HEIGHT, timezone: 'utc'},
			stdout,
			now: Date.now,
			onQuit() {},
		}),
		// As source/ui/run-tui.tsx renders it: incremental rendering on.
		{stdout, stdin: fakeStdin(), maxFps: 20, incrementalRendering: true, patchConsole: false, exitOnCtrlC: false, onRender: ({renderTime}) => frames.push(renderTime)},
	);

	const tickMs = 100;
	const perTick = Math.round((eventsPerSecond * tickMs) / 1000);
	for (let elapsed = 0; elapsed < seconds * 1000; elapsed += tickMs) {
		engine.ingest(next(perTick));
		model.apply(engine.takeChanges());
		batcher.mark();
		await new Promise((resolve) => setTimeout(resolve, tickMs));
	}

	batcher.stop();
	app.unmount();
	const sorted = frames.slice(1).sort((a, b) => a - b);
	const summary = engine.summary();
	const baseline = await measureInkFloor(seconds);
	return {
		connections: summary.connections,
		requests: summary.requests,
		terminal: `${WIDTH}x${HEIGHT}`,
		eventsPerSecond,
		frames: sorted.length,
		p50Ms: round(percentile(sorted, 0.5)),
		p95Ms: round(percentile(sorted, 0.95)),
		inkFloorP50Ms: round(percentile(baseline, 0.5)),
		inkFloorP95Ms: round(percentile(baseline, 0.95)),
		p95Ratio: round(percentile(sorted, 0.95) / percentile(baseline, 0.95)),
	};
}

/** Ink's per-frame render time for a full screen of styled rows that change every 100 ms. */
async function measureInkFloor(seconds) {
	const frames = [];
	const stdout = fakeTerminal();
	function Screen() {
		const [tick, setTick] = useState(0);
		useEffect(() => {
			const timer = setInterval(() => setTick((value) => value + 1), 100);
			return () => clearInterval(timer);
		}, []);
		const rows = Array.from({length: HEIGHT}, (_, row) =>
			createElement(
				Text,
				{key: row, wrap: 'truncate-end'},
				createElement(Text, {bold: true, color: 'cyan'}, `${String(row + tick).padStart(6)} › `),
				`req-${row}-${tick} sendmessage 200 · `.padEnd(WIDTH - 40, '.'),
				createElement(Text, {color: 'red'}, ' ⚡ integration 1'.padEnd(30)),
			),
		);
		return createElement(Box, {flexDirection: 'column', width: WIDTH, height: HEIGHT, overflowY: 'hidden'}, rows);
	}

	const app = render(createElement(Screen), {
		stdout,
		stdin: fakeStdin(),
		maxFps: 20,
		incrementalRendering: true,
		patchConsole: false,
		exitOnCtrlC: false,
		onRender: ({renderTime}) => frames.push(renderTime),
	});
	await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
	app.unmount();
	return frames.slice(1).sort((a, b) => a - b);
}

function fakeTerminal() {
	const stream = new PassThrough();
	stream.resume();
	return Object.assign(stream, {isTTY: true, columns: WIDTH, rows: HEIGHT});
}

function fakeStdin() {
	const stream = new PassThrough();
	return Object.assign(stream, {isTTY: true, setRawMode() {}, ref() {}, unref() {}});
}

function percentile(sorted, q) {
	return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function round(value) {
	return Math.round(value * 100) / 100;
}
