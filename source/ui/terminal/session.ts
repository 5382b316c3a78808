// The full-screen UI draws on the terminal's alternate screen. Whatever way the process ends (quit, a
// signal, a crash), the user's terminal must come back as it was: main screen, cursor visible, plain
// attributes. This module owns that, not Ink's alternateScreen option, so every way out restores alike.

import {EventEmitter} from 'node:events';
import {writeSync} from 'node:fs';
import {sanitizeLine} from '../../core/sanitize.js';
import {EXIT} from '../../exit-codes.js';

const ENTER_ALTERNATE_SCREEN = '\u001B[?1049h';
const HIDE_CURSOR = '\u001B[?25l';
// The alternate screen keeps the cursor where the shell left it; Ink draws from the cursor down, so a
// frame drawn from row 2 would scroll the screen by one row on its trailing newline.
const HOME_AND_CLEAR = '\u001B[H\u001B[2J';
const LEAVE_ALTERNATE_SCREEN = '\u001B[?1049l';
const SHOW_CURSOR = '\u001B[?25h';
// After leaving: 1049l restores the attributes saved on entry, the reset covers a terminal that does not.
const RESET_ATTRIBUTES = '\u001B[0m';

// SIGINT too: in raw mode Ctrl+C is a key press, but `kill -INT` still arrives as a signal.
const HANDLED_SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGINT'];
const STDERR_FD = 2;
// One readable line, however long the error message is.
const CRASH_MESSAGE_MAX_CHARS = 300;

/** Where the escape sequences go: process.stdout, or a fake in tests. */
export interface TerminalOutput {
	write(text: string): boolean;
}

export interface TerminalSession {
	/** Leaves the alternate screen, shows the cursor, resets attributes and drops the handlers. Safe to call twice. */
	restore(): void;
}

export interface FullScreenOptions {
	/**
	 * Called on the first SIGTERM/SIGHUP/SIGINT instead of exiting, so the app can unmount cleanly; it
	 * then calls restore() and chooses the exit code (EXIT.interrupted). A second signal exits at once.
	 */
	onSignal?: (signal: NodeJS.Signals) => void;
}

/**
 * Enters the alternate screen and hides the cursor. Restores the terminal on process exit; on a
 * signal (without onSignal) restores and exits 130; on an uncaught exception or unhandled rejection
 * restores, prints one line to stderr and exits 1.
 */
export function enterFullScreen(stdout: TerminalOutput, options: FullScreenOptions = {}): TerminalSession {
	let active = true;
	let signalled = false;

	const restore = (): void => {
		if (!active) return;
		active = false;
		for (const signal of HANDLED_SIGNALS) process.off(signal, onSignal);
		process.off('exit', restore);
		process.off('uncaughtException', onCrash);
		process.off('unhandledRejection', onRejection);
		writeQuietly(stdout, LEAVE_ALTERNATE_SCREEN + SHOW_CURSOR + RESET_ATTRIBUTES);
	};

	const onSignal = (signal: NodeJS.Signals): void => {
		if (options.onSignal !== undefined && !signalled) {
			signalled = true;
			options.onSignal(signal);
			return;
		}
		restore();
		process.exit(EXIT.interrupted);
	};

	const onCrash = (error: unknown): void => {
		restore();
		// Straight to the file descriptor: while the UI runs, process.stderr.write goes to the debug log.
		try {
			writeSync(STDERR_FD, `apigw-tail: internal error: ${describeError(error)}\n`);
		} catch {
			// stderr is gone (terminal closed); the exit code still tells.
		}
		process.exit(EXIT.runtime);
	};

	const onRejection = (reason: unknown): void => {
		// Node tells uncaughtExceptionMonitor listeners (the debug log) about a rejection it turns into a
		// crash; handling the rejection ourselves takes that over, so tell them the same way.
		EventEmitter.prototype.emit.call(process, 'uncaughtExceptionMonitor', asError(reason), 'unhandledRejection');
		onCrash(reason);
	};

	for (const signal of HANDLED_SIGNALS) process.on(signal, onSignal);
	process.on('exit', restore);
	process.on('uncaughtException', onCrash);
	process.on('unhandledRejection', onRejection);
	writeQuietly(stdout, ENTER_ALTERNATE_SCREEN + HOME_AND_CLEAR + HIDE_CURSOR);
	return {restore};
}

function writeQuietly(stdout: TerminalOutput, text: string): void {
	try {
		stdout.write(text);
	} catch {
		// A closed terminal has nothing left to restore.
	}
}

/** The first line of the error, cleaned of control sequences (a message may quote log text). */
function describeError(error: unknown): string {
	let text: string;
	try {
		text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
	} catch {
		text = 'an error that cannot be described';
	}

	const firstLine = sanitizeLine(text.split(/\r?\n/, 1)[0] ?? '');
	return firstLine.length > CRASH_MESSAGE_MAX_CHARS ? `${firstLine.slice(0, CRASH_MESSAGE_MAX_CHARS)}…` : firstLine;
}

function asError(reason: unknown): Error {
	return reason instanceof Error ? reason : new Error(`promise rejected with a non-error: ${describeError(reason)}`);
}
