// runDoctorChecks with real SDK clients (built by createAwsClients) against the emulator's standard
// fixtures: the healthy WebSocket stage, each misconfiguration, HTTP and REST APIs, and denied calls.

import {useEmulatedAws} from '../helpers/emulated-aws.js';
import {createServer, request as httpRequest} from 'node:http';
import type {AddressInfo} from 'node:net';
import {describe, expect, it} from 'vitest';
import {missingAccessVariables, recommendedAccessFormat} from '../../source/doctor/access-format.js';
import {formatDoctorReport, runDoctorChecks, type DoctorCheck, type DoctorReport} from '../../source/doctor/doctor.js';
import {executionLogGroupName} from '../../source/core/execution-log-group.js';
import {accessLogGroupName} from '../../source/emulator/apigw-standard-fixtures.js';
import {logGroupArn} from '../../source/emulator/logs-store.js';
import {Emulator} from '../../source/emulator/server.js';
import type {AwsClients} from '../../source/sources/cloudwatch/clients.js';

const WS = 'a1b2c3d4e5';
const HTTP = 'h1t2t3p4a5';
const REST = 'r1e2s3t4a5';

const aws = useEmulatedAws('apigw-tail-doctor-', {AWS_MAX_ATTEMPTS: '1'});
const {clientsFor} = aws;

/** The standard fixtures, with one recent event in each named group (a stage that is in use). */
async function standard(options: {cloudwatchRole?: boolean; active?: string[]} = {}): Promise<{emulator: Emulator; clients: AwsClients}> {
	const started = await aws.standard(options);
	for (const group of options.active ?? []) writeEvent(started.emulator, group, Date.now() - 60_000);
	return started;
}

function writeEvent(emulator: Emulator, group: string, timestamp: number): void {
	emulator.logs.ensureLogStream(group, 'stream-1');
	emulator.logs.putLogEvents(group, 'stream-1', [{timestamp, message: 'an event'}]);
}

const activeStage = (apiId: string, stage: string, accessStage = stage): string[] => [executionLogGroupName(apiId, stage), accessLogGroupName(apiId, accessStage)];

function byId(report: DoctorReport, id: string): DoctorCheck {
	const found = report.checks.find((item) => item.id === id);
	expect(found, `check ${id}`).toBeDefined();
	return found!;
}

const statuses = (report: DoctorReport): Record<string, string> => Object.fromEntries(report.checks.map((item) => [item.id, item.status]));

const ALL_IDS = [
	'api',
	'execution-logging',
	'data-trace',
	'access-logging',
	'access-format',
	'cloudwatch-role',
	'execution-log-group',
	'access-log-group',
	'filter-log-events',
	'live-tail',
	'lambda-log-groups',
];
/** The demo chat API calls Lambdas as integrations and an authorizer. */
const CHAT_LAMBDA = {integrations: true, authorizers: true};
/** What the demo's access format lacks to join its Lambda invocations. */

describe('runDoctorChecks on the WebSocket fixtures', () => {
	it('healthy prod (the demo format names the Lambda request ids): every check ok, and the live tail session it opened is closed', async () => {
		const {emulator, clients} = await standard({active: activeStage(WS, 'prod')});
		const report = await runDoctorChecks(clients, 'chat-demo', 'prod');
		expect(report.checks.map((item) => item.id)).toEqual(ALL_IDS);
		expect(report.checks.filter((item) => item.status !== 'ok').map((item) => [item.id, item.detail])).toEqual([]);
		expect(report).toMatchObject({api: WS, stage: 'prod', healthy: true});
		expect(byId(report, 'api').detail).toBe(`chat-demo (${WS}), WEBSOCKET`);
		expect(byId(report, 'lambda-log-groups').detail).toBe(
			'5 of 5 groups readable: /aws/lambda/chat-authorizer, /aws/lambda/chat-connect, /chat-demo/functions, /aws/lambda/chat-disconnect, /aws/lambda/chat-sendmessage',
		);
		expect(report.checks.every((item) => item.fix === undefined)).toBe(true);
		expect(emulator.calls.filter((call) => call.operation === 'StartLiveTail')).toHaveLength(1);
		await expect.poll(() => emulator.liveTailSessionCount).toBe(0);
	});

	it('dev (execution logging OFF): fail with the update-stage command', async () => {
		const {clients} = await standard();
		const report = await runDoctorChecks(clients, WS, 'dev');
		expect(report.healthy).toBe(false);
		expect(byId(report, 'execution-logging')).toEqual({
			id: 'execution-logging',
			status: 'fail',
			title: 'Execution logging',
			detail: 'OFF for stage dev: API Gateway writes no execution log',
			fix: `aws apigatewayv2 update-stage --api-id ${WS} --stage-name dev --default-route-settings LoggingLevel=INFO --region us-east-1`,
		});
		expect(byId(report, 'execution-log-group')).toMatchObject({status: 'warn', detail: expect.stringContaining('execution logging is OFF')});
	});

	it('staging (no access log): fail with a create-log-group and an update-stage carrying the recommended format', async () => {
		const {clients} = await standard();
		const report = await runDoctorChecks(clients, WS, 'staging');
		const access = byId(report, 'access-logging');
		expect(access.status).toBe('fail');
		const [create, update] = access.fix?.split('\n') ?? [];
		expect(create).toBe('aws logs create-log-group --log-group-name /aws/apigateway/a1b2c3d4e5/staging/access --region us-east-1');
		const settings = {DestinationArn: logGroupArn('/aws/apigateway/a1b2c3d4e5/staging/access'), Format: recommendedAccessFormat('WEBSOCKET', CHAT_LAMBDA)};
		expect(update).toBe(`aws apigatewayv2 update-stage --api-id ${WS} --stage-name staging --access-log-settings '${JSON.stringify(settings)}' --region us-east-1`);
		expect(statuses(report)).toMatchObject({'access-format': 'warn', 'access-log-group': 'warn', 'execution-logging': 'ok'});
	});

	it('legacy (format without connectionId): warn naming the missing variables, with the format fix', async () => {
		const {clients} = await standard({active: activeStage(WS, 'legacy')});
		const report = await runDoctorChecks(clients, WS, 'legacy');
		const format = byId(report, 'access-format');
		expect(format.status).toBe('warn');
		expect(format.detail).toBe(
			'lacks $context.connectionId, $context.authorizer.error, $context.waf.error or $context.wafResponseCode, $context.integration.error or $context.integrationErrorMessage, $context.error.responseType, $context.integration.requestId or $context.awsEndpointRequestId, $context.authorizer.requestId: set the recommended format',
		);
		expect(format.fix).toContain(`--access-log-settings '{"DestinationArn":"${logGroupArn(accessLogGroupName(WS, 'legacy'))}","Format":`);
		expect(report.healthy).toBe(true);
	});

	it('debug (data trace on): warn with the command that turns it off', async () => {
		const {clients} = await standard({active: activeStage(WS, 'debug')});
		const report = await runDoctorChecks(clients, WS, 'debug');
		expect(byId(report, 'data-trace')).toMatchObject({
			status: 'warn',
			fix: `aws apigatewayv2 update-stage --api-id ${WS} --stage-name debug --default-route-settings DataTraceEnabled=false,LoggingLevel=INFO --region us-east-1`,
		});
		expect(report.checks.filter((item) => item.status !== 'ok').map((item) => item.id)).toEqual(['data-trace']);
		expect(report.healthy).toBe(true);
	});

	it('no CloudWatch role while execution logging is on: fail with update-account', async () => {
		const {clients} = await standard({cloudwatchRole: false, active: activeStage(WS, 'prod')});
		const report = await runDoctorChecks(clients, WS, 'prod');
		expect(byId(report, 'cloudwatch-role')).toMatchObject({
			status: 'fail',
			fix: 'aws apigateway update-account --patch-operations op=replace,path=/cloudwatchRoleArn,value=ROLE_ARN --region us-east-1',
		});
		expect(report.healthy).toBe(false);
	});

	it('no CloudWatch role with execution logging OFF: only a warning', async () => {
		const {clients} = await standard({cloudwatchRole: false});
		const report = await runDoctorChecks(clients, WS, 'dev');
		expect(byId(report, 'cloudwatch-role').status).toBe('warn');
	});

	it('empty log groups, and events older than an hour: warn "no events in the last hour"', async () => {
		const {emulator, clients} = await standard();
		writeEvent(emulator, accessLogGroupName(WS, 'prod'), Date.now() - 2 * 60 * 60 * 1000);
		const report = await runDoctorChecks(clients, WS, 'prod');
		for (const id of ['execution-log-group', 'access-log-group']) {
			expect(byId(report, id).status).toBe('warn');
			expect(byId(report, id).detail).toContain('no events in the last hour');
		}
		expect(report.healthy).toBe(true);
	});

	it('the hour is measured from the clock it is given', async () => {
		const {clients} = await standard({active: activeStage(WS, 'prod')});
		const report = await runDoctorChecks(clients, WS, 'prod', () => Date.now() + 2 * 60 * 60 * 1000);
		expect(byId(report, 'access-log-group').detail).toContain('no events in the last hour');
	});

	it('a missing access log group is a fail with create-log-group', async () => {
		const {emulator, clients} = await standard();
		emulator.apis.addWebSocketApi({
			id: 'l1o2s3t4w5',
			name: 'lost-ws',
			stages: [{stageName: 'prod', loggingLevel: 'INFO', accessLogSettings: {destinationArn: logGroupArn('/lost/access'), format: recommendedAccessFormat('WEBSOCKET')}}],
		});
		const report = await runDoctorChecks(clients, 'lost-ws', 'prod');
		expect(byId(report, 'access-log-group')).toMatchObject({status: 'fail', fix: 'aws logs create-log-group --log-group-name /lost/access --region us-east-1'});
		expect(statuses(report)).toMatchObject({'filter-log-events': 'warn', 'live-tail': 'warn'});
	});
});

describe('runDoctorChecks on HTTP and REST APIs', () => {
	it('HTTP: execution logging, data trace and the role are not applicable', async () => {
		const {clients} = await standard({cloudwatchRole: false, active: [accessLogGroupName(HTTP, 'default')]});
		const report = await runDoctorChecks(clients, 'orders-http', '$default');
		expect(byId(report, 'execution-logging')).toMatchObject({status: 'ok', detail: expect.stringContaining('not applicable')});
		expect(byId(report, 'data-trace').detail).toContain('not applicable');
		expect(byId(report, 'execution-log-group').detail).toContain('not applicable');
		expect(byId(report, 'cloudwatch-role').status).toBe('ok');
		// The console's HTTP format has no authorizer or gateway-response error fields, nor the Lambda's request id.
		expect(byId(report, 'access-format').detail).toBe(
			'lacks $context.authorizer.error, $context.error.responseType, $context.integration.requestId or $context.awsEndpointRequestId: set the recommended format',
		);
		expect(report.healthy).toBe(true);
	});

	it('HTTP stage without access logging: the new group name has no `$`', async () => {
		const {emulator, clients} = await standard();
		emulator.apis.addHttpApi({id: 'n1o2l3o4g5', name: 'nolog-http', stages: [{stageName: '$default'}]});
		const report = await runDoctorChecks(clients, 'nolog-http', '$default');
		const fix = byId(report, 'access-logging').fix ?? '';
		expect(fix).toContain('--log-group-name /aws/apigateway/n1o2l3o4g5/default/access');
		// No group exists to borrow the account id from.
		expect(fix).toContain("--stage-name '$default' --access-log-settings '{\"DestinationArn\":\"arn:aws:logs:us-east-1:ACCOUNT_ID:log-group:/aws/apigateway/n1o2l3o4g5/default/access\"");
	});

	it('REST prod: healthy but the format lacks the error fields; the fix is a patch operation', async () => {
		const {clients} = await standard({active: activeStage(REST, 'prod')});
		const report = await runDoctorChecks(clients, 'payments-rest', 'prod');
		expect(report.healthy).toBe(true);
		const format = byId(report, 'access-format');
		expect(format.detail).toContain('lacks $context.authorizer.error');
		const operations = [
			{op: 'replace', path: '/accessLogSettings/destinationArn', value: logGroupArn(accessLogGroupName(REST, 'prod'))},
			{op: 'replace', path: '/accessLogSettings/format', value: recommendedAccessFormat('REST', {integrations: true, authorizers: true})},
		];
		expect(format.fix).toBe(`aws apigateway update-stage --rest-api-id ${REST} --stage-name prod --patch-operations '${JSON.stringify(operations)}' --region us-east-1`);
	});

	it.each([
		{stage: 'dev', id: 'execution-logging', fix: `aws apigateway update-stage --rest-api-id ${REST} --stage-name dev --patch-operations 'op=replace,path=/*/*/logging/loglevel,value=INFO' --region us-east-1`},
		{stage: 'debug', id: 'data-trace', fix: `aws apigateway update-stage --rest-api-id ${REST} --stage-name debug --patch-operations 'op=replace,path=/*/*/logging/dataTrace,value=false' --region us-east-1`},
	])('REST $stage: $id with the apigateway command', async ({stage, id, fix}) => {
		const {clients} = await standard();
		const report = await runDoctorChecks(clients, REST, stage);
		expect(byId(report, id).fix).toBe(fix);
	});
});

describe('runDoctorChecks when the API, the stage or a call is not there', () => {
	it('an unknown API is a report with one fail, in discovery words', async () => {
		const {clients} = await standard();
		const report = await runDoctorChecks(clients, 'nope', 'prod');
		expect(report).toEqual({
			api: 'nope',
			stage: 'prod',
			healthy: false,
			checks: [
				{id: 'api', status: 'fail', title: 'API', detail: 'no API with id or name "nope" in us-east-1 (searched 2 WebSocket/HTTP and 1 REST APIs): check --region and --profile'},
			],
		});
	});

	it('an unknown stage lists the stages', async () => {
		const {clients} = await standard();
		const report = await runDoctorChecks(clients, WS, 'qa');
		expect(report.checks.map((item) => [item.id, item.status])).toEqual([
			['api', 'ok'],
			['stage', 'fail'],
		]);
		expect(report.checks[1]?.detail).toBe(`no stage "qa" on API "chat-demo" (${WS}): available stages: prod, dev, staging, legacy, debug`);
	});

	it('denied FilterLogEvents is a fail; denied StartLiveTail a warning: apigw-tail will poll', async () => {
		const {emulator} = await standard({active: activeStage(WS, 'prod')});
		const clients = await clientsFor(await denyingProxy(emulator.endpoint, ['FilterLogEvents', 'StartLiveTail']));
		const report = await runDoctorChecks(clients, WS, 'prod');
		expect(byId(report, 'filter-log-events')).toMatchObject({status: 'fail', detail: expect.stringMatching(/^FilterLogEvents was denied in us-east-1 \(AccessDeniedException\)/)});
		expect(byId(report, 'filter-log-events').fix).toContain('"Action":["logs:FilterLogEvents"]');
		expect(byId(report, 'live-tail')).toMatchObject({status: 'warn', detail: expect.stringMatching(/^live tail not allowed: apigw-tail will poll/)});
		expect(byId(report, 'live-tail').fix).toContain(`"Resource":["${logGroupArn(executionLogGroupName(WS, 'prod'))}:*","${logGroupArn(accessLogGroupName(WS, 'prod'))}:*"]`);
		expect(report.healthy).toBe(false);
	});
});

describe('recommended formats', () => {
	it.each(['WEBSOCKET', 'HTTP', 'REST'] as const)('%s: one line of valid JSON that lacks nothing', (apiType) => {
		const format = recommendedAccessFormat(apiType);
		expect(format).not.toContain('\n');
		expect(() => JSON.parse(format)).not.toThrow();
		expect(missingAccessVariables(apiType, format)).toEqual([]);
	});

	it.each(['WEBSOCKET', 'HTTP', 'REST'] as const)('%s with Lambdas: the format names their request ids (HTTP has no authorizer one)', (apiType) => {
		const lambda = {integrations: true, authorizers: true};
		const format = recommendedAccessFormat(apiType, lambda);
		expect(missingAccessVariables(apiType, format, lambda)).toEqual([]);
		expect(format).toContain('"integrationRequestId":"$context.integration.requestId"');
		expect(format.includes('$context.authorizer.requestId')).toBe(apiType !== 'HTTP');
		expect(missingAccessVariables(apiType, recommendedAccessFormat(apiType), lambda)).toEqual(
			apiType === 'HTTP' ? ['$context.integration.requestId or $context.awsEndpointRequestId'] : ['$context.integration.requestId or $context.awsEndpointRequestId', '$context.authorizer.requestId'],
		);
	});

	it.each([
		{format: '', missing: 9},
		{format: '$context.connectionId $context.status', missing: 7},
		{format: '{"id":"${context.requestId}","c":"$context.connectionId","e":"$context.eventType."}', missing: 6},
	])('missing variables of "$format" without throwing', ({format, missing}) => {
		expect(missingAccessVariables('WEBSOCKET', format)).toHaveLength(missing);
	});
});

describe('formatDoctorReport', () => {
	const report: DoctorReport = {
		api: WS,
		stage: 'dev',
		healthy: false,
		checks: [
			{id: 'api', status: 'ok', title: 'API', detail: 'chat\u001B]0;pwned\u0007-demo (a1b2c3d4e5), WEBSOCKET'},
			{id: 'access-logging', status: 'fail', title: 'Access logging', detail: 'none\nfor stage dev', fix: 'aws logs create-log-group\naws apigatewayv2 update-stage'},
			{id: 'data-trace', status: 'warn', title: 'Data trace', detail: 'on'},
		],
	};

	it('one line per check, fix lines indented, nothing from AWS printed raw', () => {
		expect(formatDoctorReport(report, {colour: false})).toEqual([
			'✓ ok   API: chat-demo (a1b2c3d4e5), WEBSOCKET',
			'✗ fail Access logging: none ⏎ for stage dev',
			'    aws logs create-log-group',
			'    aws apigatewayv2 update-stage',
			'! warn Data trace: on',
		]);
	});

	it('colour marks the status and leaves the words alone', () => {
		const lines = formatDoctorReport(report, {colour: true});
		expect(lines[1]).toBe('\u001B[31m✗ fail\u001B[39m \u001B[1mAccess logging\u001B[22m: none ⏎ for stage dev');
		expect(lines.map((line) => line.replace(/\u001B\[\d+m/g, ''))).toEqual(formatDoctorReport(report, {colour: false}));
	});
});

/** Forwards every call to `target` but answers 403 AccessDeniedException to the listed CloudWatch Logs operations. */
async function denyingProxy(target: string, denied: string[]): Promise<string> {
	const upstream = new URL(target);
	const server = createServer((request, response) => {
		const operation = /\.([A-Za-z]+)$/.exec(String(request.headers['x-amz-target'] ?? ''))?.[1];
		if (operation !== undefined && denied.includes(operation)) {
			request.resume();
			response.writeHead(403, {'content-type': 'application/x-amz-json-1.1'});
			response.end(JSON.stringify({__type: 'AccessDeniedException', message: `User: arn:aws:iam::123456789012:user/dev is not authorized to perform: logs:${operation}`}));
			return;
		}
		const forward = httpRequest({host: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers: request.headers}, (answer) => {
			response.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(response);
		});
		forward.on('error', () => response.destroy());
		request.pipe(forward);
	});
	aws.track(server);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
