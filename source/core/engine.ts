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
import {EngineFunctionFigures} from './lambda/engine-function-figures.js';
import type {FunctionFigures} from './lambda/function-stats.js';
import {InvocationJoin, type LoneInvocation} from './lambda/invocation-join.js';
import {joinKeysOfRecord} from './lambda/join-keys.js';
import {LambdaEvents} from './lambda/lambda-events.js';
import {parseLambdaLine} from './lambda/parse-lambda-line.js';
import type {Invocation} from './lambda/types.js';
import type {AccessLineParser} from './parse/access-format.js';
import {RecordParser} from './records.js';
import {MetricsCollector, type MetricsSnapshot} from './stats.js';
import type {AccessRecord, ExecutionRecord, KnownApi, LogEvent, RequestView, UnparsedRecord} from './types.js';

export interface EngineOptions extends CorrelatorOptions {
	accessParser: AccessLineParser;
	accessLogGroups?: ReadonlySet<string>;
	/**
	 * Lambda log groups not named /aws/lambda/NAME (a function's LoggingConfig.LogGroup) -> the function's name.
	 * Events of /aws/lambda/... groups, and events a source marked `log: 'lambda'`, are Lambda lines anyway.
	 */
	lambdaLogGroups?: ReadonlyMap<string, string>;
	filter?: EmissionFilter;
	/** The tailed API and stage, when discovery found them: figures of requests that do not name theirs count there. */
	api?: KnownApi | undefined;
}

export type EngineOutput =
	| {type: 'request'; request: RequestView; revision: number; partial: boolean}
	| {type: 'connection'; connection: ConnectionView; revision: number}
	| {type: 'unparsed'; record: UnparsedRecord}
	/** A Lambda invocation no request of the stage named (another trigger, a warmer): `role` is null. */
	| {type: 'invocation'; invocation: Invocation; revision: number};

export interface EngineSummary {
	events: number;
	executionEvents: number;
	accessEvents: number;
	/** Events of Lambda functions' logs (core/lambda/). */
	lambdaEvents: number;
	unparsed: number;
	requests: number;
	connections: number;
	evicted: {requests: number; connections: number; invocations: number};
	/**
	 * True when access lines were read by mapping their keys by name (no access-log format was known). False
	 * when no access line was read at all: nothing was guessed, whatever the parser would have done.
	 */
	accessFormatGuessed: boolean;
	metrics: MetricsSnapshot;
	/** Per Lambda function, over every invocation emitted (joined or on its own), sorted by name. */
	functions: FunctionFigures[];
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
	readonly #lambdaEvents: LambdaEvents;
	readonly #invocations: InvocationJoin;
	readonly #metrics: MetricsCollector;
	readonly #functions: EngineFunctionFigures;
	readonly #filter: EmissionFilter;
	readonly #accessFormatGuessed: boolean;
	readonly #counts = {events: 0, executionEvents: 0, accessEvents: 0, lambdaEvents: 0, unparsed: 0};
	/** Stage lines link the invocations they name only once a Lambda line has come (see #startLinking). */
	#linking = false;

	constructor(options: EngineOptions) {
		this.#parser = new RecordParser(options);
		this.#invocations = new InvocationJoin({settleMs: options.settleMs, maxInvocations: options.maxRequests});
		this.#correlator = new Correlator(options, this.#invocations);
		this.#lambdaEvents = new LambdaEvents(options.lambdaLogGroups ?? new Map(), options.accessLogGroups ?? new Set());
		this.#metrics = new MetricsCollector(options.api);
		this.#functions = new EngineFunctionFigures(options.maxRequests);
		this.#filter = options.filter ?? {};
		this.#accessFormatGuessed = options.accessParser.guessed;
	}

	/** Takes a batch of events; returns what became final because of it. */
	ingest(events: readonly LogEvent[]): EngineOutput[] {
		for (const event of events) {
			this.#counts.events++;
			const lambdaFunction = this.#lambdaEvents.functionOf(event);
			if (lambdaFunction !== undefined) {
				this.#addLambdaLine(event, lambdaFunction);
				continue;
			}

			const record = this.#parser.parse(event);
			if (record.type === 'unparsed') {
				this.#counts.unparsed++;
				this.#correlator.addUnparsed(record);
				continue;
			}

			if (record.type === 'execution') this.#counts.executionEvents++;
			else this.#counts.accessEvents++;
			this.#invocations.advanceTo(record.timestamp);
			if (this.#linking) this.#link(record);
			this.#correlator.add(record);
		}

		return [...this.#present(this.#correlator.takeEmissions()), ...this.#lone(this.#invocations.takeSettled())];
	}

	/** Lets time pass without events (a quiet live stage still settles its requests). */
	tick(now: number): EngineOutput[] {
		this.#correlator.advanceTo(now);
		this.#invocations.advanceTo(now);
		return [...this.#present(this.#correlator.takeEmissions()), ...this.#lone(this.#invocations.takeSettled())];
	}

	/** End of input: everything still pending becomes final. */
	finish(): EngineOutput[] {
		const outputs = [...this.#present(this.#correlator.flush()), ...this.#lone(this.#invocations.flush())];
		// Printed lines no invocation owns (before a stream's first START): kept, as unparsed Lambda lines.
		for (const {line, logGroup, logStream} of this.#invocations.unowned()) {
			const event = {timestamp: line.time, message: line.message, logGroup, logStream};
			this.#counts.unparsed++;
			if (unparsedMatches(this.#filter)) {
				outputs.push({type: 'unparsed', record: {type: 'unparsed', log: 'lambda', reason: 'Lambda line outside any invocation', timestamp: line.time, event}});
			}
		}

		return outputs;
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
			evicted: {requests: counts.evictedRequests, connections: counts.evictedConnections, invocations: this.#invocations.forgotten},
			accessFormatGuessed: this.#accessFormatGuessed && this.#counts.accessEvents > 0,
			metrics: this.#metrics.snapshot(),
			functions: this.#functions.snapshot(),
		};
	}

	#addLambdaLine(event: LogEvent, functionName: string): void {
		if (!this.#linking) this.#startLinking();
		this.#counts.lambdaEvents++;
		// Time moves first, as for the stage's lines: what settled before this line is final without it.
		this.#correlator.advanceTo(event.timestamp);
		const line = parseLambdaLine(event.message);
		const candidates = this.#invocations.requestsAffectedBy(line, event);
		this.#correlator.revise(candidates, () => this.#invocations.add(line, event, functionName));
	}

	/**
	 * Most inputs have no Lambda line at all, and a link per invocation a stage line names was 14 MB of a
	 * replay's 84 MB live heap (heap snapshot, 1M lines). So links are made from the first Lambda line on,
	 * first for every line still in memory: only an invocation whose request was forgotten before any Lambda
	 * line came (a settle window and a half earlier) is then taken for one that served no request.
	 */
	#startLinking(): void {
		this.#linking = true;
		for (const record of this.#correlator.records()) this.#link(record);
	}

	#link(record: ExecutionRecord | AccessRecord): void {
		for (const key of joinKeysOfRecord(record)) this.#invocations.link(key, record.requestId!);
	}

	/** Invocations no request named pass only an unfiltered view: they match no connection, request or route. */
	#lone(invocations: LoneInvocation[]): EngineOutput[] {
		for (const {invocation} of invocations) this.#functions.lone(invocation);
		if (!unparsedMatches(this.#filter)) return [];
		return invocations
			.filter(({invocation}) => !this.#filter.errorsOnly || invocation.outcome !== 'success')
			.map(({invocation, revision}) => ({type: 'invocation', invocation, revision}));
	}

	#present(emissions: Emission[]): EngineOutput[] {
		const outputs: EngineOutput[] = [];
		for (const emission of emissions) {
			if (emission.type === 'superseded') {
				this.#metrics.remove(emission.request);
				this.#functions.request(emission.request.invocations, undefined);
			} else if (emission.type === 'request') {
				// A revision replaces its earlier version in the figures, so nothing is counted twice.
				if (emission.previous) this.#metrics.remove(emission.previous);
				this.#metrics.add(emission.request);
				this.#functions.request(emission.previous?.invocations, emission.request.invocations);
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
