// The Lambda invocations the simulated gateway makes, as it records them: which function, the Lambda
// request id it names in its own lines, when it called and got its answer, and how the call ended.

import type {DemoFunctionName} from './lambda-log-shapes.js';

export type LambdaCallOutcome =
	| {kind: 'success'}
	/** An authorizer that answered with a Deny policy (it ran fine). */
	| {kind: 'denied'}
	| {kind: 'threw'; errorType: string; errorMessage: string}
	| {kind: 'timeout'; seconds: number}
	| {kind: 'out-of-memory'};

export interface LambdaCall {
	role: 'integration' | 'authorizer';
	functionName: DemoFunctionName;
	/** The Lambda request id: what the access line and the execution lines name. */
	requestId: string;
	/** The API request it serves. */
	apiRequestId: string;
	/** Epoch ms the gateway called it. */
	invokedAt: number;
	/** Epoch ms the gateway had its answer; the gateway gave up waiting when undefined. */
	answeredAt: number | undefined;
	/** The cold start inside the latency the gateway measured; 0 for a warm call. */
	coldStartMs: number;
	outcome: LambdaCallOutcome;
	connectionId: string;
	principalId: string;
	/** The chat message, for the routes that get one. */
	body: string | undefined;
	close: {code: number; reason: string} | undefined;
}

const TIMED_OUT = /^Task timed out after (\d+(?:\.\d+)?) seconds$/;

/** How a call ended, from the error the gateway reported for it (`integration.error`). */
export function outcomeOfLambdaError(error: string): LambdaCallOutcome {
	const timedOut = TIMED_OUT.exec(error);
	if (timedOut) return {kind: 'timeout', seconds: Number(timedOut[1])};
	if (error.endsWith('signal: killed')) return {kind: 'out-of-memory'};
	const colon = error.indexOf(': ');
	if (colon < 0) return {kind: 'threw', errorType: 'Error', errorMessage: error};
	return {kind: 'threw', errorType: error.slice(0, colon), errorMessage: error.slice(colon + 2)};
}
