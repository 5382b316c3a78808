// The demo's emulator, run on a worker thread (demo-emulator-worker.ts): the terminal UI's event loop
// keeps only what a real run has, the AWS SDK client and the engine. The worker file sits beside this
// one in dist/modes/ and in the bundle (scripts/bundle.js names it), so one relative URL finds it in both.

import {Worker} from 'node:worker_threads';

export interface DemoTraffic {
	seed: number;
	stage: string;
	eventsPerSecond: number;
	/** --duration: the traffic stops after it and `delivered` follows; unlimited without it. */
	durationMs: number | undefined;
}

export type ToDemoEmulator = {type: 'stop'};
export type FromDemoEmulator = {type: 'ready'; endpoint: string} | {type: 'delivered'};

export interface DemoEmulator {
	/** e.g. `http://127.0.0.1:43123`. */
	readonly endpoint: string;
	/** Resolves once the last line of a --duration run reached the client (never without --duration). */
	readonly delivered: Promise<void>;
	/** Rejects if the worker fails after it started; never resolves otherwise. */
	readonly failed: Promise<never>;
	/** Stops the traffic and the server; resolves once the worker has ended. */
	stop(): Promise<void>;
}

const WORKER_URL = new URL('demo-emulator-worker.js', import.meta.url);

export async function startDemoEmulator(traffic: DemoTraffic): Promise<DemoEmulator> {
	// stdout and stderr kept apart: nothing from this thread may write to a terminal the UI owns.
	const worker = new Worker(WORKER_URL, {workerData: traffic, stdout: true, stderr: true});
	worker.stdout.resume();
	worker.stderr.resume();
	const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
	const failed = new Promise<never>((_resolve, reject) => worker.once('error', reject));
	// Read only through `failed`, which the caller may never look at once the run is over.
	failed.catch(() => undefined);
	let onDelivered: () => void = () => undefined;
	const delivered = new Promise<void>((resolve) => (onDelivered = resolve));
	const endpoint = await Promise.race([
		failed,
		new Promise<string>((resolve) => {
			worker.on('message', (message: FromDemoEmulator) => {
				if (message.type === 'ready') resolve(message.endpoint);
				else onDelivered();
			});
		}),
		exited.then(() => {
			throw new Error('the demo emulator ended before it started');
		}),
	]);
	return {
		endpoint,
		delivered,
		failed,
		async stop() {
			worker.postMessage({type: 'stop'} satisfies ToDemoEmulator);
			await exited;
		},
	};
}
