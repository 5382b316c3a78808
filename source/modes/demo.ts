// `apigw-tail demo`: the main job with no AWS account. Starts the emulator in-process with a WebSocket API
// `chat-demo` (stage `prod`, both log groups, an access-log format), writes simulated traffic into it as it
// happens (every error category within seconds), and runs the normal live path against it: discovery,
// StartLiveTail, the terminal UI or text/NDJSON. Nothing past this file knows it is a demo.

import process from 'node:process';
import type {DemoConfig, LiveConfig} from '../config.js';
import {addStandardApis} from '../emulator/apigw-standard-fixtures.js';
import {Emulator} from '../emulator/server.js';
import type {LineSink} from '../output/sink.js';
import {TrafficWriter} from '../emulator/traffic-writer.js';
import {runLive} from './live.js';

const DEMO_API = 'chat-demo';
const DEMO_STAGE = 'prod';
/** Once live tail has sent the last line: time for it to cross the loopback and reach the engine. */
const DELIVERY_GRACE_MS = 1000;
/** Without a live tail session (polling): more than one poll interval, so the last poll reads the last line. */
const POLL_DRAIN_MS = 3000;
const CATCH_UP_POLL_MS = 100;

export async function runDemo(config: DemoConfig, sink: LineSink, signal: AbortSignal): Promise<void> {
	const emulator = await Emulator.start();
	const stop = new AbortController();
	const forward = () => stop.abort();
	signal.addEventListener('abort', forward, {once: true});
	try {
		const {webSocket} = addStandardApis({apis: emulator.apis, logs: emulator.logs});
		const limited = config.durationMs > 0;
		const writer = new TrafficWriter(emulator.logs, {
			seed: config.seed,
			apiId: webSocket.apiId,
			stage: DEMO_STAGE,
			eventsPerSecond: config.eventsPerSecond,
			durationMs: limited ? config.durationMs : undefined,
		});
		writer.start();
		// After --duration every request that started is written whole (its lagging access line too); the
		// run ends once those lines reached the engine, which then settles and prints them.
		if (limited) void writer.ended.then(async () => untilDelivered(emulator, stop.signal)).then(forward);

		useEmulatorCredentials();
		await runLive(liveConfigFor(config, emulator.endpoint), sink, stop.signal);
		writer.stop();
	} finally {
		signal.removeEventListener('abort', forward);
		await emulator.stop();
	}
}

async function untilDelivered(emulator: Emulator, signal: AbortSignal): Promise<void> {
	const live = emulator.liveTailSessionCount > 0;
	while (live && !emulator.liveTailCaughtUp && !signal.aborted) await delay(CATCH_UP_POLL_MS);
	await delay(live ? DELIVERY_GRACE_MS : POLL_DRAIN_MS);
}

async function delay(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}

function liveConfigFor(config: DemoConfig, endpointUrl: string): LiveConfig {
	return {
		...config,
		command: 'live',
		api: {api: DEMO_API, stage: DEMO_STAGE},
		logGroups: [],
		executionLogGroup: undefined,
		accessLogGroup: undefined,
		lambda: true,
		lambdaLogGroups: [],
		aws: {region: 'us-east-1', profile: undefined, endpointUrl},
		since: {beforeNowMs: 0},
		follow: true,
		transport: 'auto',
		requestRate: 3,
	};
}

/** The emulator accepts any credentials; the user's own (profiles, SSO) must not be looked up for it. */
function useEmulatorCredentials(): void {
	process.env['AWS_ACCESS_KEY_ID'] = 'AKIDAPIGWTAILDEMO';
	process.env['AWS_SECRET_ACCESS_KEY'] = 'apigw-tail-demo';
	delete process.env['AWS_SESSION_TOKEN'];
	delete process.env['AWS_PROFILE'];
	process.env['AWS_EC2_METADATA_DISABLED'] = 'true';
}
