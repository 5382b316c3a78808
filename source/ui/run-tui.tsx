// Runs the terminal UI: the live model keeps what the UI shows, fed by whoever drives the engine (the UI
// owns no engine), and the app is told at most ten times a second; keys draw at once. The screen is the
// alternate screen, restored on quit, Ctrl+C, SIGTERM and crashes; while Ink owns it, nothing else may write to the
// terminal (diagnostics go to --debug-log).

import process from 'node:process';
import {render} from 'ink';
import type {CommonConfig} from '../config.js';
import type {RequestChange} from '../core/correlate.js';
import type {EngineSummary} from '../core/engine.js';
import type {SourceStatus} from '../sources/source-status.js';
import {App} from './app.js';
import type {ExportRequest} from './state/commands.js';
import type {Filters} from './state/ui-state.js';
import type {WindowStatsSource} from './state/window-stats.js';
import {LiveModel} from './model/live-model.js';
import {UpdateBatcher} from './terminal/batcher.js';
import {escapeKeyAtOnce} from './terminal/escape-key.js';
import {quietTerminal} from './terminal/quiet.js';
import {enterFullScreen} from './terminal/session.js';
import {terminalSize} from './terminal/size.js';
import {themeFor} from './theme.js';

export interface TuiRun {
	config: CommonConfig;
	accessLogGroups?: ReadonlySet<string> | undefined;
	/** What the header names and the transport state before any data. */
	status: SourceStatus;
	/** Live sources: the wall clock (ages count to now); replays leave it out (log time is used). */
	clock?: (() => number) | undefined;
	/** Aborted by the cli on signals; the UI aborts `stop` itself on quit. */
	signal: AbortSignal;
	/** Tells the driver to stop reading when the user quits. */
	stop: AbortController;
	/** A connection was pinned or unpinned in the UI. */
	onPin?: ((connectionId: string | undefined) => void) | undefined;
	/** The stats view's window (`i`), on a live source. */
	windowStats?: WindowStatsSource | undefined;
}

export interface TuiHandle {
	/** What the engine made of a batch: the requests it touched, as they are now; the figures are read once per frame. */
	show(changes: readonly RequestChange[], summary: () => EngineSummary): void;
	/** A replay read its last line: the header says so. */
	inputEnded(): void;
	/** A live transport reports its state here while the UI runs (header: live / polling / sampled / throttled). */
	reportStatus(status: Partial<SourceStatus>): void;
	/** Resolves once the user quit (or a signal ended the run) and the terminal is restored. */
	done: Promise<void>;
}

// Data reaches React at most ten times a second (the batcher), so Ink's own throttle only ever delayed
// keys: a key pressed within 1/maxFps of a data frame waited for the throttle's trailing edge (up to 50 ms
// at 20 fps, 9 ms at 120, on a timer that fires late while ingest holds the loop). Ink takes no "off" (it
// throttles at least 1 ms), so this cap is that: a key's frame goes out when React commits it; the batcher
// still paces data.
const MAX_FPS = 1000;

/**
 * Ink rewrites only the rows that changed (about half the bytes of full frames). Ink 6.8 drew every frame
 * one row too low with it (its cursor bug, fixed in ink 7); test/tui-incremental.test.ts holds ink 8 to
 * screens identical to full frames. APIGW_TAIL_FULL_FRAMES=1 draws whole frames, for a terminal that
 * still shows stale cells.
 */
export function incrementalRenderingFor(env: NodeJS.ProcessEnv): boolean {
	return env['APIGW_TAIL_FULL_FRAMES'] !== '1';
}

export function startTui(run: TuiRun): TuiHandle {
	const {config} = run;
	const model = new LiveModel({maxRequests: config.limits.maxRequests, maxConnections: config.limits.maxConnections});
	model.setStatus(run.status);
	let summarize: (() => EngineSummary) | undefined;
	const listeners = new Set<() => void>();
	let status = run.status;
	// The status and the figures reach the model together, in the batcher's flush: a frame drawn between
	// the two would show "end of input" beside figures that do not yet count the last lines.
	const batcher = new UpdateBatcher(() => {
		if (summarize) model.setSummary(summarize());
		model.setStatus(status);
		for (const listener of listeners) listener();
	});
	const subscribe = (listener: () => void) => {
		listeners.add(listener);
		return () => listeners.delete(listener);
	};

	const restoreOutput = quietTerminal({debugLogPath: config.debugLog});
	const quit = () => run.stop.abort();
	const session = enterFullScreen(process.stdout, {onSignal: quit});
	run.signal.addEventListener('abort', quit, {once: true});
	const restoreInput = escapeKeyAtOnce(process.stdin);
	const {filter} = config;
	const app = render(
		<App
			model={model}
			subscribe={subscribe}
			theme={themeFor(process.env)}
			initial={{
				...terminalSize(process.stdout),
				timezone: config.timezone,
				pinnedConnectionId: filter.connectionId,
				filters: {errorsOnly: filter.errorsOnly ?? false, category: undefined, route: filter.routeKey},
			}}
			stdout={process.stdout}
			now={run.clock}
			onQuit={quit}
			onPin={run.onPin}
			onExport={async (request, filters) => exportFromUi(request, filters, run)}
			windowStats={run.windowStats}
		/>,
		{maxFps: MAX_FPS, incrementalRendering: incrementalRenderingFor(process.env), patchConsole: false, exitOnCtrlC: false},
	);

	const done = (async () => {
		await new Promise<void>((resolve) => {
			if (run.stop.signal.aborted) resolve();
			run.stop.signal.addEventListener('abort', () => resolve(), {once: true});
		});
		batcher.stop();
		app.unmount();
		await app.waitUntilExit();
		restoreInput();
		session.restore();
		restoreOutput();
	})();
	const setStatus = (change: Partial<SourceStatus>) => {
		status = {...status, ...change};
		batcher.mark();
	};

	return {
		show(changes, summary) {
			summarize = summary;
			model.apply(changes);
			batcher.mark();
		},
		inputEnded: () => setStatus({transport: 'end of input'}),
		reportStatus: setStatus,
		done,
	};
}

/** `x`: the selected connection, or what the all-requests view lists, through the filters on screen. */
async function exportFromUi(request: ExportRequest, filters: Filters, run: TuiRun): Promise<string> {
	const {exportRequests} = await import('../output/export-requests.js');
	const connectionId = request.scope === 'connection' ? request.connectionId : undefined;
	return exportRequests({
		path: run.config.exportPath,
		requests: request.requests,
		filter: {connectionId, errorsOnly: filters.errorsOnly, category: filters.category, routeKey: filters.route},
		title: request.scope === 'filtered' ? request.description : undefined,
		source: run.status.source,
		timezone: request.timezone,
		accessLogGroups: run.accessLogGroups ?? [],
		generatedAt: Date.now(),
	});
}
