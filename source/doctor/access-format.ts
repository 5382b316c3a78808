// What an access-log format must carry for apigw-tail to tie requests to connections and explain
// failures, per API type, and the one-line JSON format that carries all of it.

import {LAMBDA_REQUEST_ID_FIELDS, RECOMMENDED_WEBSOCKET_ACCESS_FIELDS} from '../core/parse/access-presets.js';
import {AccessFormatError, readTemplate} from '../core/parse/access-template.js';
import type {ApiType} from '../sources/discovery/apis.js';

/** One required piece of information; any of the variables (without `$context.`) provides it. */
interface Requirement {
	anyOf: readonly string[];
}

const need = (...anyOf: string[]): Requirement => ({anyOf});

// HTTP APIs have no WAF and no event types; REST APIs name a request by method and resource, not a route key.
const REQUIRED: Readonly<Record<ApiType, readonly Requirement[]>> = {
	WEBSOCKET: [
		need('requestId'),
		need('connectionId'),
		need('eventType'),
		need('routeKey'),
		need('status'),
		need('authorizer.error'),
		need('waf.error', 'wafResponseCode'),
		need('integration.error', 'integrationErrorMessage'),
		need('error.responseType'),
	],
	HTTP: [need('requestId'), need('routeKey'), need('status'), need('authorizer.error'), need('integration.error', 'integrationErrorMessage'), need('error.responseType')],
	REST: [
		need('requestId'),
		need('httpMethod'),
		need('resourcePath'),
		need('status'),
		need('authorizer.error'),
		need('waf.error', 'wafResponseCode'),
		need('integration.error', 'integrationErrorMessage'),
		need('error.responseType'),
	],
};

const COMMON_TAIL: ReadonlyArray<[string, string]> = [
	['integrationStatus', 'integration.status'],
	['integrationLatency', 'integrationLatency'],
	['integrationError', 'integration.error'],
	['integrationErrorMessage', 'integrationErrorMessage'],
	['authorizerStatus', 'authorizer.status'],
	['authorizerError', 'authorizer.error'],
];

const RECOMMENDED_FIELDS: Readonly<Record<ApiType, ReadonlyArray<readonly [string, string]>>> = {
	WEBSOCKET: RECOMMENDED_WEBSOCKET_ACCESS_FIELDS,
	HTTP: [
		['requestId', 'requestId'],
		['routeKey', 'routeKey'],
		['httpMethod', 'httpMethod'],
		['path', 'path'],
		['status', 'status'],
		['requestTime', 'requestTime'],
		['requestTimeEpoch', 'requestTimeEpoch'],
		['sourceIp', 'identity.sourceIp'],
		['responseLength', 'responseLength'],
		...COMMON_TAIL,
		['errorMessage', 'error.message'],
		['errorResponseType', 'error.responseType'],
	],
	REST: [
		['requestId', 'requestId'],
		['extendedRequestId', 'extendedRequestId'],
		['httpMethod', 'httpMethod'],
		['resourcePath', 'resourcePath'],
		['status', 'status'],
		['requestTime', 'requestTime'],
		['requestTimeEpoch', 'requestTimeEpoch'],
		['sourceIp', 'identity.sourceIp'],
		['responseLength', 'responseLength'],
		...COMMON_TAIL,
		['wafError', 'waf.error'],
		['wafResponseCode', 'wafResponseCode'],
		['errorMessage', 'error.message'],
		['errorResponseType', 'error.responseType'],
	],
};

/** Whether the API calls Lambda functions as integrations or authorizers: their request ids join their logs. */
export interface LambdaWiring {
	integrations: boolean;
	authorizers: boolean;
}

const NO_LAMBDA: LambdaWiring = {integrations: false, authorizers: false};

/** The access variables naming a Lambda invocation; HTTP APIs have no `$context.authorizer.requestId`. */
function lambdaFields(apiType: ApiType, lambda: LambdaWiring): Array<readonly [string, string]> {
	const [integration, authorizer] = LAMBDA_REQUEST_ID_FIELDS;
	return [...(lambda.integrations ? [integration] : []), ...(lambda.authorizers && apiType !== 'HTTP' ? [authorizer] : [])];
}

/** One-line JSON, every value quoted so a `-` (no value) still yields valid JSON. */
export function recommendedAccessFormat(apiType: ApiType, lambda: LambdaWiring = NO_LAMBDA): string {
	const base = RECOMMENDED_FIELDS[apiType];
	const extra = lambdaFields(apiType, lambda).filter(([, variable]) => !base.some(([, known]) => known === variable));
	return `{${[...base, ...extra].map(([key, variable]) => `"${key}":"$context.${variable}"`).join(',')}}`;
}

/** The required variables `format` lacks, as `$context.NAME` (alternatives joined with ` or `). */
export function missingAccessVariables(apiType: ApiType, format: string, lambda: LambdaWiring = NO_LAMBDA): string[] {
	const present = templateVariables(format);
	const lambdaNeeds = lambdaFields(apiType, lambda).map(([, variable]) => (variable === 'integration.requestId' ? need(variable, 'awsEndpointRequestId') : need(variable)));
	return [...REQUIRED[apiType], ...lambdaNeeds]
		.filter((requirement) => !requirement.anyOf.some((variable) => present.has(variable)))
		.map((requirement) => requirement.anyOf.map((variable) => `$context.${variable}`).join(' or '));
}

function templateVariables(format: string): Set<string> {
	try {
		return new Set(readTemplate(format).slots.map((slot) => slot.variable));
	} catch (error) {
		if (!(error instanceof AccessFormatError)) throw error;
	}
	// readTemplate refuses a format without a request id (or an empty one); the other variables still
	// count, so read it again behind a request id of our own and leave that one out.
	try {
		const slots = readTemplate(`$context.requestId ${format}`).slots.slice(1);
		return new Set(slots.map((slot) => slot.variable));
	} catch {
		return new Set();
	}
}
