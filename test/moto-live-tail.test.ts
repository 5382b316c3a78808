// An endpoint without StartLiveTail (moto answers it with an HTML error page): the built CLI says so at
// once and polls, without the parser's SyntaxError or retries; doctor says the same.
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {CreateApiCommand, CreateStageCommand} from '@aws-sdk/client-apigatewayv2';
import {CreateLogGroupCommand} from '@aws-sdk/client-cloudwatch-logs';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {apigatewayV2Client, logsClient} from './emulator/server-clients.js';
import {runCli} from './helpers/cli.js';
import {describeWithMoto, motoEnvironment, startMoto, type MotoServer} from './helpers/moto.js';
import {waitFor} from './helpers/wait.js';

const UNSUPPORTED = 'this endpoint does not support StartLiveTail';

describeWithMoto('an endpoint without StartLiveTail (moto)', () => {
	let moto: MotoServer | undefined;
	let home: string;
	let env: Record<string, string | undefined>;
	let apiId: string;

	beforeAll(async () => {
		moto = await startMoto();
		home = mkdtempSync(join(tmpdir(), 'apigw-tail-moto-cli-'));
		env = {
			...motoEnvironment(home),
			AWS_SESSION_TOKEN: undefined,
			AWS_PROFILE: undefined,
			AWS_REGION: 'us-east-1',
			AWS_ENDPOINT_URL: undefined,
		};
		const logs = logsClient(moto.endpoint);
		const apis = apigatewayV2Client(moto.endpoint);
		try {
			const api = await apis.send(new CreateApiCommand({Name: 'chat-moto', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action'}));
			apiId = api.ApiId ?? '';
			await logs.send(new CreateLogGroupCommand({logGroupName: `API-Gateway-Execution-Logs_${apiId}/prod`}));
			await logs.send(new CreateLogGroupCommand({logGroupName: '/aws/apigateway/chat-moto-access'}));
			await apis.send(
				new CreateStageCommand({
					ApiId: apiId,
					StageName: 'prod',
					AccessLogSettings: {
						DestinationArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/apigateway/chat-moto-access',
						Format: '{"requestId":"$context.requestId","connectionId":"$context.connectionId","status":"$context.status"}',
					},
					DefaultRouteSettings: {LoggingLevel: 'INFO', DataTraceEnabled: false},
				}),
			);
		} finally {
			logs.destroy();
			apis.destroy();
		}
	});

	afterAll(async () => {
		await moto?.stop();
		rmSync(home, {recursive: true, force: true});
	});

	it('live tailing says so at once and polls FilterLogEvents', async () => {
		let stderr = '';
		const result = await runCli(['--log-group', '/aws/apigateway/chat-moto-access', '--endpoint-url', moto!.endpoint, '--output', 'json'], {
			env,
			onSpawn(child) {
				child.stderr?.on('data', (chunk: Buffer) => {
					stderr += chunk.toString('utf8');
				});
				void waitFor(() => stderr.includes('following by polling'), 25_000, 'the polling notice').then(
					() => child.kill('SIGINT'),
					() => child.kill('SIGINT'),
				);
			},
		});
		expect(result.stderr).toContain(`apigw-tail: ${UNSUPPORTED}: polling FilterLogEvents every 2s\n`);
		expect(result.stderr).not.toMatch(/SyntaxError|retrying|<!doctype/i);
		expect(result.code).toBe(130);
	});

	it('doctor says the same', async () => {
		const result = await runCli(['doctor', '--api', apiId, '--stage', 'prod', '--endpoint-url', moto!.endpoint], {env});
		expect(result.stdout).toContain(`${UNSUPPORTED}: apigw-tail will poll FilterLogEvents every 2s`);
		expect(result.stdout).not.toMatch(/SyntaxError|<!doctype/i);
	});
});
