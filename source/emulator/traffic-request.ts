// The pieces every simulated WebSocket request is made of: its timeline of execution lines, its
// access values, and the Lambda integration call where integration failures happen.

import {outcomeOfLambdaError, type LambdaCall} from './lambda-log-calls.js';
import type {DemoFunctionName} from './lambda-log-shapes.js';
import type {Random} from './random.js';
import {clfTime, type AccessValues} from './traffic-access.js';
import {
	lambdaInvokeUri,
	lambdaProxyEvent,
	LAMBDA_ERRORS,
	MALFORMED_PROXY_RESPONSES,
	type Client,
	type LambdaEventContext,
	type StageSetup,
} from './traffic-payloads.js';

export type FailureKind =
	| 'authorizer-denied'
	| 'authorizer-error'
	| 'waf-block'
	| 'integration-timeout'
	| 'lambda-error'
	| 'malformed-proxy-response'
	| 'throttled'
	| 'bad-request'
	| 'gateway-500'
	| 'rejected-before-routing';

export interface TimedLine {
	at: number;
	text: string;
}

export interface RequestPlan {
	requestId: string;
	/** Execution lines in the order the gateway wrote them. */
	lines: TimedLine[];
	/** Event time of the access line: when the response went out. */
	endTime: number;
	access: AccessValues;
	status: number;
	/** The Lambda invocations it made (authorizer, integration), for the functions' own logs. */
	lambdaCalls: LambdaCall[];
}

export interface RequestScene {
	rng: Random;
	/** Draws only the Lambda side needs, so that the gateway's own draws (and lines) stay as they were. */
	lambdaRng: Random;
	stage: StageSetup;
	requestId: string;
	start: number;
}

/** WebSocket integrations give up after 29 seconds. */
const INTEGRATION_TIMEOUT_MS = 29_000;

const FUNCTIONS: Record<string, DemoFunctionName> = {
	$connect: 'chat-connect',
	$disconnect: 'chat-disconnect',
	sendmessage: 'chat-sendmessage',
	$default: 'chat-default',
};

/** Collects lines at the gateway's clock; most consecutive lines share a millisecond. */
export class Timeline {
	readonly lines: TimedLine[] = [];
	readonly lambdaCalls: LambdaCall[] = [];

	constructor(
		private readonly rng: Random,
		private readonly requestId: string,
		public now: number,
	) {}

	log(text: string): void {
		this.lines.push({at: this.now, text});
		if (this.rng.chance(0.3)) this.now += 1;
	}

	wait(ms: number): void {
		this.now += Math.max(0, Math.round(ms));
	}

	plan(status: number, access: AccessValues): RequestPlan {
		return {requestId: this.requestId, lines: this.lines, endTime: this.now, access: {...access, status}, status, lambdaCalls: this.lambdaCalls};
	}
}

/** Lambda latency: log-normal around the median, plus the odd cold start (the long tail), which it names. */
export function lambdaLatency(rng: Random, median: number): {latency: number; coldStartMs: number} {
	const coldStartMs = rng.chance(0.015) ? rng.logNormal(900, 0.5) : 0;
	return {latency: Math.max(2, Math.round(rng.logNormal(median, 0.8) + coldStartMs)), coldStartMs};
}

export function baseAccess(scene: RequestScene, client: Client | undefined, eventType: string, routeKey: string): AccessValues {
	return {
		requestId: scene.requestId,
		extendedRequestId: scene.requestId,
		connectionId: client?.connectionId,
		eventType,
		routeKey,
		requestTime: clfTime(scene.start),
		requestTimeEpoch: scene.start,
		connectedAt: client?.connectedAt,
		'identity.sourceIp': client?.sourceIp,
		'identity.userAgent': client?.userAgent,
		apiId: scene.stage.apiId,
		stage: scene.stage.stage,
	};
}

export function throttleLine(scene: RequestScene, routeKey: string): string {
	const {apiId, stage} = scene.stage;
	return `Key throttle limit exceeded for RestApi ${apiId}, Stage ${stage}, Resource ${routeKey}, HttpMethod POST. Limit: 500.00 Burst: 1000`;
}

export const THROTTLED: AccessValues = {'error.message': 'Too Many Requests', 'error.responseType': 'THROTTLED'};

/**
 * Routes with full request/response logging (WebSocket stages set it per route). The hot chat route
 * leaves it off, as a cost-conscious team would; the rest log their Lambda event and answer.
 */
const DATA_TRACE_ROUTES: ReadonlySet<string> = new Set(['$connect', '$default']);

/**
 * Calls the route's Lambda and logs the call. Integration failures happen here; the other kinds
 * have already ended the request before it reaches the integration.
 */
export function invokeLambda(
	t: Timeline,
	scene: RequestScene,
	event: LambdaEventContext,
	failure: FailureKind | undefined,
	median: number,
): {status: number; access: AccessValues} {
	const {rng, stage} = scene;
	const functionName = FUNCTIONS[event.routeKey] ?? 'chat-default';
	const uri = lambdaInvokeUri(stage, functionName);
	const dataTrace = DATA_TRACE_ROUTES.has(event.routeKey);
	if (dataTrace) t.log(`Endpoint request body after transformations: ${lambdaProxyEvent(event)}`);
	t.log(`Sending request to ${uri}`);
	const invokedAt = t.now;
	const call = (requestId: string, coldStartMs: number, outcome: LambdaCall['outcome']): LambdaCall => ({
		role: 'integration', functionName, requestId, apiRequestId: scene.requestId, invokedAt,
		answeredAt: outcome.kind === 'timeout' && outcome.seconds * 1000 >= INTEGRATION_TIMEOUT_MS ? undefined : t.now,
		coldStartMs, outcome, connectionId: event.client.connectionId, principalId: event.client.principalId, body: event.body, close: event.disconnect,
	});
	if (failure === 'integration-timeout') {
		// The function runs on to its own 30 s timeout after the gateway gave up at 29 s.
		const lambdaRequestId = scene.lambdaRng.uuid();
		t.lambdaCalls.push(call(lambdaRequestId, 0, {kind: 'timeout', seconds: 30.03}));
		t.wait(INTEGRATION_TIMEOUT_MS + rng.int(0, 4));
		t.log('Execution failed due to a timeout error');
		t.log('Method completed with status: 504');
		return {
			status: 504,
			access: {
				integrationLatency: INTEGRATION_TIMEOUT_MS,
				'integration.requestId': lambdaRequestId,
				'error.message': 'Endpoint request timed out',
				'error.responseType': 'INTEGRATION_TIMEOUT',
			},
		};
	}
	const {latency, coldStartMs} = lambdaLatency(rng, median);
	const lambdaRequestId = rng.uuid();
	t.wait(latency);
	t.log(`Received response. Status: 200, Integration latency: ${latency} ms`);
	let status = 200;
	let access: AccessValues = {integrationLatency: latency, 'integration.status': 200};
	let outcome: LambdaCall['outcome'] = {kind: 'success'};
	if (failure === 'lambda-error') {
		const error = rng.pick(LAMBDA_ERRORS);
		outcome = outcomeOfLambdaError(error);
		t.log(`Lambda execution failed with status 200 due to customer function error: ${error}. Lambda request id: ${lambdaRequestId}`);
		status = 502;
		access = {
			integrationLatency: latency,
			'integration.error': error,
			integrationErrorMessage: error,
			'error.message': 'Internal server error',
			'error.responseType': 'INTEGRATION_FAILURE',
		};
	} else if (failure === 'malformed-proxy-response') {
		t.log(`Endpoint response body before transformations: ${rng.pick(MALFORMED_PROXY_RESPONSES)}`);
		// Left without a response type on purpose: the classifier must get there from the evidence.
		t.log('Execution failed due to configuration error: Malformed Lambda proxy response');
		status = 502;
		access = {integrationLatency: latency, integrationErrorMessage: 'Malformed Lambda proxy response', 'error.message': 'Internal server error'};
	} else {
		if (dataTrace) t.log('Endpoint response body before transformations: {"statusCode":200}');
		t.log('Successfully completed execution');
	}
	t.lambdaCalls.push(call(lambdaRequestId, coldStartMs, outcome));
	t.log(`Method completed with status: ${status}`);
	t.log(`AWS Integration Endpoint RequestId : ${lambdaRequestId}`);
	return {status, access: {...access, 'integration.requestId': lambdaRequestId}};
}

export function internalError(t: Timeline, access: AccessValues): RequestPlan {
	t.log('Execution failed due to an internal error');
	t.log('Method completed with status: 500');
	return t.plan(500, {...access, 'error.message': 'Internal server error', 'error.responseType': 'DEFAULT_5XX'});
}
