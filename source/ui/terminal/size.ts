// The app reads the terminal size here and passes width/height down as props, so components never
// look at process.stdout themselves (and render the same in tests at any size).

export interface TerminalSize {
	width: number;
	height: number;
}

/** What a terminal stream reports about its size; undefined or 0 when it does not know (not a TTY). */
export interface SizedStream {
	columns?: number | undefined;
	rows?: number | undefined;
}

export interface ResizableStream extends SizedStream {
	on(event: 'resize', listener: () => void): unknown;
	off(event: 'resize', listener: () => void): unknown;
}

export const DEFAULT_TERMINAL_SIZE: Readonly<TerminalSize> = {width: 80, height: 24};

export function terminalSize(stdout: SizedStream): TerminalSize {
	return {
		width: positiveInteger(stdout.columns) ?? DEFAULT_TERMINAL_SIZE.width,
		height: positiveInteger(stdout.rows) ?? DEFAULT_TERMINAL_SIZE.height,
	};
}

/** Calls `listener` with the new size on every resize; returns the unsubscribe function. */
export function onResize(stdout: ResizableStream, listener: (size: TerminalSize) => void): () => void {
	const onEvent = (): void => listener(terminalSize(stdout));
	stdout.on('resize', onEvent);
	return () => {
		stdout.off('resize', onEvent);
	};
}

function positiveInteger(value: number | undefined): number | undefined {
	return value !== undefined && Number.isInteger(value) && value > 0 ? value : undefined;
}
