// `apigw-tail demo`: a deterministic, simulated WebSocket chat API (every error category within seconds)
// run through the same engine and printers as real logs. No AWS account, no network.

import type {DemoConfig} from '../config.js';
import type {LogEvent} from '../core/types.js';
import {DEMO_ACCESS_LOG_FORMAT, generateTraffic} from '../emulator/traffic.js';
import type {LineSink} from '../output/sink.js';
import {accessParserFor} from './access-parser.js';
import {present} from './present.js';

const DEMO_API_ID = 'a1b2c3d4e5';
const DEMO_STAGE = 'prod';
const BATCH_SIZE = 500;

export async function runDemo(config: DemoConfig, sink: LineSink, signal: AbortSignal): Promise<void> {
	const accessLogGroup = `/aws/apigateway/${DEMO_API_ID}/${DEMO_STAGE}/access`;
	// The user's --access-log-format still wins, exactly as it would over a discovered one.
	const accessParser = await accessParserFor(config, DEMO_ACCESS_LOG_FORMAT);
	await present(demoBatches(config, accessLogGroup), {
		config,
		accessParser,
		accessLogGroups: new Set([accessLogGroup]),
		sink,
		signal,
		status: {source: `demo: chat-demo (${DEMO_API_ID})`, stage: DEMO_STAGE, transport: 'replay', sampled: false, throttled: false, eventsPerSecond: 0},
	});
}

async function* demoBatches(config: DemoConfig, accessLogGroup: string): AsyncGenerator<LogEvent[]> {
	const startTime = Date.now() - config.durationMs;
	const traffic = generateTraffic({
		seed: config.seed,
		apiId: DEMO_API_ID,
		stage: DEMO_STAGE,
		executionLogGroup: `API-Gateway-Execution-Logs_${DEMO_API_ID}/${DEMO_STAGE}`,
		accessLogGroup,
		startTime,
		eventsPerSecond: config.eventsPerSecond,
	});
	let batch: LogEvent[] = [];
	for (const {event} of traffic) {
		if ((event.ingestionTime ?? event.timestamp) > startTime + config.durationMs) break;
		batch.push(event);
		if (batch.length === BATCH_SIZE) {
			yield batch;
			batch = [];
		}
	}

	if (batch.length > 0) yield batch;
}
