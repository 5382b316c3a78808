// While Ink owns the terminal, any other write (a stray console call in a library, an SDK or Node
// warning, a stack trace) lands in the middle of a frame and corrupts it until the next full redraw.
// This reroutes all of it to the --debug-log file, or drops it (counted) when there is none.

import {Console} from 'node:console';
import {closeSync, openSync, writeSync} from 'node:fs';
import {Writable} from 'node:stream';
import {sanitizeText} from '../../core/sanitize.js';
import {UserError} from '../../exit-codes.js';

// Every console method that writes; the others (time, count, group, assert...) write through these.
const CONSOLE_METHODS = ['log', 'info', 'debug', 'warn', 'error', 'trace', 'dir', 'dirxml', 'table'] as const;
// The AWS SDK warns once about the Node version on its own; this is its documented off switch.
const SDK_NODE_WARNING_VARIABLE = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';

export interface QuietTerminalOptions {
	/** Appended to, one timestamped entry per write. Without it, everything is dropped and counted. */
	debugLogPath?: string;
}

/** Puts everything back as it was; safe to call twice. */
export interface RestoreTerminalOutput {
	(): void;
	/** How many writes were dropped: no debug log was given, or writing to it failed. */
	dropped(): number;
}

type Source = 'console' | 'console.error' | 'stderr' | 'warning' | 'crash';

/**
 * Until the returned function is called, console.*, process warnings and direct process.stderr
 * writes go to `debugLogPath` instead of the terminal. Throws a UserError if the log cannot be opened.
 */
export function quietTerminal(options: QuietTerminalOptions): RestoreTerminalOutput {
	const log = openDebugLog(options.debugLogPath);
	const undo: Array<() => void> = [];

	// A private Console does the formatting (util.format, tables, groups) and writes to the log.
	const sink = new Console({
		stdout: lineSink((text) => log.write('console', text)),
		stderr: lineSink((text) => log.write('console.error', text)),
		colorMode: false,
	});
	for (const method of CONSOLE_METHODS) {
		undo.push(replaceProperty(console, method, sink[method].bind(sink)));
	}

	undo.push(replaceProperty(process.stderr, 'write', captureStderrWrite(log)));

	// Node's own listener prints warnings to stderr; it goes aside and comes back on restore.
	const warningListeners = process.listeners('warning');
	for (const listener of warningListeners) process.off('warning', listener);
	const onWarning = (warning: Error): void => log.write('warning', describeWarning(warning));
	process.on('warning', onWarning);
	undo.push(() => {
		process.off('warning', onWarning);
		for (const listener of warningListeners) process.on('warning', listener);
	});

	// A monitor only watches: the crash itself is still handled (and reported in one line) elsewhere.
	const onCrash = (error: Error, origin: string | undefined): void => log.write('crash', `${origin ?? 'uncaughtException'}: ${describeCrash(error)}`);
	process.on('uncaughtExceptionMonitor', onCrash);
	undo.push(() => process.off('uncaughtExceptionMonitor', onCrash));

	undo.push(replaceEnvironmentVariable(SDK_NODE_WARNING_VARIABLE, 'true'));

	let restored = false;
	const restore = (): void => {
		if (restored) return;
		restored = true;
		for (const step of undo.reverse()) step();
		log.close();
	};

	return Object.assign(restore, {dropped: () => log.dropped()});
}

interface DebugLog {
	write(source: Source, text: string): void;
	dropped(): number;
	close(): void;
}

function openDebugLog(path: string | undefined): DebugLog {
	let dropped = 0;
	if (path === undefined) {
		return {
			write: () => {
				dropped += 1;
			},
			dropped: () => dropped,
			close: () => undefined,
		};
	}

	let fd: number | undefined;
	try {
		fd = openSync(path, 'a');
	} catch (error) {
		throw new UserError(`cannot open the debug log ${path}: ${(error as Error).message}`);
	}

	const write = (source: Source | 'apigw-tail', text: string): void => {
		if (fd === undefined) {
			dropped += 1;
			return;
		}
		try {
			// Synchronous, so the last entries before a crash are on disk when the process exits.
			writeSync(fd, formatEntry(source, text));
		} catch {
			// A full disk must not take the UI down with it.
			dropped += 1;
		}
	};

	write('apigw-tail', `debug log opened (pid ${process.pid})`);
	return {
		write,
		dropped: () => dropped,
		close() {
			if (fd === undefined) return;
			write('apigw-tail', 'debug log closed');
			closeSync(fd);
			fd = undefined;
		},
	};
}

/** "2026-01-02T03:04:05.678Z [source] text", continuation lines indented so entries stay apart. */
function formatEntry(source: string, text: string): string {
	// Log text may quote untrusted log lines; whoever reads the file with cat should not get escapes.
	const body = sanitizeText(text.replace(/\r?\n$/, '')).replace(/\r?\n/g, '\n    ');
	return `${new Date().toISOString()} [${source}] ${body}\n`;
}

/** A stream for Console in which every write becomes one log entry, synchronously. */
function lineSink(onText: (text: string) => void): Writable {
	return new Writable({
		decodeStrings: false,
		write(chunk: string | Buffer, _encoding, done) {
			onText(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
			done();
		},
	});
}

function captureStderrWrite(log: DebugLog): typeof process.stderr.write {
	const write = (chunk: string | Uint8Array, encodingOrCallback?: BufferEncoding | ((error?: Error | null) => void), callback?: (error?: Error | null) => void): boolean => {
		const encoding = typeof encodingOrCallback === 'string' ? encodingOrCallback : 'utf8';
		log.write('stderr', typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString(encoding));
		const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
		// Writable.write calls back asynchronously; so do we.
		if (done !== undefined) process.nextTick(done, null);
		return true;
	};
	return write as typeof process.stderr.write;
}

function describeWarning(warning: Error): string {
	const code = (warning as Error & {code?: unknown}).code;
	return `${warning.name}${typeof code === 'string' ? ` [${code}]` : ''}: ${warning.message}`;
}

function describeCrash(error: unknown): string {
	try {
		return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
	} catch {
		return 'an error that cannot be described';
	}
}

/** Sets an own property, returning how to put back exactly what was there (own value, or nothing). */
function replaceProperty<T extends object, K extends keyof T>(target: T, key: K, value: T[K]): () => void {
	const previous = Object.getOwnPropertyDescriptor(target, key);
	Object.defineProperty(target, key, {value, writable: true, configurable: true, enumerable: previous?.enumerable ?? false});
	return () => {
		if (previous === undefined) Reflect.deleteProperty(target, key);
		else Object.defineProperty(target, key, previous);
	};
}

function replaceEnvironmentVariable(name: string, value: string): () => void {
	const previous = process.env[name];
	process.env[name] = value;
	return () => {
		if (previous === undefined) delete process.env[name];
		else process.env[name] = previous;
	};
}
