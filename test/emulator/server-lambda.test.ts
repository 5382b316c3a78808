// The reads Lambda discovery makes, through the real SDK clients against the emulator: apigatewayv2
// routes, integrations and authorizers, api-gateway resources (methods embedded) and authorizers, and
// Lambda's GetFunctionConfiguration with the demo chat API's functions exactly as the demo logs them.

import {APIGatewayClient, GetAuthorizersCommand as GetRestAuthorizersCommand, GetResourcesCommand} from '@aws-sdk/client-api-gateway';
import {ApiGatewayV2Client, GetAuthorizersCommand, GetIntegrationsCommand, GetRoutesCommand} from '@aws-sdk/client-apigatewayv2';
import {GetFunctionConfigurationCommand, LambdaClient} from '@aws-sdk/client-lambda';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {addStandardApis, lambdaInvocationUri, type StandardApis} from '../../source/emulator/apigw-standard-fixtures.js';
import {lambdaFunctionArn} from '../../source/emulator/lambda-functions.js';
import {Emulator} from '../../source/emulator/server.js';
import {apigatewayClient, apigatewayV2Client, failureOf} from './server-clients.js';

let emulator: Emulator;
let standard: StandardApis;
let v2: ApiGatewayV2Client;
let v1: APIGatewayClient;
let lambda: LambdaClient;

beforeEach(async () => {
	emulator = await Emulator.start();
	standard = addStandardApis(emulator);
	v2 = apigatewayV2Client(emulator.endpoint, 1);
	v1 = apigatewayClient(emulator.endpoint, 1);
	lambda = new LambdaClient({region: 'us-east-1', credentials: {accessKeyId: 'x', secretAccessKey: 'y'}, endpoint: emulator.endpoint, maxAttempts: 1});
});

afterEach(async () => {
	for (const client of [v2, v1, lambda]) client.destroy();
	await emulator.stop();
});

describe('apigatewayv2 wiring of the demo chat API', () => {
	it('routes name their integration and authorizer; integrations and the authorizer name the chat functions', async () => {
		const apiId = standard.webSocket.apiId;
		const routes = await v2.send(new GetRoutesCommand({ApiId: apiId}));
		const integrations = await v2.send(new GetIntegrationsCommand({ApiId: apiId}));
		const authorizers = await v2.send(new GetAuthorizersCommand({ApiId: apiId}));
		const uriOf = new Map(integrations.Items?.map((item) => [`integrations/${item.IntegrationId}`, item.IntegrationUri]));
		expect(routes.Items?.map((route) => [route.RouteKey, uriOf.get(route.Target ?? ''), route.AuthorizationType])).toEqual([
			['$connect', lambdaInvocationUri(lambdaFunctionArn('chat-connect')), 'CUSTOM'],
			['sendmessage', lambdaInvocationUri(lambdaFunctionArn('chat-sendmessage')), 'NONE'],
			['$disconnect', lambdaInvocationUri(lambdaFunctionArn('chat-disconnect')), 'NONE'],
			['$default', lambdaInvocationUri(lambdaFunctionArn('chat-default')), 'NONE'],
		]);
		expect(integrations.Items?.every((item) => item.IntegrationType === 'AWS_PROXY')).toBe(true);
		expect(authorizers.Items).toEqual([
			expect.objectContaining({Name: 'chat-authorizer', AuthorizerType: 'REQUEST', AuthorizerUri: lambdaInvocationUri(lambdaFunctionArn('chat-authorizer'))}),
		]);
		expect(routes.Items?.[0]?.AuthorizerId).toBe(authorizers.Items?.[0]?.AuthorizerId);
	});

	it('pages integrations with MaxResults and NextToken', async () => {
		const first = await v2.send(new GetIntegrationsCommand({ApiId: standard.webSocket.apiId, MaxResults: '3'}));
		expect(first.Items).toHaveLength(3);
		const second = await v2.send(new GetIntegrationsCommand({ApiId: standard.webSocket.apiId, MaxResults: '3', NextToken: first.NextToken}));
		expect(second.Items).toHaveLength(1);
		expect(second.NextToken).toBeUndefined();
	});

	it('an unknown API is NotFoundException', async () => {
		const error = await failureOf(v2.send(new GetRoutesCommand({ApiId: 'nope000000'})));
		expect(error.name).toBe('NotFoundException');
	});
});

describe('api-gateway wiring of the REST API', () => {
	it('embeds each method with its integration URI and authorizer only when asked', async () => {
		const restApiId = standard.rest.restApiId;
		const embedded = await v1.send(new GetResourcesCommand({restApiId, embed: ['methods']}));
		const payments = embedded.items?.find((resource) => resource.path === '/payments');
		expect(payments?.resourceMethods?.['POST']?.methodIntegration?.uri).toBe(
			lambdaInvocationUri(`${lambdaFunctionArn('payments-charge')}:\${stageVariables.chargeAlias}`),
		);
		expect(payments?.resourceMethods?.['POST']?.authorizerId).toBe('au0token');
		const plain = await v1.send(new GetResourcesCommand({restApiId}));
		expect(plain.items?.find((resource) => resource.path === '/payments')?.resourceMethods?.['POST']?.methodIntegration).toBeUndefined();
		const authorizers = await v1.send(new GetRestAuthorizersCommand({restApiId}));
		expect(authorizers.items).toEqual([expect.objectContaining({id: 'au0token', name: 'payments-auth', type: 'TOKEN'})]);
	});
});

describe('lambda GetFunctionConfiguration', () => {
	it.each([
		['chat-authorizer', 'nodejs22.x', 'Text', '/aws/lambda/chat-authorizer'],
		['chat-connect', 'nodejs22.x', 'Text', '/aws/lambda/chat-connect'],
		['chat-sendmessage', 'nodejs22.x', 'JSON', '/aws/lambda/chat-sendmessage'],
		['chat-disconnect', 'python3.13', 'Text', '/aws/lambda/chat-disconnect'],
		['chat-default', 'python3.13', 'Text', '/chat-demo/functions'],
	])('%s: %s, %s logs to %s', async (name, runtime, format, group) => {
		const output = await lambda.send(new GetFunctionConfigurationCommand({FunctionName: lambdaFunctionArn(name)}));
		expect(output).toMatchObject({FunctionName: name, Runtime: runtime, LoggingConfig: {LogFormat: format, LogGroup: group}});
		expect(emulator.logs.group(group)).toBeDefined();
	});

	it('accepts a bare name, an alias it has and a version; refuses an alias it lacks', async () => {
		expect((await lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'payments-charge', Qualifier: 'live'}))).FunctionArn).toBe(
			`${lambdaFunctionArn('payments-charge')}:live`,
		);
		expect((await lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'chat-connect:7'}))).Version).toBe('7');
		const error = await failureOf(lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'chat-connect', Qualifier: 'blue'})));
		expect(error.name).toBe('ResourceNotFoundException');
	});

	it('an unknown function is ResourceNotFoundException (404); another account or a denied one is AccessDeniedException (403)', async () => {
		const missing = await failureOf(lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'no-such-function'})));
		expect([missing.name, missing.$metadata?.httpStatusCode]).toEqual(['ResourceNotFoundException', 404]);
		const foreign = await failureOf(lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'arn:aws:lambda:us-east-1:999999999999:function:theirs'})));
		expect([foreign.name, foreign.$metadata?.httpStatusCode]).toEqual(['AccessDeniedException', 403]);
		emulator.apis.functions.add({name: 'locked', runtime: 'nodejs22.x', denied: true});
		const locked = await failureOf(lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'locked'})));
		expect(locked.name).toBe('AccessDeniedException');
		expect(locked.message).toContain('lambda:GetFunctionConfiguration');
	});
});
