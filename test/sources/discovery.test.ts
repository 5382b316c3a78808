// discoverStage and resolveLogGroups with real SDK clients (built by createAwsClients) against the
// emulator's API Gateway control plane and CloudWatch Logs: every API type, by id and by name, each
// misconfiguration the standard fixtures model, throttling and failing calls.

import {useEmulatedAws} from '../helpers/emulated-aws.js';
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {describe, expect, it} from 'vitest';
import {executionLogGroupName} from '../../source/core/execution-log-group.js';
import {
	accessLogGroupName,
	addStandardApis,
	HTTP_JSON_FORMAT,
	REST_JSON_FORMAT,
} from '../../source/emulator/apigw-standard-fixtures.js';
import {logGroupArn} from '../../source/emulator/logs-store.js';
import {Emulator} from '../../source/emulator/server.js';
import {DEMO_ACCESS_LOG_FORMAT} from '../../source/emulator/traffic.js';
import {UserError} from '../../source/exit-codes.js';
import type {AwsClients} from '../../source/sources/cloudwatch/clients.js';
import {discoverStage, resolveLogGroups, type StageLogTargets} from '../../source/sources/discovery/discovery.js';

const WS = 'a1b2c3d4e5';
const HTTP = 'h1t2t3p4a5';
const REST = 'r1e2s3t4a5';

const aws = useEmulatedAws('apigw-tail-discovery-');
const {clientsFor, standard} = aws;

async function userError(promise: Promise<unknown>): Promise<UserError> {
	const error = await promise.then(
		() => undefined,
		(caught: unknown) => caught,
	);
	expect(error).toBeInstanceOf(UserError);
	expect((error as UserError).exitCode).toBe(1);
	expect((error as UserError).message).not.toContain('\n');
	expect((error as UserError).message).not.toContain('test-secret-not-printed');
	return error as UserError;
}

const group = (name: string): {name: string; arn: string} => ({name, arn: logGroupArn(name)});

describe('discoverStage finds the logs of a healthy stage', () => {
	const healthy: Array<{api: string; stage: string; expected: Omit<StageLogTargets, 'stage'>}> = [
		{
			api: WS,
			stage: 'prod',
			expected: {
				apiId: WS,
				apiName: 'chat-demo',
				apiType: 'WEBSOCKET',
				executionLogGroup: group(executionLogGroupName(WS, 'prod')),
				accessLogGroup: group(accessLogGroupName(WS, 'prod')),
				accessLogFormat: DEMO_ACCESS_LOG_FORMAT,
				stageVariables: {},
				account: '123456789012',
				warnings: [],
			},
		},
		{
			api: HTTP,
			stage: '$default',
			expected: {
				apiId: HTTP,
				apiName: 'orders-http',
				apiType: 'HTTP',
				executionLogGroup: undefined,
				accessLogGroup: group(accessLogGroupName(HTTP, 'default')),
				accessLogFormat: HTTP_JSON_FORMAT,
				stageVariables: {},
				account: '123456789012',
				warnings: [],
			},
		},
		{
			api: REST,
			stage: 'prod',
			expected: {
				apiId: REST,
				apiName: 'payments-rest',
				apiType: 'REST',
				executionLogGroup: group(executionLogGroupName(REST, 'prod')),
				accessLogGroup: group(accessLogGroupName(REST, 'prod')),
				accessLogFormat: REST_JSON_FORMAT,
				stageVariables: {chargeAlias: 'live'},
				account: '123456789012',
				warnings: [],
			},
		},
	];

	it.each(healthy.flatMap((entry) => [entry, {...entry, api: entry.expected.apiName}]))('$expected.apiType API $api, stage $stage', async ({api, stage, expected}) => {
		const {clients} = await standard();
		const targets = await discoverStage(clients, api, stage);
		expect(targets).toEqual({...expected, stage});
		// StartLiveTail wants the ARN without the `:*` DescribeLogGroups puts on `arn`.
		for (const target of [targets.executionLogGroup, targets.accessLogGroup]) if (target !== undefined) expect(target.arn).not.toMatch(/:\*$/);
	});
});

describe('discoverStage warns about what is missing and keeps what is there', () => {
	it('WebSocket stage with execution logging OFF: no execution group, a warning with the fix', async () => {
		const {clients} = await standard();
		const targets = await discoverStage(clients, WS, 'dev');
		expect(targets.executionLogGroup).toBeUndefined();
		expect(targets.accessLogGroup).toEqual(group(accessLogGroupName(WS, 'dev')));
		expect(targets.warnings).toEqual([
			`execution logging is OFF for stage dev (no execution log): enable it with \`aws apigatewayv2 update-stage --api-id ${WS} --stage-name dev --default-route-settings LoggingLevel=INFO --region us-east-1\``,
		]);
	});

	it('REST stage with execution logging OFF: the fix quotes the method path for the shell', async () => {
		const {clients} = await standard();
		const targets = await discoverStage(clients, 'payments-rest', 'dev');
		expect(targets.executionLogGroup).toBeUndefined();
		expect(targets.warnings).toEqual([
			`execution logging is OFF for stage dev (no execution log): enable it with \`aws apigateway update-stage --rest-api-id ${REST} --stage-name dev --patch-operations 'op=replace,path=/*/*/logging/loglevel,value=INFO' --region us-east-1\``,
		]);
	});

	it.each([
		{api: WS, command: `aws apigatewayv2 update-stage --api-id ${WS} --stage-name staging --access-log-settings DestinationArn=LOG_GROUP_ARN,Format=FORMAT --region us-east-1`},
		{api: REST, command: `aws apigateway update-stage --rest-api-id ${REST} --stage-name staging --patch-operations op=replace,path=/accessLogSettings/destinationArn,value=LOG_GROUP_ARN op=replace,path=/accessLogSettings/format,value=FORMAT --region us-east-1`},
	])('stage without access logging ($api): execution group only, a warning with the fix', async ({api, command}) => {
		const {clients} = await standard();
		const targets = await discoverStage(clients, api, 'staging');
		expect(targets.executionLogGroup).toEqual(group(executionLogGroupName(api, 'staging')));
		expect(targets.accessLogGroup).toBeUndefined();
		expect(targets.accessLogFormat).toBeUndefined();
		expect(targets.warnings).toEqual([
			`stage staging has no access logging (requests cannot be tied to connections, statuses and latencies): enable it with \`${command}\``,
		]);
	});

	it('HTTP stage without access logging has nothing to tail: an error carrying the fix', async () => {
		const {clients} = await standard();
		const error = await userError(discoverStage(clients, 'orders-http', 'dev'));
		expect(error.message).toBe(
			`nothing to tail for stage dev of API "orders-http" (${HTTP}): stage dev has no access logging (requests cannot be tied to connections, statuses and latencies): enable it with \`aws apigatewayv2 update-stage --api-id ${HTTP} --stage-name dev --access-log-settings DestinationArn=LOG_GROUP_ARN,Format=FORMAT --region us-east-1\``,
		);
	});

	it('logging on but no execution group and no CloudWatch role: names the role as the cause', async () => {
		const {emulator, clients} = await standard({cloudwatchRole: false});
		const id = emulator.apis.addWebSocketApi({
			name: 'fresh',
			stages: [{stageName: 'prod', loggingLevel: 'ERROR', accessLogSettings: {destinationArn: logGroupArn('/fresh/access'), format: DEMO_ACCESS_LOG_FORMAT}}],
		});
		emulator.logs.createLogGroup('/fresh/access');
		const targets = await discoverStage(clients, id, 'prod');
		expect(targets.executionLogGroup).toBeUndefined();
		expect(targets.accessLogGroup).toEqual(group('/fresh/access'));
		expect(targets.warnings).toEqual([
			'execution logging is ERROR for stage prod but the account has no CloudWatch Logs role for API Gateway, so nothing is written: set one with `aws apigateway update-account --patch-operations op=replace,path=/cloudwatchRoleArn,value=ROLE_ARN --region us-east-1`',
		]);
	});

	it('logging on, role present, no execution group yet: says it appears with the first request', async () => {
		const {emulator, clients} = await standard();
		const id = emulator.apis.addWebSocketApi({
			name: 'fresh',
			// Only one route logs; that is enough for an execution group to appear.
			stages: [{stageName: 'prod', routeSettings: {$connect: {loggingLevel: 'INFO'}}, accessLogSettings: {destinationArn: logGroupArn('/fresh/access'), format: 'x $context.requestId'}}],
		});
		emulator.logs.createLogGroup('/fresh/access');
		const targets = await discoverStage(clients, 'fresh', 'prod');
		expect(targets.warnings).toEqual([
			`execution log group ${executionLogGroupName(id, 'prod')} does not exist yet (logging is INFO): API Gateway creates it with the first logged request; if requests are arriving, check the account's CloudWatch role (\`aws apigateway get-account\`)`,
		]);
	});

	it('access log group named by the stage but missing: a warning with create-log-group', async () => {
		const {emulator, clients} = await standard();
		emulator.apis.addHttpApi({
			id: 'h9t9t9p9a9',
			name: 'lost-http',
			stages: [{stageName: '$default', accessLogSettings: {destinationArn: `${logGroupArn('/lost/access')}:*`, format: HTTP_JSON_FORMAT}}],
		});
		const error = await userError(discoverStage(clients, 'lost-http', '$default'));
		expect(error.message).toBe(
			'nothing to tail for stage $default of API "lost-http" (h9t9t9p9a9): access log group /lost/access named by stage $default does not exist in us-east-1, so API Gateway drops its access logs: create it with `aws logs create-log-group --log-group-name /lost/access --region us-east-1`',
		);
	});

	it('access logs sent to Firehose cannot be tailed; the execution log still can', async () => {
		const {emulator, clients} = await standard();
		const firehose = 'arn:aws:firehose:us-east-1:123456789012:deliverystream/amazon-apigateway-orders';
		emulator.apis.addRestApi({id: 'f1r2e3h4o5', name: 'firehose-rest', stages: [{stageName: 'prod', loggingLevel: 'INFO', accessLogSettings: {destinationArn: firehose, format: REST_JSON_FORMAT}}]});
		emulator.logs.createLogGroup(executionLogGroupName('f1r2e3h4o5', 'prod'));
		const targets = await discoverStage(clients, 'firehose-rest', 'prod');
		expect(targets.executionLogGroup).toEqual(group(executionLogGroupName('f1r2e3h4o5', 'prod')));
		expect(targets.accessLogGroup).toBeUndefined();
		expect(targets.accessLogFormat).toBe(REST_JSON_FORMAT);
		expect(targets.warnings).toEqual([`stage prod sends access logs to firehose (${firehose}), not to CloudWatch Logs: they cannot be tailed`]);
	});

	it('a group whose name only starts with the expected one does not count', async () => {
		const {emulator, clients} = await standard();
		emulator.apis.addWebSocketApi({id: 'p1r2e3f4x5', name: 'prefix-ws', stages: [{stageName: 'prod', loggingLevel: 'INFO', accessLogSettings: {destinationArn: logGroupArn('/p/access'), format: 'x $context.requestId'}}]});
		emulator.logs.createLogGroup('/p/access');
		emulator.logs.createLogGroup(`${executionLogGroupName('p1r2e3f4x5', 'prod')}2`);
		const targets = await discoverStage(clients, 'prefix-ws', 'prod');
		expect(targets.executionLogGroup).toBeUndefined();
		expect(targets.warnings).toHaveLength(1);
	});
});

describe('discoverStage names the API and stage it could not use', () => {
	it('an ambiguous name lists the ids', async () => {
		const {emulator, clients} = await standard();
		emulator.apis.addRestApi({id: 'd0u1b2l3e4', name: 'chat-demo', stages: []});
		const error = await userError(discoverStage(clients, 'chat-demo', 'prod'));
		expect(error.message).toBe(`API name "chat-demo" matches 2 APIs in us-east-1: ${WS} (WEBSOCKET), d0u1b2l3e4 (REST): pass the id instead`);
	});

	it('an unknown API says how many were searched where', async () => {
		const {clients} = await standard();
		const error = await userError(discoverStage(clients, 'nope', 'prod'));
		expect(error.message).toBe('no API with id or name "nope" in us-east-1 (searched 2 WebSocket/HTTP and 1 REST APIs): check --region and --profile');
	});

	it('a name that differs only in case is suggested', async () => {
		const {clients} = await standard();
		const error = await userError(discoverStage(clients, 'Chat-Demo', 'prod'));
		expect(error.message).toBe(`no API with id or name "Chat-Demo" in us-east-1 (searched 2 WebSocket/HTTP and 1 REST APIs): did you mean "chat-demo" (${WS})?`);
	});

	it.each([
		{api: WS, stages: 'prod, dev, staging, legacy, debug', name: 'chat-demo'},
		{api: HTTP, stages: '$default, dev', name: 'orders-http'},
		{api: REST, stages: 'prod, dev, staging, debug', name: 'payments-rest'},
	])('an unknown stage lists the stages of $name', async ({api, stages, name}) => {
		const {clients} = await standard();
		const error = await userError(discoverStage(clients, api, 'qa'));
		expect(error.message).toBe(`no stage "qa" on API "${name}" (${api}): available stages: ${stages}`);
	});

	it('an API without stages says so', async () => {
		const {emulator, clients} = await standard();
		emulator.apis.addWebSocketApi({id: 'e1m2p3t4y5', name: 'empty-ws', stages: []});
		const error = await userError(discoverStage(clients, 'empty-ws', 'prod'));
		expect(error.message).toBe('no stage "prod" on API "empty-ws" (e1m2p3t4y5): the API has no stages');
	});

	it('pages through more APIs than fit in one response', async () => {
		const {emulator, clients} = await standard();
		for (let index = 0; index < 505; index++) {
			emulator.apis.addWebSocketApi({name: `ws-${index}`, stages: []});
			emulator.apis.addRestApi({name: `rest-${index}`, stages: []});
		}
		const lastRest = emulator.apis.addRestApi({name: 'last-rest', stages: [{stageName: 'prod', loggingLevel: 'INFO'}]});
		emulator.logs.createLogGroup(executionLogGroupName(lastRest, 'prod'));
		const targets = await discoverStage(clients, 'last-rest', 'prod');
		expect(targets.apiId).toBe(lastRest);
		expect(emulator.calls.filter((call) => call.operation === 'GetRestApis')).toHaveLength(2);
		expect(emulator.calls.filter((call) => call.operation === 'GetApis')).toHaveLength(2);
		const error = await userError(discoverStage(clients, 'ws-none', 'prod'));
		expect(error.message).toContain('(searched 507 WebSocket/HTTP and 507 REST APIs)');
	});
});

describe('AWS failures', () => {
	it('a throttled control plane is retried by the SDK and discovery succeeds', async () => {
		const {emulator, clients} = await standard();
		emulator.faults.throttleNext(1, {service: 'apigatewayv2', operation: 'GetApis'});
		emulator.faults.throttleNext(1, {service: 'apigatewayv2', operation: 'GetStage'});
		emulator.faults.serviceUnavailableNext(1, {operation: 'DescribeLogGroups'});
		emulator.faults.resetConnectionNext(1, {service: 'apigateway', operation: 'GetRestApis'});
		const targets = await discoverStage(clients, WS, 'prod');
		expect(targets.warnings).toEqual([]);
		expect(targets.executionLogGroup).toEqual(group(executionLogGroupName(WS, 'prod')));
		const count = (operation: string): number => emulator.calls.filter((call) => call.operation === operation).length;
		expect(count('GetApis')).toBe(2);
		expect(count('GetStage')).toBe(2);
		expect(count('GetRestApis')).toBe(2);
		expect(count('DescribeLogGroups')).toBe(3);
	});

	it('throttling that outlasts the retries is one line naming the call', async () => {
		const emulator = await Emulator.start();
		aws.track(emulator);
		addStandardApis({apis: emulator.apis, logs: emulator.logs});
		// AWS_MAX_ATTEMPTS reaches the SDK untouched: two attempts keep the test short.
		const clients = await clientsFor(emulator.endpoint, {AWS_MAX_ATTEMPTS: '2'});
		emulator.faults.throttleNext(5, {service: 'apigateway', operation: 'GetRestApis'});
		const error = await userError(discoverStage(clients, WS, 'prod'));
		expect(error.message).toBe(
			"GetRestApis was throttled in us-east-1 after 2 attempts (TooManyRequestsException): other tools share the account's request rate; try again in a moment",
		);
	});

	it('an endpoint nobody listens on is one line naming the call and the address', async () => {
		const probe = createServer();
		await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
		const {port} = probe.address() as AddressInfo;
		await new Promise((resolve) => probe.close(resolve));
		const clients = await clientsFor(`http://127.0.0.1:${port}`, {AWS_MAX_ATTEMPTS: '1'});
		const error = await userError(discoverStage(clients, WS, 'prod'));
		expect(error.message).toMatch(new RegExp(`^Get(Rest)?Apis could not reach the us-east-1 endpoint: connect ECONNREFUSED 127\\.0\\.0\\.1:${port}$`));
	});

	it('access denied names the call and the permission it needs', async () => {
		const endpoint = await denyingServer();
		const clients = await clientsFor(endpoint);
		const error = await userError(discoverStage(clients, WS, 'prod'));
		expect(error.message).toMatch(
			/^Get(Rest)?Apis was denied in us-east-1 \(AccessDeniedException\): the identity needs apigateway:GET: User: arn:aws:iam::123456789012:user\/dev is not authorized to perform this action$/,
		);
		const logsError = await userError(resolveLogGroups(clients, ['/any/group']));
		expect(logsError.message).toBe(
			'DescribeLogGroups was denied in us-east-1 (AccessDeniedException): the identity needs logs:DescribeLogGroups: User: arn:aws:iam::123456789012:user/dev is not authorized to perform this action',
		);
	});
});

describe('resolveLogGroups', () => {
	it('returns each group with its ARN without `:*`, in the order asked', async () => {
		const {clients} = await standard();
		const names = [accessLogGroupName(WS, 'prod'), executionLogGroupName(REST, 'prod')];
		expect(await resolveLogGroups(clients, names)).toEqual(names.map(group));
	});

	it('names the one group that is missing', async () => {
		const {emulator, clients} = await standard();
		emulator.logs.createLogGroup('/app/prod2');
		const error = await userError(resolveLogGroups(clients, [accessLogGroupName(WS, 'prod'), '/app/prod']));
		expect(error.message).toBe('log group /app/prod does not exist in us-east-1: check the name, --region and --profile');
	});

	it('names every missing group', async () => {
		const {clients} = await standard();
		const error = await userError(resolveLogGroups(clients, ['/a', '/b']));
		expect(error.message).toBe('log groups /a, /b do not exist in us-east-1: check the name, --region and --profile');
	});
});

/** Answers every call with 403 AccessDeniedException, in the error shape of each protocol. */
async function denyingServer(): Promise<string> {
	const server = createServer((request, response) => {
		request.resume();
		request.on('end', () => {
			const message = 'User: arn:aws:iam::123456789012:user/dev is not authorized to perform this action';
			const awsJson = typeof request.headers['x-amz-target'] === 'string';
			response.writeHead(403, {
				'content-type': awsJson ? 'application/x-amz-json-1.1' : 'application/json',
				...(awsJson ? {} : {'x-amzn-errortype': 'AccessDeniedException'}),
			});
			response.end(JSON.stringify(awsJson ? {__type: 'AccessDeniedException', message} : {message}));
		});
	});
	aws.track(server);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
