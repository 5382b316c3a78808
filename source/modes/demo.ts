// `apigw-tail demo`: the main job with no AWS account. Starts the emulator with a WebSocket API
// `chat-demo` (stage `prod`, both log groups, an access-log format) on a worker thread, which writes
// simulated traffic into it as it happens (every error category within seconds), and runs the normal
// live path against it: discovery, StartLiveTail, the terminal UI or text/NDJSON. Nothing past this file
// knows it is a demo.

import process from 'node:process';
import type {DemoConfig, LiveConfig} from '../config.js';
import type {LineSink} from '../output/sink.js';
import {startDemoEmulator} from './demo-emulator.js';
import {runLive} from './live.js';

const DEMO_API = 'chat-demo';
const DEMO_STAGE = 'prod';

export async function runDemo(config: DemoConfig, sink: LineSink, signal: AbortSignal): Promise<void> {
	const emulator = await startDemoEmulator({
		seed: config.seed,
		stage: DEMO_STAGE,
		eventsPerSecond: config.eventsPerSecond,
		durationMs: config.durationMs > 0 ? config.durationMs : undefined,
	});
	const stop = new AbortController();
	const forward = () => stop.abort();
	signal.addEventListener('abort', forward, {once: true});
	// After --duration the run ends once the last lines reached the engine, which then settles and prints them.
	void emulator.delivered.then(forward);
	let failure: unknown;
	emulator.failed.catch((error: unknown) => {
		failure = error;
		forward();
	});
	try {
		useEmulatorCredentials();
		await runLive(liveConfigFor(config, emulator.endpoint), sink, stop.signal);
	} finally {
		signal.removeEventListener('abort', forward);
		await emulator.stop();
	}

	if (failure !== undefined) throw failure;
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
