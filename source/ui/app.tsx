// The full-screen terminal UI: one reducer (ui/state), one key table (ui/keys.ts), selectors that turn
// the model into view models, and dumb components that lay them out. Data arrives through `subscribe`
// at most ten times a second (ui/terminal/batcher.ts); the terminal size is passed down as props.

import {Box, useInput, usePaste, type Key} from 'ink';
import {useCallback, useEffect, useReducer, useRef, useState} from 'react';
import {ConnectionsPane} from './components/connections-pane.js';
import {Header} from './components/header.js';
import {HelpOverlay} from './components/help-overlay.js';
import {paneSizes, type PaneLayout} from './layout.js';
import {RequestsView} from './components/requests-view.js';
import {StatsView} from './components/stats-view.js';
import {StatusBar} from './components/status-bar.js';
import {TimelinePane} from './components/timeline-pane.js';
import {TooSmall} from './components/too-small.js';
import {pastedText, readKeys, reduceKeys, type KeyPress} from './key-input.js';
import type {LiveModel} from './model/live-model.js';
import type {ExportRequest} from './state/commands.js';
import {reduce} from './state/reduce.js';
import {selectHeader, selectHelp, selectStatusBar} from './state/select-chrome.js';
import {selectConnectionsPane, selectTimelinePane} from './state/select-connections.js';
import {selectRequestsView, selectStatsView} from './state/select-views.js';
import {initialUiState, type Filters, type InitialUiOptions, type UiAction, type UiState} from './state/ui-state.js';
import {onResize, type ResizableStream} from './terminal/size.js';
import type {Theme} from './theme.js';
import {useWindowStats} from './use-window-stats.js';
import type {WindowStatsSource} from './state/window-stats.js';

export interface AppProps {
	model: LiveModel;
	/** Called when the model has news; returns an unsubscribe function. */
	subscribe: (listener: () => void) => () => void;
	theme: Theme;
	initial: InitialUiOptions;
	stdout: ResizableStream;
	/** Wall clock for the header and open connections' ages; replays pass undefined (log time is used). */
	now?: (() => number) | undefined;
	onQuit: () => void;
	/** The pinned connection changed (the live transport narrows to it). */
	onPin?: ((connectionId: string | undefined) => void) | undefined;
	/** Writes what `x` asked for through the filters on screen; resolves to the note to show ("exported to FILE.json and FILE.md"). */
	onExport?: ((request: ExportRequest, filters: Filters) => Promise<string>) | undefined;
	/** Runs the stats view's window (`i`) on the live source; without it (replay) the key says it needs one. */
	windowStats?: WindowStatsSource | undefined;
}

/** The reducer's actions, and the keys of one read of the terminal: applied together, drawn in one frame. */
type AppAction = UiAction | {type: 'keys'; presses: readonly KeyPress[]};

const MESSAGE_MS = 3000;
const CLOCK_MS = 1000;

export function App({model, subscribe, theme, initial, stdout, now, onQuit, onPin, onExport, windowStats}: AppProps) {
	const [state, dispatch] = useReducer(
		(current: UiState, action: AppAction) =>
			action.type === 'keys' ? reduceKeys(current, action.presses, model) : reduce(current, action, model),
		{...initial, windowStats},
		initialUiState,
	);
	const [clock, setClock] = useState(() => (now ?? Date.now)());

	useEffect(() => subscribe(() => dispatch({type: 'data'})), [subscribe]);
	useEffect(() => onResize(stdout, ({width, height}) => dispatch({type: 'resize', width, height})), [stdout]);
	useEffect(() => {
		const timer = setInterval(() => setClock((now ?? Date.now)()), CLOCK_MS);
		return () => clearInterval(timer);
	}, [now]);
	useEffect(() => {
		if (state.message === undefined) return;
		const timer = setTimeout(() => dispatch({type: 'clear-message'}), MESSAGE_MS);
		return () => clearTimeout(timer);
	}, [state.message]);
	useEffect(() => {
		if (state.quit) onQuit();
	}, [state.quit, onQuit]);
	const firstPin = useRef(true);
	useEffect(() => {
		// The initial pin came from --connection; the transport already knows it.
		if (firstPin.current) {
			firstPin.current = false;
			return;
		}

		onPin?.(state.pinnedConnectionId);
	}, [state.pinnedConnectionId, onPin]);

	// Each export runs once, whatever else re-runs this effect (a new `onExport` from the parent).
	const lastExport = useRef(0);
	useEffect(() => {
		const request = state.exportRequest;
		if (request === undefined || request.seq === lastExport.current) return;
		lastExport.current = request.seq;
		if (onExport === undefined) {
			dispatch({type: 'message', text: 'export is not available here'});
			return;
		}

		// The filters of the render that recorded the request: those on screen when `x` was pressed.
		onExport(request, state.filters).then(
			(text) => dispatch({type: 'message', text}),
			(error: unknown) => dispatch({type: 'message', text: `export failed: ${error instanceof Error ? error.message : String(error)}`}),
		);
	}, [state.exportRequest, state.filters, onExport]);

	useWindowStats(state, windowStats, dispatch);

	// One input handler for the whole app (and one for pastes, which Ink keeps apart), stable across
	// renders. What each key means depends on the state the keys before it left, so the reducer maps keys
	// to actions, not these handlers.
	const dispatchPresses = useCallback((presses: KeyPress[]) => {
		if (presses.length > 0) dispatch({type: 'keys', presses});
	}, []);
	const onInput = useCallback((input: string, key: Key) => dispatchPresses(readKeys(input, key)), [dispatchPresses]);
	const onPaste = useCallback((text: string) => dispatchPresses(pastedText(text)), [dispatchPresses]);
	useInput(onInput);
	usePaste(onPaste);

	const layout = paneSizes(state.width, state.height);
	if (layout.kind === 'too-small') {
		return <TooSmall terminal={layout.terminal} width={layout.frame.width} height={layout.frame.height} theme={theme} />;
	}

	const logTime = now === undefined ? undefined : clock;
	return (
		<Box flexDirection="column" width={layout.frame.width} height={layout.frame.height}>
			<Header view={selectHeader(model, state, clock)} width={layout.header.width} height={layout.header.height} theme={theme} />
			<Box height={layout.body.height} width={layout.body.width} flexDirection={layout.kind === 'side-by-side' ? 'row' : 'column'} columnGap={layout.gap}>
				<Body state={state} model={model} layout={layout} theme={theme} now={logTime} />
			</Box>
			<StatusBar view={selectStatusBar(model, state)} width={layout.statusBar.width} height={layout.statusBar.height} theme={theme} />
		</Box>
	);
}

interface BodyProps {
	state: UiState;
	model: LiveModel;
	layout: PaneLayout;
	theme: Theme;
	now: number | undefined;
}

function Body({state, model, layout, theme, now}: BodyProps) {
	if (state.help) {
		return <HelpOverlay view={selectHelp(state)} width={layout.body.width} height={layout.body.height} theme={theme} />;
	}

	switch (state.view) {
		case 'requests': {
			const pane = layout.requests;
			return <RequestsView view={selectRequestsView(model, state, pane.rows)} width={pane.width} height={pane.height} theme={theme} />;
		}

		case 'stats': {
			const pane = layout.stats;
			return <StatsView view={selectStatsView(model, state, pane.rows)} width={pane.width} height={pane.height} theme={theme} />;
		}

		case 'connections': {
			const {connections, timeline} = layout;
			return (
				<>
					<ConnectionsPane
						view={selectConnectionsPane(model, state, connections.rows, now)}
						width={connections.width}
						height={connections.height}
						theme={theme}
					/>
					<TimelinePane
						view={selectTimelinePane(model, state, timeline.rows)}
						width={timeline.width}
						height={timeline.height}
						theme={theme}
					/>
				</>
			);
		}
	}
}
