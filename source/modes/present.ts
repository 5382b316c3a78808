// Where a mode's batches go: the full-screen terminal UI when both ends are terminals and no --output was
// asked for, otherwise text or NDJSON on stdout. The UI (and ink) is only loaded when it is used.

import type {LogEvent} from '../core/types.js';
import type {SourceStatus} from '../ui/model/live-model.js';
import type {TuiHandle} from '../ui/run-tui.js';
import {untilAborted} from './abortable.js';
import {runPipeline, type PipelineOptions} from './pipeline.js';

export interface PresentOptions extends PipelineOptions {
	/** What the UI's header names before any data arrives. */
	status: SourceStatus;
	onPin?: ((connectionId: string | undefined) => void) | undefined;
	/** Called with the UI once it runs, so a live transport can report its state into it. */
	onUi?: ((ui: TuiHandle) => void) | undefined;
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
		batches: untilAborted(batches, stop.signal),
		accessParser: options.accessParser,
		accessLogGroups: options.accessLogGroups,
		status: options.status,
		clock: options.clock,
		signal,
		stop,
		onPin: options.onPin,
	});
	options.onUi?.(ui);
	await ui.done;
}
