// The kinds of value a flag takes (a word, a choice, a whole number, a duration...): how meow reads each
// and how it is validated, with the one-line UsageError that names the flag and what it accepts.

import {UsageError} from './exit-codes.js';

export interface FlagValue<T> {
	/** How meow parses it. */
	readonly type: 'string' | 'boolean';
	/** Given several times (`--log-group a --log-group b`); any other flag given twice is refused by meow. */
	readonly repeatable: boolean;
	/** What help shows after the name (`N`, `text|json`); empty for a switch. */
	readonly placeholder: string;
	/** As a user would type it (help shows it); an absent flag is read as this. For a switch, its state when not given. */
	readonly default: string | boolean | undefined;
	/** The value meow reports (undefined when absent) -> the setting; `flag` is how errors name it (`--settle`). */
	read(value: unknown, flag: string): T;
}

/** A flag with a value: absent is its default (parsed like a typed value), or undefined without one. */
function valued<T>(placeholder: string, parse: (text: string, flag: string) => T): FlagValue<T | undefined>;
function valued<T>(placeholder: string, parse: (text: string, flag: string) => T, fallback: string): FlagValue<T>;
function valued<T>(placeholder: string, parse: (text: string, flag: string) => T, fallback?: string): FlagValue<T | undefined> {
	return {
		type: 'string',
		repeatable: false,
		placeholder,
		default: fallback,
		read(value, flag) {
			if (value === undefined) return fallback === undefined ? undefined : parse(fallback, flag);
			if (typeof value !== 'string' || value === '') throw new UsageError(`${flag} needs a value`);
			return parse(value, flag);
		},
	};
}

export function text(placeholder: string): FlagValue<string | undefined> {
	return valued(placeholder, (value) => value);
}

/** Repeatable; absent is an empty list. */
export function textList(placeholder: string): FlagValue<string[]> {
	return {
		type: 'string',
		repeatable: true,
		placeholder,
		default: undefined,
		read(value, flag) {
			if (value === undefined) return [];
			const values = Array.isArray(value) ? value : [value];
			if (values.some((item) => typeof item !== 'string' || item === '')) throw new UsageError(`${flag} needs a value`);
			return values as string[];
		},
	};
}

/** On or off; one that is on by default is turned off with `--no-NAME`. */
export function toggle(fallback: boolean): FlagValue<boolean> {
	return {
		type: 'boolean',
		repeatable: false,
		placeholder: '',
		default: fallback,
		read: (value) => (fallback ? value !== false : value === true),
	};
}

export function choice<T extends string>(choices: readonly T[], fallback: T): FlagValue<T> {
	return valued(
		choices.join('|'),
		(value, flag) => {
			if (!(choices as readonly string[]).includes(value)) throw new UsageError(`${flag} must be ${choices.join(' or ')} (got "${value}")`);
			return value as T;
		},
		fallback,
	);
}

export function wholeNumber(placeholder: string, range: {fallback: number; minimum: number; maximum?: number}): FlagValue<number> {
	const {minimum, maximum} = range;
	return valued(
		placeholder,
		(value, flag) => {
			const number = Number(value);
			if (!/^\d+$/.test(value) || number < minimum || !Number.isSafeInteger(number) || (maximum !== undefined && number > maximum)) {
				const bounds = maximum === undefined ? `of at least ${minimum}` : `from ${minimum} to ${maximum}`;
				throw new UsageError(`${flag} must be a whole number ${bounds} (got "${value}")`);
			}

			return number;
		},
		String(range.fallback),
	);
}

/** Milliseconds. */
export function duration(placeholder: string, fallback: string): FlagValue<number> {
	return valued(
		placeholder,
		(value, flag) => {
			const milliseconds = parseDuration(value);
			if (milliseconds === undefined) throw new UsageError(`${flag} must be a duration like 30s, 5m or 2h (got "${value}")`);
			return milliseconds;
		},
		fallback,
	);
}

/** A time limit, above zero when given; absent is 0, read by the command as "no limit" (help shows no default). */
export function timeLimit(placeholder: string): FlagValue<number> {
	const typed = duration(placeholder, '0');
	return {
		...typed,
		default: undefined,
		read(value, flag) {
			if (value === undefined) return 0;
			const milliseconds = typed.read(value, flag);
			if (milliseconds <= 0) throw new UsageError(`${flag} must be longer than 0 (leave it out to run until quit)`);
			return milliseconds;
		},
	};
}

/** Where to start the backfill: a span before now, or a moment. */
export type SinceChoice = {beforeNowMs: number} | {epochMs: number};

/** A span like 15m, 2h or 1d (before now), or an ISO 8601 moment. */
export function since(placeholder: string, fallback: string): FlagValue<SinceChoice> {
	return valued(
		placeholder,
		(value, flag) => {
			const span = parseDuration(value);
			if (span !== undefined) return {beforeNowMs: span};
			const moment = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
			if (Number.isNaN(moment)) {
				throw new UsageError(`${flag} must be a span like 15m, 2h or 1d, or an ISO time like 2024-05-01T10:00Z (got "${value}")`);
			}

			return {epochMs: moment};
		},
		fallback,
	);
}

/** An http or https URL, kept as typed. */
export function url(placeholder: string): FlagValue<string | undefined> {
	return valued(placeholder, (value, flag) => {
		let parsed: URL;
		try {
			parsed = new URL(value);
		} catch {
			throw new UsageError(`${flag} must be a URL like http://127.0.0.1:4566 (got "${value}")`);
		}

		if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
			throw new UsageError(`${flag} must be an http or https URL (got "${value}")`);
		}

		return value;
	});
}

const DURATION_UNITS: Record<string, number> = {ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000};

/** `90s`, `5m`, `2h`, `1d`, `250ms`; a bare number is seconds. */
export function parseDuration(value: string): number | undefined {
	const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(value.trim());
	if (!match) return undefined;
	return Math.round(Number(match[1]) * DURATION_UNITS[match[2] ?? 's']!);
}

const SIZE_UNITS: Record<string, number> = {b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4};

/** Bytes: `10GB`, `500MB`, `1.5TB` (binary units, as CloudWatch bills them). */
export function byteSize(placeholder: string, fallback: string): FlagValue<number> {
	return valued(
		placeholder,
		(value, flag) => {
			const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb|tb)$/i.exec(value.trim());
			if (!match) throw new UsageError(`${flag} must be a size like 500MB, 10GB or 2TB (got "${value}")`);
			return Math.round(Number(match[1]) * SIZE_UNITS[match[2]!.toLowerCase()]!);
		},
		fallback,
	);
}

/** A range of durations, `80-200ms` or `0.1-0.3s` (the unit after the second applies to both), or one: `100ms`. */
export function durationRange(placeholder: string): FlagValue<readonly [number, number] | undefined> {
	return valued(placeholder, (value, flag) => {
		const range = parseDurationRange(value);
		if (range === undefined) throw new UsageError(`${flag} must be a duration or a range like 80-200ms (got "${value}")`);
		return range;
	});
}

export function parseDurationRange(value: string): readonly [number, number] | undefined {
	const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?(?:-(\d+(?:\.\d+)?)(ms|s|m|h|d)?)?$/.exec(value.trim());
	if (!match) return undefined;
	const [, low, lowUnit, high, highUnit] = match;
	const unit = highUnit ?? lowUnit ?? 's';
	const from = parseDuration(`${low}${lowUnit ?? unit}`);
	const to = high === undefined ? from : parseDuration(`${high}${unit}`);
	if (from === undefined || to === undefined || to < from) return undefined;
	return [from, to];
}
