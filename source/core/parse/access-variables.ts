// What apigw-tail knows about `$context` variables: the shape their values take (to split
// text formats where separators also occur inside values) and their names (to guess JSON keys).

/**
 * The form a variable's value always has. `class`: any run of these regex class characters
 * (`-` for "no value" included); `fixed`: a whole-value pattern.
 */
export type ValueShape = {kind: 'class'; chars: string} | {kind: 'fixed'; pattern: string};

const ID: ValueShape = {kind: 'class', chars: String.raw`\w=+/-`};
const NUMBER: ValueShape = {kind: 'class', chars: String.raw`\d.-`};
const WORD: ValueShape = {kind: 'class', chars: String.raw`\w-`};
const PROTOCOL: ValueShape = {kind: 'class', chars: String.raw`\w./-`};
// Letters too: test invocations log `test-invoke-source-ip`.
const IP: ValueShape = {kind: 'class', chars: String.raw`\w.:%-`};
const CLF_TIME: ValueShape = {
	kind: 'fixed',
	pattern: String.raw`\d\d?/[A-Za-z]{3}/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}|-`,
};

const SHAPES: ReadonlyMap<string, ValueShape> = new Map<string, ValueShape>([
	...[
		'requestId',
		'extendedRequestId',
		'connectionId',
		'messageId',
		'apiId',
		'accountId',
		'resourceId',
		'awsEndpointRequestId',
		'integration.requestId',
		'authorizer.requestId',
		'identity.accountId',
	].map((name) => [name, ID] as const),
	...[
		'status',
		'requestTimeEpoch',
		'connectedAt',
		'responseLength',
		'responseLatency',
		'dataProcessed',
		'integrationLatency',
		'integrationStatus',
		'integration.latency',
		'integration.status',
		'integration.integrationStatus',
		'authorizer.status',
		'authorizer.latency',
		'authorizer.integrationLatency',
		'authorizer.integrationStatus',
		'authorize.status',
		'authorize.latency',
		'authenticate.status',
		'authenticate.latency',
		'waf.status',
		'waf.latency',
		'disconnectStatusCode',
	].map((name) => [name, NUMBER] as const),
	...['eventType', 'httpMethod', 'wafResponseCode', 'error.responseType'].map((name) => [name, WORD] as const),
	['protocol', PROTOCOL],
	['identity.sourceIp', IP],
	['requestTime', CLF_TIME],
]);

export function shapeOf(variable: string): ValueShape | undefined {
	return SHAPES.get(variable);
}

/**
 * How likely a free-text value is to contain spaces and commas. In CLF/CSV only one value can be
 * allowed to contain the separator without making lines ambiguous; the likeliest one gets it.
 */
const MESSINESS: ReadonlyMap<string, number> = new Map<string, number>([
	['identity.userAgent', 5],
	['identity.cognitoAuthenticationProvider', 5],
	...[
		'error.message',
		'error.messageString',
		'error.validationErrorString',
		'integrationErrorMessage',
		'integration.error',
		'authorizer.error',
		'authorize.error',
		'authenticate.error',
		'waf.error',
		'disconnectReason',
	].map((name) => [name, 4] as const),
	...['routeKey', 'resourcePath', 'path'].map((name) => [name, 3] as const),
]);

export function messinessOf(variable: string): number {
	return MESSINESS.get(variable) ?? 0;
}

/** Every documented access-log variable (WebSocket, REST, HTTP), without the `$context.` prefix. */
export const KNOWN_VARIABLES: readonly string[] = [
	'accountId',
	'apiId',
	'authenticate.error',
	'authenticate.latency',
	'authenticate.status',
	'authorize.error',
	'authorize.latency',
	'authorize.status',
	'authorizer.error',
	'authorizer.integrationLatency',
	'authorizer.integrationStatus',
	'authorizer.latency',
	'authorizer.principalId',
	'authorizer.requestId',
	'authorizer.status',
	'awsEndpointRequestId',
	'awsEndpointRequestId2',
	'connectedAt',
	'connectionId',
	'customDomain.basePathMatched',
	'dataProcessed',
	'disconnectReason',
	'disconnectStatusCode',
	'domainName',
	'domainPrefix',
	'error.message',
	'error.messageString',
	'error.responseType',
	'error.validationErrorString',
	'eventType',
	'extendedRequestId',
	'httpMethod',
	'identity.accountId',
	'identity.apiKey',
	'identity.apiKeyId',
	'identity.caller',
	'identity.cognitoAuthenticationProvider',
	'identity.cognitoAuthenticationType',
	'identity.cognitoIdentityId',
	'identity.cognitoIdentityPoolId',
	'identity.principalOrgId',
	'identity.sourceIp',
	'identity.user',
	'identity.userAgent',
	'identity.userArn',
	'integration.error',
	'integration.integrationStatus',
	'integration.latency',
	'integration.requestId',
	'integration.status',
	'integrationErrorMessage',
	'integrationLatency',
	'integrationStatus',
	'messageId',
	'path',
	'protocol',
	'requestId',
	'requestTime',
	'requestTimeEpoch',
	'resourceId',
	'resourcePath',
	'responseLatency',
	'responseLength',
	'routeKey',
	'stage',
	'status',
	'waf.error',
	'waf.latency',
	'waf.status',
	'wafResponseCode',
	'webaclArn',
	'xrayTraceId',
];
