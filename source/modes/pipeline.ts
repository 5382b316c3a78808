// Drives the engine from any source of event batches and prints to a LineSink: the one loop behind
// replay, demo and live modes when stdout is not the terminal UI.

import process from 'node:process';
import {Engine, type EngineOutput} from '../core/engine.js';
import type {AccessLineParser} from '../core/parse/access-format.js';
import type {LogEvent} from '../core/types.js';
import type {CommonConfig} from '../config.js';
import {toNdjsonLine} from '../output/ndjson.js';
import type {LineSink} from '../output/sink.js';
import {TextPrinter} from '../output/text.js';
import {ExportCollector} from './export-collector.js';

export interface PipelineOptions {
	config: CommonConfig;
	accessParser: AccessLineParser;
	accessLogGroups?: ReadonlySet<string>;
	sink: LineSink;
	/** Aborted on SIGINT/SIGTERM: stop reading, print what is final, then the summary. */
	signal: AbortSignal;
	/**
	 * Live sources pass the wall clock: requests then settle as time passes, not only as newer lines
	 * arrive. Replays leave it out: their time is the time in the logs.
	 */
	clock?: () => number;
	/** Names the input in an export (`--export`). */
	sourceLabel?: string;
}

export async function runPipeline(batches: AsyncIterable<LogEvent[]>, options: PipelineOptions): Promise<void> {
	const {config, sink, signal} = options;
	const engine = new Engine({
		...config.limits,
		accessParser: options.accessParser,
		accessLogGroups: options.accessLogGroups,
		filter: config.filter,
	});
	const text = config.output === 'text' ? new TextPrinter({colour: config.colour, timezone: config.timezone}) : undefined;
	const render = (outputs: EngineOutput[]) =>
		text ? outputs.flatMap((output) => text.format(output)) : outputs.map((output) => toNdjsonLine(output));

	const exported = config.exportPath === undefined ? undefined : new ExportCollector(config.limits.maxRequests);
	const emit = async (outputs: EngineOutput[]) => {
		for (const output of outputs) if (output.type === 'request') exported?.add(output.request);
		await sink.write(render(outputs));
	};

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
		await emit(engine.ingest(next.value));
		if (options.clock) await emit(engine.tick(options.clock()));
		if (signal.aborted || sink.closed) {
			await iterator.return?.();
			break;
		}
	}

	await emit(engine.finish());
	const summary = engine.summary();
	await sink.write(text ? text.formatSummary(summary) : [toNdjsonLine({type: 'summary', summary})]);
	if (exported && config.exportPath !== undefined) {
		const said = await exported.write(config.exportPath, {
			filter: config.filter,
			source: options.sourceLabel ?? 'apigw-tail',
			timezone: config.timezone,
			accessLogGroups: options.accessLogGroups ?? [],
		});
		process.stderr.write(`apigw-tail: ${said}\n`);
	}
	if (failure) throw failure.error;
}
