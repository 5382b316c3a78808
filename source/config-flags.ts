// Which flags exist and which commands take each: checked before any value, so a flag the command would
// ignore (`replay --since 1h`) is refused instead of silently showing the user something else.

import {UsageError} from './exit-codes.js';

/** The commands, `live` being the one without a name (`--api`/`--stage`, `--log-group`). */
export type Mode = 'replay' | 'demo' | 'live' | 'doctor' | 'emulator';

const VIEWING: readonly Mode[] = ['replay', 'demo', 'live'];
const AWS: readonly Mode[] = ['live', 'doctor'];
const EVERY: readonly Mode[] = ['replay', 'demo', 'live', 'doctor', 'emulator'];

/** Flag names as meow reports them (camelCase), with the commands that accept each. */
const FLAG_MODES: Readonly<Record<string, readonly Mode[] | undefined>> = {
	output: [...VIEWING, 'doctor'],
	accessLogFormat: VIEWING,
	accessLogFormatFile: VIEWING,
	connection: VIEWING,
	request: VIEWING,
	errorsOnly: VIEWING,
	route: VIEWING,
	timezone: VIEWING,
	maxConnections: VIEWING,
	maxRequests: VIEWING,
	settle: VIEWING,
	debugLog: VIEWING,
	export: VIEWING,
	seed: ['demo'],
	duration: ['demo'],
	rate: ['demo'],
	api: AWS,
	stage: AWS,
	logGroup: ['live'],
	executionLogGroup: ['live'],
	accessLogGroup: ['live'],
	region: AWS,
	profile: AWS,
	endpointUrl: AWS,
	since: ['live'],
	follow: ['live'],
	transport: ['live'],
	requestRate: ['live'],
	port: ['emulator'],
	help: EVERY,
	version: EVERY,
};

const MODE_NAMES: Readonly<Record<Mode, string>> = {
	replay: 'replay',
	demo: 'demo',
	live: 'live tailing (--api/--stage or --log-group)',
	doctor: 'doctor',
	emulator: 'emulator',
};

/** Own keys only: `--to-string` must not find Object.prototype.toString. */
function modesOf(name: string): readonly Mode[] | undefined {
	return Object.hasOwn(FLAG_MODES, name) ? FLAG_MODES[name] : undefined;
}

/** Checked before any flag's value: `frobnicate --output xml` is an unknown command first. */
export function commandMode(command: string | undefined): Mode {
	if (command === undefined) return 'live';
	if (command !== 'live' && (EVERY as readonly string[]).includes(command)) return command as Mode;
	throw new UsageError(`unknown command "${command}": expected replay, demo, doctor or emulator, or --api/--stage (see --help)`);
}

/** Unknown flags, and flags the command would ignore. */
export function checkFlags(flags: Record<string, unknown>, mode: Mode): void {
	const names = Object.keys(flags);
	for (const name of names) {
		if (modesOf(name) !== undefined) continue;
		// `--settle -1m` parses as --settle with no value plus the short flags -1 and -m: name the real mistake.
		const valueless = names.find((other) => flags[other] === '' && modesOf(other) !== undefined);
		if (name.length === 1 && valueless !== undefined) {
			throw new UsageError(`--${kebab(valueless)} needs a value (write --${kebab(valueless)}=VALUE for one that starts with "-")`);
		}

		throw new UsageError(`unknown flag ${name.length === 1 ? `-${name}` : `--${kebab(name)}`} (see apigw-tail --help)`);
	}

	for (const name of names) {
		// meow reports follow as true unless --no-follow was given.
		if (name === 'follow' && flags[name] !== false) continue;
		if (modesOf(name)?.includes(mode)) continue;
		const flag = name === 'follow' ? '--no-follow' : `--${kebab(name)}`;
		throw new UsageError(`${flag} does not apply to ${MODE_NAMES[mode]} (see apigw-tail --help)`);
	}
}

export function kebab(name: string): string {
	return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
