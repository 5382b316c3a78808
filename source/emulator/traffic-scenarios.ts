// What each kind of WebSocket request writes: its execution lines (in the shapes of reference §3)
// with their times, and the values of its access line. Failures are steps within the normal flow,
// so a failed request logs everything up to the point where it failed.

import type {LambdaCallOutcome} from './lambda-log-calls.js';
import type {DemoFunctionName} from './lambda-log-shapes.js';
import {clfTime, type AccessValues} from './traffic-access.js';
import {
	allowPolicy,
	chatMessageBody,
	denyPolicy,
	lambdaInvokeUri,
	lambdaRequestHeaders,
	mask,
	sourceIp,
	UNPARSABLE_POLICIES,
	userAgent,
	VALIDATION_ERRORS,
	type Client,
	type LambdaEventContext,
} from './traffic-payloads.js';
import {
	baseAccess,
	internalError,
	invokeLambda,
	lambdaLatency,
	THROTTLED,
	throttleLine,
	Timeline,
	type FailureKind,
	type RequestPlan,
	type RequestScene,
} from './traffic-request.js';

const AUTHORIZER_FUNCTION: DemoFunctionName = 'chat-authorizer';

/** The REQUEST authorizer of `$connect`: the request it rejected, or the Lambda request id that let the client in. */
function authorize(t: Timeline, scene: RequestScene, client: Client, failure: FailureKind | undefined): RequestPlan | {authorizerRequestId: string} {
	const {rng, stage, requestId} = scene;
	const uri = lambdaInvokeUri(stage, AUTHORIZER_FUNCTION);
	t.log(`Starting authorizer: ${stage.authorizerId} for request: ${requestId}`);
	t.log(`Incoming identity: ${mask(client.token)}`);
	t.log(`Endpoint request URI: ${uri}`);
	t.log(`Endpoint request headers: ${lambdaRequestHeaders(rng, stage, requestId, '$connect', t.now)}`);
	const invokedAt = t.now;
	const {latency, coldStartMs} = lambdaLatency(rng, 20);
	t.wait(latency);
	const lambdaRequestId = scene.lambdaRng.uuid();
	const invoked = (outcome: LambdaCallOutcome) => t.lambdaCalls.push({
		role: 'authorizer', functionName: AUTHORIZER_FUNCTION, requestId: lambdaRequestId, apiRequestId: requestId, invokedAt, answeredAt: t.now,
		coldStartMs, outcome, connectionId: client.connectionId, principalId: client.principalId, body: undefined, close: undefined,
	});
	const access: AccessValues = {
		...baseAccess(scene, client, 'CONNECT', '$connect'), 'waf.status': 200, 'authorizer.latency': latency, 'authorizer.requestId': lambdaRequestId,
	};
	if (failure === 'authorizer-denied') {
		// A Lambda that throws "Unauthorized" gives 401; one that returns a Deny policy gives 403.
		if (rng.chance(0.5)) {
			invoked({kind: 'threw', errorType: 'Error', errorMessage: 'Unauthorized'});
			t.log(`Unauthorized request: ${requestId}`);
			t.log('Method completed with status: 401');
			return t.plan(401, {...access, 'authorizer.status': 401, 'authorizer.error': 'Unauthorized', 'error.message': 'Unauthorized', 'error.responseType': 'UNAUTHORIZED'});
		}
		invoked({kind: 'denied'});
		t.log(`Authorizer result body before parsing: ${denyPolicy(stage, client)}`);
		t.log(`Using valid authorizer policy for principal: ${mask(client.principalId)}`);
		t.log(`Unauthorized request: ${requestId}`);
		t.log('Method completed with status: 403');
		return t.plan(403, {...access, 'authorizer.status': 403, 'authorizer.error': 'User is not authorized to access this resource with an explicit deny', 'error.message': 'Forbidden', 'error.responseType': 'ACCESS_DENIED'});
	}
	if (failure === 'authorizer-error') {
		let reason = 'Authorizer error';
		let responseType = 'AUTHORIZER_FAILURE';
		if (rng.chance(0.5)) {
			// It ran fine and returned something that is not a policy.
			invoked({kind: 'success'});
			t.log(`Authorizer result body before parsing: ${rng.pick(UNPARSABLE_POLICIES)}`);
			reason = 'Could not parse policy';
			responseType = 'AUTHORIZER_CONFIGURATION_ERROR';
		} else {
			invoked({kind: 'threw', errorType: 'Error', errorMessage: 'JWKS fetch failed: getaddrinfo EAI_AGAIN cognito-idp.us-east-1.amazonaws.com'});
		}
		t.log(`Execution failed due to configuration error: ${reason}`);
		t.log('AuthorizerConfigurationException');
		t.log('Method completed with status: 500');
		return t.plan(500, {...access, 'authorizer.status': 500, 'authorizer.error': reason, 'error.message': 'Internal server error', 'error.responseType': responseType});
	}
	invoked({kind: 'success'});
	t.log(`Authorizer result body before parsing: ${allowPolicy(stage, client)}`);
	t.log(`Using valid authorizer policy for principal: ${mask(client.principalId)}`);
	t.log('Successfully completed authorizer execution');
	return {authorizerRequestId: lambdaRequestId};
}

/** `$connect`: WAF, throttling, the authorizer, then the connect Lambda. Any failure rejects the connection. */
export function connectRequest(scene: RequestScene, client: Client, failure: FailureKind | undefined): RequestPlan {
	const {rng, stage, requestId} = scene;
	const t = new Timeline(rng, requestId, scene.start);
	const access = baseAccess(scene, client, 'CONNECT', '$connect');
	if (failure === 'waf-block') {
		t.log(`Starting execution for request: ${requestId}`);
		t.log('Method completed with status: 403');
		return t.plan(403, {...access, 'waf.status': 403, 'waf.error': 'Forbidden', 'error.message': 'Forbidden', 'error.responseType': 'WAF_FILTERED'});
	}
	if (failure === 'throttled') {
		t.log(throttleLine(scene, '$connect'));
		t.log('Method completed with status: 429');
		return t.plan(429, {...access, 'waf.status': 200, ...THROTTLED});
	}
	const authorization = authorize(t, scene, client, failure);
	if (!('authorizerRequestId' in authorization)) return authorization;
	const authorized: AccessValues = {
		...access, 'waf.status': 200, 'authorizer.status': 200, 'authorizer.latency': t.now - scene.start, 'authorizer.requestId': authorization.authorizerRequestId,
	};
	t.log(`Starting execution for request: ${requestId}`);
	t.log('WebSocket Request Route: [$connect]');
	t.log(`Client [UserAgent: ${client.userAgent}, SourceIp: ${client.sourceIp}] is connecting to WebSocket API [${stage.apiId}].`);
	if (failure === 'gateway-500') return internalError(t, authorized);
	const event: LambdaEventContext = {stage, client, requestId, routeKey: '$connect', eventType: 'CONNECT', requestTime: clfTime(scene.start), requestTimeEpoch: scene.start};
	const result = invokeLambda(t, scene, event, failure, 45);
	return t.plan(result.status, {...authorized, ...result.access});
}

/** A MESSAGE on an open connection. Failures answer the message; the connection stays open. */
export function messageRequest(scene: RequestScene, client: Client, routeKey: string, failure: FailureKind | undefined): RequestPlan {
	const {rng, stage, requestId} = scene;
	const t = new Timeline(rng, requestId, scene.start);
	const messageId = rng.gatewayId();
	const access: AccessValues = {...baseAccess(scene, client, 'MESSAGE', routeKey), messageId};
	if (failure === 'throttled') {
		t.log(`WebSocket Request Route: [${routeKey}]`);
		t.log(throttleLine(scene, routeKey));
		t.log('Method completed with status: 429');
		return t.plan(429, {...access, ...THROTTLED});
	}
	t.log(`Starting execution for request: ${requestId}`);
	t.log(`WebSocket Request Route: [${routeKey}]`);
	t.log(`WebSocket API [${stage.apiId}] received message from client [Connection Id: ${client.connectionId}].`);
	if (failure === 'bad-request') {
		t.log(`Request body does not match model schema for content type application/json: [${rng.pick(VALIDATION_ERRORS)}]`);
		t.log('Method completed with status: 400');
		return t.plan(400, {...access, 'error.message': 'Invalid request body', 'error.responseType': 'BAD_REQUEST_BODY'});
	}
	if (failure === 'gateway-500') return internalError(t, access);
	const event: LambdaEventContext = {
		stage, client, requestId, routeKey, eventType: 'MESSAGE', requestTime: clfTime(scene.start),
		requestTimeEpoch: scene.start, messageId, body: chatMessageBody(rng, routeKey),
	};
	const result = invokeLambda(t, scene, event, failure, routeKey === '$default' ? 15 : 30);
	return t.plan(result.status, {...access, ...result.access});
}

/** `$disconnect` of a connection that was open; it always runs (API Gateway cannot refuse a close). */
export function disconnectRequest(scene: RequestScene, client: Client, close: {code: number; reason: string}): RequestPlan {
	const {rng, stage, requestId} = scene;
	const t = new Timeline(rng, requestId, scene.start);
	const access: AccessValues = {
		...baseAccess(scene, client, 'DISCONNECT', '$disconnect'),
		disconnectStatusCode: close.code,
		disconnectReason: close.reason,
	};
	t.log(`Starting execution for request: ${requestId}`);
	t.log('WebSocket Request Route: [$disconnect]');
	t.log(`Client [Connection Id: ${client.connectionId}] disconnected from API [${stage.apiId}]. Close reason: [${close.code}: ${close.reason}]`);
	const event: LambdaEventContext = {
		stage, client, requestId, routeKey: '$disconnect', eventType: 'DISCONNECT', requestTime: clfTime(scene.start),
		requestTimeEpoch: scene.start, disconnect: close,
	};
	const result = invokeLambda(t, scene, event, undefined, 25);
	return t.plan(result.status, {...access, ...result.access});
}

/** A request refused before routing (not a WebSocket upgrade, unknown host): UUID id, access line only. */
export function rejectedBeforeRouting(scene: RequestScene): RequestPlan {
	const {rng} = scene;
	const t = new Timeline(rng, scene.requestId, scene.start);
	return t.plan(403, {
		requestId: scene.requestId,
		requestTime: clfTime(scene.start),
		requestTimeEpoch: scene.start,
		'identity.sourceIp': sourceIp(rng),
		'identity.userAgent': rng.chance(0.5) ? userAgent(rng) : 'curl/8.5.0',
		'error.message': 'Forbidden',
		apiId: scene.stage.apiId,
		stage: scene.stage.stage,
	});
}
