// The failure kinds the simulated traffic deals out, and the error category reference §5 puts each in.

import type {ErrorCategory} from '../core/types.js';
import type {FailureKind} from './traffic-request.js';

export const FAILURE_KINDS: readonly FailureKind[] = [
	'authorizer-denied',
	'authorizer-error',
	'waf-block',
	'integration-timeout',
	'lambda-error',
	'malformed-proxy-response',
	'throttled',
	'bad-request',
	'gateway-500',
	'rejected-before-routing',
];

/** The category reference §5 puts each failure in. */
export const FAILURE_CATEGORY: Readonly<Record<FailureKind, ErrorCategory>> = {
	'authorizer-denied': 'authorizer',
	'authorizer-error': 'authorizer',
	'waf-block': 'waf',
	'integration-timeout': 'integration',
	'lambda-error': 'integration',
	'malformed-proxy-response': 'integration',
	throttled: 'throttle',
	'bad-request': 'client',
	'gateway-500': 'gateway',
	'rejected-before-routing': 'client',
};

/** Failures that can only happen while a connection is being opened. */
export const CONNECT_ONLY_FAILURES: ReadonlySet<FailureKind> = new Set(['authorizer-denied', 'authorizer-error', 'waf-block']);
