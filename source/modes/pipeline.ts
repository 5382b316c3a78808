// The text and NDJSON view of the engine: prints what became final to a LineSink, then the summary, and
// writes the `--export` of what it printed. The view of replay, demo and live when stdout is not the terminal UI.

import process from 'node:process';
import type {EngineOutput} from '../core/engine.js';
import type {LogEvent} from '../core/types.js';
import {toNdjsonLine} from '../output/ndjson.js';
import type {LineSink} from '../output/sink.js';
import {TextPrinter} from '../output/text.js';
import {driveEngine, type DriverOptions, type EngineView} from './engine-driver.js';
import {ExportCollector} from './export-collector.js';

export interface PipelineOptions extends DriverOptions {
	sink: LineSink;
	/** Names the input in an export (`--export`). */
	sourceLabel?: string;
}

export async function runPipeline(batches: AsyncIterable<LogEvent[]>, options: PipelineOptions): Promise<void> {
	await capHeapGrowth();
	await driveEngine(batches, options, printerView(options));
}

// These runs keep a bounded working set (the default bounds hold ~50 MB live) while every line
// they read becomes garbage. V8's default lets the old generation grow to about four times what survived
// the last full collection before it collects again: the 1M-line replay peaked at 430-490 MB RSS. Growing
// by at most 100% between full collections keeps it near 370 MB for ~3% more CPU (bench: replay). The UI
// keeps V8's default: fewer full collections, fewer pauses in front of a key. The flag is read at every
// collection, so setting it once the process runs takes effect (checked with --trace-gc).
// node:v8 is imported here, not at the top: the terminal UI loads this module too and never needs it (~3 ms
// of its first frame).
async function capHeapGrowth(): Promise<void> {
	const {setFlagsFromString} = await import('node:v8');
	setFlagsFromString('--heap-growing-percent=100');
}

function printerView(options: PipelineOptions): EngineView {
	const {config, sink} = options;
	const text = config.output === 'text' ? new TextPrinter({colour: config.colour, timezone: config.timezone, apiType: options.api?.apiType}) : undefined;
	const render = (outputs: EngineOutput[]) =>
		text ? outputs.flatMap((output) => text.format(output)) : outputs.map((output) => toNdjsonLine(output));
	const exported = config.exportPath === undefined ? undefined : new ExportCollector(config.limits.maxRequests);
	return {
		tracksChanges: false,
		get closed() {
			return sink.closed;
		},
		async show({outputs}) {
			for (const output of outputs) if (output.type === 'request') exported?.add(output.request);
			await sink.write(render(outputs));
		},
		async end(summary) {
			await sink.write(text ? text.formatSummary(summary) : [toNdjsonLine({type: 'summary', summary})]);
			if (exported === undefined) return;
			const {exportRequests} = await import('../output/export-requests.js');
			const said = await exportRequests({
				path: config.exportPath,
				requests: exported.requests,
				filter: config.filter,
				source: options.sourceLabel ?? 'apigw-tail',
				timezone: config.timezone,
				accessLogGroups: options.accessLogGroups ?? [],
				generatedAt: Date.now(),
			});
			process.stderr.write(`apigw-tail: ${said}\n`);
		},
	};
}
