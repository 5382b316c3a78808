// Writes simulated traffic into the emulator's log groups in real time, as API Gateway would: every tick,
// the events whose ingestion time has come, batched per stream in time order (PutLogEvents' rule).
// Timestamps are the simulation's; access lines land after their execution lines, sometimes late.

import {executionLogGroupName} from '../core/execution-log-group.js';
import {accessLogGroupName} from './apigw-standard-fixtures.js';
import type {LogsStore} from './logs-store.js';
import {generateTraffic, type SimulatedEvent} from './traffic.js';

export interface TrafficWriterOptions {
	seed: number;
	apiId: string;
	stage: string;
	eventsPerSecond: number;
	/** Default Date.now. */
	clock?: () => number;
}

const TICK_MS = 100;

export class TrafficWriter {
	readonly #logs: LogsStore;
	readonly #clock: () => number;
	readonly #traffic: Generator<SimulatedEvent>;
	#next: SimulatedEvent | undefined;
	#timer: NodeJS.Timeout | undefined;

	constructor(logs: LogsStore, options: TrafficWriterOptions) {
		this.#logs = logs;
		this.#clock = options.clock ?? Date.now;
		this.#traffic = generateTraffic({
			seed: options.seed,
			apiId: options.apiId,
			stage: options.stage,
			executionLogGroup: executionLogGroupName(options.apiId, options.stage),
			accessLogGroup: accessLogGroupName(options.apiId, options.stage),
			startTime: this.#clock(),
			eventsPerSecond: options.eventsPerSecond,
		});
	}

	start(): void {
		this.#timer ??= setInterval(() => this.writeDue(), TICK_MS);
	}

	stop(): void {
		clearInterval(this.#timer);
	}

	/** Writes every event ingested by now; returns how many. */
	writeDue(): number {
		const now = this.#clock();
		const byStream = new Map<string, {group: string; stream: string; events: Array<{timestamp: number; message: string}>}>();
		let written = 0;
		for (;;) {
			this.#next ??= this.#traffic.next().value as SimulatedEvent;
			const {event} = this.#next;
			if ((event.ingestionTime ?? event.timestamp) > now) break;
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
}
