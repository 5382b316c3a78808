// Real AWS SDK clients pointed at an emulator.

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

/** The error a call fails with; the test fails when it succeeds. */
export async function failureOf(promise: Promise<unknown>): Promise<Error & {$metadata?: {httpStatusCode?: number}}> {
	try {
		await promise;
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected the call to fail');
}
