// The demo's emulator and its traffic, on a worker thread (started by demo-emulator.ts). On AWS the
// service stores, serves and streams the logs on its own machines; in one thread with the terminal UI
// the emulator's work (writing traffic, answering calls, encoding live tail updates) held the event loop
// between a key and its frame. Here it has an event loop of its own, as the service would.

import {parentPort, workerData} from 'node:worker_threads';
import {addStandardApis} from '../emulator/apigw-standard-fixtures.js';
import {Emulator} from '../emulator/server.js';
import {TrafficWriter} from '../emulator/traffic-writer.js';
import type {DemoTraffic, FromDemoEmulator, ToDemoEmulator} from './demo-emulator.js';

/** Once live tail has sent the last line: time for it to cross the loopback and reach the engine. */
const DELIVERY_GRACE_MS = 1000;
/** Without a live tail session (polling): more than one poll interval, so the last poll reads the last line. */
const POLL_DRAIN_MS = 3000;
const CATCH_UP_POLL_MS = 100;

const port = parentPort;
if (port === null) throw new Error('demo-emulator-worker runs as a worker thread');
const traffic = workerData as DemoTraffic;
const post = (message: FromDemoEmulator) => port.postMessage(message);

const emulator = await Emulator.start();
const {webSocket} = addStandardApis({apis: emulator.apis, logs: emulator.logs});
const writer = new TrafficWriter(emulator.logs, {
	seed: traffic.seed,
	apiId: webSocket.apiId,
	stage: traffic.stage,
	eventsPerSecond: traffic.eventsPerSecond,
	durationMs: traffic.durationMs,
});
let stopping = false;
port.on('message', (message: ToDemoEmulator) => {
	if (message.type !== 'stop' || stopping) return;
	stopping = true;
	writer.stop();
	// Once the server is closed nothing is left on this thread's loop: the worker ends by itself.
	void emulator.stop().then(() => port.close());
});
writer.start();
// After --duration every request that started is written whole (its lagging access line too); the run
// ends once those lines reached the engine.
if (traffic.durationMs !== undefined) {
	void writer.ended.then(untilDelivered).then(() => {
		if (!stopping) post({type: 'delivered'});
	});
}

post({type: 'ready', endpoint: emulator.endpoint});

async function untilDelivered(): Promise<void> {
	const live = emulator.liveTailSessionCount > 0;
	while (live && !emulator.liveTailCaughtUp && !stopping) await delay(CATCH_UP_POLL_MS);
	await delay(live ? DELIVERY_GRACE_MS : POLL_DRAIN_MS);
}

async function delay(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}
