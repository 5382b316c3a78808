// The AWS SDK clients apigw-tail talks through, built once from resolved settings: one credential
// provider shared by all of them, a silent logger (nothing may print over the terminal UI) and an
// optional endpoint override (an emulator, LocalStack, moto).

import {APIGatewayClient} from '@aws-sdk/client-api-gateway';
import {ApiGatewayV2Client} from '@aws-sdk/client-apigatewayv2';
import {CloudWatchLogsClient} from '@aws-sdk/client-cloudwatch-logs';
import {LambdaClient} from '@aws-sdk/client-lambda';
import {resolveAwsSettings, SILENT_LOGGER, type AwsSettings} from '../aws-settings.js';
import {decodeFilterPagesDirectly} from './filter-page-decoder.js';

export type {AwsSettings} from '../aws-settings.js';

export interface AwsClients {
	region: string;
	logs: CloudWatchLogsClient;
	/** For StartLiveTail only: its host prefix (`stream-`) is dropped when the endpoint is overridden. */
	liveTailLogs: CloudWatchLogsClient;
	apigwV2: ApiGatewayV2Client;
	apigwV1: APIGatewayClient;
	/** GetFunctionConfiguration only: where each integration's and authorizer's function logs. */
	lambda: LambdaClient;
	destroy(): void;
}

/**
 * Resolves region and credentials before building anything; throws UserError (exit code 1) with one
 * actionable line when either is missing or broken.
 */
export async function createAwsClients(settings: AwsSettings, env: Record<string, string | undefined>): Promise<AwsClients> {
	const resolved = await resolveAwsSettings(settings, env);
	const common = {
		region: resolved.region,
		credentials: resolved.credentials,
		logger: SILENT_LOGGER,
		// The profile also carries per-service settings the SDK reads itself (endpoint_url, max_attempts).
		...(resolved.profile === undefined ? {} : {profile: resolved.profile}),
		...(resolved.endpointUrl === undefined ? {} : {endpoint: resolved.endpointUrl}),
	};
	const logs = new CloudWatchLogsClient(common);
	// Against real AWS the prefix routes StartLiveTail to stream-logs.REGION; against any other host it
	// would turn 127.0.0.1 into stream-127.0.0.1, so it goes whenever the logs endpoint is not AWS's own.
	const liveTailLogs = new CloudWatchLogsClient({...common, ...(logsEndpointOverridden(resolved.endpointUrl, env) ? {disableHostPrefix: true} : {})});
	const apigwV2 = new ApiGatewayV2Client(common);
	const apigwV1 = new APIGatewayClient(common);
	const lambda = new LambdaClient(common);
	for (const client of [logs, liveTailLogs, apigwV2, apigwV1, lambda]) silenceCallLogging(client);
	decodeFilterPagesDirectly(logs);
	return {
		region: resolved.region,
		logs,
		liveTailLogs,
		apigwV2,
		apigwV1,
		lambda,
		destroy() {
			for (const client of [logs, liveTailLogs, apigwV2, apigwV1, lambda]) client.destroy();
		},
	};
}

/**
 * The SDK's logger middleware builds a redacted copy of every call's input and output for `logger.info`
 * even when the logger drops it: for a FilterLogEvents page that is 10,000 event objects copied for
 * nothing (about a tenth of a backfill's CPU). The logger is silent, so the middleware goes.
 */
function silenceCallLogging(client: {middlewareStack: {remove(name: string): boolean}}): void {
	client.middlewareStack.remove('loggerMiddleware');
}

/** The SDK applies AWS_ENDPOINT_URL(_CLOUDWATCH_LOGS) itself; the live tail client must know it did. */
function logsEndpointOverridden(endpointUrl: string | undefined, env: Record<string, string | undefined>): boolean {
	if (endpointUrl !== undefined) return true;
	if (env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS']?.toLowerCase() === 'true') return false;
	return Boolean(env['AWS_ENDPOINT_URL_CLOUDWATCH_LOGS']?.trim() || env['AWS_ENDPOINT_URL']?.trim());
}
