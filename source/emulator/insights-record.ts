// One log event as Logs Insights sees it: the system fields, the fields discovered in a JSON
// message (nested keys joined with dots, array items by index, at most 100 like the service), and
// how values come back on the wire (every value a string, @timestamp as `YYYY-MM-DD HH:MM:SS.mmm`).

import {EMULATOR_ACCOUNT_ID, type StoredLogEvent} from './logs-store.js';

/** A timestamp value (@timestamp, bin(), datefloor()): compares as epoch ms, prints as the service does. */
export class InsightsTime {
	constructor(readonly ms: number) {}
}

export type Value = string | number | boolean | InsightsTime;
export type InsightsRecord = Map<string, Value>;

const MAX_DISCOVERED_JSON_FIELDS = 100;

export function recordOf(event: StoredLogEvent): InsightsRecord {
	const record: InsightsRecord = new Map();
	record.set('@timestamp', new InsightsTime(event.timestamp));
	record.set('@message', event.message);
	record.set('@logStream', event.logStreamName);
	record.set('@log', `${EMULATOR_ACCOUNT_ID}:${event.logGroupName}`);
	record.set('@ingestionTime', new InsightsTime(event.ingestionTime));
	// Encoded only when a row is answered (pointerText): most scanned events never are.
	record.set('@ptr', `${event.logGroupName}\n${event.logStreamName}\n${event.eventId}`);
	if (event.message.trimStart().startsWith('{')) discoverJson(event.message, record);
	return record;
}

/** An opaque pointer to the event, like the service's `@ptr` (GetLogRecord's argument). */
export function pointerText(raw: Value): string {
	return Buffer.from(textOf(raw), 'utf8').toString('base64');
}

function discoverJson(message: string, record: InsightsRecord): void {
	let parsed: unknown;
	try {
		parsed = JSON.parse(message);
	} catch {
		return;
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return;
	let budget = MAX_DISCOVERED_JSON_FIELDS;
	const visit = (value: unknown, path: string): void => {
		if (budget === 0 || value === null || value === undefined) return;
		if (typeof value === 'object') {
			for (const [key, inner] of Object.entries(value)) visit(inner, path === '' ? key : `${path}.${key}`);
			return;
		}
		if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
			// A JSON boolean is text ("true"); computed booleans (ispresent, comparisons) print as 1 and 0.
			record.set(path, typeof value === 'boolean' ? String(value) : value);
			budget--;
		}
	};
	visit(parsed, '');
}

/** A number for numbers, booleans (1, 0, as they print) and numeric strings (`"503"`), else undefined. */
export function numberOf(value: Value | undefined): number | undefined {
	if (typeof value === 'number') return value;
	if (typeof value === 'boolean') return value ? 1 : 0;
	if (value instanceof InsightsTime) return value.ms;
	if (typeof value === 'string' && value.trim() !== '' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value)) return Number(value);
	return undefined;
}

export function textOf(value: Value): string {
	if (value instanceof InsightsTime) return formatTimestamp(value.ms);
	if (typeof value === 'number') return formatNumber(value);
	if (typeof value === 'boolean') return value ? '1' : '0';
	return value;
}

/** `YYYY-MM-DD HH:MM:SS.mmm` in UTC. */
export function formatTimestamp(ms: number): string {
	return new Date(ms).toISOString().replace('T', ' ').slice(0, 23);
}

/**
 * Numbers as the service prints its doubles: whole numbers below 1e7 plainly ("42"), larger ones in
 * Java's notation ("6.7E7"), fractions with their shortest exact digits.
 */
export function formatNumber(value: number): string {
	if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
	const magnitude = Math.abs(value);
	if (magnitude >= 1e7) {
		const [mantissa = '', exponent = '0'] = value.toExponential().split('e');
		return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
	}
	return String(value);
}

/** Order of two values: numerically when both are numbers (or numeric text), else as text. */
export function compareValues(a: Value, b: Value): number {
	const left = numberOf(a);
	const right = numberOf(b);
	if (left !== undefined && right !== undefined) return left - right;
	const x = textOf(a);
	const y = textOf(b);
	return x < y ? -1 : x > y ? 1 : 0;
}
