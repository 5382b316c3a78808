// Command line + environment -> one validated, frozen Config. Pure: no fs, no process; every mistake
// becomes a one-line UsageError naming the flag and what it accepts. Each flag's parsing and default
// are in the table (flags.ts); here they are combined into a command's settings.

import {DEFAULT_LIMITS} from './core/engine.js';
import type {CorrelatorOptions} from './core/correlate.js';
import type {EmissionFilter} from './core/emission-filter.js';
import {checkFlags, commandMode} from './config-flags.js';
import {UsageError} from './exit-codes.js';
import type {SinceChoice} from './flag-values.js';
import {readFlag} from './flags.js';
import {statsConfig, type StatsConfig} from './modes/stats-config.js';
import {noColorRequested} from './no-color.js';
import type {TimeZoneChoice} from './presentation/time-format.js';

export type OutputFormat = 'text' | 'json';

export interface CommonConfig {
	output: OutputFormat;
	/** The full-screen terminal UI: both ends are terminals and no --output was asked for. */
	interactive: boolean;
	/** While the terminal UI runs, diagnostics (warnings, console output) go here instead of the screen. */
	debugLog: string | undefined;
	/** `--export FILE`: write what matched the filters as FILE.json and FILE.md for the incident ticket. */
	exportPath: string | undefined;
	/** Colour in text output: only on a terminal, and never with NO_COLOR (no-color.ts). */
	colour: boolean;
	timezone: TimeZoneChoice;
	accessLogFormat: {template: string} | {file: string} | undefined;
	filter: EmissionFilter;
	limits: CorrelatorOptions;
}

export interface ReplayConfig extends CommonConfig {
	command: 'replay';
	/** File paths; '-' is standard input. */
	inputs: string[];
}

export interface DemoConfig extends CommonConfig {
	command: 'demo';
	seed: number;
	durationMs: number;
	eventsPerSecond: number;
}

export type TransportChoice = 'auto' | 'live' | 'poll';

export interface LiveConfig extends CommonConfig {
	command: 'live';
	/** API id or name and stage, or undefined when tailing `--log-group`s. */
	api: {api: string; stage: string} | undefined;
	logGroups: string[];
	executionLogGroup: string | undefined;
	accessLogGroup: string | undefined;
	/** Find the API's Lambda functions and tail their groups (`--no-lambda`: off). */
	lambda: boolean;
	/** `--lambda-log-group`: Lambda groups named by hand, tailed as Lambda logs. */
	lambdaLogGroups: string[];
	aws: {region: string | undefined; profile: string | undefined; endpointUrl: string | undefined};
	since: SinceChoice;
	follow: boolean;
	transport: TransportChoice;
	/** AWS calls per second, all calls together (the account's quota is shared with every other tool). */
	requestRate: number;
}

export interface EmulatorConfig {
	command: 'emulator';
	port: number;
	/** Every call answered after a random time in [min, max] ms; undefined: at once. */
	latencyMs: readonly [number, number] | undefined;
}

export interface DoctorConfig {
	command: 'doctor';
	api: string;
	stage: string;
	aws: LiveConfig['aws'];
	output: OutputFormat;
	colour: boolean;
}

export type Config = ReplayConfig | DemoConfig | LiveConfig | EmulatorConfig | DoctorConfig | StatsConfig;

export interface CommandLine {
	input: string[];
	flags: Record<string, unknown>;
}

export interface Environment {
	env: Record<string, string | undefined>;
	/** The clock `stats` measures its window from (tests pin it). */
	nowMs?: number;
	stdinIsTTY: boolean;
	stdoutIsTTY: boolean;
}

export function buildConfig(commandLine: CommandLine, environment: Environment): Config {
	const {flags} = commandLine;
	const [command, ...rest] = commandLine.input;
	checkFlags(flags, commandMode(command));
	const common = commonConfig(flags, environment);
	switch (command) {
		case 'replay': {
			return Object.freeze({...common, command, inputs: replayInputs(rest, environment)});
		}

		case 'demo': {
			if (rest.length > 0) throw new UsageError(`demo takes no arguments (got "${rest[0]}")`);
			return Object.freeze({
				...common,
				command,
				seed: readFlag(flags, 'seed'),
				durationMs: readFlag(flags, 'duration'),
				eventsPerSecond: readFlag(flags, 'rate'),
			});
		}

		case 'doctor': {
			if (rest.length > 0) throw new UsageError(`doctor takes no arguments (got "${rest[0]}")`);
			const apiName = readFlag(flags, 'api');
			const stage = readFlag(flags, 'stage');
			if (apiName === undefined || stage === undefined) throw new UsageError('doctor needs --api ID|NAME and --stage NAME');
			return Object.freeze({
				command,
				api: apiName,
				stage,
				aws: awsSettings(flags),
				output: common.output,
				colour: common.colour,
			});
		}

		case 'stats': {
			if (rest.length > 0) throw new UsageError(`stats takes no arguments (got "${rest[0]}")`);
			return Object.freeze(statsConfig(flags, common, environment.nowMs ?? Date.now()));
		}

		case 'emulator': {
			if (rest.length > 0) throw new UsageError(`emulator takes no arguments (got "${rest[0]}")`);
			return Object.freeze({command, port: readFlag(flags, 'port'), latencyMs: readFlag(flags, 'latency')});
		}

		case undefined: {
			return Object.freeze({...common, ...liveConfig(flags)});
		}

		default: {
			// commandMode has refused every other command.
			throw new UsageError(`unknown command "${command}"`);
		}
	}
}

function commonConfig(flags: Record<string, unknown>, environment: Environment): CommonConfig {
	const output = readFlag(flags, 'output');
	const template = readFlag(flags, 'accessLogFormat');
	const templateFile = readFlag(flags, 'accessLogFormatFile');
	if (template !== undefined && templateFile !== undefined) {
		throw new UsageError('use either --access-log-format or --access-log-format-file, not both');
	}

	return {
		output,
		interactive: flags['output'] === undefined && environment.stdoutIsTTY && environment.stdinIsTTY,
		debugLog: readFlag(flags, 'debugLog'),
		exportPath: readFlag(flags, 'export'),
		colour: output === 'text' && environment.stdoutIsTTY && !noColorRequested(environment.env),
		timezone: readFlag(flags, 'timezone'),
		accessLogFormat:
			template === undefined ? (templateFile === undefined ? undefined : {file: templateFile}) : {template},
		filter: {
			connectionId: readFlag(flags, 'connection'),
			requestId: readFlag(flags, 'request'),
			routeKey: readFlag(flags, 'route'),
			errorsOnly: readFlag(flags, 'errorsOnly'),
		},
		limits: {
			...DEFAULT_LIMITS,
			settleMs: readFlag(flags, 'settle'),
			maxConnections: readFlag(flags, 'maxConnections'),
			maxRequests: readFlag(flags, 'maxRequests'),
		},
	};
}

function liveConfig(flags: Record<string, unknown>): Omit<LiveConfig, keyof CommonConfig> {
	const apiName = readFlag(flags, 'api');
	const stage = readFlag(flags, 'stage');
	const logGroups = readFlag(flags, 'logGroup');
	const lambda = readFlag(flags, 'lambda');
	const lambdaLogGroups = readFlag(flags, 'lambdaLogGroup');
	if (!lambda && lambdaLogGroups.length > 0) throw new UsageError('--lambda-log-group and --no-lambda contradict each other: drop one');
	if (apiName === undefined && stage === undefined && logGroups.length === 0 && lambdaLogGroups.length > 0) {
		throw new UsageError('--lambda-log-group adds to --api ID --stage NAME or --log-group NAME: give one of them too');
	}
	const both = lambdaLogGroups.find((name) => logGroups.includes(name));
	if (both !== undefined) throw new UsageError(`log group ${JSON.stringify(both)} is given with both --log-group and --lambda-log-group: keep one`);
	if (apiName === undefined && stage === undefined && logGroups.length === 0) {
		throw new UsageError(
			'nothing to tail: give --api ID --stage NAME, or --log-group NAME, or a command (replay, demo, doctor, emulator; see --help)',
		);
	}

	if ((apiName === undefined) !== (stage === undefined)) throw new UsageError('--api and --stage go together');
	if (apiName !== undefined && logGroups.length > 0) {
		throw new UsageError('use either --api/--stage or --log-group, not both');
	}

	return {
		command: 'live',
		api: apiName === undefined || stage === undefined ? undefined : {api: apiName, stage},
		logGroups,
		executionLogGroup: readFlag(flags, 'executionLogGroup'),
		accessLogGroup: readFlag(flags, 'accessLogGroup'),
		lambda,
		lambdaLogGroups,
		aws: awsSettings(flags),
		since: readFlag(flags, 'since'),
		follow: readFlag(flags, 'follow'),
		transport: readFlag(flags, 'transport'),
		requestRate: readFlag(flags, 'requestRate'),
	};
}

function awsSettings(flags: Record<string, unknown>): LiveConfig['aws'] {
	return {
		region: readFlag(flags, 'region'),
		profile: readFlag(flags, 'profile'),
		endpointUrl: readFlag(flags, 'endpointUrl'),
	};
}

function replayInputs(paths: string[], environment: Environment): string[] {
	// An empty argument is a script's unset variable (`replay "$FILE"`), not a file name.
	if (paths.includes('')) throw new UsageError('replay got an empty FILE argument');
	if (paths.length > 0) return paths;
	if (environment.stdinIsTTY) throw new UsageError('replay needs a FILE, or log lines piped to standard input');
	return ['-'];
}
