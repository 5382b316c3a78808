// The vocabulary classification works in: one piece of evidence per place a failure shows (an execution
// line, an access-log field), the facts about the request that explanations need, and the status-based
// reading used when nothing more specific is known.
import {explanation} from './text.js';
import type {AccessFields, ErrorCategory, RequestView} from '../types.js';

/** How much a piece of evidence says; the most specific piece of an error gives its message. */
export const SPECIFICITY = {
	/** The Lambda function's own log: what the handler threw, its timeout or crash, as Lambda reported it. */
	lambdaLine: 6,
	/** A failure line the gateway wrote while it happened. */
	executionLine: 5,
	/** An error text the gateway copied into the access log (`authorizer.error`, `integration.error`). */
	accessText: 4,
	/** The gateway response type (`error.responseType`). */
	responseType: 3,
	/** A status the access log recorded for one step (`waf.status`, `integration.status`). */
	stepStatus: 2,
	/** The message sent to the client (`error.message`): usually a generic phrase. */
	clientMessage: 1,
	/** Nothing but the request's final status. */
	finalStatus: 0,
} as const;

export interface Evidence {
	category: ErrorCategory;
	/** Categories this evidence may equally belong to: it joins an error of one of them instead of making its own. */
	alsoFits: readonly ErrorCategory[];
	/**
	 * Names the failure an execution line reports, so that two lines about one failure make one error and
	 * lines about different failures make two. Undefined for access-log fields: they echo whatever failed.
	 */
	failure: string | undefined;
	specificity: number;
	/** As the log said it. */
	message: string;
	/** The one-line explanation, phrased for the category the evidence ends up in. */
	explain(category: ErrorCategory): string;
	/** Whether this evidence accounts for the request's final status (else a status-only error may be added). */
	explainsStatus(status: number): boolean;
}

/** What explanations and fallbacks need to know about the request. */
export interface RequestContext {
	/** `$connect`, `sendmessage`, `GET /pets`, whole: a view that shows one row cuts the explanation, not the core. */
	route: string | undefined;
	status: number | undefined;
	access: AccessFields;
	/** An authorizer ran for this request: its lines or its access fields are there. */
	authorizerRan: boolean;
	/** The request got past its authorizer (the authorizer allowed it, or execution or the integration started). */
	pastAuthorizer: boolean;
	/** A WebSocket request refused before any route was chosen (reference §2: UUID id, no route, no event type). */
	beforeRouting: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const AUTHORIZER_FIELD = /^(?:authorizer|authorize|authenticate)(?:\.|$)/;
// Not the endpoint request/response lines: the authorizer's own Lambda call writes those too.
const PAST_AUTHORIZER_KINDS = new Set<string>(['authorizer-success', 'execution-start']);
const PAST_AUTHORIZER_FIELDS = [
	'authorizer.principalId',
	'integration.status',
	'integrationStatus',
	'integration.latency',
	'integrationLatency',
];

/** An access value, or undefined when the log left it empty (`-` means "no value" in every format). */
export function fieldValue(access: AccessFields, name: string): string | undefined {
	if (!Object.hasOwn(access, name)) return undefined;
	const raw: unknown = access[name];
	if (raw === undefined || raw === null) return undefined;
	const value = String(raw).trim();
	return value === '' || value === '-' ? undefined : value;
}

/** A three-digit HTTP status written as text, or undefined. */
export function statusNumber(value: string | undefined): number | undefined {
	return value !== undefined && /^\d{3}$/.test(value) ? Number(value) : undefined;
}

export function requestContext(request: Omit<RequestView, 'errors'>): RequestContext {
	const access = request.access ?? {};
	const status =
		request.status !== undefined && Number.isFinite(request.status)
			? request.status
			: statusNumber(fieldValue(access, 'status'));
	const kinds = new Set<string>(request.execution.map((record) => record.kind));
	const authorizerFields = Object.keys(access).some(
		(key) => AUTHORIZER_FIELD.test(key) && fieldValue(access, key) !== undefined,
	);
	const route = routeOf(request, access);
	return {
		route,
		status,
		access,
		authorizerRan: authorizerFields || [...kinds].some((kind) => kind.startsWith('authorizer-')),
		pastAuthorizer:
			[...kinds].some((kind) => PAST_AUTHORIZER_KINDS.has(kind)) ||
			PAST_AUTHORIZER_FIELDS.some((name) => fieldValue(access, name) !== undefined),
		beforeRouting: route === undefined && request.eventType === undefined && UUID.test(request.requestId),
	};
}

function routeOf(request: Omit<RequestView, 'errors'>, access: AccessFields): string | undefined {
	let route = request.routeKey;
	if (route === undefined) {
		const line = request.execution.find((record) => record.kind === 'http-method');
		const method = line?.fields.httpMethod ?? fieldValue(access, 'httpMethod');
		const path = line?.fields.resourcePath ?? fieldValue(access, 'resourcePath');
		if (method !== undefined && path !== undefined) route = `${method} ${path}`;
	}
	return route === undefined || route.trim() === '' ? undefined : route;
}

/** ` on sendmessage`, or nothing when the route is unknown. */
export function on(context: RequestContext): string {
	return context.route === undefined ? '' : ` on ${context.route}`;
}

/** ` (502)`, or nothing when the status is unknown. */
export function code(context: RequestContext): string {
	return context.status === undefined ? '' : ` (${context.status})`;
}

/** `head: detail` as one line. */
export function explain(head: string, detail?: string): string {
	return explanation(detail === undefined || detail === '' ? head : `${head}: ${detail}`);
}

/** "authorizer denied the request on $connect (401)", with the authorizer's reason after a colon when there is one. */
export function authorizerDenied(context: RequestContext, reason?: string): string {
	return explain(`authorizer denied the request${on(context)}${code(context)}`, reason);
}

export function isDenial(status: number | undefined): boolean {
	return status === 401 || status === 403;
}

/** The statuses an error of each category can produce, used to tell whether the final status is accounted for. */
export function categoryExplains(category: ErrorCategory, status: number): boolean {
	switch (category) {
		case 'authorizer':
			return isDenial(status) || status >= 500;
		case 'waf':
			// WAF custom responses may use any 4xx, not only 403.
			return status >= 400 && status < 500;
		case 'throttle':
			return status === 429;
		case 'client':
			return status >= 400 && status < 500;
		case 'integration':
		case 'gateway':
			return status >= 500;
	}
}

/** What a failing status means when nothing more specific is known (reference §5 "any other 4xx/5xx"). */
export function statusCategory(context: RequestContext): ErrorCategory {
	const {status} = context;
	if (status === undefined) return 'gateway';
	if (status === 429) return 'throttle';
	if (status === 502 || status === 504) return 'integration';
	if (isDenial(status) && context.authorizerRan && !context.pastAuthorizer) return 'authorizer';
	if (status >= 400 && status < 500) return 'client';
	return 'gateway';
}

/** The categories a generic echo of the final status (a default message or response type) could belong to. */
export function categoriesFitting(status: number | undefined): ErrorCategory[] {
	const all: ErrorCategory[] = ['authorizer', 'waf', 'integration', 'throttle', 'client', 'gateway'];
	return status === undefined ? all : all.filter((category) => categoryExplains(category, status));
}

const STATUS_PHRASES: Record<number, string> = {
	400: 'bad request',
	401: 'unauthorized',
	403: 'forbidden',
	404: 'not found',
	405: 'method not allowed',
	410: 'gone',
	413: 'request too large',
	415: 'unsupported media type',
	500: 'internal error',
	503: 'service unavailable',
};

/** The explanation of an error known only by its status, optionally with the message the client got. */
export function statusExplanation(category: ErrorCategory, context: RequestContext, detail?: string): string {
	const {status} = context;
	switch (category) {
		case 'authorizer':
			return isDenial(status) ? authorizerDenied(context, detail) : explain(`authorizer failed${on(context)}${code(context)}`, detail);
		case 'waf':
			return explain(`WAF blocked the request${on(context)}${code(context)}`, detail);
		case 'throttle':
			return explain(`throttled${on(context)}${code(context)}`, detail ?? 'too many requests');
		case 'integration':
			if (status === 504) return explain(`integration timed out${on(context)}${code(context)}`, detail);
			if (status === 502) return explain(`integration returned an invalid response${on(context)}${code(context)}`, detail);
			return explain(`integration failed${on(context)}${code(context)}`, detail);
		case 'client':
			if (context.beforeRouting) {
				return explain(`request rejected before routing${code(context)}`, detail ?? 'wrong URL or stage, or missing credentials');
			}
			return explain(`client error${on(context)}${code(context)}`, detail ?? statusPhrase(status));
		case 'gateway':
			return explain(`API Gateway error${on(context)}${code(context)}`, detail ?? statusPhrase(status));
	}
}

/** `not found` for 404: what the status means when nothing else says it. */
function statusPhrase(status: number | undefined): string | undefined {
	return status === undefined ? undefined : STATUS_PHRASES[status];
}

/** A status-only error: added when nothing else explains a failing status. */
export function statusEvidence(context: RequestContext): Evidence | undefined {
	const {status} = context;
	if (status === undefined || status < 400) return undefined;
	return {
		category: statusCategory(context),
		alsoFits: [],
		failure: undefined,
		specificity: SPECIFICITY.finalStatus,
		message: `status=${status}`,
		explain: (category) => statusExplanation(category, context),
		explainsStatus: () => true,
	};
}
