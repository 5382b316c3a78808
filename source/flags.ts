// Every command and every flag, in one table: the flag's value (type, repeatable, default, parsing), the
// commands that accept it, and its help line. meow's flag spec, each command's --help and the check that
// refuses a flag a command would ignore are all read from here, so they cannot drift apart.

import type {AnyFlag, AnyFlags} from 'meow';
import {DEFAULT_LIMITS} from './core/engine.js';
import {byteSize, choice, duration, durationRange, since, text, textList, timeLimit, toggle, url, wholeNumber, type FlagValue} from './flag-values.js';

/** The commands, `live` being the one without a name (`--api`/`--stage`, `--log-group`). */
export type Mode = 'live' | 'replay' | 'demo' | 'doctor' | 'stats' | 'emulator';

export interface Command {
	/** How a refused flag names it: "--since does not apply to replay". */
	readonly title: string;
	/** Each way to run it (after `apigw-tail`), with what it does. */
	readonly usage: ReadonlyArray<readonly [string, string]>;
}

/** In the order help lists them. */
export const COMMANDS: Readonly<Record<Mode, Command>> = {
	live: {
		title: 'live tailing (--api/--stage or --log-group)',
		usage: [
			['--api ID|NAME --stage NAME', "find the stage's execution and access logs, backfill, then follow live"],
			['--log-group NAME ...', 'the same for any log groups'],
		],
	},
	replay: {
		title: 'replay',
		usage: [['replay [FILE...]', 'correlate saved API Gateway logs (- or piped stdin reads stdin; .gz ok)']],
	},
	demo: {
		title: 'demo',
		usage: [['demo', 'a simulated WebSocket chat API on the built-in emulator, tailed live']],
	},
	doctor: {
		title: 'doctor',
		usage: [['doctor --api ID|NAME --stage NAME', 'check that a stage can be debugged, with the fix for each problem']],
	},
	stats: {
		title: 'stats',
		usage: [
			['stats --api ID|NAME --stage NAME --since 7d', 'per route and per bin figures over a window, counted by CloudWatch Logs Insights'],
			['stats --log-group NAME --access-log-format ...', 'the same for an access log group'],
		],
	},
	emulator: {
		title: 'emulator',
		usage: [['emulator [--port N]', 'a local CloudWatch Logs + API Gateway emulator (for tests and trials)']],
	},
};

/** Help's headings, in the order help lists them. */
export const SECTIONS = {
	aws: 'AWS',
	output: 'Output',
	format: 'Access-log format (so fields are mapped exactly instead of guessed from JSON key names)',
	filters: 'Filters (what is printed; everything is still parsed and counted)',
	memory: 'Correlation and memory',
	demo: 'Demo',
	stats: 'Stats (CloudWatch Logs Insights; each query scan is billed, $0.005 per GB)',
	emulator: 'Emulator',
	tui: 'Terminal UI (when stdin and stdout are terminals and --output is not given)',
	export: 'Incident export',
	other: 'Other',
} as const;

export interface Flag<T> {
	readonly value: FlagValue<T>;
	readonly commands: readonly Mode[];
	readonly section: keyof typeof SECTIONS;
	/** Help's description; the default, when there is one, is added after it. */
	readonly help: string;
	/** A command where the flag means something else: its whole description there, default included. */
	readonly helpIn?: Partial<Record<Mode, string>>;
	/** A one-letter alias (`-h`). */
	readonly short?: string;
}

const VIEWING: readonly Mode[] = ['replay', 'demo', 'live'];
const AWS: readonly Mode[] = ['live', 'doctor', 'stats'];
const EVERY = Object.keys(COMMANDS) as readonly Mode[];
/** Well under the lowest regional FilterLogEvents quota (5/s; 10/s in most regions, 25/s in us-east-1). */
const DEFAULT_REQUEST_RATE = 3;
const MAX_PORT = 65_535;

/** Keyed by the names meow reports (camelCase), in the order help lists them within a section. */
export const FLAGS = {
	api: {value: text('ID|NAME'), commands: AWS, section: 'aws', help: 'the API (WebSocket, HTTP or REST); log groups and format are discovered'},
	stage: {value: text('NAME'), commands: AWS, section: 'aws', help: "the API's stage"},
	logGroup: {
		value: textList('NAME'),
		commands: ['live', 'stats'],
		section: 'aws',
		help: "tail these groups instead (repeatable; past 10, live tail's limit, the rest are polled)",
		helpIn: {stats: 'query these access log groups instead (repeatable)'},
	},
	executionLogGroup: {value: text('NAME'), commands: ['live'], section: 'aws', help: 'override the discovered execution log group'},
	accessLogGroup: {value: text('NAME'), commands: ['live'], section: 'aws', help: 'override the discovered access log group'},
	lambdaLogGroup: {
		value: textList('NAME'),
		commands: ['live', 'stats'],
		section: 'aws',
		help: "also tail this Lambda function's log group (repeatable; with --api or --log-group)",
		helpIn: {stats: "also count this Lambda function's log group (repeatable; with --api or --log-group)"},
	},
	lambda: {
		value: toggle(true),
		commands: ['live', 'stats'],
		section: 'aws',
		help: "do not find the API's Lambda functions (integrations, authorizers) nor tail their log groups",
		helpIn: {stats: "do not find the API's Lambda functions nor count their invocations"},
	},
	since: {
		value: since('15m|2h|1d|ISO', '10m'),
		commands: ['live', 'stats'],
		section: 'aws',
		help: 'backfill from',
		helpIn: {stats: 'the window start (default 24h)'},
	},
	follow: {value: toggle(true), commands: ['live'], section: 'aws', help: 'backfill and exit (output is then complete and final)'},
	transport: {
		value: choice(['auto', 'live', 'poll'] as const, 'auto'),
		commands: ['live'],
		section: 'aws',
		help: 'auto: StartLiveTail, falling back to polling; live or poll: only that one',
	},
	requestRate: {
		value: wholeNumber('N', {fallback: DEFAULT_REQUEST_RATE, minimum: 1}),
		commands: ['live'],
		section: 'aws',
		help: 'AWS calls per second, all calls together: the account quota is shared',
	},
	region: {value: text('NAME'), commands: AWS, section: 'aws', help: 'AWS region (AWS_REGION, AWS_DEFAULT_REGION honoured)'},
	profile: {value: text('NAME'), commands: AWS, section: 'aws', help: 'AWS profile (AWS_PROFILE honoured)'},
	endpointUrl: {value: url('URL'), commands: AWS, section: 'aws', help: 'another endpoint for every AWS call (the emulator, LocalStack)'},
	output: {
		value: choice(['text', 'json'] as const, 'text'),
		commands: [...VIEWING, 'doctor', 'stats'],
		section: 'output',
		help: 'aligned text or NDJSON, one object per line',
	},
	timezone: {value: choice(['local', 'utc'] as const, 'local'), commands: VIEWING, section: 'output', help: 'times in text output'},
	accessLogFormat: {
		value: text('TEMPLATE'),
		commands: [...VIEWING, 'stats'],
		section: 'format',
		help: `the stage's format, e.g. '{"requestId":"$context.requestId", ...}'`,
	},
	accessLogFormatFile: {value: text('PATH'), commands: [...VIEWING, 'stats'], section: 'format', help: 'the same, read from a file'},
	connection: {value: text('ID'), commands: VIEWING, section: 'filters', help: 'one WebSocket connection'},
	request: {value: text('ID'), commands: VIEWING, section: 'filters', help: 'one request (request id or extended request id)'},
	route: {value: text('KEY'), commands: [...VIEWING, 'stats'], section: 'filters', help: "one route key, e.g. '$connect' or sendmessage"},
	errorsOnly: {value: toggle(false), commands: VIEWING, section: 'filters', help: 'only requests with errors, and connections that had some'},
	settle: {
		value: duration('DURATION', `${DEFAULT_LIMITS.settleMs / 60_000}m`),
		commands: VIEWING,
		section: 'memory',
		help: 'a request is final this long after its last line',
	},
	maxConnections: {
		value: wholeNumber('N', {fallback: DEFAULT_LIMITS.maxConnections, minimum: 1}),
		commands: VIEWING,
		section: 'memory',
		help: 'connections kept in memory',
	},
	maxRequests: {
		value: wholeNumber('N', {fallback: DEFAULT_LIMITS.maxRequests, minimum: 1}),
		commands: VIEWING,
		section: 'memory',
		help: 'requests kept in memory',
	},
	rate: {value: wholeNumber('N', {fallback: 100, minimum: 1}), commands: ['demo'], section: 'demo', help: 'simulated log events per second'},
	duration: {
		value: timeLimit('DURATION'),
		commands: ['demo'],
		section: 'demo',
		help: 'stop the simulated traffic after this long, print what it gave, and exit; without it, runs until quit',
	},
	seed: {value: wholeNumber('N', {fallback: 1, minimum: 0}), commands: ['demo'], section: 'demo', help: "the simulation's random seed"},
	port: {
		value: wholeNumber('N', {fallback: 4566, minimum: 0, maximum: MAX_PORT}),
		commands: ['emulator'],
		section: 'emulator',
		help: 'port on 127.0.0.1; 0 picks a free one',
	},
	latency: {
		value: durationRange('80-200ms'),
		commands: ['emulator'],
		section: 'emulator',
		help: 'answer every call after a random time in this range, as AWS takes (default: at once)',
	},
	until: {value: since('2h|ISO', '0s'), commands: ['stats'], section: 'stats', help: 'the window end, a span before now or a time'},
	bin: {value: duration('DURATION', '1h'), commands: ['stats'], section: 'stats', help: 'the figures per time bin of this length (whole seconds)'},
	top: {
		value: wholeNumber('N', {fallback: 0, minimum: 0}),
		commands: ['stats'],
		section: 'stats',
		help: 'also the N connections with the most errors and the N slowest requests, as ready commands',
	},
	maxQueries: {
		value: wholeNumber('N', {fallback: 4, minimum: 1, maximum: 30}),
		commands: ['stats'],
		section: 'stats',
		help: 'queries running at once (the account-wide quota is shared)',
	},
	maxScan: {
		value: byteSize('SIZE', '10GB'),
		commands: ['stats'],
		section: 'stats',
		help: 'refuse a window projected to scan more than this',
	},
	debugLog: {value: text('FILE'), commands: VIEWING, section: 'tui', help: 'write diagnostics here while the UI owns the screen'},
	export: {
		value: text('FILE'),
		commands: VIEWING,
		section: 'export',
		help: 'write what matched the filters as FILE.json and FILE.md (also key x in the UI)',
	},
	help: {
		value: toggle(false),
		commands: EVERY,
		section: 'other',
		short: 'h',
		help: "this help; after a command (or as `help COMMAND`), that command's help",
	},
	version: {value: toggle(false), commands: EVERY, section: 'other', help: "apigw-tail's version"},
} satisfies Record<string, Flag<unknown>>;

export type FlagName = keyof typeof FLAGS;

/** What a flag reads as, e.g. number for `port`. */
export type FlagSetting<N extends FlagName> = (typeof FLAGS)[N] extends Flag<infer T> ? T : never;

/** The flag's validated setting (its default when absent); a UsageError for a bad value. */
export function readFlag<N extends FlagName>(flags: Record<string, unknown>, name: N): FlagSetting<N> {
	const {value} = FLAGS[name] as Flag<FlagSetting<N>>;
	return value.read(flags[name], `--${kebab(name)}`);
}

/** Own keys only: `--to-string` must not find Object.prototype.toString. */
export function flagNamed(name: string): Flag<unknown> | undefined {
	return Object.hasOwn(FLAGS, name) ? (FLAGS as Record<string, Flag<unknown>>)[name] : undefined;
}

/** As a user types it: `--max-requests`; `--no-follow` for a switch that is on unless turned off. */
export function flagLabel(name: string, flag: Flag<unknown>): string {
	return flag.value.default === true ? `--no-${kebab(name)}` : `--${kebab(name)}`;
}

export function kebab(name: string): string {
	return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** meow's `flags` option. */
export function meowFlags(): AnyFlags {
	return Object.fromEntries(
		Object.entries(FLAGS as Record<string, Flag<unknown>>).map(([name, {value, short}]): [string, AnyFlag] => {
			const alias = short === undefined ? {} : {shortFlag: short};
			// Only a switch's default goes to meow: a value flag's default is applied when it is read, so an
			// absent flag stays undefined and the check for flags a command would ignore does not see it.
			if (value.type === 'boolean') return [name, {type: 'boolean', default: value.default === true, ...alias}];
			return [name, value.repeatable ? {type: 'string', isMultiple: true, ...alias} : {type: 'string', ...alias}];
		}),
	);
}
