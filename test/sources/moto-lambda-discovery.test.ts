// Lambda discovery against moto, an emulator nobody on this project wrote: moto creates functions,
// apigatewayv2 integrations, authorizers and routes and REST method integrations and authorizers
// without Docker. Its GetFunctionConfiguration has no LoggingConfig, so the default group applies.
// Where moto_server is not installed (a contributor's laptop) the test says so and passes; in CI it fails.

import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {CreateAuthorizerCommand as CreateRestAuthorizerCommand, CreateRestApiCommand, GetResourcesCommand, PutIntegrationCommand, PutMethodCommand} from '@aws-sdk/client-api-gateway';
import {CreateApiCommand, CreateAuthorizerCommand, CreateIntegrationCommand, CreateRouteCommand} from '@aws-sdk/client-apigatewayv2';
import {CreateFunctionCommand} from '@aws-sdk/client-lambda';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {createAwsClients, type AwsClients} from '../../source/sources/cloudwatch/clients.js';
import {discoverLambdaFunctions} from '../../source/sources/discovery/lambda-functions.js';
import {describeWithMoto, motoEnvironment, startMoto, type MotoServer} from '../helpers/moto.js';

const REGION = 'us-east-1';
const ACCOUNT = '123456789012';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/moto-lambda-role`;
/** An empty zip archive: moto stores the code, it never runs it here. */
const EMPTY_ZIP = Uint8Array.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]);

const functionArn = (name: string): string => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
const invocationUri = (arn: string): string => `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${arn}/invocations`;

describeWithMoto('Lambda discovery against moto', () => {
	let moto: MotoServer | undefined;
	let home: string | undefined;
	let clients: AwsClients;
	const savedEnv = process.env;

	beforeAll(async () => {
		moto = await startMoto();
		home = mkdtempSync(join(tmpdir(), 'apigw-tail-moto-lambda-'));
		process.env = motoEnvironment(home);
		clients = await createAwsClients({region: REGION, endpointUrl: moto.endpoint}, process.env);
		await createRole(moto.endpoint);
		for (const name of ['moto-connect', 'moto-auth', 'moto-charge']) {
			await clients.lambda.send(
				new CreateFunctionCommand({FunctionName: name, Runtime: 'nodejs22.x', Role: ROLE_ARN, Handler: 'index.handler', Code: {ZipFile: EMPTY_ZIP}}),
			);
		}
	});

	afterAll(async () => {
		clients?.destroy();
		process.env = savedEnv;
		await moto?.stop();
		if (home !== undefined) rmSync(home, {recursive: true, force: true});
	});

	it('WebSocket: the $connect integration function in its default group; moto 5.2 cannot list v2 authorizers, which is a warning', async () => {
		const api = await clients.apigwV2.send(new CreateApiCommand({Name: 'moto-chat', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action'}));
		const ApiId = api.ApiId ?? '';
		const integration = await clients.apigwV2.send(
			new CreateIntegrationCommand({ApiId, IntegrationType: 'AWS_PROXY', IntegrationUri: invocationUri(functionArn('moto-connect'))}),
		);
		const authorizer = await clients.apigwV2.send(
			new CreateAuthorizerCommand({
				ApiId,
				Name: 'moto-auth',
				AuthorizerType: 'REQUEST',
				AuthorizerUri: invocationUri(functionArn('moto-auth')),
				IdentitySource: ['route.request.header.Auth'],
			}),
		);
		await clients.apigwV2.send(
			new CreateRouteCommand({ApiId, RouteKey: '$connect', Target: `integrations/${integration.IntegrationId}`, AuthorizationType: 'CUSTOM', AuthorizerId: authorizer.AuthorizerId}),
		);

		const {functions, warnings} = await discoverLambdaFunctions(clients, {apiId: ApiId, apiType: 'WEBSOCKET', stageVariables: {}, account: ACCOUNT});
		// moto_server 5.2.1 has GetAuthorizer but not GetAuthorizers: it answers a 500 HTML page.
		expect(warnings).toEqual([
			"the API's authorizers could not be listed (GetAuthorizers is not implemented by this endpoint: it did not answer as AWS does): authorizer functions are not tailed",
		]);
		expect(functions).toEqual([
			{functionName: 'moto-connect', functionArn: functionArn('moto-connect'), role: 'integration', routeKeys: ['$connect'], logGroup: '/aws/lambda/moto-connect'},
		]);
	});

	it('REST: a method integration through a stage variable, a TOKEN authorizer, and a function moto does not have', async () => {
		const api = await clients.apigwV1.send(new CreateRestApiCommand({name: 'moto-payments'}));
		const restApiId = api.id ?? '';
		const resourceId = (await clients.apigwV1.send(new GetResourcesCommand({restApiId}))).items?.[0]?.id ?? '';
		const authorizer = await clients.apigwV1.send(
			new CreateRestAuthorizerCommand({restApiId, name: 'moto-auth', type: 'TOKEN', authorizerUri: invocationUri(functionArn('moto-auth')), identitySource: 'method.request.header.Authorization'}),
		);
		for (const [httpMethod, uri] of [
			['POST', invocationUri(`${functionArn('${stageVariables.fn}')}`)],
			['DELETE', invocationUri(functionArn('moto-missing'))],
		] as const) {
			await clients.apigwV1.send(new PutMethodCommand({restApiId, resourceId, httpMethod, authorizationType: 'CUSTOM', authorizerId: authorizer.id}));
			await clients.apigwV1.send(new PutIntegrationCommand({restApiId, resourceId, httpMethod, type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri}));
		}

		const {functions, warnings} = await discoverLambdaFunctions(clients, {apiId: restApiId, apiType: 'REST', stageVariables: {fn: 'moto-charge'}, account: ACCOUNT});
		expect(functions.map((f) => [f.functionName, f.role, f.routeKeys, f.logGroup])).toEqual([
			['moto-auth', 'authorizer', ['DELETE /', 'POST /'], '/aws/lambda/moto-auth'],
			['moto-charge', 'integration', ['POST /'], '/aws/lambda/moto-charge'],
		]);
		expect(warnings).toEqual([expect.stringMatching(/^integration moto-missing does not exist \(.*ResourceNotFoundException.*\): not tailed$/)]);
	});
});

/** IAM's query API by hand (no IAM client is installed): moto's CreateFunction wants the role to exist. */
async function createRole(endpoint: string): Promise<void> {
	const body = new URLSearchParams({
		Action: 'CreateRole',
		Version: '2010-05-08',
		RoleName: 'moto-lambda-role',
		AssumeRolePolicyDocument: JSON.stringify({Version: '2012-10-17', Statement: [{Effect: 'Allow', Principal: {Service: 'lambda.amazonaws.com'}, Action: 'sts:AssumeRole'}]}),
	});
	const response = await fetch(endpoint, {
		method: 'POST',
		body,
		headers: {authorization: `AWS4-HMAC-SHA256 Credential=testing/20260101/${REGION}/iam/aws4_request, SignedHeaders=host, Signature=0`},
	});
	if (!response.ok) throw new Error(`CreateRole answered ${response.status}: ${await response.text()}`);
}
