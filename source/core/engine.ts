// The whole pure pipeline behind every mode: raw events in, printable results out.
// parse (records.ts) -> correlate (correlate.ts) -> classify (inside the request view) -> figures (stats.ts).

import type {ConnectionView} from './connection-timeline.js';
import {Correlator, type CorrelatorOptions, type Emission, type RequestChange} from './correlate.js';
import {
	connectionMatches,
	requestMatches,
	unparsedMatches,
	type EmissionFilter,
} from './emission-filter.js';
import type {AccessLineParser} from './parse/access-format.js';
import {RecordParser} from './records.js';
import {MetricsCollector, type MetricsSnapshot} from './stats.js';
import type {KnownApi, LogEvent, RequestView, UnparsedRecord} from './types.js';

export interface EngineOptions extends CorrelatorOptions {
	accessParser: AccessLineParser;
	accessLogGroups?: ReadonlySet<string>;
	filter?: EmissionFilter;
	/** The tailed API and stage, when discovery found them: figures of requests that do not name theirs count there. */
	api?: KnownApi | undefined;
}

export type EngineOutput =
	| {type: 'request'; request: RequestView; revision: number; partial: boolean}
	| {type: 'connection'; connection: ConnectionView; revision: number}
	| {type: 'unparsed'; record: UnparsedRecord};

export interface EngineSummary {
	events: number;
	executionEvents: number;
	accessEvents: number;
	unparsed: number;
	requests: number;
	connections: number;
	evicted: {requests: number; connections: number};
	/**
	 * True when access lines were read by mapping their keys by name (no access-log format was known). False
	 * when no access line was read at all: nothing was guessed, whatever the parser would have done.
	 */
	accessFormatGuessed: boolean;
	metrics: MetricsSnapshot;
}

export const DEFAULT_LIMITS: CorrelatorOptions = {
	settleMs: 5 * 60_000,
	maxRequests: 100_000,
	maxConnections: 10_000,
	maxRequestsPerConnection: 1000,
};

export class Engine {
	readonly #parser: RecordParser;
	readonly #correlator: Correlator;
	readonly #metrics: MetricsCollector;
	readonly #filter: EmissionFilter;
	readonly #accessFormatGuessed: boolean;
	readonly #counts = {events: 0, executionEvents: 0, accessEvents: 0, unparsed: 0};

	constructor(options: EngineOptions) {
		this.#parser = new RecordParser(options);
		this.#correlator = new Correlator(options);
		this.#metrics = new MetricsCollector(options.api);
		this.#filter = options.filter ?? {};
		this.#accessFormatGuessed = options.accessParser.guessed;
	}

	/** Takes a batch of events; returns what became final because of it. */
	ingest(events: readonly LogEvent[]): EngineOutput[] {
		for (const event of events) {
			this.#counts.events++;
			const record = this.#parser.parse(event);
			if (record.type === 'unparsed') {
				this.#counts.unparsed++;
				this.#correlator.addUnparsed(record);
				continue;
			}

			if (record.type === 'execution') this.#counts.executionEvents++;
			else this.#counts.accessEvents++;
			this.#correlator.add(record);
		}

		return this.#present(this.#correlator.takeEmissions());
	}

	/** Lets time pass without events (a quiet live stage still settles its requests). */
	tick(now: number): EngineOutput[] {
		this.#correlator.advanceTo(now);
		return this.#present(this.#correlator.takeEmissions());
	}

	/** End of input: everything still pending becomes final. */
	finish(): EngineOutput[] {
		return this.#present(this.#correlator.flush());
	}

	/** Every request in memory, including the ones still settling. */
	liveRequests(): Iterable<RequestView> {
		return this.#correlator.requests();
	}

	/** Requests touched since the last call, as they are now (needs `trackChanges`). */
	takeChanges(): RequestChange[] {
		return this.#correlator.takeChanges();
	}

	summary(): EngineSummary {
		const counts = this.#correlator.counts();
		return {
			...this.#counts,
			requests: counts.requests,
			connections: counts.connections,
			evicted: {requests: counts.evictedRequests, connections: counts.evictedConnections},
			accessFormatGuessed: this.#accessFormatGuessed && this.#counts.accessEvents > 0,
			metrics: this.#metrics.snapshot(),
		};
	}

	#present(emissions: Emission[]): EngineOutput[] {
		const outputs: EngineOutput[] = [];
		for (const emission of emissions) {
			if (emission.type === 'superseded') {
				this.#metrics.remove(emission.request);
			} else if (emission.type === 'request') {
				// A revision replaces its earlier version in the figures, so nothing is counted twice.
				if (emission.previous) this.#metrics.remove(emission.previous);
				this.#metrics.add(emission.request);
				if (!requestMatches(this.#filter, emission.request)) continue;
				const {request, revision, partial} = emission;
				outputs.push({type: 'request', request, revision, partial});
			} else if (emission.type === 'unparsed') {
				if (unparsedMatches(this.#filter)) outputs.push(emission);
			} else if (connectionMatches(this.#filter, emission.connection)) {
				outputs.push(emission);
			}
		}

		return outputs;
	}
}
