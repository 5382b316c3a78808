// Fixtures rendered as the wire JSON the SDK clients deserialize: apigatewayv2 uses lowerCamel
// `jsonName`s and ISO-8601 dates; api-gateway v1 uses its member names and epoch-second dates.

import type {JsonObject} from './logs-input.js';
import {EMULATOR_REGION} from './logs-store.js';
import type {AuthorizerFixture, IntegrationFixture, RestApiFixture, RestResourceFixture, RouteFixture, RouteLoggingSettings, StoredStage, V2ApiFixture} from './apigw-fixtures.js';

const isoDate = (epochMs: number): string => new Date(epochMs).toISOString();
const epochSeconds = (epochMs: number): number => Math.floor(epochMs / 1000);

export function v2ApiShape(api: V2ApiFixture): JsonObject {
	const websocket = api.protocolType === 'WEBSOCKET';
	return {
		apiId: api.apiId,
		name: api.name,
		protocolType: api.protocolType,
		apiEndpoint: `${websocket ? 'wss' : 'https'}://${api.apiId}.execute-api.${EMULATOR_REGION}.amazonaws.com`,
		apiKeySelectionExpression: '$request.header.x-api-key',
		routeSelectionExpression: websocket ? '$request.body.action' : '$request.method $request.path',
		createdDate: isoDate(api.createdDate),
		disableExecuteApiEndpoint: false,
		ipAddressType: 'ipv4',
		tags: {},
	};
}

export function v2StageShape(api: V2ApiFixture, stage: StoredStage): JsonObject {
	const websocket = api.protocolType === 'WEBSOCKET';
	return {
		stageName: stage.stageName,
		...(stage.accessLogSettings === undefined ? {} : {accessLogSettings: {...stage.accessLogSettings}}),
		autoDeploy: !websocket,
		createdDate: isoDate(stage.createdDate),
		lastUpdatedDate: isoDate(stage.createdDate),
		deploymentId: `d${api.apiId.slice(0, 5)}`,
		defaultRouteSettings: websocket ? routeSettingsShape(stage) : {detailedMetricsEnabled: stage.detailedMetricsEnabled ?? false},
		routeSettings: Object.fromEntries(Object.entries(stage.routeSettings ?? {}).map(([routeKey, settings]) => [routeKey, routeSettingsShape(settings)])),
		stageVariables: {...stage.stageVariables},
		tags: {},
	};
}

/** WebSocket route settings; `loggingLevel` is absent until someone sets it, as on a fresh stage. */
function routeSettingsShape(settings: RouteLoggingSettings): JsonObject {
	return {
		dataTraceEnabled: settings.dataTraceEnabled ?? false,
		detailedMetricsEnabled: settings.detailedMetricsEnabled ?? false,
		...(settings.loggingLevel === undefined ? {} : {loggingLevel: settings.loggingLevel}),
	};
}

export function restApiShape(api: RestApiFixture): JsonObject {
	return {
		id: api.id,
		name: api.name,
		createdDate: epochSeconds(api.createdDate),
		apiKeySource: 'HEADER',
		endpointConfiguration: {types: ['REGIONAL']},
		disableExecuteApiEndpoint: false,
		rootResourceId: `${api.id.slice(0, 4)}root`,
	};
}

export function restStageShape(api: RestApiFixture, stage: StoredStage): JsonObject {
	const logged = stage.loggingLevel !== undefined || stage.dataTraceEnabled !== undefined || stage.detailedMetricsEnabled !== undefined;
	return {
		deploymentId: `d${api.id.slice(0, 5)}`,
		stageName: stage.stageName,
		cacheClusterEnabled: false,
		cacheClusterStatus: 'NOT_AVAILABLE',
		methodSettings: logged
			? {
					'*/*': {
						metricsEnabled: stage.detailedMetricsEnabled ?? false,
						loggingLevel: stage.loggingLevel ?? 'OFF',
						dataTraceEnabled: stage.dataTraceEnabled ?? false,
						throttlingBurstLimit: 5000,
						throttlingRateLimit: 10000,
						cachingEnabled: false,
						cacheTtlInSeconds: 300,
						cacheDataEncrypted: false,
						requireAuthorizationForCacheControl: true,
						unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
					},
				}
			: {},
		...(stage.accessLogSettings === undefined ? {} : {accessLogSettings: {...stage.accessLogSettings}}),
		...(stage.stageVariables === undefined ? {} : {variables: {...stage.stageVariables}}),
		tracingEnabled: false,
		createdDate: epochSeconds(stage.createdDate),
		lastUpdatedDate: epochSeconds(stage.createdDate),
	};
}

export function v2RouteShape(route: RouteFixture, index: number): JsonObject {
	return {
		routeId: `r${index.toString(36).padStart(6, '0')}`,
		routeKey: route.routeKey,
		apiKeyRequired: false,
		authorizationType: route.authorizerId === undefined ? 'NONE' : 'CUSTOM',
		...(route.authorizerId === undefined ? {} : {authorizerId: route.authorizerId}),
		...(route.integrationId === undefined ? {} : {target: `integrations/${route.integrationId}`}),
	};
}

export function v2IntegrationShape(integration: IntegrationFixture): JsonObject {
	return {
		integrationId: integration.integrationId,
		integrationType: integration.integrationType,
		...(integration.integrationUri === undefined ? {} : {integrationUri: integration.integrationUri, integrationMethod: 'POST'}),
		connectionType: 'INTERNET',
		payloadFormatVersion: '1.0',
		timeoutInMillis: 29000,
	};
}

export function v2AuthorizerShape(authorizer: AuthorizerFixture): JsonObject {
	return {
		authorizerId: authorizer.authorizerId,
		name: authorizer.name,
		authorizerType: authorizer.authorizerType,
		...(authorizer.authorizerUri === undefined ? {} : {authorizerUri: authorizer.authorizerUri}),
		identitySource: authorizer.authorizerType === 'JWT' ? ['$request.header.Authorization'] : ['route.request.header.Auth'],
	};
}

/** With `embed=methods` each method carries its integration; without, only the verbs are listed. */
export function restResourceShape(api: RestApiFixture, resource: RestResourceFixture, embedMethods: boolean): JsonObject {
	const parts = resource.path.split('/');
	const methods = Object.entries(resource.methods).map(([verb, method]): [string, JsonObject] => [
		verb,
		embedMethods
			? {
					httpMethod: verb,
					authorizationType: method.authorizerId === undefined ? 'NONE' : 'CUSTOM',
					...(method.authorizerId === undefined ? {} : {authorizerId: method.authorizerId}),
					apiKeyRequired: false,
					methodIntegration: {
						type: method.integrationType,
						...(method.uri === undefined ? {} : {uri: method.uri, httpMethod: 'POST'}),
						passthroughBehavior: 'WHEN_NO_MATCH',
						timeoutInMillis: 29000,
						cacheNamespace: resource.id,
						cacheKeyParameters: [],
					},
				}
			: {},
	]);
	return {
		id: resource.id,
		...(resource.path === '/' ? {} : {parentId: `${api.id.slice(0, 4)}root`, pathPart: parts[parts.length - 1] ?? ''}),
		path: resource.path,
		...(methods.length === 0 ? {} : {resourceMethods: Object.fromEntries(methods)}),
	};
}

export function restAuthorizerShape(authorizer: AuthorizerFixture): JsonObject {
	return {
		id: authorizer.authorizerId,
		name: authorizer.name,
		type: authorizer.authorizerType,
		...(authorizer.authorizerUri === undefined ? {} : {authorizerUri: authorizer.authorizerUri}),
		identitySource: 'method.request.header.Authorization',
		authorizerResultTtlInSeconds: 300,
	};
}
