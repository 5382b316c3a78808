// One execution-log event -> what it says. The event is `({requestId}) {message}` (reference §3), but
// copies made by people or tools may carry a timestamp in front, lack the prefix, or redact the id.
import type {ExecutionFields, ExecutionKind, ParsedExecutionLine} from '../types.js';
import {matchShape} from './execution-shapes.js';
import {isSpace, tokenAt} from './execution-tokens.js';

const TRUNCATION_MARKER = ' [TRUNCATED]';
const LEADING_TIMESTAMP =
	/^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(Z|[+-]\d{2}(?::?\d{2})?)?[ \t]+/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE64URL_ID = /^[A-Za-z0-9_-]{15}=$/;
const REDACTION = /^(?:[Xx*#.=_-]+|redacted|REDACTED)$/;
/** Real ids are 16 or 36 characters; a longer parenthesis is text, not a prefix. */
const MAX_PREFIX_ID_LENGTH = 128;
const OPEN_PARENTHESIS = 40;
const CLOSE_PARENTHESIS = 41;

/**
 * Kinds whose text after the label is data from clients or customer code (headers, bodies, error
 * messages, the user agent of `Client [UserAgent: …] is connecting`). Ids are never read from them: a
 * client could otherwise attribute a line to any connection.
 */
const FREE_TEXT_KINDS: ReadonlySet<ExecutionKind> = new Set<ExecutionKind>([
	'websocket-connecting',
	'method-request',
	'endpoint-request',
	'endpoint-response',
	'method-response',
	'authorizer-detail',
	'lambda-function-error',
	'validation-error',
]);

/**
 * Order of kinds within one request, for lines that share one millisecond (reference §3 "Order within
 * one request"). Failures sit where they happen; `Method completed` is followed by the integration's
 * request id and the X-ray id, so a request must not be closed on `Method completed` alone.
 */
export const EXECUTION_PHASE_RANK: Readonly<Record<ExecutionKind, number>> = Object.freeze({
	'extended-request-id': 0,
	'websocket-connecting': 1,
	'websocket-connection': 1,
	'usage-plan': 2,
	'api-key-not-authorized': 3,
	'throttle-limit-exceeded': 3,
	'authorizer-start': 4,
	'authorizer-detail': 5,
	'authorizer-success': 6,
	'authorizer-unauthorized': 6,
	'authorizer-configuration-error': 6,
	'execution-start': 7,
	'http-method': 8,
	'websocket-route': 8,
	'method-request': 9,
	'validation-error': 10,
	'endpoint-request': 11,
	'sending-request': 12,
	'integration-response': 13,
	'endpoint-response': 14,
	'integration-timeout': 15,
	'lambda-function-error': 15,
	'lambda-invocation-failed': 15,
	'configuration-error': 15,
	'internal-error': 15,
	'method-response': 16,
	// Unknown lines (gateway responses, new shapes) are most often late error detail.
	unparsed: 17,
	'execution-success': 18,
	'method-completed': 19,
	'integration-endpoint-request-id': 20,
	'xray-trace-id': 21,
});

/** Parse one execution-log CloudWatch message (the whole event text, possibly multi-line). Never throws. */
export function parseExecutionMessage(message: string): ParsedExecutionLine {
	const stamp = readLeadingTimestamp(message);
	const start = stamp?.end ?? 0;
	const prefix = readPrefix(message, start);
	const text = message.slice(prefix?.end ?? start);
	const markerAt = truncationMarkerAt(text);
	const content = markerAt < 0 ? text : text.slice(0, markerAt);

	const shape = matchShape(content);
	let kind: ExecutionKind = shape?.kind ?? 'unparsed';
	const fields = shape?.fields ?? {};
	let requestId = prefix === undefined || REDACTION.test(prefix.id) ? undefined : prefix.id;
	if (!FREE_TEXT_KINDS.has(kind)) {
		const connectionId = connectionIdIn(content);
		if (connectionId !== undefined) {
			fields.connectionId = connectionId;
			if (kind === 'unparsed') kind = 'websocket-connection';
		}
		// A connection line names no request; its other text is the client's close reason.
		if (kind !== 'websocket-connection') requestId ??= requestIdNamedIn(content);
	}

	// Always the same properties in the same order: millions of these objects share one hidden class.
	return {requestId, kind, fields: hasFields(fields) ? fields : NO_FIELDS, truncated: markerAt >= 0, text, leadingTimestamp: stamp?.epochMs};
}

// Most lines carry no fields, and a request keeps its lines while it settles: they share one empty object.
const NO_FIELDS: ExecutionFields = Object.freeze({});

function hasFields(fields: ExecutionFields): boolean {
	for (const _ in fields) return true;
	return false;
}

/**
 * True when a message looks like an execution-log line: it has the `(id) ` prefix (possibly after a
 * copied timestamp) or is a known shape. Tells execution lines from access lines when the log group
 * is unknown; JSON/XML/CLF/CSV access lines return false.
 */
export function looksLikeExecutionLine(message: string): boolean {
	const start = readLeadingTimestamp(message)?.end ?? 0;
	const prefix = readPrefix(message, start);
	// Any word in parentheses is kept as an id when parsing, but only real id shapes vouch for a line.
	if (prefix !== undefined && (REDACTION.test(prefix.id) || UUID.test(prefix.id) || BASE64URL_ID.test(prefix.id))) return true;
	// A bare `Connection Id:` is not enough: a custom access format may spell it too.
	return matchShape(message.slice(prefix?.end ?? start)) !== undefined;
}

interface Prefix {
	/** The word in parentheses: a request id or a redaction like `XXX`. */
	id: string;
	/** Index of the first character after `({id}) `. */
	end: number;
}

/** `({id}) ` at `start`: an id of up to 128 characters without whitespace, then a space, tab or the end. */
function readPrefix(message: string, start: number): Prefix | undefined {
	if (message.charCodeAt(start) !== OPEN_PARENTHESIS) return undefined;
	const limit = Math.min(message.length, start + 2 + MAX_PREFIX_ID_LENGTH);
	let close = start + 1;
	while (close < limit && message.charCodeAt(close) !== CLOSE_PARENTHESIS) {
		const code = message.charCodeAt(close);
		if (code === OPEN_PARENTHESIS || isSpace(code)) return undefined;
		close++;
	}
	if (close >= limit || close === start + 1) return undefined;
	const after = close + 1;
	if (after < message.length && message.charAt(after) !== ' ' && message.charAt(after) !== '\t') return undefined;
	return {id: message.slice(start + 1, close), end: Math.min(after + 1, message.length)};
}

/**
 * A timestamp a person or tool copied in front of the line. A zone-less one is read as UTC: the core
 * never depends on the machine's time zone.
 */
function readLeadingTimestamp(message: string): {epochMs: number; end: number} | undefined {
	const first = message.charCodeAt(0);
	if (first < 48 || first > 57) return undefined;
	const match = LEADING_TIMESTAMP.exec(message);
	if (match === null) return undefined;
	const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
		number,
		number,
		number,
		number,
		number,
		number,
	];
	const fraction = match[7] ?? '';
	const zone = match[8] ?? 'Z';
	const offsetDigits = zone.slice(1).replace(':', '');
	const offsetMinutes = zone === 'Z' ? 0 : Number(offsetDigits.slice(0, 2)) * 60 + Number(offsetDigits.slice(2) || '0');
	// CloudWatch has no events before 1970; anything outside calendar ranges is not a timestamp.
	const valid =
		year >= 1970 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 60;
	if (!valid || offsetMinutes > 24 * 60) return undefined;
	const milliseconds = fraction === '' ? 0 : Number((fraction + '00').slice(0, 3));
	const local = Date.UTC(year, month - 1, day, hour, minute, second, milliseconds);
	const epochMs = zone.startsWith('-') ? local + offsetMinutes * 60_000 : local - offsetMinutes * 60_000;
	return {epochMs, end: match[0].length};
}

/** Index of ` [TRUNCATED]` when the text ends with it (whitespace may follow), else -1. */
function truncationMarkerAt(text: string): number {
	let end = text.length;
	while (end > 0 && isSpace(text.charCodeAt(end - 1))) end--;
	return text.endsWith(TRUNCATION_MARKER, end) ? end - TRUNCATION_MARKER.length : -1;
}

/** `[Connection Id: {id}]` or `Connection Id: {id}` on the first line. */
function connectionIdIn(content: string): string | undefined {
	const label = content.indexOf('Connection I');
	if (label < 0 || isAfterFirstLine(content, label)) return undefined;
	let at = label + 12;
	if (content.charAt(at) !== 'd' && content.charAt(at) !== 'D') return undefined;
	at++;
	if (content.charAt(at) !== ':') return undefined;
	at++;
	while (content.charCodeAt(at) === 32) at++;
	const start = at;
	while (at < content.length && isIdCharacter(content.charCodeAt(at))) at++;
	return at > start ? content.slice(start, at) : undefined;
}

/** The id a prefix-less line names: `... for request: {id}` or `Unauthorized request: {id}`. */
function requestIdNamedIn(content: string): string | undefined {
	for (const marker of ['for request: ', 'Unauthorized request: ']) {
		const at = content.indexOf(marker);
		if (at < 0 || isAfterFirstLine(content, at)) continue;
		const id = tokenAt(content, at + marker.length);
		if (id !== '' && !REDACTION.test(id)) return id;
	}
	return undefined;
}

function isAfterFirstLine(content: string, index: number): boolean {
	return content.lastIndexOf('\n', index) >= 0;
}

/** base64url (`A-Z a-z 0-9 - _`) and its padding `=`, plus `+` and `/` of plain base64. */
function isIdCharacter(code: number): boolean {
	return (
		(code >= 48 && code <= 57) ||
		(code >= 65 && code <= 90) ||
		(code >= 97 && code <= 122) ||
		code === 45 ||
		code === 95 ||
		code === 61 ||
		code === 43 ||
		code === 47
	);
}
