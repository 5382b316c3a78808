// Real AWS SDK clients pointed at an emulator, and a wait-for-condition helper for the server tests.

import {APIGatewayClient} from '@aws-sdk/client-api-gateway';
import {ApiGatewayV2Client} from '@aws-sdk/client-apigatewayv2';
import {CloudWatchLogsClient, type CloudWatchLogsClientConfig} from '@aws-sdk/client-cloudwatch-logs';

// The SDK warns about Node 20 on stderr; nothing in these tests is about that.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';

const common = {region: 'us-east-1', credentials: {accessKeyId: 'x', secretAccessKey: 'y'}};

export function logsClient(endpoint: string, config: Partial<CloudWatchLogsClientConfig> = {}): CloudWatchLogsClient {
	return new CloudWatchLogsClient({...common, endpoint, disableHostPrefix: true, ...config});
}

export function apigatewayV2Client(endpoint: string, maxAttempts = 3): ApiGatewayV2Client {
	return new ApiGatewayV2Client({...common, endpoint, maxAttempts});
}

export function apigatewayClient(endpoint: string, maxAttempts = 3): APIGatewayClient {
	return new APIGatewayClient({...common, endpoint, maxAttempts});
}

/** Resolves once `condition` holds; rejects after `timeoutMs` so a broken expectation fails instead of hanging. */
export async function waitFor(condition: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}
