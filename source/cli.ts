// Entry point: meow parses (flags from the table in flags.ts), config.ts validates, a mode runs, or
// --help, -h or `help COMMAND` prints the command's help. Every failure ends here as one line on stderr and an exit code
// from exit-codes.ts; a stack trace only with APIGW_TAIL_DEBUG=1.

import process from 'node:process';
import type {Config} from './config.js';
import {EXIT, UsageError, UserError, type ExitCode} from './exit-codes.js';
import type {LineSink} from './output/sink.js';

async function main(): Promise<ExitCode> {
	// React's development build (the default) renders the terminal UI several times slower.
	process.env['NODE_ENV'] ??= 'production';
	const [{default: meow}, {buildConfig}, {commandMode}, {meowFlags, readFlag}, {LineSink}] = await Promise.all([
		import('meow'),
		import('./config.js'),
		import('./config-flags.js'),
		import('./flags.js'),
		import('./output/sink.js'),
	]);
	const cli = parseArguments(() => meow({importMeta: import.meta, autoHelp: false, allowUnknownFlags: true, flags: meowFlags()}));
	// Answered whatever else the command line holds (even flags that are wrong), and never by running it.
	// `help [COMMAND]` is `[COMMAND] --help`, as in git and npm.
	const askedForHelp = cli.input[0] === 'help' ? cli.input.slice(1) : readFlag(cli.flags, 'help') ? cli.input : undefined;
	if (askedForHelp !== undefined) {
		const {helpText} = await import('./help.js');
		process.stdout.write(helpText(commandMode(askedForHelp[0]), cli.pkg.description ?? ''));
		return EXIT.ok;
	}

	if (readFlag(cli.flags, 'version')) {
		process.stdout.write(`${cli.pkg.version ?? ''}\n`);
		return EXIT.ok;
	}

	const config = buildConfig(
		{input: cli.input, flags: cli.flags},
		{env: process.env, stdinIsTTY: Boolean(process.stdin.isTTY), stdoutIsTTY: Boolean(process.stdout.isTTY)},
	);
	const interrupt = new AbortController();
	const onSignal = () => {
		// A second Ctrl+C means "now": do not wait for the final flush.
		if (interrupt.signal.aborted) process.exit(EXIT.interrupted);
		interrupt.abort();
	};

	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	const code = await run(config, new LineSink(process.stdout), interrupt.signal);
	return interrupt.signal.aborted ? EXIT.interrupted : (code ?? EXIT.ok);
}

/** Runs the mode; a mode whose outcome decides the exit code (doctor) returns it. */
async function run(config: Config, sink: LineSink, signal: AbortSignal): Promise<ExitCode | undefined> {
	// Each mode is loaded only when used: start-up stays fast and plain output never loads what it does not need.
	// The terminal UI, the largest part, starts loading now, alongside the mode, not after it (a failure
	// to load is reported where the mode imports it).
	if ('interactive' in config && config.interactive) import('./ui/run-tui.js').catch(() => undefined);
	if ('exportPath' in config && config.exportPath !== undefined) {
		// Before any mode starts (discovery, tailing, reading): a bad target must not cost the whole run.
		const {checkExportTarget} = await import('./modes/export-target.js');
		await checkExportTarget(config.exportPath);
	}

	switch (config.command) {
		case 'replay': {
			const {runReplay} = await import('./modes/replay.js');
			await runReplay(config, sink, signal);
			break;
		}

		case 'demo': {
			const {runDemo} = await import('./modes/demo.js');
			await runDemo(config, sink, signal);
			break;
		}

		case 'live': {
			const {runLive} = await import('./modes/live.js');
			await runLive(config, sink, signal);
			break;
		}

		case 'emulator': {
			const {runEmulatorCommand} = await import('./emulator/server-main.js');
			await runEmulatorCommand(config.port, signal, config.latencyMs);
			break;
		}

		case 'stats': {
			const {runStats} = await import('./modes/stats.js');
			await runStats(config, sink, signal);
			break;
		}

		case 'doctor': {
			const {runDoctor} = await import('./modes/doctor.js');
			return runDoctor(config, sink);
		}
	}

	return undefined;
}

/** meow refuses some command lines itself ("The flag --output can only be set once."): a usage error too. */
function parseArguments<T>(parse: () => T): T {
	try {
		return parse();
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		throw new UsageError(message.replace(/^The flag /, '').replace(/\.$/, '').replace('set once', 'given once'));
	}
}

function reportFailure(error: unknown): ExitCode {
	if (error instanceof UserError) {
		process.stderr.write(`apigw-tail: ${firstLine(error.message)}\n`);
		return error.exitCode;
	}

	const message = error instanceof Error ? error.message : String(error);
	process.stderr.write(`apigw-tail: unexpected error: ${firstLine(message)}\n`);
	if (process.env['APIGW_TAIL_DEBUG']) process.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
	return EXIT.runtime;
}

function firstLine(text: string): string {
	return text.split('\n', 1)[0] ?? '';
}

/** Exits once stdout has taken everything: an interrupted run may still hold stdin or sockets open. */
function exitAfterFlush(code: ExitCode): void {
	process.exitCode = code;
	if (process.stdout.writableLength === 0) process.exit(code);
	process.stdout.write('', () => process.exit(code));
}

try {
	exitAfterFlush(await main());
} catch (error) {
	exitAfterFlush(reportFailure(error));
}
