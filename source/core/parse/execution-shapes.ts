// Recognises the message shapes of reference §3 (text after the `(id) ` prefix) and reads their fields.
// The shapes are one table of prefixes and readers; a reader gets the index where its prefix ends, so
// no offset is ever spelled apart from the text it skips. Dispatch is on the first character, then
// `startsWith`: most lines never reach a regex, and the one regex is anchored with bounded character
// classes so no input can make it backtrack.
import type {ExecutionFields, ExecutionKind} from '../types.js';
import {
	afterLabel,
	endOfFirstLine,
	endsWord,
	firstLine,
	numberAt,
	skipSpaces,
	tokenAfter,
	tokenAt,
} from './execution-tokens.js';

export interface ExecutionShape {
	kind: ExecutionKind;
	fields: ExecutionFields;
}

/** Reads the fields of a line that starts with the shape's prefix; `end` is where the prefix ends. */
type ShapeReader = (content: string, end: number) => ExecutionShape | undefined;

interface KnownShape {
	prefix: string;
	/** Undefined when the line is not this shape after all: the next shape of the table is tried. */
	read: ShapeReader;
}

const CONFIGURATION_ERROR = 'Execution failed due to configuration error';
const AUTHORIZER_CONFIGURATION_REASONS = ['Could not parse policy', 'Authorizer error'];
const KEY_THROTTLE = /^Key throttle limit exceeded for RestApi ([^,\s]+), Stage ([^,\s]+), Resource [^,\s]+, HttpMethod ([A-Za-z]+)/;
const API_STAGE = 'API Stage ';

/** In table order: where one prefix starts another (`Endpoint request timed out`), the longer comes first. */
const SHAPES: readonly KnownShape[] = [
	{prefix: 'API Key', read: apiKeyLine},
	{
		prefix: 'AuthorizerConfigurationException',
		read: (content, end) => (endsWord(content, end) ? errorLine('authorizer-configuration-error', content) : undefined),
	},
	{prefix: 'Authorizer result body before parsing: ', read: kindOnly('authorizer-detail')},
	{prefix: 'AWS Integration Endpoint RequestId', read: idAfterColon('integration-endpoint-request-id', 'integrationRequestId')},
	{prefix: 'Client [UserAgent: ', read: websocketConnecting},
	{prefix: 'Endpoint request timed out', read: (content) => errorLine('integration-timeout', content)},
	{prefix: 'Endpoint request ', read: kindOnly('endpoint-request')},
	{prefix: 'Endpoint response ', read: kindOnly('endpoint-response')},
	{prefix: 'Extended Request Id: ', read: tokenField('extended-request-id', 'extendedRequestId')},
	{prefix: CONFIGURATION_ERROR, read: configurationError},
	{prefix: 'Execution failed due to a timeout error', read: (content) => errorLine('integration-timeout', content)},
	{prefix: 'Execution failed due to an internal error', read: (content) => errorLine('internal-error', content)},
	{prefix: 'HTTP Method: ', read: httpMethod},
	{prefix: 'Incoming identity: ', read: kindOnly('authorizer-detail')},
	{prefix: 'Key throttle limit exceeded', read: keyThrottle},
	{prefix: 'Lambda execution failed with status ', read: lambdaFunctionError},
	{prefix: 'Lambda invocation failed with status', read: lambdaInvocationFailed},
	{
		prefix: 'Method completed with status: ',
		read: (content, end) => withField(shape('method-completed'), 'status', numberAt(content, end)),
	},
	{prefix: 'Method request ', read: kindOnly('method-request')},
	{prefix: 'Method response ', read: kindOnly('method-response')},
	{prefix: 'Received response.', read: integrationResponse},
	{prefix: 'Request body does not match model schema', read: (content) => errorLine('validation-error', content)},
	{prefix: 'Starting execution for request: ', read: kindOnly('execution-start')},
	{prefix: 'Starting authorizer: ', read: tokenField('authorizer-start', 'authorizerId')},
	{prefix: 'Sending request to ', read: kindOnly('sending-request')},
	{prefix: 'Successfully completed authorizer execution', read: kindOnly('authorizer-success')},
	{prefix: 'Successfully completed execution', read: kindOnly('execution-success')},
	{prefix: 'Unauthorized request: ', read: (content) => errorLine('authorizer-unauthorized', content)},
	{prefix: 'Using valid authorizer policy for principal: ', read: kindOnly('authorizer-detail')},
	{prefix: 'Usage Plan check succeeded for API Key', read: usagePlanChecked},
	{prefix: 'Verifying Usage Plan for request: ', read: verifyingUsagePlan},
	{prefix: 'WebSocket Request Route: ', read: websocketRoute},
	{prefix: 'X-ray Tracing ID', read: idAfterColon('xray-trace-id', 'xrayTraceId')},
];

/** The shapes by the code of their first character (all ASCII), in table order. */
const SHAPES_BY_FIRST_CODE: ReadonlyArray<readonly KnownShape[] | undefined> = indexByFirstCode(SHAPES);

/** The shape `content` starts with (`content` has no prefix and no ` [TRUNCATED]` marker), or undefined. */
export function matchShape(content: string): ExecutionShape | undefined {
	const candidates = SHAPES_BY_FIRST_CODE[content.charCodeAt(0)];
	if (candidates === undefined) return undefined;
	for (const {prefix, read} of candidates) {
		if (!content.startsWith(prefix)) continue;
		const found = read(content, prefix.length);
		if (found !== undefined) return found;
	}
	return undefined;
}

function indexByFirstCode(shapes: readonly KnownShape[]): Array<KnownShape[] | undefined> {
	const byCode: Array<KnownShape[] | undefined> = new Array<KnownShape[] | undefined>(128).fill(undefined);
	for (const known of shapes) {
		const code = known.prefix.charCodeAt(0);
		const candidates = byCode[code] ?? [];
		candidates.push(known);
		byCode[code] = candidates;
	}
	return byCode;
}

function shape(kind: ExecutionKind, fields: ExecutionFields = {}): ExecutionShape {
	return {kind, fields};
}

function kindOnly(kind: ExecutionKind): ShapeReader {
	return () => shape(kind);
}

/** A failure whose whole line is the error text. */
function errorLine(kind: ExecutionKind, content: string): ExecutionShape {
	return shape(kind, {errorText: content.trim()});
}

function tokenField(kind: ExecutionKind, field: 'extendedRequestId' | 'authorizerId'): ShapeReader {
	return (content, end) => withField(shape(kind), field, tokenAt(content, end));
}

function idAfterColon(kind: ExecutionKind, field: 'xrayTraceId' | 'integrationRequestId'): ShapeReader {
	return (content, end) => {
		const colon = content.indexOf(':', end);
		const result = shape(kind);
		return colon < 0 ? result : withField(result, field, tokenAt(content, skipSpaces(content, colon + 1)));
	};
}

function lambdaInvocationFailed(content: string, end: number): ExecutionShape {
	const failure = shape('lambda-invocation-failed', {errorText: firstLine(content)});
	const colon = content.charAt(end) === ':' ? end + 1 : end;
	withField(failure, 'status', numberAt(content, skipSpaces(content, colon)));
	return withField(failure, 'integrationRequestId', tokenAfter(content, 'Lambda request id: ', end));
}

function usagePlanChecked(content: string, end: number): ExecutionShape {
	const usage = shape('usage-plan');
	const stageLabel = 'and API Stage ';
	const stageAt = content.indexOf(stageLabel, end);
	if (stageAt < 0) return usage;
	withField(usage, 'apiKey', content.slice(end, stageAt).trim());
	return withField(usage, 'apiStage', tokenAt(content, stageAt + stageLabel.length));
}

/** The four `API Key ...` lines: the key (possibly empty, giving double spaces) comes before the verb. */
function apiKeyLine(content: string, end: number): ExecutionShape | undefined {
	let at = skipSpaces(content, end);
	let key = '';
	if (!content.startsWith('authorized because', at) && !content.startsWith('not authorized because', at)) {
		key = tokenAt(content, at);
		at = skipSpaces(content, at + key.length);
	}
	let result: ExecutionShape;
	if (content.startsWith('authorized because', at)) {
		result = shape('usage-plan');
		readTarget(result, content, at);
	} else if (content.startsWith('not authorized because', at)) {
		result = shape('api-key-not-authorized', {errorText: reasonAfterStage(content, at)});
		readTarget(result, content, at);
		withField(result, 'apiStage', stageAfter(content, at));
	} else if (content.startsWith('exceeded throttle limit', at)) {
		result = shape('throttle-limit-exceeded', {errorText: reasonAfterStage(content, at)});
		withField(result, 'apiStage', stageAfter(content, at));
	} else {
		return undefined;
	}
	return withField(result, 'apiKey', key);
}

/** `method 'POST /path'` (REST) or `route '$connect'` (WebSocket) in the API-key lines. */
function readTarget(result: ExecutionShape, content: string, from: number): void {
	const methodLabel = "method '";
	const routeLabel = "route '";
	const method = content.indexOf(methodLabel, from);
	const route = content.indexOf(routeLabel, from);
	if (method >= 0 && (route < 0 || method < route)) {
		const target = quotedAt(content, method + methodLabel.length);
		const space = target.indexOf(' ');
		if (space > 0) {
			withField(result, 'httpMethod', target.slice(0, space));
			withField(result, 'resourcePath', target.slice(space + 1));
		}
	} else if (route >= 0) {
		withField(result, 'routeKey', quotedAt(content, route + routeLabel.length));
	}
}

/** A quoted name ends at the quote that is followed by a space (or the end): route keys may contain quotes. */
function quotedAt(content: string, start: number): string {
	const end = content.indexOf("' ", start);
	if (end >= 0) return content.slice(start, end);
	const last = content.lastIndexOf("'");
	return last >= start ? content.slice(start, last) : content.slice(start);
}

function stageAfter(content: string, from: number): string | undefined {
	const at = afterLabel(content, API_STAGE, from);
	if (at < 0) return undefined;
	const stage = tokenAt(content, skipSpaces(content, at));
	const colon = stage.indexOf(':');
	return colon >= 0 ? stage.slice(0, colon) : stage;
}

/** The gateway's own reason follows `API Stage {apiId}/{stage}: `; the whole line stands in when there is none. */
function reasonAfterStage(content: string, from: number): string {
	const stage = afterLabel(content, API_STAGE, from);
	const colon = stage < 0 ? -1 : content.indexOf(':', stage);
	const reason = colon < 0 ? '' : content.slice(colon + 1).trim();
	return reason === '' ? content.trim() : reason;
}

function keyThrottle(content: string): ExecutionShape {
	const result = errorLine('throttle-limit-exceeded', content);
	const match = KEY_THROTTLE.exec(content);
	if (match?.[1] !== undefined && match[2] !== undefined && match[3] !== undefined) {
		result.fields.apiStage = `${match[1]}/${match[2]}`;
		result.fields.httpMethod = match[3];
	}
	return result;
}

function verifyingUsagePlan(content: string, end: number): ExecutionShape {
	const usage = shape('usage-plan');
	const stageLabel = 'API Stage:';
	const key = afterLabel(content, 'API Key:', end);
	const stageAt = key < 0 ? -1 : content.indexOf(stageLabel, key);
	if (stageAt < 0) return usage;
	withField(usage, 'apiKey', content.slice(key, stageAt).trim());
	return withField(usage, 'apiStage', tokenAt(content, skipSpaces(content, stageAt + stageLabel.length)));
}

function configurationError(content: string, end: number): ExecutionShape {
	const reason = content.charAt(end) === ':' ? content.slice(end + 1).trim() : '';
	const errorText = reason === '' ? content.trim() : reason;
	const byAuthorizer = AUTHORIZER_CONFIGURATION_REASONS.some((known) => reason.startsWith(known));
	return shape(byAuthorizer ? 'authorizer-configuration-error' : 'configuration-error', {errorText});
}

/** The customer's message may itself contain `. ` and newlines: the request id is after the LAST marker. */
function lambdaFunctionError(content: string, end: number): ExecutionShape {
	const result = shape('lambda-function-error');
	withField(result, 'status', numberAt(content, end));
	const message = afterLabel(content, 'due to customer function error: ', end);
	const idMarker = '. Lambda request id: ';
	const idAt = content.lastIndexOf(idMarker);
	if (idAt >= 0) withField(result, 'integrationRequestId', tokenAt(content, idAt + idMarker.length));
	result.fields.errorText = message < 0 ? firstLine(content) : content.slice(message, idAt >= message ? idAt : content.length).trim();
	return result;
}

function integrationResponse(content: string, end: number): ExecutionShape {
	const result = shape('integration-response');
	const lineEnd = endOfFirstLine(content);
	const status = afterLabel(content, 'Status: ', end, lineEnd);
	if (status >= 0) withField(result, 'status', numberAt(content, status));
	const latency = afterLabel(content, 'Integration latency: ', end, lineEnd);
	if (latency >= 0) withField(result, 'integrationLatencyMs', numberAt(content, latency));
	return result;
}

function httpMethod(content: string, end: number): ExecutionShape {
	const result = shape('http-method');
	const comma = content.indexOf(',', end);
	const lineEnd = endOfFirstLine(content);
	if (comma < 0 || comma > lineEnd) return result;
	withField(result, 'httpMethod', content.slice(end, comma).trim());
	const path = afterLabel(content, 'Resource Path: ', comma, lineEnd);
	if (path >= 0) withField(result, 'resourcePath', content.slice(path, lineEnd).trim());
	return result;
}

function websocketRoute(content: string, end: number): ExecutionShape {
	const result = shape('websocket-route');
	const lineEnd = endOfFirstLine(content);
	const open = content.indexOf('[', end);
	const close = content.lastIndexOf(']', lineEnd);
	if (open >= 0 && close > open && open < lineEnd) withField(result, 'routeKey', content.slice(open + 1, close));
	return result;
}

/** User agents contain commas, brackets and parentheses: anchor on the markers from the right. */
function websocketConnecting(content: string, end: number): ExecutionShape {
	const result = shape('websocket-connecting');
	const lineEnd = endOfFirstLine(content);
	const ipLabel = ', SourceIp: ';
	const apiMarker = content.lastIndexOf('] is connecting to WebSocket API [', lineEnd);
	const ipMarker = apiMarker < 0 ? -1 : content.lastIndexOf(ipLabel, apiMarker);
	if (ipMarker < end) return result;
	withField(result, 'userAgent', content.slice(end, ipMarker));
	return withField(result, 'sourceIp', content.slice(ipMarker + ipLabel.length, apiMarker).trim());
}

/** Sets a field only when it has a value: an empty key or an unreadable number is absent, not ''/NaN. */
function withField<K extends keyof ExecutionFields>(
	result: ExecutionShape,
	field: K,
	value: ExecutionFields[K] | undefined,
): ExecutionShape {
	if (value !== undefined && value !== '') result.fields[field] = value;
	return result;
}
