// Drives the engine from any source of event batches and prints to a LineSink: the one loop behind
// replay, demo and (later) live modes when stdout is not the terminal UI.

import {Engine, type EngineOutput} from '../core/engine.js';
import type {AccessLineParser} from '../core/parse/access-format.js';
import type {LogEvent} from '../core/types.js';
import type {CommonConfig} from '../config.js';
import {toNdjsonLine} from '../output/ndjson.js';
import type {LineSink} from '../output/sink.js';
import {TextPrinter} from '../output/text.js';

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

	for await (const batch of batches) {
		await sink.write(render(engine.ingest(batch)));
		if (options.clock) await sink.write(render(engine.tick(options.clock())));
		if (signal.aborted || sink.closed) break;
	}

	await sink.write(render(engine.finish()));
	const summary = engine.summary();
	await sink.write(text ? text.formatSummary(summary) : [toNdjsonLine({type: 'summary', summary})]);
}
