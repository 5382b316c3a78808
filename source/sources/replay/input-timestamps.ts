// Timestamps as saved logs write them: epoch milliseconds (number or numeric string) or ISO 8601 text.

const isoTimestamp =
	/^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

// A copied line may start with its time (`2017-06-05T17:52:57.673Z `, `2022-04-23T18:37:47.070+09:00\t`).
const leadingIsoTimestamp =
	/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}(?::?\d{2})?)?(?=\s|$)/;

const epochNumber = /^-?\d+(?:\.\d+)?$/;

// Log lines come many to a second, and Date.UTC dominated a profile of a large replay: keep the last second.
let cachedSecondKey = '';
let cachedSecondEpoch = 0;

/**
 * Epoch ms from ISO 8601 text; undefined when the text is not one. A time without a zone is UTC:
 * Date.parse would read it in the local zone, and a replay must not depend on the machine it runs on.
 */
export function parseIsoTimestamp(text: string): number | undefined {
	const match = isoTimestamp.exec(text);
	if (!match) return undefined;
	const [, year, month, day, hour, minute, second, fraction, zone] = match;
	const milliseconds = fraction ? Number(fraction.slice(0, 3).padEnd(3, '0')) : 0;
	const secondKey = text.slice(0, 19) + (zone ?? '');
	if (secondKey === cachedSecondKey) return cachedSecondEpoch + milliseconds;
	const monthNumber = Number(month);
	const dayNumber = Number(day);
	const hourNumber = Number(hour);
	const minuteNumber = Number(minute);
	const secondNumber = Number(second);
	if (monthNumber < 1 || monthNumber > 12 || dayNumber < 1 || dayNumber > 31) return undefined;
	if (hourNumber > 23 || minuteNumber > 59 || secondNumber > 60) return undefined;
	const utc = Date.UTC(Number(year), monthNumber - 1, dayNumber, hourNumber, minuteNumber, secondNumber);
	cachedSecondKey = secondKey;
	cachedSecondEpoch = utc - zoneOffsetMs(zone);
	return cachedSecondEpoch + milliseconds;
}

function zoneOffsetMs(zone: string | undefined): number {
	if (!zone || zone === 'Z') return 0;
	const digits = zone.slice(1).replace(':', '');
	const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
	return (zone.startsWith('-') ? -minutes : minutes) * 60_000;
}

/** A timestamp field as JSON gives it: a number, a numeric string, or ISO text. */
export function parseTimestampValue(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (epochNumber.test(text)) return Number(text);
	return parseIsoTimestamp(text);
}

/** The time at the start of a copied line, when it has one. */
export function leadingTimestamp(line: string): number | undefined {
	const match = leadingIsoTimestamp.exec(line);
	return match ? parseIsoTimestamp(match[0]) : undefined;
}
