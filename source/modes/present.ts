// Where a mode's batches go: the full-screen terminal UI when both ends are terminals and no --output was
// asked for, otherwise text or NDJSON on stdout. Either way one driver runs the engine and feeds the view.
// The UI (and ink) is only loaded when it is used. Once the UI closes, the normal screen gets the summary a
// text run ends with: quitting should leave a record of what was seen.

import {requestMatches} from '../core/emission-filter.js';
import type {EngineSummary} from '../core/engine.js';
import type {LogEvent} from '../core/types.js';
import {TextPrinter} from '../output/text.js';
import type {SourceStatus} from '../sources/source-status.js';
import type {TuiHandle} from '../ui/run-tui.js';
import type {WindowStatsSource} from '../ui/state/window-stats.js';
import {untilAborted} from './abortable.js';
import {driveEngine, type EngineView} from './engine-driver.js';
import {runPipeline, type PipelineOptions} from './pipeline.js';

const INGEST_SLICE_MS = 8;

export interface PresentOptions extends PipelineOptions {
	/** What the UI's header names before any data arrives. */
	status: SourceStatus;
	onPin?: ((connectionId: string | undefined) => void) | undefined;
	/** Called with the UI once it runs, so a live transport can report its state into it. */
	onUi?: ((ui: TuiHandle) => void) | undefined;
	/** A live source's window for the stats view (`i`); a replay has none. */
	windowStats?: WindowStatsSource | undefined;
}

export async function present(batches: AsyncIterable<LogEvent[]>, options: PresentOptions): Promise<void> {
	const {config, signal} = options;
	if (!config.interactive) {
		await runPipeline(untilAborted(batches, signal), {...options, sourceLabel: options.status.source});
		return;
	}

	const {startTui} = await import('../ui/run-tui.js');
	const stop = new AbortController();
	const ui = startTui({
		config,
		accessLogGroups: options.accessLogGroups,
		status: options.status,
		clock: options.clock,
		signal,
		stop,
		onPin: options.onPin,
		windowStats: options.windowStats,
	});
	options.onUi?.(ui);
	let final: EngineSummary | undefined;
	const driving = driveEngine(untilAborted(batches, stop.signal), {...options, signal: stop.signal}, tuiView(ui, options, (summary) => (final = summary)));
	// A source that fails ends the UI; its error is thrown once the terminal is restored.
	driving.catch(() => stop.abort());
	await ui.done;
	try {
		await driving;
	} finally {
		if (final) await options.sink.write(new TextPrinter({colour: config.colour, timezone: config.timezone}).formatSummary(final));
	}
}

function tuiView(ui: TuiHandle, {config, clock}: PresentOptions, onEnd: (summary: EngineSummary) => void): EngineView {
	// The UI toggles errors-only and the route itself (seeded from the command line); --request has no key,
	// so it narrows what the UI is given. (--connection is the UI's pin.)
	const {requestId} = config.filter;
	const shown = requestId === undefined ? undefined : {requestId};
	return {
		tracksChanges: true,
		closed: false,
		// A key must reach the screen in the next frame: ingest never holds the loop much longer than this.
		sliceMs: INGEST_SLICE_MS,
		show({changes, summary}) {
			ui.show(shown ? changes.filter((change) => requestMatches(shown, change.request)) : changes, summary);
		},
		end(summary) {
			if (!clock) ui.inputEnded();
			onEnd(summary);
		},
	};
}
