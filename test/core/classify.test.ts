import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {classifyRequest} from '../../source/core/classify/classify.js';
import {
	ERROR_CATEGORIES,
	type AccessFields,
	type ErrorCategory,
	type ErrorInfo,
	type ExecutionFields,
	type ExecutionKind,
	type ExecutionRecord,
	type RequestView,
} from '../../source/core/types.js';

type RequestInput = Omit<RequestView, 'errors'>;

const WS_ID = 'Iq9gwFDNoAMFo1A=';
const REST_ID = '515f1e99-39db-11e9-9e96-01e5c04505b9';
const T0 = 1_690_374_046_000;

function line(kind: ExecutionKind, text: string, fields: ExecutionFields = {}, requestId = WS_ID): ExecutionRecord {
	return {
		type: 'execution',
		requestId,
		kind,
		fields,
		truncated: false,
		text,
		leadingTimestamp: undefined,
		timestamp: T0,
		event: {timestamp: T0, message: `(${requestId}) ${text}`, logGroup: 'API-Gateway-Execution-Logs_z1ctxygne5/production'},
	};
}

/** A WebSocket request on `sendmessage` unless told otherwise. */
function request(overrides: Partial<RequestInput> = {}): RequestInput {
	return {
		requestId: WS_ID,
		aliases: [],
		connectionId: 'Iq8gj1UmIAMCKpA=',
		eventType: 'MESSAGE',
		routeKey: 'sendmessage',
		status: undefined,
		firstTimestamp: T0,
		lastTimestamp: T0,
		integrationLatencyMs: undefined,
		access: null,
		accessGuessed: false,
		invocations: [],
		execution: [],
		apiId: 'z1ctxygne5',
		stage: 'production',
		...overrides,
	};
}

function withAccess(status: number | undefined, fields: AccessFields, overrides: Partial<RequestInput> = {}): RequestInput {
	const access: AccessFields = {requestId: WS_ID, ...fields};
	if (status !== undefined) access['status'] = String(status);
	return request({status, access, ...overrides});
}

function classify(input: RequestInput): ErrorInfo[] {
	const errors = classifyRequest(input);
	for (const error of errors) {
		expect(ERROR_CATEGORIES).toContain(error.category);
		expect(error.explanation).not.toMatch(/[\r\n]/);
		expect(error.explanation.length).toBeLessThanOrEqual(2000);
		expect(error.explanation.length).toBeGreaterThan(0);
	}

	return errors;
}

function only(input: RequestInput): ErrorInfo {
	const errors = classify(input);
	expect(errors).toHaveLength(1);
	return errors[0]!;
}

describe('classifyRequest: gateway response types decide the category', () => {
	const rows: Array<[string, number, ErrorCategory, string]> = [
		['UNAUTHORIZED', 401, 'authorizer', 'authorizer denied the request on sendmessage (401)'],
		['ACCESS_DENIED', 403, 'authorizer', 'authorizer policy denied access on sendmessage (403)'],
		['AUTHORIZER_FAILURE', 500, 'authorizer', 'authorizer failed on sendmessage (500)'],
		['AUTHORIZER_CONFIGURATION_ERROR', 500, 'authorizer', 'authorizer misconfigured or returned an invalid response on sendmessage (500)'],
		['EXPIRED_TOKEN', 403, 'authorizer', 'token expired on sendmessage (403)'],
		['INVALID_SIGNATURE', 403, 'authorizer', 'invalid request signature on sendmessage (403)'],
		['WAF_FILTERED', 403, 'waf', 'WAF blocked the request on sendmessage (403)'],
		['INTEGRATION_FAILURE', 504, 'integration', 'integration failed on sendmessage (504)'],
		['INTEGRATION_TIMEOUT', 504, 'integration', 'integration timed out on sendmessage (504)'],
		['THROTTLED', 429, 'throttle', 'throttled on sendmessage (429): rate limit exceeded'],
		['QUOTA_EXCEEDED', 429, 'throttle', 'throttled on sendmessage (429): API key exceeded its usage plan quota'],
		['BAD_REQUEST_PARAMETERS', 400, 'client', 'missing or invalid request parameters on sendmessage (400)'],
		['BAD_REQUEST_BODY', 400, 'client', 'request body does not match the model on sendmessage (400)'],
		['INVALID_API_KEY', 403, 'client', 'request refused on sendmessage (403): invalid API key'],
		['MISSING_AUTHENTICATION_TOKEN', 403, 'client', 'request refused on sendmessage (403): no such route or method, or the request is unsigned'],
		['RESOURCE_NOT_FOUND', 404, 'client', 'resource not found on sendmessage (404)'],
		['REQUEST_TOO_LARGE', 413, 'client', 'request too large on sendmessage (413)'],
		['UNSUPPORTED_MEDIA_TYPE', 415, 'client', 'unsupported media type on sendmessage (415)'],
		['DEFAULT_4XX', 400, 'client', 'client error on sendmessage (400): bad request'],
		['API_CONFIGURATION_ERROR', 500, 'gateway', 'API configuration error on sendmessage (500)'],
		['DEFAULT_5XX', 500, 'gateway', 'API Gateway error on sendmessage (500): internal error'],
	];

	it.each(rows)('%s (%i) -> %s', (responseType, status, category, explanation) => {
		expect(only(withAccess(status, {'error.responseType': responseType}))).toEqual({
			category,
			message: `error.responseType=${responseType}`,
			explanation,
		});
	});

	it('reads a response type whatever its case, and an unknown one by the status', () => {
		expect(only(withAccess(429, {'error.responseType': 'throttled'})).category).toBe('throttle');
		expect(only(withAccess(409, {'error.responseType': 'SOMETHING_NEW'}))).toMatchObject({
			category: 'client',
			message: 'error.responseType=SOMETHING_NEW',
		});
	});

	it('puts ambiguous evidence where the response type says', () => {
		// At ERROR level there is no `Starting authorizer` line: only the response type tells whose Lambda threw.
		const authorizerLambda = withAccess(
			500,
			{'error.responseType': 'AUTHORIZER_FAILURE'},
			{
				execution: [
					line('lambda-function-error', 'Lambda execution failed with status 200 due to customer function error: boom. Lambda request id: 0c5f'),
				],
			},
		);
		expect(classify(authorizerLambda)).toEqual([
			{
				category: 'authorizer',
				message: 'Lambda execution failed with status 200 due to customer function error: boom. Lambda request id: 0c5f',
				explanation: 'authorizer Lambda threw on sendmessage (500): boom',
			},
		]);

		const misconfigured = withAccess(
			500,
			{'error.responseType': 'API_CONFIGURATION_ERROR'},
			{execution: [line('configuration-error', 'Execution failed due to configuration error: Invalid permissions on Lambda function')]},
		);
		expect(classify(misconfigured)).toEqual([
			{
				category: 'gateway',
				message: 'Execution failed due to configuration error: Invalid permissions on Lambda function',
				explanation: 'API Gateway may not invoke the Lambda function on sendmessage (500): missing permission',
			},
		]);
	});

	it('ignores a response type and a client message on a successful response', () => {
		expect(classify(withAccess(200, {'error.responseType': 'DEFAULT_4XX', 'error.message': 'Forbidden'}))).toEqual([]);
	});
});

describe('classifyRequest: access-log evidence', () => {
	const rows: Array<[string, number, AccessFields, ErrorCategory, string]> = [
		['authorizer.error', 401, {'authorizer.error': 'Unauthorized'}, 'authorizer', 'authorizer denied the request on sendmessage (401): Unauthorized'],
		['authorizer.error (failure)', 500, {'authorizer.error': 'Task timed out after 3.00 seconds'}, 'authorizer', 'authorizer Lambda timed out after 3.00 s on sendmessage (500)'],
		['authorize.error', 403, {'authorize.error': 'The client is not authorized to perform this operation.'}, 'authorizer', 'authorizer denied the request on sendmessage (403): The client is not authorized to perform this operation.'],
		['authenticate.error', 403, {'authenticate.error': 'Invalid JWT'}, 'authorizer', 'authorizer denied the request on sendmessage (403): Invalid JWT'],
		['authorizer.status', 401, {'authorizer.status': '401'}, 'authorizer', 'authorizer denied the request on sendmessage (401)'],
		['authorizer.status (5xx)', 500, {'authorizer.status': '500'}, 'authorizer', 'authorizer failed on sendmessage (500): authorizer.status 500'],
		['authorize.status', 403, {'authorize.status': '403'}, 'authorizer', 'authorizer denied the request on sendmessage (403)'],
		['authenticate.status', 401, {'authenticate.status': '401'}, 'authorizer', 'authorizer denied the request on sendmessage (401)'],
		['authorizer.integrationStatus', 500, {'authorizer.integrationStatus': '502'}, 'authorizer', 'authorizer failed on sendmessage (500): authorizer.integrationStatus 502'],
		['waf.status', 403, {'waf.status': '403'}, 'waf', 'WAF blocked the request on sendmessage (403)'],
		['waf.error', 403, {'waf.error': 'RequestBlocked'}, 'waf', 'WAF blocked the request on sendmessage (403): RequestBlocked'],
		['wafResponseCode', 403, {wafResponseCode: 'WAF_BLOCK'}, 'waf', 'WAF blocked the request on sendmessage (403)'],
		['integration.error', 500, {'integration.error': 'boom'}, 'integration', 'integration failed on sendmessage (500): boom'],
		['integrationErrorMessage', 502, {integrationErrorMessage: 'The Lambda function returned the following error: boom'}, 'integration', 'integration failed on sendmessage (502): The Lambda function returned the following error: boom'],
		['integration.status', 503, {'integration.status': '503'}, 'integration', 'integration returned 503 on sendmessage (503)'],
		['integrationStatus', 500, {integrationStatus: '500'}, 'integration', 'integration returned 500 on sendmessage (500)'],
		['integration.integrationStatus', 502, {'integration.integrationStatus': '500'}, 'integration', 'integration returned 500 on sendmessage (502)'],
		['error.validationErrorString', 400, {'error.validationErrorString': '[instance type (string) does not match any allowed primitive type]'}, 'client', 'bad request on sendmessage (400): [instance type (string) does not match any allowed primitive type]'],
		['error.message Forbidden', 403, {'error.message': 'Forbidden'}, 'client', 'client error on sendmessage (403): Forbidden'],
		['error.message Internal server error', 500, {'error.message': 'Internal server error'}, 'gateway', 'API Gateway error on sendmessage (500): Internal server error'],
		['error.message Unauthorized', 401, {'error.message': 'Unauthorized'}, 'authorizer', 'authorizer denied the request on sendmessage (401): Unauthorized'],
		['error.message Limit Exceeded', 429, {'error.message': 'Limit Exceeded'}, 'throttle', 'throttled on sendmessage (429): Limit Exceeded'],
		['error.message timed out', 504, {'error.message': 'Endpoint request timed out'}, 'integration', 'integration timed out on sendmessage (504): Endpoint request timed out'],
		['error.message Missing Authentication Token', 403, {'error.message': 'Missing Authentication Token'}, 'client', 'client error on sendmessage (403): Missing Authentication Token'],
	];

	it.each(rows)('%s', (_name, status, fields, category, explanation) => {
		const [name, value] = Object.entries(fields)[0]!;
		expect(only(withAccess(status, fields))).toEqual({category, message: `${name}=${value}`, explanation});
	});

	it('treats `-` and blank values as absent', () => {
		expect(classify(withAccess(200, {'authorizer.error': '-', 'integration.error': ' ', 'waf.status': '-'}))).toEqual([]);
	});

	it('does not count a step that went well', () => {
		const fine = {'authorizer.status': '200', 'waf.status': '200', wafResponseCode: 'WAF_ALLOW', 'integration.status': '200'};
		expect(classify(withAccess(200, fine))).toEqual([]);
	});

	it('reads the status from the access log when the view has none', () => {
		expect(only(request({access: {requestId: WS_ID, status: '429'}})).category).toBe('throttle');
	});
});

describe('classifyRequest: execution-log failure lines', () => {
	const lambdaError =
		'Lambda execution failed with status 200 due to customer function error: boom. Lambda request id: 3f1a2b4c-0000-4c4c-8d8d-1234567890ab';
	const rows: Array<[ExecutionKind, string, number, ErrorCategory, string]> = [
		['authorizer-unauthorized', `Unauthorized request: ${WS_ID}`, 401, 'authorizer', 'authorizer denied the request on sendmessage (401)'],
		['authorizer-configuration-error', 'AuthorizerConfigurationException', 500, 'authorizer', 'authorizer Lambda failed on sendmessage (500): invalid authorizer response or configuration'],
		['authorizer-configuration-error', 'Execution failed due to configuration error: Could not parse policy', 500, 'authorizer', 'authorizer Lambda failed on sendmessage (500): could not parse policy'],
		['configuration-error', 'Execution failed due to configuration error: Authorizer error', 500, 'authorizer', 'authorizer Lambda failed on sendmessage (500): authorizer error'],
		['lambda-function-error', lambdaError, 502, 'integration', 'Lambda function threw on sendmessage (502): boom'],
		['lambda-invocation-failed', 'Lambda invocation failed with status: 429. Lambda request id: 3f1a2b4c', 500, 'integration', 'Lambda invocation failed on sendmessage (500): Lambda throttled the call'],
		['lambda-invocation-failed', 'Lambda invocation failed with status: 403. Lambda request id: 3f1a2b4c', 500, 'integration', 'Lambda invocation failed on sendmessage (500): Lambda answered 403'],
		['integration-timeout', 'Execution failed due to a timeout error', 504, 'integration', 'integration timed out on sendmessage (504)'],
		['integration-timeout', 'Endpoint request timed out', 504, 'integration', 'integration timed out on sendmessage (504)'],
		['configuration-error', 'Execution failed due to configuration error: Malformed Lambda proxy response', 502, 'integration', 'Lambda returned a malformed proxy response on sendmessage (502)'],
		['configuration-error', 'Execution failed due to configuration error: Invalid permissions on Lambda function', 500, 'integration', 'API Gateway may not invoke the Lambda function on sendmessage (500): missing permission'],
		['configuration-error', 'Execution failed due to configuration error: Unable to transform request', 500, 'integration', 'request mapping template failed on sendmessage (500)'],
		['configuration-error', 'Execution failed due to configuration error: Output mapping refers to an invalid method response: 201', 500, 'integration', 'response mapping refers to a missing method response on sendmessage (500): 201'],
		['configuration-error', 'Execution failed due to configuration error: There was an internal error while executing your request', 500, 'integration', 'integration configuration error on sendmessage (500): There was an internal error while executing your request'],
		['configuration-error', 'Execution failed due to configuration error:', 500, 'integration', 'integration configuration error on sendmessage (500)'],
		['configuration-error', 'Execution failed due to configuration error: Rate Exceeded.', 500, 'throttle', 'throttled on sendmessage (500): rate exceeded calling the integration'],
		['throttle-limit-exceeded', 'API Key **********abc123 exceeded throttle limit for API Stage h733q2j6gb/Prod: Key throttle limit exceeded for Usage Plan ID 7ycb2t. Limit: 10.00 Burst: 0', 429, 'throttle', 'throttled on sendmessage (429): API key exceeded its usage plan limit'],
		['throttle-limit-exceeded', 'Key throttle limit exceeded for RestApi h733q2j6gb, Stage Prod, Resource 0mm1s7, HttpMethod GET. Limit: 10.00 Burst: 0', 429, 'throttle', 'throttled on sendmessage (429): API key exceeded its usage plan limit'],
		['api-key-not-authorized', "API Key **********abc123 not authorized because method 'GET /pets' requires API Key and API Key is not associated with a Usage Plan for API Stage h733q2j6gb/Prod: API Key not authorized", 403, 'client', 'request refused on sendmessage (403): API key is not in a usage plan for this stage'],
		['validation-error', 'Request body does not match model schema for content type application/json: [object has missing required properties (["name"])]', 400, 'client', 'request body does not match the model on sendmessage (400): [object has missing required properties (["name"])]'],
		['internal-error', 'Execution failed due to an internal error', 500, 'gateway', 'API Gateway internal error on sendmessage (500)'],
	];

	it.each(rows)('%s: %s', (kind, text, status, category, explanation) => {
		expect(only(request({status, execution: [line(kind, text)]}))).toEqual({category, message: text, explanation});
	});

	it('gives a Lambda failure inside the authorizer to the authorizer', () => {
		const execution = [
			line('authorizer-start', `Starting authorizer: 2g3v1b for request: ${WS_ID}`),
			line('endpoint-request', 'Endpoint request URI: https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/auth/invocations'),
			line('integration-timeout', 'Execution failed due to a timeout error'),
		];
		expect(only(request({status: 500, execution}))).toMatchObject({category: 'authorizer', explanation: 'authorizer timed out on sendmessage (500)'});
	});

	it('gives a Lambda failure after the authorizer allowed the request to the integration', () => {
		const execution = [
			line('authorizer-start', `Starting authorizer: 2g3v1b for request: ${WS_ID}`),
			line('authorizer-success', 'Successfully completed authorizer execution'),
			line('lambda-function-error', 'Lambda execution failed with status 200 due to customer function error: boom. Lambda request id: 1'),
		];
		expect(only(request({status: 502, execution}))).toMatchObject({category: 'integration'});
	});

	it('reports a failure line even when the final status looks fine or is unknown', () => {
		const execution = [line('internal-error', 'Execution failed due to an internal error')];
		expect(only(request({status: 200, execution})).category).toBe('gateway');
		expect(only(request({execution})).explanation).toBe('API Gateway internal error on sendmessage');
	});

	it('keeps a message and an explanation whole up to 2,000 characters, the explanation on one line', () => {
		const thrown = `line one\nline two ${'x'.repeat(5000)}`;
		const text = `Lambda execution failed with status 200 due to customer function error: ${thrown}. Lambda request id: 1`;
		const error = only(request({status: 502, execution: [line('lambda-function-error', text)]}));
		expect(error.message).toBe(`${text.slice(0, 1999).trimEnd()}…`);
		expect(error.message).toContain('line one\nline two');
		expect(error.explanation.startsWith('Lambda function threw on sendmessage (502): line one line two xxx')).toBe(true);
		expect(error.explanation).toHaveLength(2000);
	});

	it('names a long route whole: a view that shows one row cuts the explanation, not the core', () => {
		const routeKey = `send${'-message'.repeat(20)}`;
		const error = only(withAccess(400, {'error.validationErrorString': 'instance failed to match: (length: 0, required minimum: 1)'}, {routeKey}));
		expect(error.explanation).toBe(`bad request on ${routeKey} (400): instance failed to match: (length: 0, required minimum: 1)`);
	});

	it('says a Lambda timed out, not that it threw, when its error is a timeout', () => {
		const text = 'Lambda execution failed with status 200 due to customer function error: 2024-05-01T10:00:09.000Z 3f1a2b4c Task timed out after 10.00 seconds. Lambda request id: 3f1a2b4c';
		const rest = request({requestId: REST_ID, eventType: undefined, routeKey: undefined, connectionId: undefined, status: 502, execution: [
			line('http-method', 'HTTP Method: GET, Resource Path: /echo', {httpMethod: 'GET', resourcePath: '/echo'}, REST_ID),
			line('lambda-function-error', text, {}, REST_ID),
		]});
		expect(only(rest)).toEqual({category: 'integration', message: text, explanation: 'Lambda timed out after 10.00 s on GET /echo (502)'});
		const fromAccess = withAccess(502, {'integration.error': 'Task timed out after 29.00 seconds'});
		expect(only(fromAccess).explanation).toBe('Lambda timed out after 29.00 s on sendmessage (502)');
	});

	it('ignores lines that are not failures', () => {
		const execution = [
			line('execution-start', `Starting execution for request: ${WS_ID}`),
			line('integration-response', 'Received response. Status: 200, Integration latency: 24 ms', {status: 200, integrationLatencyMs: 24}),
			line('unparsed', 'something nobody knows'),
		];
		expect(classify(request({status: 200, execution}))).toEqual([]);
	});
});

describe('classifyRequest: status fallbacks', () => {
	const authorizerLine = line('authorizer-start', `Starting authorizer: 2g3v1b for request: ${WS_ID}`);
	const connect: Partial<RequestInput> = {eventType: 'CONNECT', routeKey: '$connect'};
	const rows: Array<[string, RequestInput, ErrorCategory, string]> = [
		['429', request({status: 429}), 'throttle', 'throttled on sendmessage (429): too many requests'],
		['502', request({status: 502}), 'integration', 'integration returned an invalid response on sendmessage (502)'],
		['504', request({status: 504}), 'integration', 'integration timed out on sendmessage (504)'],
		['401 $connect after an authorizer line', request({...connect, status: 401, execution: [authorizerLine]}), 'authorizer', 'authorizer denied the request on $connect (401)'],
		['403 $connect after the authorizer called its Lambda', request({...connect, status: 403, execution: [authorizerLine, line('integration-response', 'Received response. Status: 200, Integration latency: 38 ms', {status: 200})]}), 'authorizer', 'authorizer denied the request on $connect (403)'],
		['403 $connect with authorizer fields', withAccess(403, {'authorizer.latency': '12'}, connect), 'authorizer', 'authorizer denied the request on $connect (403)'],
		['403 $connect without an authorizer', request({...connect, status: 403}), 'client', 'client error on $connect (403): forbidden'],
		['403 after the authorizer allowed it', withAccess(403, {'authorizer.principalId': 'user-1', 'integration.status': '403'}), 'client', 'client error on sendmessage (403): forbidden'],
		['404', request({status: 404}), 'client', 'client error on sendmessage (404): not found'],
		['410 (gone connection)', request({status: 410}), 'client', 'client error on sendmessage (410): gone'],
		['500', request({status: 500}), 'gateway', 'API Gateway error on sendmessage (500): internal error'],
		['503', request({status: 503}), 'gateway', 'API Gateway error on sendmessage (503): service unavailable'],
		['REST route from the HTTP Method line', request({requestId: REST_ID, eventType: undefined, routeKey: undefined, connectionId: undefined, status: 404, execution: [line('http-method', 'HTTP Method: GET, Resource Path: /pets', {httpMethod: 'GET', resourcePath: '/pets'}, REST_ID)]}), 'client', 'client error on GET /pets (404): not found'],
	];

	it.each(rows)('%s', (_name, input, category, explanation) => {
		const error = only(input);
		expect(error).toEqual({category, message: `status=${input.status}`, explanation});
	});

	it.each([[200], [101], [204], [301], [undefined]])('status %s without evidence -> no error', (status) => {
		expect(classify(request({status}))).toEqual([]);
	});

	it('reads a WebSocket request rejected before routing (real access line)', () => {
		// websocket-access.jsonl, third line: UUID requestId, `-` for eventType, routeKey and connectionId.
		const access: AccessFields = {
			requestId: '177a5660-9b20-4614-b620-51dd4d56fb4c',
			ip: '1.128.0.0',
			requestTime: '19/Jul/2023:16:17:17 +0000',
			status: '403',
		};
		const rejected = request({
			requestId: '177a5660-9b20-4614-b620-51dd4d56fb4c',
			connectionId: undefined,
			eventType: undefined,
			routeKey: undefined,
			status: 403,
			access,
			apiId: undefined,
			stage: undefined,
		});
		expect(only(rejected)).toEqual({
			category: 'client',
			message: 'status=403',
			explanation: 'request rejected before routing (403): wrong URL or stage, or missing credentials',
		});
		expect(only({...rejected, access: {...access, 'waf.status': '403'}}).category).toBe('waf');
	});

	it('adds a status-only error only when nothing explains the status', () => {
		const validation = line('validation-error', 'Request body does not match model schema for content type application/json: [x]');
		expect(classify(request({status: 400, execution: [validation]}))).toHaveLength(1);
		expect(classify(request({status: 500, execution: [validation]})).map((error) => error.category)).toEqual(['client', 'gateway']);
	});
});

describe('classifyRequest: one failure is one error, different failures stay apart', () => {
	it('merges one denial seen three ways into the most specific evidence', () => {
		const input = withAccess(
			401,
			{'error.responseType': 'UNAUTHORIZED', 'error.message': 'Unauthorized'},
			{eventType: 'CONNECT', routeKey: '$connect', execution: [line('authorizer-unauthorized', `Unauthorized request: ${WS_ID}`)]},
		);
		expect(classify(input)).toEqual([
			{category: 'authorizer', message: `Unauthorized request: ${WS_ID}`, explanation: 'authorizer denied the request on $connect (401)'},
		]);
	});

	it('merges a Lambda error with its access-log echoes', () => {
		const text = 'Lambda execution failed with status 200 due to customer function error: boom. Lambda request id: 1';
		const input = withAccess(
			502,
			{'integration.error': 'boom', integrationStatus: '200', 'error.message': 'Internal server error', 'error.responseType': 'DEFAULT_5XX'},
			{execution: [line('lambda-function-error', text)]},
		);
		expect(classify(input)).toEqual([{category: 'integration', message: text, explanation: 'Lambda function threw on sendmessage (502): boom'}]);
	});

	it('merges the two lines of one timeout and of one authorizer configuration error', () => {
		const timeout = [
			line('integration-timeout', 'Endpoint request timed out'),
			line('integration-timeout', 'Execution failed due to a timeout error'),
		];
		expect(classify(withAccess(504, {'error.responseType': 'INTEGRATION_TIMEOUT'}, {execution: timeout}))).toHaveLength(1);

		const authorizer = [
			line('authorizer-start', `Starting authorizer: 2g3v1b for request: ${WS_ID}`),
			line('authorizer-configuration-error', 'AuthorizerConfigurationException'),
			line('authorizer-configuration-error', 'Execution failed due to configuration error: Authorizer error'),
		];
		const errors = classify(withAccess(500, {'error.responseType': 'AUTHORIZER_CONFIGURATION_ERROR', 'authorizer.error': 'x'}, {execution: authorizer}));
		expect(errors).toEqual([
			{category: 'authorizer', message: 'AuthorizerConfigurationException', explanation: 'authorizer Lambda failed on sendmessage (500): invalid authorizer response or configuration'},
		]);
	});

	it('keeps an authorizer that timed out and an internal error as two errors, in order', () => {
		const execution = [
			line('authorizer-start', `Starting authorizer: 2g3v1b for request: ${WS_ID}`),
			line('integration-timeout', 'Execution failed due to a timeout error'),
			line('internal-error', 'Execution failed due to an internal error'),
		];
		expect(classify(request({status: 500, execution})).map((error) => error.category)).toEqual(['authorizer', 'gateway']);

		const reversed = withAccess(500, {'authorizer.error': 'timeout'}, {execution: [line('internal-error', 'Execution failed due to an internal error')]});
		expect(classify(reversed).map((error) => [error.category, error.message])).toEqual([
			['gateway', 'Execution failed due to an internal error'],
			['authorizer', 'authorizer.error=timeout'],
		]);
	});

	it('keeps two different failures of one category apart', () => {
		const execution = [
			line('lambda-function-error', 'Lambda execution failed with status 200 due to customer function error: boom. Lambda request id: 1'),
			line('integration-timeout', 'Execution failed due to a timeout error'),
		];
		const errors = classify(withAccess(504, {'integration.error': 'boom'}, {execution}));
		expect(errors.map((error) => error.explanation)).toEqual([
			'Lambda function threw on sendmessage (504): boom',
			'integration timed out on sendmessage (504)',
		]);
	});

	it('joins a generic client message to the error it echoes', () => {
		const errors = classify(withAccess(403, {'error.message': 'Forbidden', 'waf.status': '403'}));
		expect(errors).toEqual([{category: 'waf', message: 'waf.status=403', explanation: 'WAF blocked the request on sendmessage (403)'}]);
	});

	it('is deterministic', () => {
		const input = withAccess(500, {'error.message': 'Internal server error', 'authorizer.error': 'boom'});
		expect(classifyRequest(input)).toEqual(classifyRequest(input));
	});
});

describe('classifyRequest: real-looking requests', () => {
	it('a WebSocket $connect denied by a Lambda authorizer', () => {
		const id = 'VNRXVFJOywMF3-Q=';
		const execution = [
			line('websocket-connecting', 'Client [UserAgent: Python/3.11 websockets/11.0.3, SourceIp: 1.128.0.0] is connecting to WebSocket API [z1ctxygne5].', {}, id),
			line('authorizer-start', `Starting authorizer: 2g3v1b for request: ${id}`, {authorizerId: '2g3v1b'}, id),
			line('authorizer-detail', 'Incoming identity: **********abc123', {}, id),
			line('endpoint-request', 'Endpoint request URI: https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:ws-authorizer/invocations', {}, id),
			line('integration-response', 'Received response. Status: 200, Integration latency: 38 ms', {status: 200, integrationLatencyMs: 38}, id),
			line('authorizer-detail', 'Authorizer result body before parsing: {"principalId":"anonymous","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Deny","Resource":"arn:aws:execute-api:us-east-1:123456789012:z1ctxygne5/production/$connect"}]}}', {}, id),
			line('authorizer-unauthorized', `Unauthorized request: ${id}`, {}, id),
		];
		const access: AccessFields = {
			requestId: id,
			ip: '1.128.0.0',
			requestTime: '26/Jul/2023:12:20:46 +0000',
			eventType: 'CONNECT',
			routeKey: '$connect',
			status: '403',
			connectionId: 'Iq8gj1UmIAMCKpA=',
			'authorizer.status': '403',
			'authorizer.integrationStatus': '200',
			'authorizer.latency': '41',
			'error.message': 'Forbidden',
			'error.responseType': 'ACCESS_DENIED',
		};
		const input = request({requestId: id, eventType: 'CONNECT', routeKey: '$connect', status: 403, access, execution});
		expect(classify(input)).toEqual([
			{category: 'authorizer', message: `Unauthorized request: ${id}`, explanation: 'authorizer denied the request on $connect (403)'},
		]);
	});

	it('a REST Lambda proxy 502 with a malformed response', () => {
		const at = (kind: ExecutionKind, text: string, fields: ExecutionFields = {}): ExecutionRecord => line(kind, text, fields, REST_ID);
		const execution = [
			at('extended-request-id', 'Extended Request Id: Vts2pH6ArPEFcuQ=', {extendedRequestId: 'Vts2pH6ArPEFcuQ='}),
			at('usage-plan', `Verifying Usage Plan for request: ${REST_ID}. API Key:  API Stage: h733q2j6gb/Prod`),
			at('execution-start', `Starting execution for request: ${REST_ID}`),
			at('http-method', 'HTTP Method: POST, Resource Path: /verifyReceipt', {httpMethod: 'POST', resourcePath: '/verifyReceipt'}),
			at('method-request', 'Method request body before transformations: {"receiptData":"82ca4c4f-26dd-4554-a11e-c3feb5324345"}'),
			at('sending-request', 'Sending request to https://lambda.eu-west-2.amazonaws.com/2015-03-31/functions/arn:aws:lambda:eu-west-2:958845080241:function:VerifyReceipt/invocations'),
			at('integration-response', 'Received response. Status: 200, Integration latency: 40 ms', {status: 200, integrationLatencyMs: 40}),
			at('endpoint-response', 'Endpoint response body before transformations: "not a proxy response"'),
			at('configuration-error', 'Execution failed due to configuration error: Malformed Lambda proxy response'),
			at('method-completed', 'Method completed with status: 502', {status: 502}),
		];
		const input = request({
			requestId: REST_ID,
			aliases: ['Vts2pH6ArPEFcuQ='],
			connectionId: undefined,
			eventType: undefined,
			routeKey: undefined,
			status: 502,
			integrationLatencyMs: 40,
			execution,
			apiId: 'h733q2j6gb',
			stage: 'Prod',
		});
		expect(classify(input)).toEqual([
			{
				category: 'integration',
				message: 'Execution failed due to configuration error: Malformed Lambda proxy response',
				explanation: 'Lambda returned a malformed proxy response on POST /verifyReceipt (502)',
			},
		]);
	});
});

describe('classifyRequest: any input', () => {
	const kinds: ExecutionKind[] = [
		'extended-request-id', 'usage-plan', 'api-key-not-authorized', 'throttle-limit-exceeded', 'authorizer-start',
		'authorizer-detail', 'authorizer-success', 'authorizer-unauthorized', 'authorizer-configuration-error',
		'execution-start', 'http-method', 'websocket-route', 'websocket-connecting', 'websocket-connection',
		'method-request', 'endpoint-request', 'sending-request', 'integration-response', 'endpoint-response',
		'method-response', 'execution-success', 'method-completed', 'integration-endpoint-request-id', 'xray-trace-id',
		'integration-timeout', 'lambda-function-error', 'lambda-invocation-failed', 'configuration-error',
		'internal-error', 'validation-error', 'unparsed',
	];
	const accessKeys = [
		'status', 'error.responseType', 'error.message', 'error.validationErrorString', 'authorizer.error', 'authorize.error',
		'authenticate.error', 'authorizer.status', 'authorize.status', 'authenticate.status', 'authorizer.integrationStatus',
		'authorizer.principalId', 'waf.status', 'waf.error', 'wafResponseCode', 'integration.error', 'integrationErrorMessage',
		'integration.status', 'integrationStatus', 'integration.integrationStatus', 'httpMethod', 'resourcePath', '__proto__',
	];
	const text = fc.oneof(
		fc.string({unit: 'binary', maxLength: 300}),
		fc.constantFrom('', '-', '403', '500', 'UNAUTHORIZED', 'WAF_BLOCK', 'Forbidden', 'Execution failed due to configuration error: Rate Exceeded.'),
	);
	const record = fc.record({
		kind: fc.constantFrom(...kinds),
		text,
		status: fc.option(fc.integer({min: -1, max: 999}), {nil: undefined}),
		httpMethod: fc.option(text, {nil: undefined}),
		resourcePath: fc.option(text, {nil: undefined}),
	});
	const view = fc.record({
		requestId: fc.oneof(fc.uuid(), fc.string()),
		eventType: fc.constantFrom(undefined, 'CONNECT' as const, 'MESSAGE' as const, 'DISCONNECT' as const),
		routeKey: fc.option(text, {nil: undefined}),
		status: fc.option(fc.oneof(fc.integer({min: 100, max: 599}), fc.constantFrom(Number.NaN, -1, 0, 1e9)), {nil: undefined}),
		access: fc.option(fc.dictionary(fc.oneof(fc.constantFrom(...accessKeys), fc.string()), text), {nil: null}),
		execution: fc.array(record, {maxLength: 12}),
	});

	it('never throws, and every error has a known category, a one-line explanation and a capped message', () => {
		fc.assert(
			fc.property(view, (generated) => {
				const input = request({
					requestId: generated.requestId,
					eventType: generated.eventType,
					routeKey: generated.routeKey,
					status: generated.status,
					access: generated.access,
					execution: generated.execution.map(({kind, text: body, status, httpMethod, resourcePath}) =>
						line(kind, body, {status, httpMethod, resourcePath}),
					),
				});
				const errors = classifyRequest(input);
				for (const error of errors) {
					expect(ERROR_CATEGORIES).toContain(error.category);
					expect(error.explanation).not.toMatch(/[\r\n\u2028\u2029]/);
					expect(error.explanation.length).toBeGreaterThan(0);
					expect(error.explanation.length).toBeLessThanOrEqual(2000);
					expect(error.message.length).toBeLessThanOrEqual(2000);
				}

				expect(classifyRequest(input)).toEqual(errors);
			}),
			{numRuns: 500},
		);
	});
});
