// The demo's simulated traffic on chat-demo/prod as its access lines only: what `stats` and the UI's
// window count (their tests compare those figures with the engine's replay of the same lines).
import type {LogEvent} from '../../source/core/types.js';
import {generateTraffic} from '../../source/emulator/traffic.js';

export const DEMO_ACCESS_GROUP = '/aws/apigateway/a1b2c3d4e5/prod/access';

export function demoAccessTraffic(from: number, to: number): LogEvent[] {
	const events: LogEvent[] = [];
	for (const {event} of generateTraffic({
		seed: 13,
		apiId: 'a1b2c3d4e5',
		stage: 'prod',
		executionLogGroup: 'API-Gateway-Execution-Logs_a1b2c3d4e5/prod',
		accessLogGroup: DEMO_ACCESS_GROUP,
		startTime: from,
		endTime: to,
		eventsPerSecond: 6,
	})) {
		if (event.logGroup === DEMO_ACCESS_GROUP) events.push({timestamp: event.timestamp, message: event.message, logStream: event.logStream});
	}

	return events;
}
