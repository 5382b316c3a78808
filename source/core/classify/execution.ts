// Evidence from execution-log lines (reference §3). An authorizer's own Lambda call logs the same failure
// lines as the integration does, so where a line falls (inside the authorizer or after it) decides whom
// a Lambda error, a timeout or a configuration error belongs to.
import {
	authorizerDenied,
	categoryExplains,
	code,
	explain,
	on,
	SPECIFICITY,
	type Evidence,
	type RequestContext,
} from './evidence.js';
import {evidenceMessage, lambdaTimeout, lowerFirst, textAfter} from './text.js';
import type {ErrorCategory, ExecutionKind, ExecutionRecord} from '../types.js';

/** Where the request stood when a line was written. */
type Phase = 'unknown' | 'authorizer' | 'execution';

const PHASE_AFTER: Partial<Record<ExecutionKind, Phase>> = {
	'authorizer-start': 'authorizer',
	'authorizer-detail': 'authorizer',
	'authorizer-configuration-error': 'authorizer',
	'authorizer-success': 'execution',
	'authorizer-unauthorized': 'execution',
	'execution-start': 'execution',
	'http-method': 'execution',
	'websocket-route': 'execution',
	'method-request': 'execution',
};

const AUTHORIZER_REASON = /authori[sz]er|policy/i;

export function executionEvidence(records: readonly ExecutionRecord[], context: RequestContext): Evidence[] {
	const found: Evidence[] = [];
	let phase: Phase = 'unknown';
	for (const record of records) {
		const evidence = lineEvidence(record, phase, context);
		if (evidence !== undefined) found.push(evidence);
		phase = PHASE_AFTER[record.kind] ?? phase;
	}

	return found;
}

function lineEvidence(record: ExecutionRecord, phase: Phase, context: RequestContext): Evidence | undefined {
	const text = textOf(record);
	const where = `${on(context)}${code(context)}`;
	switch (record.kind) {
		case 'authorizer-unauthorized':
			return evidence(record, 'authorizer', 'authorizer-denied', () => authorizerDenied(context));
		case 'authorizer-configuration-error': {
			const reason = configurationReason(text) ?? 'invalid authorizer response or configuration';
			return authorizerFailure(record, explain(`authorizer Lambda failed${where}`, lowerFirst(reason)));
		}

		case 'configuration-error':
			return configurationError(record, phase, context);
		case 'lambda-function-error': {
			const thrown = functionError(record);
			// `Task timed out after 10.00 seconds` comes as a function error, but the function did not throw.
			const timeout = lambdaTimeout(thrown);
			return lambdaFailure(
				record,
				phase,
				'lambda-threw',
				timeout === undefined
					? {
							integration: explain(`Lambda function threw${where}`, thrown),
							authorizer: explain(`authorizer Lambda threw${where}`, thrown),
						}
					: {
							integration: explain(`Lambda timed out after ${timeout}${where}`),
							authorizer: explain(`authorizer Lambda timed out after ${timeout}${where}`),
						},
			);
		}

		case 'lambda-invocation-failed': {
			const refused = invocationStatus(record);
			const detail = refused === 429 ? 'Lambda throttled the call' : `Lambda answered ${refused ?? 'with no status'}`;
			return lambdaFailure(record, phase, 'integration-call', {
				integration: explain(`Lambda invocation failed${where}`, detail),
				authorizer: explain(`authorizer Lambda invocation failed${where}`, detail),
			});
		}

		case 'integration-timeout':
			return lambdaFailure(record, phase, 'integration-timeout', {
				integration: explain(`integration timed out${where}`),
				authorizer: explain(`authorizer timed out${where}`),
			});
		case 'throttle-limit-exceeded': {
			const byKey = text.startsWith('API Key') || text.startsWith('Key throttle');
			const what = byKey ? 'API key exceeded its usage plan limit' : 'throttle limit exceeded';
			return evidence(record, 'throttle', 'throttled', () => explain(`throttled${where}`, what));
		}

		case 'api-key-not-authorized':
			return evidence(record, 'client', 'api-key', () =>
				explain(`request refused${where}`, 'API key is not in a usage plan for this stage'),
			);
		case 'validation-error': {
			const detail = textAfter(text, ': ');
			return evidence(record, 'client', 'validation', () =>
				explain(`request body does not match the model${where}`, detail),
			);
		}

		case 'internal-error':
			return {
				...evidence(record, 'gateway', 'internal', () => explain(`API Gateway internal error${where}`)),
				// The gateway's own failure may be how an integration failure surfaced (INTEGRATION_FAILURE).
				alsoFits: ['integration'],
			};
		default:
			return undefined;
	}
}

function textOf(record: ExecutionRecord): string {
	return typeof record.text === 'string' ? record.text : '';
}

function evidence(
	record: ExecutionRecord,
	category: ErrorCategory,
	failure: string,
	describe: (category: ErrorCategory) => string,
): Evidence {
	return {
		category,
		alsoFits: [],
		failure,
		specificity: SPECIFICITY.executionLine,
		message: evidenceMessage(textOf(record)),
		explain: describe,
		explainsStatus: (status) => categoryExplains(category, status),
	};
}

/** Every way an authorizer can fail is one failure: it runs once per request. */
function authorizerFailure(record: ExecutionRecord, explanation: string): Evidence {
	return evidence(record, 'authorizer', 'authorizer-failed', () => explanation);
}

interface Phrasings {
	integration: string;
	authorizer: string;
}

/**
 * A Lambda error, timeout or configuration error inside the authorizer is the authorizer's; after it, the
 * integration's. Seen before any line said where the request stood (an ERROR-level log has no start
 * lines), it joins an authorizer error when there is one.
 */
function lambdaFailure(
	record: ExecutionRecord,
	phase: Phase,
	failure: string,
	phrasings: Phrasings,
	alsoFits: readonly ErrorCategory[] = [],
): Evidence {
	if (phase === 'authorizer') return authorizerFailure(record, phrasings.authorizer);
	return {
		...evidence(record, 'integration', failure, (category) =>
			category === 'authorizer' ? phrasings.authorizer : phrasings.integration,
		),
		alsoFits: phase === 'unknown' ? [...alsoFits, 'authorizer'] : alsoFits,
	};
}

function configurationError(record: ExecutionRecord, phase: Phase, context: RequestContext): Evidence {
	const reason = configurationReason(textOf(record)) ?? '';
	const where = `${on(context)}${code(context)}`;
	const asAuthorizer = explain(`authorizer Lambda failed${where}`, lowerFirst(reason === '' ? 'configuration error' : reason));
	if (phase === 'authorizer' || AUTHORIZER_REASON.test(reason)) return authorizerFailure(record, asAuthorizer);
	if (/rate exceeded/i.test(reason)) {
		// Lambda or the gateway refused the call for rate: a throttle, possibly also reported as a failed invocation.
		const throttled = explain(`throttled${where}`, 'rate exceeded calling the integration');
		const limited = explain(`integration call rate-limited${where}`, reason);
		return {
			...evidence(record, 'throttle', 'integration-call', (category) => (category === 'throttle' ? throttled : limited)),
			alsoFits: ['integration', 'gateway'],
			explainsStatus: (status) => status === 429 || status >= 500,
		};
	}

	// API_CONFIGURATION_ERROR is how the gateway reports its own misconfiguration to the client.
	const asIntegration = configurationExplanation(reason, context);
	return lambdaFailure(record, phase, 'integration-call', {integration: asIntegration, authorizer: asAuthorizer}, ['gateway']);
}

function configurationExplanation(reason: string, context: RequestContext): string {
	const where = `${on(context)}${code(context)}`;
	if (/malformed lambda proxy response/i.test(reason)) return explain(`Lambda returned a malformed proxy response${where}`);
	if (/invalid permissions on lambda/i.test(reason)) return explain(`API Gateway may not invoke the Lambda function${where}`, 'missing permission');
	if (/unable to transform request/i.test(reason)) return explain(`request mapping template failed${where}`);
	if (/output mapping refers to an invalid method response/i.test(reason)) {
		return explain(`response mapping refers to a missing method response${where}`, textAfter(reason, 'response:'));
	}

	return explain(`integration configuration error${where}`, reason);
}

/** `Execution failed due to configuration error: {reason}` -> reason; undefined for a line without one. */
function configurationReason(text: string): string | undefined {
	const reason = textAfter(text, 'configuration error:');
	return reason === undefined || reason === '' ? undefined : reason;
}

/** The function's own error message, between the marker and the last `. Lambda request id:`. */
function functionError(record: ExecutionRecord): string {
	const text = textOf(record);
	const marker = 'due to customer function error:';
	const at = text.indexOf(marker);
	if (at < 0) return record.fields.errorText ?? text;
	const start = at + marker.length;
	const idAt = text.lastIndexOf('. Lambda request id:');
	return text.slice(start, idAt >= start ? idAt : text.length).trim();
}

function invocationStatus(record: ExecutionRecord): number | undefined {
	const text = textOf(record);
	const match = /^Lambda invocation failed with status:?\s*(\d{3})/.exec(text);
	return match?.[1] === undefined ? record.fields.status : Number(match[1]);
}
