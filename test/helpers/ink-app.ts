// The whole App (source/ui/app.tsx) in ink-testing-library, driven by keys as a terminal sends them.
// Like Shopify's cli-kit test helpers (packages/cli-kit/src/private/node/testing/ui.ts), it waits for
// the app to read input before the first key and for the frame to change after each write; unlike
// them, both are conditions, not fixed delays: input is ready once Ink listens on stdin (useInput has
// enabled raw mode), and a key has been handled once the frame differs from the one before it.

import {EventEmitter} from 'node:events';
import {render} from 'ink-testing-library';
import {createElement} from 'react';
import {App, type AppProps} from '../../source/ui/app.js';
import {NO_COLOUR_THEME} from '../../source/ui/theme.js';
import {waitFor} from './wait.js';

const WAIT_MS = 10_000;

/** Bytes a terminal sends for the keys the app binds that are not printable. */
export const KEYS = {
	up: '\u001B[A',
	down: '\u001B[B',
	right: '\u001B[C',
	left: '\u001B[D',
	pageUp: '\u001B[5~',
	pageDown: '\u001B[6~',
	home: '\u001B[H',
	end: '\u001B[F',
	enter: '\r',
	escape: '\u001B',
	tab: '\t',
	backspace: '\u007F',
	ctrlC: '\u0003',
} as const;

export interface RenderedApp {
	/** The latest frame ('' before the first). */
	lastFrame(): string;
	/** Every frame written so far, oldest first. */
	readonly frames: readonly string[];
	/** Writes each key on its own, as typed slowly; after each, waits for the frame to change. Returns the last frame. */
	press(...keys: string[]): Promise<string>;
	/**
	 * Writes all the keys in ONE write, as auto-repeat, a paste or a slow link delivers them (the app
	 * reads them as one chunk); waits for the frame to change. Returns the frame.
	 */
	pressTogether(...keys: string[]): Promise<string>;
	/** Waits until the latest frame satisfies `predicate` (for what follows a key later: an export's answer). */
	waitForFrame(predicate: (frame: string) => boolean, what?: string): Promise<string>;
	/** The terminal is now width x height (a resize event on the app's stdout). Waits for the frame to change. */
	resize(width: number, height: number): Promise<string>;
	unmount(): void;
}

export type AppOptions = Pick<AppProps, 'model'> & Partial<Omit<AppProps, 'model'>>;

/**
 * Renders <App> at 100x24 (UTC, no colour) unless told otherwise and resolves once it reads keys.
 * The wall clock is fixed at the model's latest log time, so only what the test does changes a frame
 * (a ticking clock in the header would look like a handled key); pass `now` to choose another.
 */
export async function renderApp(options: AppOptions): Promise<RenderedApp> {
	const initial = options.initial ?? {width: 100, height: 24, timezone: 'utc'};
	const terminal = Object.assign(new EventEmitter(), {columns: initial.width, rows: initial.height});
	const clock = options.model.latestTime ?? 0;
	const props: AppProps = {
		subscribe: () => () => undefined,
		theme: NO_COLOUR_THEME,
		stdout: terminal,
		now: () => clock,
		onQuit: () => undefined,
		...options,
		initial,
	};
	const app = render(createElement(App, props));
	const lastFrame = (): string => app.lastFrame() ?? '';

	const afterChange = async (what: string, act: () => void): Promise<string> => {
		const before = lastFrame();
		act();
		await waitFor(() => lastFrame() !== before, WAIT_MS, () => `the frame to change after ${what}; it still shows:\n${before}`);
		return lastFrame();
	};

	await waitFor(() => app.stdin.listenerCount('readable') > 0, WAIT_MS, 'the app to read keys (ink listening on stdin)');

	return {
		lastFrame,
		frames: app.frames,
		async press(...keys) {
			for (const key of keys) await afterChange(`pressing ${JSON.stringify(key)}`, () => app.stdin.write(key));
			return lastFrame();
		},
		async pressTogether(...keys) {
			const chunk = keys.join('');
			return afterChange(`writing ${JSON.stringify(chunk)} at once`, () => app.stdin.write(chunk));
		},
		async waitForFrame(predicate, what = 'the expected frame') {
			await waitFor(() => predicate(lastFrame()), WAIT_MS, () => `${what}; the frame shows:\n${lastFrame()}`);
			return lastFrame();
		},
		async resize(width, height) {
			return afterChange(`resizing to ${width}x${height}`, () => {
				Object.assign(terminal, {columns: width, rows: height});
				terminal.emit('resize');
			});
		},
		unmount: () => app.unmount(),
	};
}
