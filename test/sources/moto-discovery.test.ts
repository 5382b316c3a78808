// discoverStage against moto, an emulator nobody on this project wrote: what our own emulator and
// our code agree on must also hold against an independent reading of the AWS APIs. moto implements
// apigatewayv2 CreateApi/CreateStage with AccessLogSettings and DefaultRouteSettings, api-gateway
// stages (access logs and `*/*` logging through UpdateStage) and CloudWatch Logs log groups.
// Where moto_server is not installed (a contributor's laptop) the test says so and passes; in CI it fails.

import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {
	CreateDeploymentCommand,
	CreateRestApiCommand,
	GetResourcesCommand,
	PutIntegrationCommand,
	PutMethodCommand,
	UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import {CreateApiCommand, CreateStageCommand} from '@aws-sdk/client-apigatewayv2';
import {CreateLogGroupCommand} from '@aws-sdk/client-cloudwatch-logs';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {UserError} from '../../source/exit-codes.js';
import {createAwsClients, type AwsClients} from '../../source/sources/cloudwatch/clients.js';
import {discoverStage} from '../../source/sources/discovery/discovery.js';
import {describeWithMoto, motoEnvironment, startMoto, type MotoServer} from '../helpers/moto.js';

const REGION = 'us-east-1';
const ACCOUNT = '123456789012';
const ACCESS_FORMAT = '{"requestId":"$context.requestId","connectionId":"$context.connectionId","eventType":"$context.eventType","status":"$context.status"}';

describeWithMoto('discovery against moto', () => {
	let moto: MotoServer | undefined;
	let home: string | undefined;
	let clients: AwsClients;
	const savedEnv = process.env;
	const arnOf = (name: string): string => `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${name}`;

	beforeAll(async () => {
		moto = await startMoto();
		home = mkdtempSync(join(tmpdir(), 'apigw-tail-moto-'));
		process.env = motoEnvironment(home);
		clients = await createAwsClients({region: REGION, endpointUrl: moto.endpoint}, process.env);
	});

	afterAll(async () => {
		clients?.destroy();
		process.env = savedEnv;
		await moto?.stop();
		if (home !== undefined) rmSync(home, {recursive: true, force: true});
	});

	async function logGroup(name: string): Promise<void> {
		await clients.logs.send(new CreateLogGroupCommand({logGroupName: name}));
	}

	it('finds both logs of a WebSocket stage by name, and warns about a stage with logging OFF', async () => {
		const api = await clients.apigwV2.send(new CreateApiCommand({Name: 'moto-chat', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action'}));
		const apiId = api.ApiId ?? '';
		for (const [stage, level] of [['prod', 'INFO'], ['dev', 'OFF']] as const) {
			await logGroup(`/moto/chat/${stage}/access`);
			await clients.apigwV2.send(
				new CreateStageCommand({
					ApiId: apiId,
					StageName: stage,
					AccessLogSettings: {DestinationArn: arnOf(`/moto/chat/${stage}/access`), Format: ACCESS_FORMAT},
					DefaultRouteSettings: {LoggingLevel: level},
				}),
			);
		}
		await logGroup(`API-Gateway-Execution-Logs_${apiId}/prod`);

		const prod = await discoverStage(clients, 'moto-chat', 'prod');
		expect(prod).toEqual({
			apiId,
			apiName: 'moto-chat',
			apiType: 'WEBSOCKET',
			stage: 'prod',
			executionLogGroup: {name: `API-Gateway-Execution-Logs_${apiId}/prod`, arn: arnOf(`API-Gateway-Execution-Logs_${apiId}/prod`)},
			accessLogGroup: {name: '/moto/chat/prod/access', arn: arnOf('/moto/chat/prod/access')},
			accessLogFormat: ACCESS_FORMAT,
			stageVariables: {},
			account: ACCOUNT,
			warnings: [],
		});

		const dev = await discoverStage(clients, apiId, 'dev');
		expect(dev.executionLogGroup).toBeUndefined();
		expect(dev.accessLogGroup).toEqual({name: '/moto/chat/dev/access', arn: arnOf('/moto/chat/dev/access')});
		expect(dev.warnings).toEqual([
			`execution logging is OFF for stage dev (no execution log): enable it with \`aws apigatewayv2 update-stage --api-id ${apiId} --stage-name dev --default-route-settings LoggingLevel=INFO --region us-east-1\``,
		]);

		const error = await discoverStage(clients, apiId, 'qa').catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(UserError);
		expect((error as UserError).message).toBe(`no stage "qa" on API "moto-chat" (${apiId}): available stages: prod, dev`);
	});

	it('finds the access log of an HTTP API (no execution log)', async () => {
		const api = await clients.apigwV2.send(new CreateApiCommand({Name: 'moto-orders', ProtocolType: 'HTTP'}));
		const apiId = api.ApiId ?? '';
		await logGroup('/moto/orders/access');
		await clients.apigwV2.send(new CreateStageCommand({ApiId: apiId, StageName: '$default', AccessLogSettings: {DestinationArn: `${arnOf('/moto/orders/access')}:*`, Format: ACCESS_FORMAT}}));
		const targets = await discoverStage(clients, 'moto-orders', '$default');
		expect(targets.apiType).toBe('HTTP');
		expect(targets.executionLogGroup).toBeUndefined();
		expect(targets.accessLogGroup).toEqual({name: '/moto/orders/access', arn: arnOf('/moto/orders/access')});
		expect(targets.warnings).toEqual([]);
	});

	it('finds a REST stage configured through UpdateStage; a missing execution group names the absent CloudWatch role', async () => {
		const api = await clients.apigwV1.send(new CreateRestApiCommand({name: 'moto-payments'}));
		const restApiId = api.id ?? '';
		const resources = await clients.apigwV1.send(new GetResourcesCommand({restApiId}));
		const resourceId = resources.items?.[0]?.id ?? '';
		await clients.apigwV1.send(new PutMethodCommand({restApiId, resourceId, httpMethod: 'GET', authorizationType: 'NONE'}));
		await clients.apigwV1.send(new PutIntegrationCommand({restApiId, resourceId, httpMethod: 'GET', type: 'MOCK'}));
		await clients.apigwV1.send(new CreateDeploymentCommand({restApiId, stageName: 'prod'}));
		await clients.apigwV1.send(
			new UpdateStageCommand({
				restApiId,
				stageName: 'prod',
				patchOperations: [
					{op: 'replace', path: '/accessLogSettings/destinationArn', value: arnOf('/moto/payments/access')},
					{op: 'replace', path: '/accessLogSettings/format', value: '$context.requestId $context.status'},
					{op: 'replace', path: '/*/*/logging/loglevel', value: 'INFO'},
				],
			}),
		);
		await logGroup('/moto/payments/access');

		const targets = await discoverStage(clients, restApiId, 'prod');
		expect(targets.apiType).toBe('REST');
		expect(targets.accessLogGroup).toEqual({name: '/moto/payments/access', arn: arnOf('/moto/payments/access')});
		expect(targets.accessLogFormat).toBe('$context.requestId $context.status');
		// moto's account has no CloudWatch role, which is exactly why a real stage would have no execution group.
		expect(targets.executionLogGroup).toBeUndefined();
		expect(targets.warnings).toEqual([
			'execution logging is INFO for stage prod but the account has no CloudWatch Logs role for API Gateway, so nothing is written: set one with `aws apigateway update-account --patch-operations op=replace,path=/cloudwatchRoleArn,value=ROLE_ARN --region us-east-1`',
		]);
	});
});
