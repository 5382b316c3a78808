// The REST-JSON routes of the API Gateway control plane (and of Lambda's GetFunctionConfiguration) the
// emulator answers: the read calls apigw-tail uses for discovery and `doctor`, at the paths the SDK
// clients send them to.

import type {ApiGatewayFixtures, StoredStage} from './apigw-fixtures.js';
import {
	restApiShape,
	restAuthorizerShape,
	restResourceShape,
	restStageShape,
	v2ApiShape,
	v2AuthorizerShape,
	v2IntegrationShape,
	v2RouteShape,
	v2StageShape,
} from './apigw-shapes.js';
import type {EmulatedService} from './faults.js';
import type {JsonObject} from './logs-input.js';
import {EMULATOR_ACCOUNT_ID} from './logs-store.js';
import {ServiceError} from './server-errors.js';

export interface ApiGatewayCall {
	service: EmulatedService;
	operation: string;
	/** Produces the 200 response body, or throws a ServiceError. */
	run: () => JsonObject;
}

type Handler = (parameters: string[], query: URLSearchParams, fixtures: ApiGatewayFixtures) => JsonObject;

interface Route {
	service: EmulatedService;
	operation: string;
	/** Path segments; `*` matches one segment and becomes a parameter. */
	segments: string[];
	handle: Handler;
}

const ROUTES: Route[] = [
	{service: 'apigatewayv2', operation: 'GetApis', segments: ['v2', 'apis'], handle: getApis},
	{service: 'apigatewayv2', operation: 'GetApi', segments: ['v2', 'apis', '*'], handle: ([apiId = ''], _, fixtures) => v2ApiShape(requireV2Api(fixtures, apiId))},
	{service: 'apigatewayv2', operation: 'GetStages', segments: ['v2', 'apis', '*', 'stages'], handle: getV2Stages},
	{service: 'apigatewayv2', operation: 'GetStage', segments: ['v2', 'apis', '*', 'stages', '*'], handle: getV2Stage},
	{service: 'apigateway', operation: 'GetRestApis', segments: ['restapis'], handle: getRestApis},
	{service: 'apigateway', operation: 'GetRestApi', segments: ['restapis', '*'], handle: ([id = ''], _, fixtures) => restApiShape(requireRestApi(fixtures, id))},
	{service: 'apigateway', operation: 'GetStages', segments: ['restapis', '*', 'stages'], handle: getRestStages},
	{service: 'apigateway', operation: 'GetStage', segments: ['restapis', '*', 'stages', '*'], handle: getRestStage},
	{service: 'apigatewayv2', operation: 'GetRoutes', segments: ['v2', 'apis', '*', 'routes'], handle: getV2Routes},
	{service: 'apigatewayv2', operation: 'GetIntegrations', segments: ['v2', 'apis', '*', 'integrations'], handle: getV2Integrations},
	{service: 'apigatewayv2', operation: 'GetAuthorizers', segments: ['v2', 'apis', '*', 'authorizers'], handle: getV2Authorizers},
	{service: 'apigateway', operation: 'GetAccount', segments: ['account'], handle: getAccount},
	{service: 'apigateway', operation: 'GetResources', segments: ['restapis', '*', 'resources'], handle: getRestResources},
	{service: 'apigateway', operation: 'GetAuthorizers', segments: ['restapis', '*', 'authorizers'], handle: getRestAuthorizers},
	{
		service: 'lambda',
		operation: 'GetFunctionConfiguration',
		segments: ['2015-03-31', 'functions', '*', 'configuration'],
		handle: ([name = ''], query, fixtures) => fixtures.functions.configuration(name, query.get('Qualifier')),
	},
];

/** The call a request addresses, or undefined when no route matches (the server answers 404). */
export function routeApiGatewayRequest(method: string, url: URL, fixtures: ApiGatewayFixtures): ApiGatewayCall | undefined {
	if (method !== 'GET') return undefined;
	let segments: string[];
	try {
		segments = url.pathname.split('/').filter((segment) => segment !== '').map((segment) => decodeURIComponent(segment));
	} catch {
		return undefined;
	}
	for (const route of ROUTES) {
		const parameters = matchSegments(route.segments, segments);
		if (parameters !== undefined) {
			return {service: route.service, operation: route.operation, run: () => route.handle(parameters, url.searchParams, fixtures)};
		}
	}
	return undefined;
}

function matchSegments(pattern: string[], segments: string[]): string[] | undefined {
	if (pattern.length !== segments.length) return undefined;
	const parameters: string[] = [];
	for (const [index, expected] of pattern.entries()) {
		const actual = segments[index] ?? '';
		if (expected === '*') parameters.push(actual);
		else if (expected !== actual) return undefined;
	}
	return parameters;
}

const notFound = (message: string): ServiceError => new ServiceError('NotFoundException', message, 404);

function requireV2Api(fixtures: ApiGatewayFixtures, apiId: string) {
	const api = fixtures.v2Api(apiId);
	if (api === undefined) throw notFound(`Invalid API identifier specified ${EMULATOR_ACCOUNT_ID}:${apiId}`);
	return api;
}

function requireRestApi(fixtures: ApiGatewayFixtures, id: string) {
	const api = fixtures.restApi(id);
	if (api === undefined) throw notFound(`Invalid API identifier specified ${EMULATOR_ACCOUNT_ID}:${id}`);
	return api;
}

function requireStage(stages: Map<string, StoredStage>, stageName: string): StoredStage {
	const stage = stages.get(stageName);
	if (stage === undefined) throw notFound(`Invalid stage identifier specified`);
	return stage;
}

/** Offset paging: `token` is the decimal offset this page starts at. */
function pageOf<T>(items: T[], limitText: string | null, token: string | null): {page: T[]; next: string | undefined} {
	const limit = limitText === null ? items.length : Number(limitText);
	const offset = token === null ? 0 : Number(token);
	if (!Number.isInteger(limit) || limit < 0 || !Number.isInteger(offset) || offset < 0) {
		throw new ServiceError('BadRequestException', 'Invalid paging parameters', 400);
	}
	const effectiveLimit = limit === 0 ? items.length : limit;
	const end = offset + effectiveLimit;
	return {page: items.slice(offset, end), next: end < items.length ? String(end) : undefined};
}

function getApis(_: string[], query: URLSearchParams, fixtures: ApiGatewayFixtures): JsonObject {
	const {page, next} = pageOf(fixtures.v2Apis(), query.get('maxResults'), query.get('nextToken'));
	return {items: page.map(v2ApiShape), ...(next === undefined ? {} : {nextToken: next})};
}

function getV2Stages([apiId = '']: string[], query: URLSearchParams, fixtures: ApiGatewayFixtures): JsonObject {
	const api = requireV2Api(fixtures, apiId);
	const {page, next} = pageOf([...api.stages.values()], query.get('maxResults'), query.get('nextToken'));
	return {items: page.map((stage) => v2StageShape(api, stage)), ...(next === undefined ? {} : {nextToken: next})};
}

function getV2Stage([apiId = '', stageName = '']: string[], _: URLSearchParams, fixtures: ApiGatewayFixtures): JsonObject {
	const api = requireV2Api(fixtures, apiId);
	return v2StageShape(api, requireStage(api.stages, stageName));
}

// api-gateway v1 lists are `item` on the wire (the SDK renames them `items`), paged by `position`.
function getRestApis(_: string[], query: URLSearchParams, fixtures: ApiGatewayFixtures): JsonObject {
	const {page, next} = pageOf(fixtures.restApis(), query.get('limit') ?? '25', query.get('position'));
	return {item: page.map(restApiShape), ...(next === undefined ? {} : {position: next})};
}

function getRestStages([id = '']: string[], _: URLSearchParams, fixtures: ApiGatewayFixtures): JsonObject {
	const api = requireRestApi(fixtures, id);
	return {item: [...api.stages.values()].map((stage) => restStageShape(api, stage))};
}

function getRestStage([id = '', stageName = '']: string[], _: URLSearchParams, fixtures: ApiGatewayFixtures): JsonObject {
	const api = requireRestApi(fixtures, id);
	return restStageShape(api, requireStage(api.stages, stageName));
}

function getAccount(_: string[], __: URLSearchParams, fixtures: ApiGatewayFixtures): JsonObject {
	const {cloudwatchRoleArn} = fixtures.account;
	return {
		...(cloudwatchRoleArn === undefined ? {} : {cloudwatchRoleArn}),
		throttleSettings: {burstLimit: 5000, rateLimit: 10000},
		features: ['UsagePlans'],
		apiKeyVersion: '4',
	};
}

function getV2Routes([apiId = '']: string[], query: URLSearchParams, fixtures: ApiGatewayFixtures): JsonObject {
	const api = requireV2Api(fixtures, apiId);
	const {page, next} = pageOf([...api.routes.entries()], query.get('maxResults'), query.get('nextToken'));
	return {items: page.map(([index, route]) => v2RouteShape(route, index)), ...(next === undefined ? {} : {nextToken: next})};
}

function getV2Integrations([apiId = '']: string[], query: URLSearchParams, fixtures: ApiGatewayFixtures): JsonObject {
	const api = requireV2Api(fixtures, apiId);
	const {page, next} = pageOf(api.integrations, query.get('maxResults'), query.get('nextToken'));
	return {items: page.map(v2IntegrationShape), ...(next === undefined ? {} : {nextToken: next})};
}

function getV2Authorizers([apiId = '']: string[], query: URLSearchParams, fixtures: ApiGatewayFixtures): JsonObject {
	const api = requireV2Api(fixtures, apiId);
	const {page, next} = pageOf(api.authorizers, query.get('maxResults'), query.get('nextToken'));
	return {items: page.map(v2AuthorizerShape), ...(next === undefined ? {} : {nextToken: next})};
}

function getRestResources([id = '']: string[], query: URLSearchParams, fixtures: ApiGatewayFixtures): JsonObject {
	const api = requireRestApi(fixtures, id);
	const embedMethods = query.getAll('embed').some((value) => value.split(',').includes('methods'));
	const {page, next} = pageOf(api.resources, query.get('limit') ?? '25', query.get('position'));
	return {item: page.map((resource) => restResourceShape(api, resource, embedMethods)), ...(next === undefined ? {} : {position: next})};
}

function getRestAuthorizers([id = '']: string[], query: URLSearchParams, fixtures: ApiGatewayFixtures): JsonObject {
	const api = requireRestApi(fixtures, id);
	const {page, next} = pageOf(api.authorizers, query.get('limit') ?? '25', query.get('position'));
	return {item: page.map(restAuthorizerShape), ...(next === undefined ? {} : {position: next})};
}
