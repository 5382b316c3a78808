// The one loop from a source to a view: it owns the engine, feeds it every batch (and the clock of a
// live source), and hands each view what the engine made of it: the printer what became final, the
// terminal UI every request the batch touched. Whatever feeds views later (another thread) replaces this.

import type {RequestChange} from '../core/correlate.js';
import {Engine, type EngineOutput, type EngineSummary} from '../core/engine.js';
import type {AccessLineParser} from '../core/parse/access-format.js';
import type {KnownApi, LogEvent} from '../core/types.js';
import type {CommonConfig} from '../config.js';

/** What the engine made of one batch (or of the end of input). */
export interface EngineStep {
	/** What became final and passes the command line's filters: what a printer prints. */
	outputs: EngineOutput[];
	/** Every request the batch touched, as it is now, settled or not (only for views that track changes). */
	changes: RequestChange[];
	/** Counts and figures so far; computed on demand (a view may read them once per frame, not per batch). */
	summary: () => EngineSummary;
}

export interface EngineView {
	/** Wants `changes` (the terminal UI); a printer only needs `outputs`. */
	readonly tracksChanges: boolean;
	/** True once the view went away (stdout closed): the driver stops reading. */
	readonly closed: boolean;
	/**
	 * The view shares the event loop with the user's keys: the engine takes a batch in slices of at most
	 * about this many milliseconds and lets the loop run between them. A printer leaves it out (throughput).
	 */
	readonly sliceMs?: number | undefined;
	show(step: EngineStep): Promise<void> | void;
	/** The input ended, was stopped, or failed after giving something: the last step has been shown. */
	end(summary: EngineSummary): Promise<void> | void;
}

export interface DriverOptions {
	config: CommonConfig;
	accessParser: AccessLineParser;
	accessLogGroups?: ReadonlySet<string> | undefined;
	/** Lambda log groups not named /aws/lambda/NAME -> their function (see EngineOptions.lambdaLogGroups). */
	lambdaLogGroups?: ReadonlyMap<string, string> | undefined;
	/** The API and stage discovery found (`--api`/`--stage`); figures of requests that name none count there. */
	api?: KnownApi | undefined;
	/** Aborted on SIGINT/SIGTERM, or when the user quits: stop reading, show what is final, end. */
	signal: AbortSignal;
	/**
	 * Live sources pass the wall clock: requests then settle as time passes, not only as newer lines
	 * arrive. Replays leave it out: their time is the time in the logs.
	 */
	clock?: (() => number) | undefined;
}

export async function driveEngine(batches: AsyncIterable<LogEvent[]>, options: DriverOptions, view: EngineView): Promise<void> {
	const {config, signal, clock} = options;
	const engine = new Engine({
		...config.limits,
		accessParser: options.accessParser,
		accessLogGroups: options.accessLogGroups,
		lambdaLogGroups: options.lambdaLogGroups,
		api: options.api,
		filter: config.filter,
		trackChanges: view.tracksChanges,
	});
	const summary = () => engine.summary();
	const show = async (outputs: EngineOutput[]) =>
		view.show({outputs, changes: view.tracksChanges ? engine.takeChanges() : [], summary});

	// Only the source's own failure is caught: one that fails before giving anything (a missing file) is
	// just the error; one that fails later (a truncated .gz) still shows what it gave, as at the end of
	// input, then the error.
	const iterator = batches[Symbol.asyncIterator]();
	let received = false;
	let failure: {error: unknown} | undefined;
	for (;;) {
		let next: IteratorResult<LogEvent[]>;
		try {
			next = await iterator.next();
		} catch (error) {
			if (!received) throw error;
			failure = {error};
			break;
		}
		if (next.done) break;
		received = true;
		const outputs = view.sliceMs === undefined ? engine.ingest(next.value) : await ingestInSlices(engine, next.value, view.sliceMs, show);
		await show(clock ? [...outputs, ...engine.tick(clock())] : outputs);
		if (signal.aborted || view.closed) {
			await iterator.return?.();
			break;
		}
	}

	await show(engine.finish());
	await view.end(engine.summary());
	if (failure) throw failure.error;
}

/** Events per engine call between clock reads: small enough to stop near the budget, large enough to be cheap. */
const SLICE_EVENTS = 50;

/**
 * As engine.ingest, but yields to the event loop whenever a slice has held it for `sliceMs`; after each
 * yield the view is shown what the slices before it made: handing a whole batch's changes over at its end
 * (a 500-event live tail update touches hundreds of requests) held the loop about as long as a slice again.
 */
async function ingestInSlices(engine: Engine, events: readonly LogEvent[], sliceMs: number, show: (outputs: EngineOutput[]) => Promise<void>): Promise<EngineOutput[]> {
	let outputs: EngineOutput[] = [];
	let sliceStart = performance.now();
	for (let start = 0; start < events.length; start += SLICE_EVENTS) {
		if (performance.now() - sliceStart >= sliceMs) {
			await new Promise((resolve) => setImmediate(resolve));
			sliceStart = performance.now();
			// Counted in the next slice's budget: together they hold the loop about `sliceMs`.
			if (start > 0) await show(outputs);
			outputs = [];
		}
		outputs.push(...engine.ingest(events.slice(start, start + SLICE_EVENTS)));
	}
	return outputs;
}
