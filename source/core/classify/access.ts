// Evidence from access-log fields (reference §4, §5). The access log has one line per request and one
// slot per step, so its fields echo failures rather than name them: they join the error they describe.
import {
	authorizerDenied,
	categoriesFitting,
	categoryExplains,
	code,
	explain,
	fieldValue,
	isDenial,
	on,
	SPECIFICITY,
	statusCategory,
	statusExplanation,
	statusNumber,
	type Evidence,
	type RequestContext,
} from './evidence.js';
import {evidenceMessage, lambdaTimeout} from './text.js';
import type {ErrorCategory} from '../types.js';

interface ResponseType {
	category: ErrorCategory;
	describe(context: RequestContext): string;
}

const where = (context: RequestContext): string => `${on(context)}${code(context)}`;

/** Gateway response types (reference §5); DEFAULT_4XX and DEFAULT_5XX are read as generic echoes instead. */
const RESPONSE_TYPES: Record<string, ResponseType> = {
	UNAUTHORIZED: {category: 'authorizer', describe: (context) => authorizerDenied(context)},
	ACCESS_DENIED: {category: 'authorizer', describe: (c) => explain(`authorizer policy denied access${where(c)}`)},
	AUTHORIZER_FAILURE: {category: 'authorizer', describe: (c) => explain(`authorizer failed${where(c)}`)},
	AUTHORIZER_CONFIGURATION_ERROR: {
		category: 'authorizer',
		describe: (c) => explain(`authorizer misconfigured or returned an invalid response${where(c)}`),
	},
	EXPIRED_TOKEN: {category: 'authorizer', describe: (c) => explain(`token expired${where(c)}`)},
	INVALID_SIGNATURE: {category: 'authorizer', describe: (c) => explain(`invalid request signature${where(c)}`)},
	WAF_FILTERED: {category: 'waf', describe: (c) => explain(`WAF blocked the request${where(c)}`)},
	INTEGRATION_FAILURE: {category: 'integration', describe: (c) => explain(`integration failed${where(c)}`)},
	INTEGRATION_TIMEOUT: {category: 'integration', describe: (c) => explain(`integration timed out${where(c)}`)},
	THROTTLED: {category: 'throttle', describe: (c) => explain(`throttled${where(c)}`, 'rate limit exceeded')},
	QUOTA_EXCEEDED: {
		category: 'throttle',
		describe: (c) => explain(`throttled${where(c)}`, 'API key exceeded its usage plan quota'),
	},
	BAD_REQUEST_PARAMETERS: {
		category: 'client',
		describe: (c) => explain(`missing or invalid request parameters${where(c)}`),
	},
	BAD_REQUEST_BODY: {category: 'client', describe: (c) => explain(`request body does not match the model${where(c)}`)},
	INVALID_API_KEY: {category: 'client', describe: (c) => explain(`request refused${where(c)}`, 'invalid API key')},
	MISSING_AUTHENTICATION_TOKEN: {
		category: 'client',
		describe: (c) => explain(`request refused${where(c)}`, 'no such route or method, or the request is unsigned'),
	},
	RESOURCE_NOT_FOUND: {category: 'client', describe: (c) => explain(`resource not found${where(c)}`)},
	REQUEST_TOO_LARGE: {category: 'client', describe: (c) => explain(`request too large${where(c)}`)},
	UNSUPPORTED_MEDIA_TYPE: {category: 'client', describe: (c) => explain(`unsupported media type${where(c)}`)},
	API_CONFIGURATION_ERROR: {category: 'gateway', describe: (c) => explain(`API configuration error${where(c)}`)},
};

/** Messages a client gets (`error.message`) that name what failed; anything else only echoes the status. */
const CLIENT_MESSAGES: Array<[RegExp, ErrorCategory]> = [
	[/^unauthori[sz]ed$|^user is not authorized to access this resource|security token|signature/i, 'authorizer'],
	[/^(?:limit exceeded|too many requests|rate exceeded)/i, 'throttle'],
	[/^(?:endpoint request timed out|network error communicating with endpoint)/i, 'integration'],
	[/^missing authentication token/i, 'client'],
];

const AUTHORIZER_ERRORS = ['authorizer.error', 'authorize.error', 'authenticate.error'];
const AUTHORIZER_STATUSES = ['authorizer.status', 'authorize.status', 'authenticate.status', 'authorizer.integrationStatus'];
const INTEGRATION_ERRORS = ['integration.error', 'integrationErrorMessage'];
const INTEGRATION_STATUSES = ['integration.status', 'integrationStatus', 'integration.integrationStatus'];

export interface AccessEvidence {
	evidence: Evidence[];
	/** The category the gateway response type names, which decides where ambiguous evidence goes. */
	decided: ErrorCategory | undefined;
}

export function accessEvidence(context: RequestContext): AccessEvidence {
	const {access, status} = context;
	const evidence: Evidence[] = [];
	// A response type or a client message on a successful response describes no failure.
	const failed = status === undefined || status >= 400;
	const responseType = failed ? fieldValue(access, 'error.responseType') : undefined;
	const known = responseType === undefined ? undefined : RESPONSE_TYPES[responseType.toUpperCase()];
	if (responseType !== undefined) {
		const message = `error.responseType=${responseType}`;
		evidence.push(
			known === undefined
				? genericEcho(context, message, SPECIFICITY.responseType, clientMessage(context))
				: {
						...echo(known.category, message, SPECIFICITY.responseType, () => known.describe(context)),
						explainsStatus: () => true,
					},
		);
	}

	for (const name of AUTHORIZER_ERRORS) {
		const value = fieldValue(access, name);
		if (value === undefined) continue;
		const timeout = lambdaTimeout(value);
		const describe = (): string => {
			if (isDenial(status)) return authorizerDenied(context, value);
			if (timeout !== undefined) return explain(`authorizer Lambda timed out after ${timeout}${where(context)}`);
			return explain(`authorizer failed${where(context)}`, value);
		};
		evidence.push(echo('authorizer', `${name}=${value}`, SPECIFICITY.accessText, describe));
	}

	for (const name of AUTHORIZER_STATUSES) {
		const value = statusNumber(fieldValue(access, name));
		if (value === undefined || !(isDenial(value) || value >= 500)) continue;
		const describe = (): string =>
			isDenial(value) ? authorizerDenied(context) : explain(`authorizer failed${where(context)}`, `${name} ${value}`);
		evidence.push(echo('authorizer', `${name}=${value}`, SPECIFICITY.stepStatus, describe));
	}

	evidence.push(...wafEvidence(context));

	for (const name of INTEGRATION_ERRORS) {
		const value = fieldValue(access, name);
		if (value === undefined) continue;
		const timeout = lambdaTimeout(value);
		const describe = (): string =>
			timeout === undefined
				? explain(`integration failed${where(context)}`, value)
				: explain(`Lambda timed out after ${timeout}${where(context)}`);
		evidence.push(echo('integration', `${name}=${value}`, SPECIFICITY.accessText, describe));
	}

	for (const name of INTEGRATION_STATUSES) {
		const value = statusNumber(fieldValue(access, name));
		if (value === undefined || value < 500) continue;
		const describe = (): string => explain(`integration returned ${value}${where(context)}`);
		evidence.push(echo('integration', `${name}=${value}`, SPECIFICITY.stepStatus, describe));
	}

	const validation = fieldValue(access, 'error.validationErrorString');
	if (validation !== undefined) {
		const describe = (): string => explain(`bad request${where(context)}`, validation);
		evidence.push(echo('client', `error.validationErrorString=${validation}`, SPECIFICITY.accessText, describe));
	}

	const message = failed ? clientMessage(context) : undefined;
	if (message !== undefined) {
		const named = CLIENT_MESSAGES.find(([pattern]) => pattern.test(message))?.[1];
		const text = `error.message=${message}`;
		evidence.push(
			named === undefined
				? genericEcho(context, text, SPECIFICITY.clientMessage, message)
				: {
						...echo(named, text, SPECIFICITY.clientMessage, (category) => statusExplanation(category, context, message)),
						explainsStatus: () => true,
					},
		);
	}

	return {evidence, decided: known?.category};
}

function wafEvidence(context: RequestContext): Evidence[] {
	const {access} = context;
	const found: Evidence[] = [];
	const blocked = (detail?: string): string => explain(`WAF blocked the request${where(context)}`, detail);
	if (statusNumber(fieldValue(access, 'waf.status')) === 403) {
		found.push(echo('waf', 'waf.status=403', SPECIFICITY.stepStatus, () => blocked()));
	}

	const error = fieldValue(access, 'waf.error');
	if (error !== undefined) found.push(echo('waf', `waf.error=${error}`, SPECIFICITY.accessText, () => blocked(error)));
	if (fieldValue(access, 'wafResponseCode')?.toUpperCase() === 'WAF_BLOCK') {
		found.push(echo('waf', 'wafResponseCode=WAF_BLOCK', SPECIFICITY.stepStatus, () => blocked()));
	}

	return found;
}

function clientMessage(context: RequestContext): string | undefined {
	return fieldValue(context.access, 'error.message');
}

function echo(
	category: ErrorCategory,
	message: string,
	specificity: number,
	describe: (category: ErrorCategory) => string,
): Evidence {
	return {
		category,
		alsoFits: [],
		failure: undefined,
		specificity,
		message: evidenceMessage(message),
		explain: describe,
		explainsStatus: (status) => categoryExplains(category, status),
	};
}

/**
 * `Internal server error`, `Forbidden`, DEFAULT_5XX: the status as the client saw it. It joins any error
 * that produces that status, and stands for the status-only error otherwise.
 */
function genericEcho(context: RequestContext, message: string, specificity: number, detail: string | undefined): Evidence {
	const category = statusCategory(context);
	return {
		...echo(category, message, specificity, (chosen) => statusExplanation(chosen, context, detail)),
		alsoFits: categoriesFitting(context.status).filter((fitting) => fitting !== category),
		explainsStatus: () => true,
	};
}
