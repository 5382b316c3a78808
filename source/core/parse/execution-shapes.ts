// Recognises the message shapes of reference §3 (text after the `(id) ` prefix) and reads their fields.
// Dispatch is on the first character, then `startsWith`: most lines never reach a regex, and the few
// regexes are anchored with bounded character classes so no input can make them backtrack.
import type {ExecutionFields, ExecutionKind} from '../types.js';

export interface ExecutionShape {
	kind: ExecutionKind;
	fields: ExecutionFields;
}

const CONFIGURATION_ERROR = 'Execution failed due to configuration error';
const AUTHORIZER_CONFIGURATION_REASONS = ['Could not parse policy', 'Authorizer error'];
const KEY_THROTTLE = /^Key throttle limit exceeded for RestApi ([^,\s]+), Stage ([^,\s]+), Resource [^,\s]+, HttpMethod ([A-Za-z]+)/;

/** The shape `content` starts with (`content` has no prefix and no ` [TRUNCATED]` marker), or undefined. */
export function matchShape(content: string): ExecutionShape | undefined {
	switch (content.charAt(0)) {
		case 'A':
			return matchA(content);
		case 'C':
			return content.startsWith('Client [UserAgent: ') ? websocketConnecting(content) : undefined;
		case 'E':
			return matchE(content);
		case 'H':
			return content.startsWith('HTTP Method: ') ? httpMethod(content) : undefined;
		case 'I':
			return content.startsWith('Incoming identity: ') ? shape('authorizer-detail') : undefined;
		case 'K':
			return content.startsWith('Key throttle limit exceeded') ? keyThrottle(content) : undefined;
		case 'L':
			return matchL(content);
		case 'M':
			return matchM(content);
		case 'R':
			if (content.startsWith('Received response.')) return integrationResponse(content);
			if (content.startsWith('Request body does not match model schema')) {
				return shape('validation-error', {errorText: content.trim()});
			}
			return undefined;
		case 'S':
			return matchS(content);
		case 'U':
			return matchU(content);
		case 'V':
			return content.startsWith('Verifying Usage Plan for request: ') ? verifyingUsagePlan(content) : undefined;
		case 'W':
			return content.startsWith('WebSocket Request Route: ') ? websocketRoute(content) : undefined;
		case 'X':
			return content.startsWith('X-ray Tracing ID') ? idAfterColon('xray-trace-id', 'xrayTraceId', content, 16) : undefined;
		default:
			return undefined;
	}
}

function shape(kind: ExecutionKind, fields: ExecutionFields = {}): ExecutionShape {
	return {kind, fields};
}

function matchA(content: string): ExecutionShape | undefined {
	if (content.startsWith('API Key')) return apiKeyLine(content);
	if (content.startsWith('AuthorizerConfigurationException') && endsWord(content, 32)) {
		return shape('authorizer-configuration-error', {errorText: content.trim()});
	}
	if (content.startsWith('Authorizer result body before parsing: ')) return shape('authorizer-detail');
	if (content.startsWith('AWS Integration Endpoint RequestId')) {
		return idAfterColon('integration-endpoint-request-id', 'integrationRequestId', content, 34);
	}
	return undefined;
}

function matchE(content: string): ExecutionShape | undefined {
	if (content.startsWith('Endpoint request timed out')) return shape('integration-timeout', {errorText: content.trim()});
	if (content.startsWith('Endpoint request ')) return shape('endpoint-request');
	if (content.startsWith('Endpoint response ')) return shape('endpoint-response');
	if (content.startsWith('Extended Request Id: ')) {
		return withField(shape('extended-request-id'), 'extendedRequestId', tokenAt(content, 21));
	}
	if (content.startsWith(CONFIGURATION_ERROR)) return configurationError(content);
	if (content.startsWith('Execution failed due to a timeout error')) return shape('integration-timeout', {errorText: content.trim()});
	if (content.startsWith('Execution failed due to an internal error')) return shape('internal-error', {errorText: content.trim()});
	return undefined;
}

function matchL(content: string): ExecutionShape | undefined {
	if (content.startsWith('Lambda execution failed with status ')) return lambdaFunctionError(content);
	if (content.startsWith('Lambda invocation failed with status')) {
		const failure = shape('lambda-invocation-failed', {errorText: firstLine(content)});
		const colon = content.charAt(36) === ':' ? 37 : 36;
		withField(failure, 'status', numberAt(content, skipSpaces(content, colon)));
		return withField(failure, 'integrationRequestId', tokenAfter(content, 'Lambda request id: ', 36));
	}
	return undefined;
}

function matchM(content: string): ExecutionShape | undefined {
	if (content.startsWith('Method completed with status: ')) {
		return withField(shape('method-completed'), 'status', numberAt(content, 30));
	}
	if (content.startsWith('Method request ')) return shape('method-request');
	if (content.startsWith('Method response ')) return shape('method-response');
	return undefined;
}

function matchS(content: string): ExecutionShape | undefined {
	if (content.startsWith('Starting execution for request: ')) return shape('execution-start');
	if (content.startsWith('Starting authorizer: ')) {
		return withField(shape('authorizer-start'), 'authorizerId', tokenAt(content, 21));
	}
	if (content.startsWith('Sending request to ')) return shape('sending-request');
	if (content.startsWith('Successfully completed authorizer execution')) return shape('authorizer-success');
	if (content.startsWith('Successfully completed execution')) return shape('execution-success');
	return undefined;
}

function matchU(content: string): ExecutionShape | undefined {
	if (content.startsWith('Unauthorized request: ')) return shape('authorizer-unauthorized', {errorText: content.trim()});
	if (content.startsWith('Using valid authorizer policy for principal: ')) return shape('authorizer-detail');
	if (content.startsWith('Usage Plan check succeeded for API Key')) {
		const stageAt = content.indexOf('and API Stage ', 38);
		const usage = shape('usage-plan');
		if (stageAt < 0) return usage;
		withField(usage, 'apiKey', content.slice(38, stageAt).trim());
		return withField(usage, 'apiStage', tokenAt(content, stageAt + 14));
	}
	return undefined;
}

/** The four `API Key ...` lines: the key (possibly empty, giving double spaces) comes before the verb. */
function apiKeyLine(content: string): ExecutionShape | undefined {
	let at = skipSpaces(content, 7);
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
	const method = content.indexOf("method '", from);
	const route = content.indexOf("route '", from);
	if (method >= 0 && (route < 0 || method < route)) {
		const target = quotedAt(content, method + 8);
		const space = target.indexOf(' ');
		if (space > 0) {
			withField(result, 'httpMethod', target.slice(0, space));
			withField(result, 'resourcePath', target.slice(space + 1));
		}
	} else if (route >= 0) {
		withField(result, 'routeKey', quotedAt(content, route + 7));
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
	const at = content.indexOf('API Stage ', from);
	if (at < 0) return undefined;
	const stage = tokenAt(content, skipSpaces(content, at + 10));
	const colon = stage.indexOf(':');
	return colon >= 0 ? stage.slice(0, colon) : stage;
}

/** The gateway's own reason follows `API Stage {apiId}/{stage}: `; the whole line stands in when there is none. */
function reasonAfterStage(content: string, from: number): string {
	const stageAt = content.indexOf('API Stage ', from);
	const colon = stageAt < 0 ? -1 : content.indexOf(':', stageAt + 10);
	const reason = colon < 0 ? '' : content.slice(colon + 1).trim();
	return reason === '' ? content.trim() : reason;
}

function keyThrottle(content: string): ExecutionShape {
	const result = shape('throttle-limit-exceeded', {errorText: content.trim()});
	const match = KEY_THROTTLE.exec(content);
	if (match?.[1] !== undefined && match[2] !== undefined && match[3] !== undefined) {
		result.fields.apiStage = `${match[1]}/${match[2]}`;
		result.fields.httpMethod = match[3];
	}
	return result;
}

function verifyingUsagePlan(content: string): ExecutionShape {
	const usage = shape('usage-plan');
	const keyAt = content.indexOf('API Key:', 34);
	const stageAt = keyAt < 0 ? -1 : content.indexOf('API Stage:', keyAt + 8);
	if (stageAt < 0) return usage;
	withField(usage, 'apiKey', content.slice(keyAt + 8, stageAt).trim());
	return withField(usage, 'apiStage', tokenAt(content, skipSpaces(content, stageAt + 10)));
}

function configurationError(content: string): ExecutionShape {
	const colon = CONFIGURATION_ERROR.length;
	const reason = content.charAt(colon) === ':' ? content.slice(colon + 1).trim() : '';
	const errorText = reason === '' ? content.trim() : reason;
	const byAuthorizer = AUTHORIZER_CONFIGURATION_REASONS.some((known) => reason.startsWith(known));
	return shape(byAuthorizer ? 'authorizer-configuration-error' : 'configuration-error', {errorText});
}

/** The customer's message may itself contain `. ` and newlines: the request id is after the LAST marker. */
function lambdaFunctionError(content: string): ExecutionShape {
	const result = shape('lambda-function-error');
	withField(result, 'status', numberAt(content, 36));
	const messageMarker = 'due to customer function error: ';
	const messageAt = content.indexOf(messageMarker, 36);
	const idMarker = '. Lambda request id: ';
	const idAt = content.lastIndexOf(idMarker);
	if (idAt >= 0) withField(result, 'integrationRequestId', tokenAt(content, idAt + idMarker.length));
	if (messageAt < 0) {
		result.fields.errorText = firstLine(content);
	} else {
		const start = messageAt + messageMarker.length;
		result.fields.errorText = content.slice(start, idAt >= start ? idAt : content.length).trim();
	}
	return result;
}

function integrationResponse(content: string): ExecutionShape {
	const result = shape('integration-response');
	const lineEnd = endOfFirstLine(content);
	const statusAt = content.indexOf('Status: ', 18);
	if (statusAt >= 0 && statusAt < lineEnd) withField(result, 'status', numberAt(content, statusAt + 8));
	const latencyAt = content.indexOf('Integration latency: ', 18);
	if (latencyAt >= 0 && latencyAt < lineEnd) withField(result, 'integrationLatencyMs', numberAt(content, latencyAt + 21));
	return result;
}

function httpMethod(content: string): ExecutionShape {
	const result = shape('http-method');
	const comma = content.indexOf(',', 13);
	const lineEnd = endOfFirstLine(content);
	if (comma < 0 || comma > lineEnd) return result;
	withField(result, 'httpMethod', content.slice(13, comma).trim());
	const pathAt = content.indexOf('Resource Path: ', comma);
	if (pathAt >= 0 && pathAt < lineEnd) withField(result, 'resourcePath', content.slice(pathAt + 15, lineEnd).trim());
	return result;
}

function websocketRoute(content: string): ExecutionShape {
	const result = shape('websocket-route');
	const lineEnd = endOfFirstLine(content);
	const open = content.indexOf('[', 25);
	const close = content.lastIndexOf(']', lineEnd);
	if (open >= 0 && close > open && open < lineEnd) withField(result, 'routeKey', content.slice(open + 1, close));
	return result;
}

/** User agents contain commas, brackets and parentheses: anchor on the markers from the right. */
function websocketConnecting(content: string): ExecutionShape {
	const result = shape('websocket-connecting');
	const lineEnd = endOfFirstLine(content);
	const apiMarker = content.lastIndexOf('] is connecting to WebSocket API [', lineEnd);
	const ipMarker = apiMarker < 0 ? -1 : content.lastIndexOf(', SourceIp: ', apiMarker);
	if (ipMarker < 19) return result;
	withField(result, 'userAgent', content.slice(19, ipMarker));
	return withField(result, 'sourceIp', content.slice(ipMarker + 12, apiMarker).trim());
}

function idAfterColon(
	kind: ExecutionKind,
	field: 'xrayTraceId' | 'integrationRequestId',
	content: string,
	from: number,
): ExecutionShape {
	const colon = content.indexOf(':', from);
	const result = shape(kind);
	return colon < 0 ? result : withField(result, field, tokenAt(content, skipSpaces(content, colon + 1)));
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

/** Whether the text at `end` ends a word (end of text, whitespace or `:`), so `FooBar` does not match `Foo`. */
function endsWord(content: string, end: number): boolean {
	return end >= content.length || isSpace(content.charCodeAt(end)) || content.charAt(end) === ':';
}

export function isSpace(code: number): boolean {
	return code === 32 || code === 9 || code === 10 || code === 13;
}

function skipSpaces(content: string, from: number): number {
	let at = from;
	while (at < content.length && isSpace(content.charCodeAt(at))) at++;
	return at;
}

function endOfFirstLine(content: string): number {
	const newline = content.indexOf('\n');
	return newline < 0 ? content.length : newline;
}

function firstLine(content: string): string {
	return content.slice(0, endOfFirstLine(content)).trim();
}

/** The run of non-whitespace at `start`, without the sentence punctuation that follows ids (`{id}.`). */
export function tokenAt(content: string, start: number): string {
	let end = start;
	while (end < content.length && !isSpace(content.charCodeAt(end))) end++;
	while (end > start && (content.charAt(end - 1) === '.' || content.charAt(end - 1) === ',')) end--;
	return content.slice(start, end);
}

function tokenAfter(content: string, marker: string, from: number): string | undefined {
	const at = content.indexOf(marker, from);
	return at < 0 ? undefined : tokenAt(content, at + marker.length);
}

/** A decimal number at `start` (`40`, `5.00`); undefined when there are no digits. */
function numberAt(content: string, start: number): number | undefined {
	let end = start;
	while (end < content.length && isDigit(content.charCodeAt(end))) end++;
	if (end === start) return undefined;
	if (content.charAt(end) === '.' && isDigit(content.charCodeAt(end + 1))) {
		end++;
		while (end < content.length && isDigit(content.charCodeAt(end))) end++;
	}
	const value = Number(content.slice(start, end));
	return Number.isFinite(value) ? value : undefined;
}

function isDigit(code: number): boolean {
	return code >= 48 && code <= 57;
}
