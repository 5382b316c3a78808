// Writes simulated traffic into the emulator's log groups in real time, as API Gateway would: every tick,
// the events whose ingestion time has come, batched per stream in time order (PutLogEvents' rule).
// Timestamps are the simulation's; access lines land after their execution lines, sometimes late.
// With a duration, no request starts after it, and the lines still owed for those that did (access lines
// can lag by minutes) are written at once then: the traffic ends whole, and soon. The chat API's
// Lambda functions write their own logs too, each to its group.

import {executionLogGroupName} from '../core/execution-log-group.js';
import {accessLogGroupName} from './apigw-standard-fixtures.js';
import type {LogsStore} from './logs-store.js';
import {DEMO_FUNCTIONS, generateTraffic, type SimulatedEvent, type SimulatedLambdaEvent} from './traffic.js';

export interface TrafficWriterOptions {
	seed: number;
	apiId: string;
	stage: string;
	eventsPerSecond: number;
	/** Requests start only within this long after construction. Default: traffic never ends. */
	durationMs?: number;
	/** Default Date.now. */
	clock?: () => number;
	/** Write the functions' own logs; default true. */
	lambdaLogs?: boolean;
}

const TICK_MS = 100;

export class TrafficWriter {
	readonly #logs: LogsStore;
	readonly #clock: () => number;
	readonly #traffic: Generator<SimulatedEvent | SimulatedLambdaEvent>;
	readonly #endTime: number;
	#next: SimulatedEvent | SimulatedLambdaEvent | undefined;
	#timer: NodeJS.Timeout | undefined;
	#ended = false;
	readonly #endListeners: Array<() => void> = [];

	constructor(logs: LogsStore, options: TrafficWriterOptions) {
		this.#logs = logs;
		this.#clock = options.clock ?? Date.now;
		const startTime = this.#clock();
		this.#endTime = startTime + (options.durationMs ?? Number.POSITIVE_INFINITY);
		this.#traffic = generateTraffic({
			seed: options.seed,
			apiId: options.apiId,
			stage: options.stage,
			executionLogGroup: executionLogGroupName(options.apiId, options.stage),
			accessLogGroup: accessLogGroupName(options.apiId, options.stage),
			startTime,
			eventsPerSecond: options.eventsPerSecond,
			endTime: this.#endTime,
			lambdaLogs: options.lambdaLogs ?? true,
		});
		// The groups exist from the start, as a deployed function's do: discovery finds them before the first line.
		if (options.lambdaLogs ?? true) {
			for (const {logGroup} of Object.values(DEMO_FUNCTIONS)) {
				if (this.#logs.group(logGroup) === undefined) this.#logs.createLogGroup(logGroup);
			}
		}
	}

	/** Resolves once a writer with a duration has written its last line (never without one). */
	get ended(): Promise<void> {
		return new Promise((resolve) => {
			if (this.#ended) resolve();
			else this.#endListeners.push(resolve);
		});
	}

	start(): void {
		this.#timer ??= setInterval(() => this.writeDue(), TICK_MS);
	}

	stop(): void {
		clearInterval(this.#timer);
	}

	/** Writes every event ingested by now (past the duration: every event left); returns how many. */
	writeDue(): number {
		const now = this.#clock();
		const draining = now >= this.#endTime;
		const byStream = new Map<string, {group: string; stream: string; events: Array<{timestamp: number; message: string}>}>();
		let written = 0;
		for (;;) {
			if (this.#next === undefined) {
				const next = this.#traffic.next();
				if (next.done) {
					this.#end();
					break;
				}
				this.#next = next.value;
			}
			const {event} = this.#next;
			if (!draining && (event.ingestionTime ?? event.timestamp) > now) break;
			this.#next = undefined;
			const group = event.logGroup!;
			const stream = event.logStream!;
			const key = `${group}\u0000${stream}`;
			let batch = byStream.get(key);
			if (!batch) {
				batch = {group, stream, events: []};
				byStream.set(key, batch);
			}

			batch.events.push({timestamp: event.timestamp, message: event.message});
			written++;
		}

		for (const {group, stream, events} of byStream.values()) {
			this.#logs.ensureLogStream(group, stream);
			this.#logs.putLogEvents(group, stream, events.sort((a, b) => a.timestamp - b.timestamp));
		}

		return written;
	}

	#end(): void {
		this.stop();
		this.#ended = true;
		for (const listener of this.#endListeners.splice(0)) listener();
	}
}
