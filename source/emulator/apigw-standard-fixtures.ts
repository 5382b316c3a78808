// A known set of APIs for tests, the emulator command and `doctor`: one healthy stage per API type
// and one stage per misconfiguration that leaves a user without logs (or without correlation).

import {DEMO_FUNCTIONS} from './lambda-log-shapes.js';
import {executionLogGroupName} from '../core/execution-log-group.js';
import {DEMO_ACCESS_LOG_FORMAT} from './traffic.js';
import type {AccessLogSettings, ApiGatewayFixtures} from './apigw-fixtures.js';
import {lambdaFunctionArn, type LambdaFunctionFixture} from './lambda-functions.js';
import {EMULATOR_REGION, logGroupArn, type LogsStore} from './logs-store.js';

export const STANDARD_CLOUDWATCH_ROLE_ARN = 'arn:aws:iam::123456789012:role/APIGatewayPushToCloudWatchLogs';

/** WebSocket CLF-style template without `$context.connectionId`: requests cannot be tied to connections. */
export const WEBSOCKET_FORMAT_WITHOUT_CONNECTION_ID =
	'$context.identity.sourceIp - - [$context.requestTime] "$context.eventType $context.routeKey" $context.status $context.requestId';

/** The console's JSON suggestion for HTTP APIs. */
export const HTTP_JSON_FORMAT =
	'{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime","httpMethod":"$context.httpMethod","routeKey":"$context.routeKey","status":"$context.status","protocol":"$context.protocol","responseLength":"$context.responseLength","integrationError":"$context.integrationErrorMessage"}';

export const REST_JSON_FORMAT =
	'{"requestId":"$context.requestId","extendedRequestId":"$context.extendedRequestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime","httpMethod":"$context.httpMethod","resourcePath":"$context.resourcePath","status":"$context.status","protocol":"$context.protocol","responseLength":"$context.responseLength"}';

/** The demo chat API's functions, as its traffic writes their logs (one list: lambda-log-shapes.ts). */
export const CHAT_FUNCTIONS: readonly LambdaFunctionFixture[] = Object.values(DEMO_FUNCTIONS).map((fn) => ({
	name: fn.name,
	runtime: fn.runtime,
	logFormat: fn.logFormat,
	// A custom group (chat-default's) is not /aws/lambda/NAME: discovery must ask, not assume.
	...(fn.logGroup === `/aws/lambda/${fn.name}` ? {} : {logGroup: fn.logGroup}),
	memorySize: fn.memoryMB,
	timeout: fn.timeoutSeconds,
}));

/** How API Gateway writes a Lambda integration or authorizer URI. */
export const lambdaInvocationUri = (functionArn: string): string =>
	`arn:aws:apigateway:${EMULATOR_REGION}:lambda:path/2015-03-31/functions/${functionArn}/invocations`;

export interface StandardApis {
	webSocket: {
		apiId: string;
		/** INFO execution logs and the demo's JSON access format (same id, stage and group as `demo`). */
		healthy: string;
		loggingOff: string;
		noAccessLog: string;
		accessWithoutConnectionId: string;
		dataTrace: string;
	};
	http: {apiId: string; healthy: string; noAccessLog: string};
	rest: {restApiId: string; healthy: string; loggingOff: string; noAccessLog: string; dataTrace: string};
	/** Undefined when installed with `cloudwatchRole: false`. */
	cloudwatchRoleArn: string | undefined;
}

export interface StandardApisOptions {
	/** Whether the account has a CloudWatch role (default true); false models "execution logs never appear". */
	cloudwatchRole?: boolean;
}

export const accessLogGroupName = (apiId: string, stage: string): string => `/aws/apigateway/${apiId}/${stage}/access`;

/**
 * Adds the standard APIs to `target.apis` and, when `target.logs` is given, creates the log groups
 * their stages write to (execution groups only where logging is on), as a real account would have.
 */
export function addStandardApis(target: {apis: ApiGatewayFixtures; logs?: LogsStore}, options: StandardApisOptions = {}): StandardApis {
	const {apis, logs} = target;
	const access = (apiId: string, stage: string, format: string): AccessLogSettings => {
		const group = accessLogGroupName(apiId, stage);
		ensureGroup(logs, group);
		return {destinationArn: logGroupArn(group), format};
	};
	const executionLogged = (apiId: string, stage: string): void => ensureGroup(logs, executionLogGroupName(apiId, stage));

	const addFunction = (fixture: LambdaFunctionFixture): void => {
		apis.functions.add(fixture);
		ensureGroup(logs, fixture.logGroup ?? `/aws/lambda/${fixture.name}`);
	};
	for (const fixture of CHAT_FUNCTIONS) addFunction(fixture);
	const chatIntegration = (integrationId: string, name: string) => ({integrationId, integrationType: 'AWS_PROXY', integrationUri: lambdaInvocationUri(lambdaFunctionArn(name))});

	const wsId = 'a1b2c3d4e5';
	apis.addWebSocketApi({
		id: wsId,
		name: 'chat-demo',
		integrations: [
			chatIntegration('i0connect', 'chat-connect'),
			chatIntegration('i0sendmsg', 'chat-sendmessage'),
			chatIntegration('i0disconn', 'chat-disconnect'),
			chatIntegration('i0default', 'chat-default'),
		],
		authorizers: [{authorizerId: 'au0chat', name: 'chat-authorizer', authorizerType: 'REQUEST', authorizerUri: lambdaInvocationUri(lambdaFunctionArn('chat-authorizer'))}],
		routes: [
			{routeKey: '$connect', integrationId: 'i0connect', authorizerId: 'au0chat'},
			{routeKey: 'sendmessage', integrationId: 'i0sendmsg'},
			{routeKey: '$disconnect', integrationId: 'i0disconn'},
			{routeKey: '$default', integrationId: 'i0default'},
		],
		stages: [
			{stageName: 'prod', loggingLevel: 'INFO', accessLogSettings: access(wsId, 'prod', DEMO_ACCESS_LOG_FORMAT)},
			{stageName: 'dev', loggingLevel: 'OFF', accessLogSettings: access(wsId, 'dev', DEMO_ACCESS_LOG_FORMAT)},
			{stageName: 'staging', loggingLevel: 'INFO'},
			{stageName: 'legacy', loggingLevel: 'ERROR', accessLogSettings: access(wsId, 'legacy', WEBSOCKET_FORMAT_WITHOUT_CONNECTION_ID)},
			{stageName: 'debug', loggingLevel: 'INFO', dataTraceEnabled: true, accessLogSettings: access(wsId, 'debug', DEMO_ACCESS_LOG_FORMAT)},
		],
	});
	for (const stage of ['prod', 'staging', 'legacy', 'debug']) executionLogged(wsId, stage);

	addFunction({name: 'orders-create', runtime: 'nodejs22.x', logFormat: 'JSON'});
	const httpId = 'h1t2t3p4a5';
	apis.addHttpApi({
		id: httpId,
		name: 'orders-http',
		// CDK writes HTTP API Lambda integrations as the plain function ARN; JWT authorizers have no function.
		integrations: [{integrationId: 'i0orders', integrationType: 'AWS_PROXY', integrationUri: lambdaFunctionArn('orders-create')}],
		authorizers: [{authorizerId: 'au0jwt', name: 'cognito', authorizerType: 'JWT'}],
		routes: [{routeKey: 'POST /orders', integrationId: 'i0orders', authorizerId: 'au0jwt'}],
		stages: [{stageName: '$default', accessLogSettings: access(httpId, 'default', HTTP_JSON_FORMAT)}, {stageName: 'dev'}],
	});

	addFunction({name: 'payments-charge', runtime: 'python3.13', aliases: ['live']});
	addFunction({name: 'payments-auth', runtime: 'nodejs22.x'});
	const restId = 'r1e2s3t4a5';
	apis.addRestApi({
		id: restId,
		name: 'payments-rest',
		// The charge function is chosen per stage (an alias, through a stage variable): dev does not set it.
		resources: [
			{id: `${restId.slice(0, 4)}root`, path: '/', methods: {}},
			{
				id: 'pay0res',
				path: '/payments',
				methods: {
					POST: {
						integrationType: 'AWS_PROXY',
						uri: lambdaInvocationUri(`${lambdaFunctionArn('payments-charge')}:\${stageVariables.chargeAlias}`),
						authorizerId: 'au0token',
					},
				},
			},
		],
		authorizers: [{authorizerId: 'au0token', name: 'payments-auth', authorizerType: 'TOKEN', authorizerUri: lambdaInvocationUri(lambdaFunctionArn('payments-auth'))}],
		stages: [
			{stageName: 'prod', loggingLevel: 'INFO', accessLogSettings: access(restId, 'prod', REST_JSON_FORMAT), stageVariables: {chargeAlias: 'live'}},
			{stageName: 'dev', loggingLevel: 'OFF', accessLogSettings: access(restId, 'dev', REST_JSON_FORMAT)},
			{stageName: 'staging', loggingLevel: 'ERROR', stageVariables: {chargeAlias: 'live'}},
			{stageName: 'debug', loggingLevel: 'INFO', dataTraceEnabled: true, accessLogSettings: access(restId, 'debug', REST_JSON_FORMAT), stageVariables: {chargeAlias: 'live'}},
		],
	});
	for (const stage of ['prod', 'staging', 'debug']) executionLogged(restId, stage);

	const cloudwatchRoleArn = options.cloudwatchRole === false ? undefined : STANDARD_CLOUDWATCH_ROLE_ARN;
	apis.setAccount(cloudwatchRoleArn === undefined ? {} : {cloudwatchRoleArn});

	return {
		webSocket: {apiId: wsId, healthy: 'prod', loggingOff: 'dev', noAccessLog: 'staging', accessWithoutConnectionId: 'legacy', dataTrace: 'debug'},
		http: {apiId: httpId, healthy: '$default', noAccessLog: 'dev'},
		rest: {restApiId: restId, healthy: 'prod', loggingOff: 'dev', noAccessLog: 'staging', dataTrace: 'debug'},
		cloudwatchRoleArn,
	};
}

function ensureGroup(logs: LogsStore | undefined, name: string): void {
	if (logs !== undefined && logs.group(name) === undefined) logs.createLogGroup(name);
}
