// The API Gateway control plane of the emulator through the real apigatewayv2 and api-gateway
// clients: the fixtures come back in the SDK's output shapes, unknown ids are NotFoundException.

import {
	APIGatewayClient,
	GetAccountCommand,
	GetRestApisCommand,
	GetStageCommand as GetRestStageCommand,
	GetStagesCommand as GetRestStagesCommand,
} from '@aws-sdk/client-api-gateway';
import {ApiGatewayV2Client, GetApiCommand, GetApisCommand, GetStageCommand, GetStagesCommand} from '@aws-sdk/client-apigatewayv2';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {executionLogGroupName} from '../../source/core/execution-log-group.js';
import {
	accessLogGroupName,
	addStandardApis,
	STANDARD_CLOUDWATCH_ROLE_ARN,
	WEBSOCKET_FORMAT_WITHOUT_CONNECTION_ID,
	type StandardApis,
} from '../../source/emulator/apigw-standard-fixtures.js';
import {Emulator} from '../../source/emulator/server.js';
import {DEMO_ACCESS_LOG_FORMAT} from '../../source/emulator/traffic.js';
import {apigatewayClient, apigatewayV2Client, failureOf} from './server-clients.js';

let emulator: Emulator;
let standard: StandardApis;
let v2: ApiGatewayV2Client;
let v1: APIGatewayClient;

beforeEach(async () => {
	emulator = await Emulator.start();
	standard = addStandardApis(emulator);
	v2 = apigatewayV2Client(emulator.endpoint, 1);
	v1 = apigatewayClient(emulator.endpoint, 1);
});

afterEach(async () => {
	v2.destroy();
	v1.destroy();
	await emulator.stop();
});

describe('apigatewayv2 (WebSocket and HTTP APIs)', () => {
	it('lists the APIs with their ids, names and protocols', async () => {
		const {Items} = await v2.send(new GetApisCommand({}));
		expect(Items?.map(({ApiId, Name, ProtocolType}) => ({ApiId, Name, ProtocolType}))).toEqual([
			{ApiId: standard.webSocket.apiId, Name: 'chat-demo', ProtocolType: 'WEBSOCKET'},
			{ApiId: standard.http.apiId, Name: 'orders-http', ProtocolType: 'HTTP'},
		]);
		expect(Items?.[0]?.CreatedDate).toBeInstanceOf(Date);
		expect(Items?.[0]?.ApiEndpoint).toBe(`wss://${standard.webSocket.apiId}.execute-api.us-east-1.amazonaws.com`);
		const paged = await v2.send(new GetApisCommand({MaxResults: '1'}));
		expect(paged.Items).toHaveLength(1);
		const rest = await v2.send(new GetApisCommand({MaxResults: '1', NextToken: paged.NextToken}));
		expect(rest.Items?.[0]?.ApiId).toBe(standard.http.apiId);
		expect(rest.NextToken).toBeUndefined();
		expect((await v2.send(new GetApiCommand({ApiId: standard.http.apiId}))).Name).toBe('orders-http');
	});

	it('returns the healthy WebSocket stage: INFO logs and an access log with connectionId', async () => {
		const stage = await v2.send(new GetStageCommand({ApiId: standard.webSocket.apiId, StageName: standard.webSocket.healthy}));
		expect(stage.StageName).toBe('prod');
		expect(stage.AccessLogSettings).toEqual({
			DestinationArn: `arn:aws:logs:us-east-1:123456789012:log-group:${accessLogGroupName(standard.webSocket.apiId, 'prod')}`,
			Format: DEMO_ACCESS_LOG_FORMAT,
		});
		expect(stage.DefaultRouteSettings).toEqual({LoggingLevel: 'INFO', DataTraceEnabled: false, DetailedMetricsEnabled: false});
		expect(stage.CreatedDate).toBeInstanceOf(Date);
		expect(stage.RouteSettings).toEqual({});
	});

	it('returns every misconfigured WebSocket variant as configured', async () => {
		const get = (StageName: string) => v2.send(new GetStageCommand({ApiId: standard.webSocket.apiId, StageName}));
		expect((await get(standard.webSocket.loggingOff)).DefaultRouteSettings?.LoggingLevel).toBe('OFF');
		expect((await get(standard.webSocket.noAccessLog)).AccessLogSettings).toBeUndefined();
		const legacy = await get(standard.webSocket.accessWithoutConnectionId);
		expect(legacy.AccessLogSettings?.Format).toBe(WEBSOCKET_FORMAT_WITHOUT_CONNECTION_ID);
		expect(legacy.AccessLogSettings?.Format).not.toContain('connectionId');
		expect((await get(standard.webSocket.dataTrace)).DefaultRouteSettings?.DataTraceEnabled).toBe(true);
		const {Items} = await v2.send(new GetStagesCommand({ApiId: standard.webSocket.apiId}));
		expect(Items?.map((stage) => stage.StageName)).toEqual(['prod', 'dev', 'staging', 'legacy', 'debug']);
	});

	it('returns HTTP stages without execution-log settings, including $default', async () => {
		const stage = await v2.send(new GetStageCommand({ApiId: standard.http.apiId, StageName: '$default'}));
		expect(stage.AccessLogSettings?.Format).toContain('$context.requestId');
		expect(stage.DefaultRouteSettings).toEqual({DetailedMetricsEnabled: false});
		const dev = await v2.send(new GetStageCommand({ApiId: standard.http.apiId, StageName: standard.http.noAccessLog}));
		expect(dev.AccessLogSettings).toBeUndefined();
	});

	it('returns per-route settings', async () => {
		const apiId = emulator.apis.addWebSocketApi({
			name: 'routes',
			stages: [{stageName: 'prod', loggingLevel: 'ERROR', routeSettings: {$connect: {loggingLevel: 'INFO', dataTraceEnabled: true}}}],
		});
		const stage = await v2.send(new GetStageCommand({ApiId: apiId, StageName: 'prod'}));
		expect(stage.RouteSettings?.['$connect']).toEqual({LoggingLevel: 'INFO', DataTraceEnabled: true, DetailedMetricsEnabled: false});
		expect(apiId).toMatch(/^[a-z0-9]{10}$/);
	});

	it('answers NotFoundException (404) for unknown APIs and stages', async () => {
		for (const call of [
			v2.send(new GetApiCommand({ApiId: 'nope'})),
			v2.send(new GetStagesCommand({ApiId: 'nope'})),
			v2.send(new GetStageCommand({ApiId: 'nope', StageName: 'prod'})),
			v2.send(new GetStageCommand({ApiId: standard.webSocket.apiId, StageName: 'nope'})),
		]) {
			const error = await failureOf(call);
			expect(error.name).toBe('NotFoundException');
			expect(error.$metadata?.httpStatusCode).toBe(404);
		}
	});
});

describe('api-gateway (REST APIs and the account)', () => {
	it('lists REST APIs and pages them by position', async () => {
		const {items} = await v1.send(new GetRestApisCommand({}));
		expect(items?.map(({id, name}) => ({id, name}))).toEqual([{id: standard.rest.restApiId, name: 'payments-rest'}]);
		expect(items?.[0]?.createdDate).toBeInstanceOf(Date);
		const second = emulator.apis.addRestApi({name: 'second', stages: []});
		const first = await v1.send(new GetRestApisCommand({limit: 1}));
		expect(first.items?.map((api) => api.id)).toEqual([standard.rest.restApiId]);
		const next = await v1.send(new GetRestApisCommand({limit: 1, position: first.position}));
		expect(next.items?.map((api) => api.id)).toEqual([second]);
		expect(next.position).toBeUndefined();
	});

	it('returns REST stages with access-log settings and */* method settings', async () => {
		const get = (stageName: string) => v1.send(new GetRestStageCommand({restApiId: standard.rest.restApiId, stageName}));
		const healthy = await get(standard.rest.healthy);
		expect(healthy.accessLogSettings?.destinationArn).toBe(
			`arn:aws:logs:us-east-1:123456789012:log-group:${accessLogGroupName(standard.rest.restApiId, 'prod')}`,
		);
		expect(healthy.accessLogSettings?.format).toContain('$context.requestId');
		expect(healthy.methodSettings?.['*/*']).toMatchObject({loggingLevel: 'INFO', dataTraceEnabled: false, metricsEnabled: false});
		expect(healthy.createdDate).toBeInstanceOf(Date);
		expect((await get(standard.rest.loggingOff)).methodSettings?.['*/*']?.loggingLevel).toBe('OFF');
		expect((await get(standard.rest.noAccessLog)).accessLogSettings).toBeUndefined();
		expect((await get(standard.rest.dataTrace)).methodSettings?.['*/*']?.dataTraceEnabled).toBe(true);
		const {item} = await v1.send(new GetRestStagesCommand({restApiId: standard.rest.restApiId}));
		expect(item?.map((stage) => stage.stageName)).toEqual(['prod', 'dev', 'staging', 'debug']);
	});

	it('returns no method settings for a stage where logging was never set', async () => {
		const id = emulator.apis.addRestApi({name: 'bare', stages: [{stageName: 'v1'}]});
		const stage = await v1.send(new GetRestStageCommand({restApiId: id, stageName: 'v1'}));
		expect(stage.methodSettings).toEqual({});
	});

	it('reports the account CloudWatch role, or its absence', async () => {
		expect((await v1.send(new GetAccountCommand({}))).cloudwatchRoleArn).toBe(STANDARD_CLOUDWATCH_ROLE_ARN);
		emulator.apis.setAccount({});
		expect((await v1.send(new GetAccountCommand({}))).cloudwatchRoleArn).toBeUndefined();
	});

	it('answers NotFoundException (404) for unknown REST APIs and stages', async () => {
		for (const call of [
			v1.send(new GetRestStagesCommand({restApiId: 'nope'})),
			v1.send(new GetRestStageCommand({restApiId: 'nope', stageName: 'prod'})),
			v1.send(new GetRestStageCommand({restApiId: standard.rest.restApiId, stageName: 'nope'})),
		]) {
			const error = await failureOf(call);
			expect(error.name).toBe('NotFoundException');
			expect(error.$metadata?.httpStatusCode).toBe(404);
		}
	});
});

describe('standard fixtures', () => {
	it('creates the log groups the stages write to, execution groups only where logging is on', () => {
		const {apiId} = standard.webSocket;
		expect(emulator.logs.group(accessLogGroupName(apiId, 'prod'))).toBeDefined();
		expect(emulator.logs.group(executionLogGroupName(apiId, 'prod'))).toBeDefined();
		expect(emulator.logs.group(executionLogGroupName(apiId, 'dev'))).toBeUndefined();
		expect(emulator.logs.group(accessLogGroupName(apiId, 'staging'))).toBeUndefined();
		expect(emulator.logs.group(executionLogGroupName(standard.rest.restApiId, 'dev'))).toBeUndefined();
	});

	it('can model an account without a CloudWatch role', async () => {
		const other = await Emulator.start();
		try {
			expect(addStandardApis(other, {cloudwatchRole: false}).cloudwatchRoleArn).toBeUndefined();
			expect(other.apis.account.cloudwatchRoleArn).toBeUndefined();
		} finally {
			await other.stop();
		}
	});
});
