// Runs the stats view's window while it is on screen: a run starts when the reducer asks for one (a new
// `seq` in window mode) and is aborted (every query stopped, StopQuery) when the user goes back to "this
// session", leaves the stats view, asks again, or quits (the app unmounts). The queries are async I/O:
// keys and frames go on while they run; their progress comes back as actions.

import {useEffect} from 'react';
import type {UiAction, UiState} from './state/ui-state.js';
import type {WindowStatsSource} from './state/window-stats.js';

export function useWindowStats(state: UiState, source: WindowStatsSource | undefined, dispatch: (action: UiAction) => void): void {
	const {mode, seq} = state.windowStats;
	const running = state.view === 'stats' && mode === 'window' ? seq : undefined;
	useEffect(() => {
		if (running === undefined || source === undefined) return;
		const stop = new AbortController();
		source.run(stop.signal, (progress) => dispatch({type: 'window-progress', seq: running, progress})).then(
			(result) => dispatch({type: 'window-done', seq: running, result}),
			(error: unknown) => {
				// Stopped on purpose: nothing to say (the reducer would drop it anyway, by its seq).
				if (!stop.signal.aborted) dispatch({type: 'window-failed', seq: running, message: error instanceof Error ? error.message : String(error)});
			},
		);
		return () => stop.abort();
	}, [running, source, dispatch]);
}
