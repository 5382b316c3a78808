// Command line + environment -> one validated, frozen Config. Pure: no fs, no process; every mistake
// becomes a one-line UsageError naming the flag and what it accepts.

import {DEFAULT_LIMITS} from './core/engine.js';
import type {CorrelatorOptions} from './core/correlate.js';
import type {EmissionFilter} from './core/emission-filter.js';
import {UsageError} from './exit-codes.js';
import type {TimeZoneChoice} from './output/time-format.js';

export type OutputFormat = 'text' | 'json';

interface CommonConfig {
	output: OutputFormat;
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

export type Config = ReplayConfig | DemoConfig;

export interface CommandLine {
	input: string[];
	flags: Record<string, unknown>;
}

export interface Environment {
	env: Record<string, string | undefined>;
	stdinIsTTY: boolean;
	stdoutIsTTY: boolean;
}

/** Flag names as meow reports them (camelCase), with the commands that accept each. */
const KNOWN_FLAGS = new Set([
	'output',
	'accessLogFormat',
	'accessLogFormatFile',
	'connection',
	'request',
	'errorsOnly',
	'route',
	'timezone',
	'maxConnections',
	'maxRequests',
	'settle',
	'seed',
	'duration',
	'rate',
	'help',
	'version',
]);

export function buildConfig(commandLine: CommandLine, environment: Environment): Config {
	const {flags} = commandLine;
	for (const name of Object.keys(flags)) {
		if (!KNOWN_FLAGS.has(name)) throw new UsageError(`unknown flag --${kebab(name)} (see apigw-tail --help)`);
	}

	const [command, ...rest] = commandLine.input;
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
				durationMs: durationFlag(flags, 'duration', 30_000),
				eventsPerSecond: integerFlag(flags, 'rate', 50, 1),
			});
		}

		case undefined: {
			throw new UsageError('missing command: try "apigw-tail replay FILE" or "apigw-tail demo" (see --help)');
		}

		default: {
			throw new UsageError(`unknown command "${command}": expected replay or demo (see --help)`);
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

function replayInputs(paths: string[], environment: Environment): string[] {
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

function integerFlag(flags: Record<string, unknown>, name: string, fallback: number, minimum: number): number {
	const value = stringFlag(flags, name);
	if (value === undefined) return fallback;
	if (!/^\d+$/.test(value) || Number(value) < minimum || !Number.isSafeInteger(Number(value))) {
		throw new UsageError(`--${kebab(name)} must be a whole number of at least ${minimum} (got "${value}")`);
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

function kebab(name: string): string {
	return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
