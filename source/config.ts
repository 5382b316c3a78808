// Command line + environment -> one validated, frozen Config. Pure: no fs, no process; every mistake
// becomes a one-line UsageError naming the flag and what it accepts.

import {DEFAULT_LIMITS} from './core/engine.js';
import type {CorrelatorOptions} from './core/correlate.js';
import type {EmissionFilter} from './core/emission-filter.js';
import {checkFlags, commandMode, kebab} from './config-flags.js';
import {UsageError} from './exit-codes.js';
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
	/** Colour in text output: only on a terminal, and never with NO_COLOR. */
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

/** Where to start the backfill: a span before now, or a moment. */
export type SinceChoice = {beforeNowMs: number} | {epochMs: number};

export interface LiveConfig extends CommonConfig {
	command: 'live';
	/** API id or name and stage, or undefined when tailing `--log-group`s. */
	api: {api: string; stage: string} | undefined;
	logGroups: string[];
	executionLogGroup: string | undefined;
	accessLogGroup: string | undefined;
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
}

export interface DoctorConfig {
	command: 'doctor';
	api: string;
	stage: string;
	aws: LiveConfig['aws'];
	output: OutputFormat;
	colour: boolean;
}

export type Config = ReplayConfig | DemoConfig | LiveConfig | EmulatorConfig | DoctorConfig;

export interface CommandLine {
	input: string[];
	flags: Record<string, unknown>;
}

export interface Environment {
	env: Record<string, string | undefined>;
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
				seed: integerFlag(flags, 'seed', 1, 0),
				durationMs: durationFlag(flags, 'duration', 0),
				eventsPerSecond: integerFlag(flags, 'rate', 100, 1),
			});
		}

		case 'doctor': {
			if (rest.length > 0) throw new UsageError(`doctor takes no arguments (got "${rest[0]}")`);
			const apiName = stringFlag(flags, 'api');
			const stage = stringFlag(flags, 'stage');
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

		case 'emulator': {
			if (rest.length > 0) throw new UsageError(`emulator takes no arguments (got "${rest[0]}")`);
			return Object.freeze({command, port: integerFlag(flags, 'port', 4566, 0, MAX_PORT)});
		}

		case undefined: {
			return Object.freeze({...common, ...liveConfig(flags)});
		}

		default: {
			// modeOf has refused every other command.
			throw new UsageError(`unknown command "${command}"`);
		}
	}
}

function commonConfig(flags: Record<string, unknown>, environment: Environment): CommonConfig {
	const output = choiceFlag(flags, 'output', ['text', 'json'] as const, 'text');
	const template = stringFlag(flags, 'accessLogFormat');
	const templateFile = stringFlag(flags, 'accessLogFormatFile');
	if (template !== undefined && templateFile !== undefined) {
		throw new UsageError('use either --access-log-format or --access-log-format-file, not both');
	}

	return {
		output,
		interactive: flags['output'] === undefined && environment.stdoutIsTTY && environment.stdinIsTTY,
		debugLog: stringFlag(flags, 'debugLog'),
		exportPath: stringFlag(flags, 'export'),
		colour: output === 'text' && environment.stdoutIsTTY && !('NO_COLOR' in environment.env),
		timezone: choiceFlag(flags, 'timezone', ['local', 'utc'] as const, 'local'),
		accessLogFormat:
			template === undefined ? (templateFile === undefined ? undefined : {file: templateFile}) : {template},
		filter: {
			connectionId: stringFlag(flags, 'connection'),
			requestId: stringFlag(flags, 'request'),
			routeKey: stringFlag(flags, 'route'),
			errorsOnly: flags['errorsOnly'] === true,
		},
		limits: {
			...DEFAULT_LIMITS,
			settleMs: durationFlag(flags, 'settle', DEFAULT_LIMITS.settleMs),
			maxConnections: integerFlag(flags, 'maxConnections', DEFAULT_LIMITS.maxConnections, 1),
			maxRequests: integerFlag(flags, 'maxRequests', DEFAULT_LIMITS.maxRequests, 1),
		},
	};
}

function liveConfig(flags: Record<string, unknown>): Omit<LiveConfig, keyof CommonConfig> {
	const apiName = stringFlag(flags, 'api');
	const stage = stringFlag(flags, 'stage');
	const logGroups = stringListFlag(flags, 'logGroup');
	if (apiName === undefined && stage === undefined && logGroups.length === 0) {
		throw new UsageError(
			'nothing to tail: give --api ID --stage NAME, or --log-group NAME, or a command (replay, demo, emulator; see --help)',
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
		executionLogGroup: stringFlag(flags, 'executionLogGroup'),
		accessLogGroup: stringFlag(flags, 'accessLogGroup'),
		aws: awsSettings(flags),
		since: sinceFlag(flags),
		follow: flags['follow'] !== false,
		transport: choiceFlag(flags, 'transport', ['auto', 'live', 'poll'] as const, 'auto'),
		requestRate: integerFlag(flags, 'requestRate', DEFAULT_REQUEST_RATE, 1),
	};
}

function awsSettings(flags: Record<string, unknown>): LiveConfig['aws'] {
	return {
		region: stringFlag(flags, 'region'),
		profile: stringFlag(flags, 'profile'),
		endpointUrl: urlFlag(flags, 'endpointUrl'),
	};
}

const DEFAULT_SINCE_MS = 10 * 60_000;
/** Well under the lowest regional FilterLogEvents quota (5/s; 10/s in most regions, 25/s in us-east-1). */
const DEFAULT_REQUEST_RATE = 3;

/** `--since 15m|2h|1d` (a span before now) or an ISO 8601 moment; 10 minutes by default, like `aws logs tail`. */
function sinceFlag(flags: Record<string, unknown>): SinceChoice {
	const value = stringFlag(flags, 'since');
	if (value === undefined) return {beforeNowMs: DEFAULT_SINCE_MS};
	const span = parseDuration(value);
	if (span !== undefined) return {beforeNowMs: span};
	const moment = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
	if (Number.isNaN(moment)) {
		throw new UsageError(`--since must be a span like 15m, 2h or 1d, or an ISO time like 2024-05-01T10:00Z (got "${value}")`);
	}

	return {epochMs: moment};
}

function urlFlag(flags: Record<string, unknown>, name: string): string | undefined {
	const value = stringFlag(flags, name);
	if (value === undefined) return undefined;
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw new UsageError(`--${kebab(name)} must be a URL like http://127.0.0.1:4566 (got "${value}")`);
	}

	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new UsageError(`--${kebab(name)} must be an http or https URL (got "${value}")`);
	}

	return value;
}

function stringListFlag(flags: Record<string, unknown>, name: string): string[] {
	const value = flags[name];
	if (value === undefined) return [];
	const values = Array.isArray(value) ? value : [value];
	if (values.some((item) => typeof item !== 'string' || item === '')) throw new UsageError(`--${kebab(name)} needs a value`);
	return values as string[];
}

function replayInputs(paths: string[], environment: Environment): string[] {
	// An empty argument is a script's unset variable (`replay "$FILE"`), not a file name.
	if (paths.includes('')) throw new UsageError('replay got an empty FILE argument');
	if (paths.length > 0) return paths;
	if (environment.stdinIsTTY) throw new UsageError('replay needs a FILE, or log lines piped to standard input');
	return ['-'];
}

function stringFlag(flags: Record<string, unknown>, name: string): string | undefined {
	const value = flags[name];
	if (value === undefined) return undefined;
	if (typeof value !== 'string' || value === '') throw new UsageError(`--${kebab(name)} needs a value`);
	return value;
}

function choiceFlag<T extends string>(flags: Record<string, unknown>, name: string, choices: readonly T[], fallback: T): T {
	const value = stringFlag(flags, name);
	if (value === undefined) return fallback;
	if (!(choices as readonly string[]).includes(value)) {
		throw new UsageError(`--${kebab(name)} must be ${choices.join(' or ')} (got "${value}")`);
	}

	return value as T;
}

const MAX_PORT = 65_535;

function integerFlag(flags: Record<string, unknown>, name: string, fallback: number, minimum: number, maximum?: number): number {
	const value = stringFlag(flags, name);
	if (value === undefined) return fallback;
	const number = Number(value);
	if (!/^\d+$/.test(value) || number < minimum || !Number.isSafeInteger(number) || (maximum !== undefined && number > maximum)) {
		const range = maximum === undefined ? `of at least ${minimum}` : `from ${minimum} to ${maximum}`;
		throw new UsageError(`--${kebab(name)} must be a whole number ${range} (got "${value}")`);
	}

	return Number(value);
}

const DURATION_UNITS: Record<string, number> = {ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000};

/** `90s`, `5m`, `2h`, `1d`, `250ms`; a bare number is seconds. */
export function parseDuration(text: string): number | undefined {
	const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
	if (!match) return undefined;
	return Math.round(Number(match[1]) * DURATION_UNITS[match[2] ?? 's']!);
}

function durationFlag(flags: Record<string, unknown>, name: string, fallback: number): number {
	const value = stringFlag(flags, name);
	if (value === undefined) return fallback;
	const duration = parseDuration(value);
	if (duration === undefined) {
		throw new UsageError(`--${kebab(name)} must be a duration like 30s, 5m or 2h (got "${value}")`);
	}

	return duration;
}
