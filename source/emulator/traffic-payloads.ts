// The texts a simulated chat API puts in its logs: clients, Lambda ARNs, headers and bodies.
// Header and body lines are built to the sizes real ones have, so that many exceed 1,024 characters
// and get truncated the way API Gateway truncates them.

import type {Random} from './random.js';

/** The simulated stage and the functions behind its routes. */
export interface StageSetup {
	apiId: string;
	stage: string;
	region: string;
	accountId: string;
	authorizerId: string;
	domainName: string;
}

/** One WebSocket client: who it is, and its connection once the gateway has assigned one. */
export interface Client {
	connectionId: string;
	connectedAt: number;
	sourceIp: string;
	userAgent: string;
	principalId: string;
	token: string;
}

const USER_AGENTS = [
	'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
	'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15',
	'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
	'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
	'okhttp/4.12.0',
	'Dart/3.3 (dart:io)',
	'Python/3.12 websockets/12.0',
	'ChatApp/2.14.1 (Android 14; Pixel 8) okhttp/4.11.0',
	'wscat/5.2.0',
];

const WORDS = [
	'hello', 'anyone', 'around', 'deploy', 'is', 'green', 'again', 'lunch', 'at', 'noon', 'the', 'build',
	'failed', 'retrying', 'thanks', 'see', 'you', 'tomorrow', 'ok', 'on', 'my', 'way', 'ship', 'it',
];

export function newClient(rng: Random, connectionId: string, connectedAt: number): Client {
	const userNumber = rng.int(1000, 99999);
	return {
		connectionId,
		connectedAt,
		sourceIp: sourceIp(rng),
		userAgent: rng.pick(USER_AGENTS),
		principalId: `user-${userNumber}`,
		token: `eyJhbGciOiJSUzI1NiJ9.${rng.base64url(120)}.${rng.base64url(43)}`,
	};
}

/** Documentation address ranges, with a few IPv6 clients. */
export function sourceIp(rng: Random): string {
	if (rng.chance(0.05)) return `2001:db8:${rng.hex(4)}::${rng.hex(3)}`;
	const prefix = rng.pick(['192.0.2', '198.51.100', '203.0.113']);
	return `${prefix}.${rng.int(1, 254)}`;
}

export function userAgent(rng: Random): string {
	return rng.pick(USER_AGENTS);
}

/** How API Gateway masks secrets: a run of `*` and the last 6 characters. */
export function mask(secret: string): string {
	return '*'.repeat(Math.max(0, secret.length - 6)) + secret.slice(-6);
}

export function functionArn(stage: StageSetup, name: string): string {
	return `arn:aws:lambda:${stage.region}:${stage.accountId}:function:${name}`;
}

export function lambdaInvokeUri(stage: StageSetup, functionName: string): string {
	return `https://lambda.${stage.region}.amazonaws.com/2015-03-31/functions/${functionArn(stage, functionName)}/invocations`;
}

function amzDate(epochMs: number): string {
	return new Date(epochMs).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** `Endpoint request headers` of a Lambda call: the session token alone makes it over 1,024 characters. */
export function lambdaRequestHeaders(rng: Random, stage: StageSetup, requestId: string, routeKey: string, at: number): string {
	const signature = `AWS4-HMAC-SHA256 Credential=ASIA${rng.base64url(16)}/${amzDate(at).slice(0, 8)}/${stage.region}/lambda/aws4_request, SignedHeaders=accept;host;x-amz-date;x-amz-security-token, Signature=${rng.hex(64)}`;
	return (
		`{x-amzn-lambda-integration-tag=${requestId}, Authorization=${mask(signature)}, X-Amz-Date=${amzDate(at)}, ` +
		`x-amzn-apigateway-api-id=${stage.apiId}, X-Amz-Source-Arn=arn:aws:execute-api:${stage.region}:${stage.accountId}:${stage.apiId}/${stage.stage}/${routeKey}, ` +
		`Accept=application/json, User-Agent=AmazonAPIGateway_${stage.apiId}, X-Amz-Security-Token=${rng.base64url(rng.int(600, 900))}}`
	);
}

export interface LambdaEventContext {
	stage: StageSetup;
	client: Client;
	requestId: string;
	routeKey: string;
	eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT';
	requestTime: string;
	requestTimeEpoch: number;
	messageId?: string;
	body?: string;
	disconnect?: {code: number; reason: string};
}

/** `Endpoint request body after transformations`: the Lambda proxy event, pretty-printed (so it spans lines). */
export function lambdaProxyEvent(event: LambdaEventContext): string {
	const {client, stage} = event;
	const requestContext: Record<string, unknown> = {
		routeKey: event.routeKey,
		...(event.messageId === undefined ? {} : {messageId: event.messageId}),
		...(event.disconnect === undefined
			? {}
			: {disconnectStatusCode: event.disconnect.code, disconnectReason: event.disconnect.reason}),
		authorizer: {principalId: client.principalId, userId: client.principalId.slice(5)},
		eventType: event.eventType,
		extendedRequestId: event.requestId,
		requestTime: event.requestTime,
		messageDirection: 'IN',
		stage: stage.stage,
		connectedAt: client.connectedAt,
		requestTimeEpoch: event.requestTimeEpoch,
		identity: {userAgent: client.userAgent, sourceIp: client.sourceIp},
		requestId: event.requestId,
		domainName: stage.domainName,
		connectionId: client.connectionId,
		apiId: stage.apiId,
	};
	const proxyEvent: Record<string, unknown> =
		event.eventType === 'CONNECT'
			? {
					headers: {Host: stage.domainName, 'Sec-WebSocket-Version': '13', 'User-Agent': client.userAgent, 'X-Forwarded-For': client.sourceIp},
					multiValueHeaders: {Host: [stage.domainName], 'User-Agent': [client.userAgent], 'X-Forwarded-For': [client.sourceIp]},
					queryStringParameters: {token: mask(client.token)},
					requestContext,
					isBase64Encoded: false,
				}
			: {requestContext, ...(event.body === undefined ? {} : {body: event.body}), isBase64Encoded: false};
	return JSON.stringify(proxyEvent, null, 4);
}

/** A chat message as the client sends it; now and then a large one (a pasted log, an image preview). */
export function chatMessageBody(rng: Random, routeKey: string): string {
	const words = Array.from({length: rng.int(1, 14)}, () => rng.pick(WORDS)).join(' ');
	const attachment = rng.chance(0.08) ? `,"preview":"${rng.base64url(rng.int(800, 2400))}"` : '';
	const action = routeKey === '$default' ? 'typing' : routeKey;
	return `{"action":"${action}","room":"room-${rng.int(1, 40)}","message":"${words}"${attachment}}`;
}

export function allowPolicy(stage: StageSetup, client: Client): string {
	return (
		`{"principalId":"${client.principalId}","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke",` +
		`"Effect":"Allow","Resource":"arn:aws:execute-api:${stage.region}:${stage.accountId}:${stage.apiId}/${stage.stage}/$connect"}]},` +
		`"context":{"userId":"${client.principalId.slice(5)}","plan":"pro"}}`
	);
}

export function denyPolicy(stage: StageSetup, client: Client): string {
	return allowPolicy(stage, client).replace('"Effect":"Allow"', '"Effect":"Deny"');
}

/** Authorizer answers API Gateway cannot turn into a policy. */
export const UNPARSABLE_POLICIES = [
	'{"principalId":"anonymous","policyDocument":{"Version":"2012-10-17","Statement":"Allow"}}',
	'{"isAuthorized":true,"context":{"userId":"42"}}',
	'null',
	'{"principalId":"svc-batch","policyDocument":{"Statement":[{"Effect":"Allow","Action":"execute-api:Invoke"}]}}',
];

export const LAMBDA_ERRORS = [
	"TypeError: Cannot read properties of undefined (reading 'connectionId')",
	'Task timed out after 3.00 seconds',
	'ConditionalCheckFailedException: The conditional request failed',
	'GoneException: 410 Gone "connection is no longer available"',
	'Runtime exited with error: signal: killed',
	'SyntaxError: Unexpected token } in JSON at position 42',
];

/** Lambda answers that are not `{statusCode, body}`. */
export const MALFORMED_PROXY_RESPONSES = [
	'{"status":"ok"}',
	'"sent"',
	'{"statusCode":"200","body":{"delivered":true}}',
	'{"errorMessage":"missing return","errorType":"Error"}',
];

export const VALIDATION_ERRORS = [
	'object has missing required properties (["message"])',
	'instance type (integer) does not match any allowed primitive type (allowed: ["string"])',
	'string "" is too short (length: 0, required minimum: 1)',
];

/** Close codes and the reasons API Gateway gives for them in `$context.disconnectReason`. */
export const CLOSE_REASONS: ReadonlyArray<readonly [{code: number; reason: string}, number]> = [
	[{code: 1000, reason: 'Connection Closed Normally'}, 55],
	[{code: 1001, reason: 'Going away'}, 25],
	[{code: 1001, reason: 'Connection Idle Timeout'}, 5],
	[{code: 1006, reason: 'Connection Closed Abnormally'}, 15],
];
