// Runs the terminal UI over a stream of event batches: the engine correlates them (tracking which requests
// changed), the live model keeps what the UI shows, and the app is told at most ten times a second. The
// screen is the alternate screen, restored on quit, Ctrl+C, SIGTERM and crashes; while Ink owns it,
// nothing else may write to the terminal (diagnostics go to --debug-log).

import process from 'node:process';
import {render} from 'ink';
import type {CommonConfig} from '../config.js';
import {Engine} from '../core/engine.js';
import type {AccessLineParser} from '../core/parse/access-format.js';
import type {LogEvent} from '../core/types.js';
import {App} from './app.js';
import type {ExportRequest} from './state/commands.js';
import {LiveModel, type SourceStatus} from './model/live-model.js';
import {UpdateBatcher} from './terminal/batcher.js';
import {quietTerminal} from './terminal/quiet.js';
import {enterFullScreen} from './terminal/session.js';
import {terminalSize} from './terminal/size.js';
import {themeFor} from './theme.js';

export interface TuiRun {
	config: CommonConfig;
	batches: AsyncIterable<LogEvent[]>;
	accessParser: AccessLineParser;
	accessLogGroups?: ReadonlySet<string> | undefined;
	/** What the header names and the transport state before any data. */
	status: SourceStatus;
	/** Live sources: the wall clock (requests settle as time passes; ages count to now). */
	clock?: (() => number) | undefined;
	/** Aborted by the cli on signals; the UI aborts `stop` itself on quit. */
	signal: AbortSignal;
	/** Lets the source stop reading when the user quits. */
	stop: AbortController;
	/** A connection was pinned or unpinned in the UI. */
	onPin?: ((connectionId: string | undefined) => void) | undefined;
}

export interface TuiHandle {
	/** A live transport reports its state here while the UI runs (header: live / polling / sampled / throttled). */
	reportStatus(status: Partial<SourceStatus>): void;
	/** Resolves when the user quit (or a signal ended the run); rejects with the source's error, after restoring the terminal. */
	done: Promise<void>;
}

const MAX_FPS = 20;
// Ink 6.8's incremental rendering left stale rows on screen in tmux once rows held wide glyphs (⚡ ✋ ⏳);
// full frames, one row shorter than the terminal, draw correctly and still do not flicker.
const INCREMENTAL_RENDERING = false;

export function startTui(run: TuiRun): TuiHandle {
	const {config} = run;
	const model = new LiveModel({maxRequests: config.limits.maxRequests, maxConnections: config.limits.maxConnections});
	model.setStatus(run.status);
	const engine = new Engine({
		...config.limits,
		accessParser: run.accessParser,
		accessLogGroups: run.accessLogGroups,
		trackChanges: true,
	});
	const listeners = new Set<() => void>();
	const batcher = new UpdateBatcher(() => {
		model.setSummary(engine.summary());
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
	const app = render(
		<App
			model={model}
			subscribe={subscribe}
			theme={themeFor(process.env)}
			initial={{...terminalSize(process.stdout), timezone: config.timezone, pinnedConnectionId: config.filter.connectionId}}
			stdout={process.stdout}
			now={run.clock}
			onQuit={quit}
			onPin={run.onPin}
			onExport={async (request) => exportRequests(request, run)}
		/>,
		{maxFps: MAX_FPS, incrementalRendering: INCREMENTAL_RENDERING, patchConsole: false, exitOnCtrlC: false},
	);

	const feeding = feed(run, engine, model, () => batcher.mark());
	// A source that fails ends the UI; its error is thrown once the terminal is restored.
	feeding.catch(quit);
	const done = (async () => {
		await new Promise<void>((resolve) => {
			if (run.stop.signal.aborted) resolve();
			run.stop.signal.addEventListener('abort', () => resolve(), {once: true});
		});
		batcher.stop();
		app.unmount();
		await app.waitUntilExit();
		session.restore();
		restoreOutput();
		// A failed source is reported once the terminal is back.
		await feeding;
	})();
	let status = run.status;
	return {
		reportStatus(change) {
			status = {...status, ...change};
			model.setStatus(status);
			batcher.mark();
		},
		done,
	};
}

/** `x`: the selected connection, or what the all-requests view lists, as FILE.json and FILE.md. */
async function exportRequests(request: ExportRequest, run: TuiRun): Promise<string> {
	const {buildIncidentExport, writeIncidentExport} = await import('../output/export.js');
	const requests = [...request.requests];
	const groups = new Set([...(run.accessLogGroups ?? []), ...requests.flatMap((item) => item.execution.map((line) => line.event.logGroup ?? ''))]);
	groups.delete('');
	const subject = request.scope === 'connection' ? `connection ${request.connectionId}` : request.description;
	const stamp = new Date().toISOString().replaceAll(':', '').replace(/\..*/, '');
	const path = run.config.exportPath ?? `apigw-tail-${request.scope === 'connection' ? request.connectionId.replaceAll(/[^\w-]/g, '') : 'requests'}-${stamp}`;
	const written = await writeIncidentExport(
		path,
		buildIncidentExport({
			requests,
			title: `${subject} on ${run.status.source}`,
			source: run.status.source,
			generatedAt: Date.now(),
			logGroups: [...groups],
			timezone: request.timezone,
		}),
	);
	return `exported ${requests.length} requests to ${written.json} and ${written.markdown}`;
}

async function feed(run: TuiRun, engine: Engine, model: LiveModel, changed: () => void): Promise<void> {
	for await (const batch of run.batches) {
		engine.ingest(batch);
		if (run.clock) engine.tick(run.clock());
		model.apply(engine.takeChanges());
		changed();
		if (run.stop.signal.aborted) return;
	}

	engine.finish();
	model.apply(engine.takeChanges());
	if (!run.clock) model.setStatus({...run.status, transport: 'end of input'});
	changed();
}
