// Entry point: meow parses, config.ts validates, a mode runs. Every failure ends here as one line on
// stderr and an exit code from exit-codes.ts; a stack trace only with APIGW_TAIL_DEBUG=1.

import process from 'node:process';
import type {Config} from './config.js';
import {EXIT, UsageError, UserError, type ExitCode} from './exit-codes.js';
import type {LineSink} from './output/sink.js';

const HELP = `
  Usage
    $ apigw-tail --api ID|NAME --stage NAME   find the stage's execution and access logs, backfill, then follow live
    $ apigw-tail --log-group NAME ...         the same for any log groups
    $ apigw-tail replay [FILE...]             correlate saved API Gateway logs (- or piped stdin reads stdin; .gz ok)
    $ apigw-tail demo                         a simulated WebSocket chat API on the built-in emulator, tailed live
    $ apigw-tail doctor --api ID|NAME --stage NAME   check that a stage can be debugged, with the fix for each problem
    $ apigw-tail emulator [--port N]          a local CloudWatch Logs + API Gateway emulator (for tests and trials)

  Live (AWS)
    --api ID|NAME, --stage NAME        the API (WebSocket, HTTP or REST) and stage; log groups and format are discovered
    --log-group NAME                   tail these groups instead (repeatable)
    --execution-log-group NAME         override the discovered execution log group
    --access-log-group NAME            override the discovered access log group
    --since 15m|2h|1d|ISO              backfill from (default 10m)
    --no-follow                        backfill and exit (output is then complete and final)
    --transport auto|live|poll         StartLiveTail with polling fallback (default auto), or one of them
    --request-rate N                   AWS calls per second, all together (default 3; the account quota is shared)
    --region, --profile                AWS region and profile (AWS_REGION, AWS_DEFAULT_REGION, AWS_PROFILE honoured)
    --endpoint-url URL                 another endpoint for every AWS call (the emulator, LocalStack)

  Output
    --output text|json                 aligned text (default) or NDJSON, one object per line
    --timezone local|utc               times in text output (default local)

  Access-log format (so fields are mapped exactly instead of guessed from JSON key names)
    --access-log-format TEMPLATE       the stage's format, e.g. '{"requestId":"$context.requestId", ...}'
    --access-log-format-file PATH      the same, read from a file

  Filters (what is printed; everything is still parsed and counted)
    --connection ID                    one WebSocket connection
    --request ID                       one request (request id or extended request id)
    --route KEY                        one route key, e.g. '$connect' or sendmessage
    --errors-only                      only requests with errors, and connections that had some

  Correlation and memory
    --settle DURATION                  a request is final this long after its last line (default 5m)
    --max-connections N                connections kept in memory (default 10000)
    --max-requests N                   requests kept in memory (default 100000)

  Demo
    --rate EVENTS_PER_S                simulated log events per second (default 100)
    --duration DURATION                stop the simulated traffic after this long (default: until quit)
    --seed N                           the simulation's random seed (default 1)

  Emulator
    --port N                           port on 127.0.0.1 (default 4566; 0 picks a free one)

  Terminal UI (when stdin and stdout are terminals and --output is not given)
    --debug-log FILE                   write diagnostics here while the UI owns the screen

  Incident export
    --export FILE                      write what matched the filters as FILE.json and FILE.md (also key x in the UI)

  Other
    --help, --version

  Exit codes: 0 ok, 1 runtime failure, 2 usage error, 130 interrupted.
`;

async function main(): Promise<ExitCode> {
	// React's development build (the default) renders the terminal UI several times slower.
	process.env['NODE_ENV'] ??= 'production';
	const [{default: meow}, {buildConfig}, {LineSink}] = await Promise.all([
		import('meow'),
		import('./config.js'),
		import('./output/sink.js'),
	]);
	const cli = parseArguments(() => meow(HELP, {
		importMeta: import.meta,
		allowUnknownFlags: true,
		flags: {
			output: {type: 'string'},
			timezone: {type: 'string'},
			accessLogFormat: {type: 'string'},
			accessLogFormatFile: {type: 'string'},
			connection: {type: 'string'},
			request: {type: 'string'},
			route: {type: 'string'},
			errorsOnly: {type: 'boolean'},
			settle: {type: 'string'},
			maxConnections: {type: 'string'},
			maxRequests: {type: 'string'},
			rate: {type: 'string'},
			duration: {type: 'string'},
			seed: {type: 'string'},
			api: {type: 'string'},
			stage: {type: 'string'},
			logGroup: {type: 'string', isMultiple: true},
			executionLogGroup: {type: 'string'},
			accessLogGroup: {type: 'string'},
			region: {type: 'string'},
			profile: {type: 'string'},
			endpointUrl: {type: 'string'},
			since: {type: 'string'},
			follow: {type: 'boolean', default: true},
			transport: {type: 'string'},
			requestRate: {type: 'string'},
			port: {type: 'string'},
			debugLog: {type: 'string'},
			export: {type: 'string'},
		},
	}));

	const config = buildConfig(
		{input: cli.input, flags: definedOnly(cli.flags)},
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
			await runEmulatorCommand(config.port, signal);
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

/** meow reports unset string flags as undefined keys; only flags the user typed are validated. */
function definedOnly(flags: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(
		Object.entries(flags).filter(
			([name, value]) =>
				value !== undefined &&
				!(name === 'errorsOnly' && value === false) &&
				!(name === 'logGroup' && Array.isArray(value) && value.length === 0),
		),
	);
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
