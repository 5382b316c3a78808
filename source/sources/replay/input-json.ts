// JSON values found in saved logs -> LogEvents: FilterLogEvents / GetLogEvents pages, arrays of events,
// single events (NDJSON), CloudWatch subscription payloads and their gzip+base64 wrappings.
import {createRequire} from 'node:module';
import {isExecutionLogGroup} from '../../core/execution-log-group.js';
import type {LogEvent, LogKind} from '../../core/types.js';
import type {InputShape, JsonDecodeContext} from './input-decode-context.js';
import {parseTimestampValue} from './input-timestamps.js';
import {jsonText} from './json-text.js';

// Keys that make an object with a `message` a log event rather than, say, an access-log line written
// in JSON whose template happens to have a `message` key.
const EVENT_KEYS = new Set([
	'timestamp',
	'ingestionTime',
	'logGroupName',
	'logGroup',
	'logStreamName',
	'logStream',
	'eventId',
	'id',
	'log',
	'@timestamp',
	'@logStream',
	'@log',
]);

const GZIP_BASE64 = /^H4sI[A-Za-z0-9+/]*={0,2}$/;
// A subscription payload is at most a few MB; the cap keeps a hostile "gzip bomb" line from eating memory.
const MAX_GUNZIPPED_BYTES = 64 * 1024 * 1024;

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function looksLikeGzipBase64(text: string): boolean {
	return text.startsWith('H4sI') && GZIP_BASE64.test(text);
}

// zlib is loaded when a payload needs it: loading it costs ~3 ms of every start (the terminal UI's first
// frame included) and most inputs hold no gzip.
const requireBuiltin = createRequire(import.meta.url);
const zlib = (): typeof import('node:zlib') => requireBuiltin('node:zlib');

/** The text of base64-encoded gzip data, or undefined when the text is not that. */
export function gunzipBase64(text: string): string | undefined {
	const trimmed = text.trim();
	if (!looksLikeGzipBase64(trimmed)) return undefined;
	try {
		return zlib().gunzipSync(Buffer.from(trimmed, 'base64'), {maxOutputLength: MAX_GUNZIPPED_BYTES}).toString('utf8');
	} catch {
		return undefined;
	}
}

/**
 * Appends the events a JSON value holds to the context. Returns false, appending nothing, when the
 * value is not a shape of saved log events (the caller keeps its text as a plain event).
 */
export function decodeJsonValue(value: unknown, context: JsonDecodeContext): boolean {
	if (typeof value === 'string') return decodeGzipBase64(value, context);
	if (Array.isArray(value)) {
		// An array of objects is a list of events (or of payloads); an array of anything else is just text.
		if (value.length > 0 && !isObject(value[0])) return false;
		context.noteShape('filter-log-events-json');
		for (const item of value) {
			if (!(isObject(item) && decodeObject(item, context, true))) pushUnknownItem(item, context);
		}
		return true;
	}
	return isObject(value) && decodeObject(value, context, false);
}

function decodeObject(object: JsonObject, context: JsonDecodeContext, inEventList: boolean): boolean {
	const awslogs = object['awslogs'];
	if (isObject(awslogs) && typeof awslogs['data'] === 'string') return decodeGzipBase64(awslogs['data'], context);
	if (Array.isArray(object['logEvents']) || typeof object['messageType'] === 'string') {
		context.noteShape('subscription');
		decodeSubscription(object, context);
		return true;
	}
	const events = object['events'];
	if (Array.isArray(events)) {
		const fromGetLogEvents = 'nextForwardToken' in object || 'nextBackwardToken' in object;
		context.noteShape(fromGetLogEvents ? 'get-log-events-json' : 'filter-log-events-json');
		decodeEventList(events, context, {});
		return true;
	}
	if (!inEventList && !hasEventKeys(object)) return false;
	const event = eventFromObject(object, context, {});
	if (!event) return false;
	context.noteShape('ndjson');
	context.events.push(event);
	return true;
}

function decodeGzipBase64(text: string, context: JsonDecodeContext): boolean {
	const unzipped = gunzipBase64(text);
	if (unzipped === undefined || !context.decodeEmbeddedText(unzipped)) return false;
	context.noteShape('subscription');
	return true;
}

function decodeSubscription(payload: JsonObject, context: JsonDecodeContext): void {
	// CONTROL_MESSAGE is CloudWatch checking that the destination is reachable: it carries no log events.
	if (payload['messageType'] === 'CONTROL_MESSAGE') return;
	const logEvents = payload['logEvents'];
	if (!Array.isArray(logEvents)) return;
	decodeEventList(logEvents, context, {
		logGroup: textValue(payload['logGroup']),
		logStream: textValue(payload['logStream']),
	});
}

interface EventDefaults {
	logGroup?: string | undefined;
	logStream?: string | undefined;
}

function decodeEventList(items: unknown[], context: JsonDecodeContext, defaults: EventDefaults): void {
	for (const item of items) {
		const event = isObject(item) ? eventFromObject(item, context, defaults) : undefined;
		if (event) context.events.push(event);
		else pushUnknownItem(item, context);
	}
}

// An element of an event list that is not an event is still shown, as its JSON text (however deep).
function pushUnknownItem(item: unknown, context: JsonDecodeContext): void {
	context.events.push({timestamp: context.lastTimestamp, message: jsonText(item)});
}

function hasEventKeys(object: JsonObject): boolean {
	let otherKeys = 0;
	for (const key in object) {
		if (key === 'message' || key === '@message') continue;
		if (EVENT_KEYS.has(key)) return true;
		otherKeys++;
	}
	return otherKeys === 0;
}

function eventFromObject(object: JsonObject, context: JsonDecodeContext, defaults: EventDefaults): LogEvent | undefined {
	const message = messageText(object['message'] ?? object['@message']);
	if (message === undefined) return undefined;
	const timestamp = parseTimestampValue(object['timestamp'] ?? object['@timestamp']) ?? context.lastTimestamp;
	context.lastTimestamp = timestamp;
	const logGroup = intern(
		textValue(object['logGroupName']) ??
			textValue(object['logGroup']) ??
			insightsLogGroup(object['@log']) ??
			defaults.logGroup,
	);
	const logStream = intern(
		textValue(object['logStreamName']) ??
			textValue(object['logStream']) ??
			textValue(object['@logStream']) ??
			defaults.logStream,
	);
	// Every event gets the same properties in the same order: one hidden class for millions of objects.
	const event: LogEvent = {
		timestamp,
		message,
		logGroup,
		logStream,
		eventId: textValue(object['eventId']) ?? textValue(object['id']),
		ingestionTime: parseTimestampValue(object['ingestionTime']),
		log: logKind(object['log'], logGroup),
	};
	return event;
}

// Group and stream names repeat on every event; JSON.parse makes a new copy each time. Sharing one copy
// keeps a large replay's memory for the messages themselves.
const internedNames = new Map<string, string>();
const MAX_INTERNED_NAMES = 10_000;

function intern(name: string | undefined): string | undefined {
	if (name === undefined) return undefined;
	const known = internedNames.get(name);
	if (known !== undefined) return known;
	if (internedNames.size < MAX_INTERNED_NAMES) internedNames.set(name, name);
	return name;
}

function logKind(declared: unknown, logGroup: string | undefined): LogKind | undefined {
	if (declared === 'execution' || declared === 'access') return declared;
	return logGroup !== undefined && isExecutionLogGroup(logGroup) ? 'execution' : undefined;
}

function messageText(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	// Some exporters store a JSON message already parsed; a hostile one may nest past JSON.stringify's stack.
	if (typeof value === 'object' && value !== null) return jsonText(value);
	return undefined;
}

function textValue(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (typeof value === 'number') return String(value);
	return undefined;
}

// Logs Insights exports name the group `@log` as `{accountId}:{groupName}`.
function insightsLogGroup(value: unknown): string | undefined {
	return typeof value === 'string' ? value.replace(/^\d{12}:/, '') : undefined;
}
