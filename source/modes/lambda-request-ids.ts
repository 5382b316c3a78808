// The Lambda request ids an API Gateway line names, so `--connection` can read the connection's own
// invocations from the Lambda groups: access fields `$context.integration.requestId`,
// `$context.authorizer.requestId` (and `awsEndpointRequestId`), and the execution lines that name the
// integration's invocation.

import type {AccessLineParser} from '../core/parse/access-format.js';
import type {LogEvent} from '../core/types.js';

const ACCESS_FIELDS = ['integration.requestId', 'authorizer.requestId', 'awsEndpointRequestId'] as const;
/** `Lambda request id: ID`, `AWS Integration Endpoint RequestId : ID`, `x-amzn-RequestId=ID` (endpoint response headers). */
const EXECUTION_NAMING = /(?:Lambda request id: |AWS Integration Endpoint RequestId : |x-amzn-RequestId=)([0-9A-Za-z-]{8,64})/g;

export function lambdaRequestIdReader(parser: AccessLineParser): (event: LogEvent) => string[] {
	return (event) => {
		if (event.log === 'execution') return unique([...event.message.matchAll(EXECUTION_NAMING)].map((match) => match[1] ?? ''));
		const result = parser.parse(event.message);
		if (!result.ok) return [];
		return unique(ACCESS_FIELDS.map((field) => result.fields[field] ?? ''));
	};
}

/** Distinct ids; `-` is how an access log writes a variable without a value. */
function unique(ids: string[]): string[] {
	return [...new Set(ids.filter((id) => id !== '' && id !== '-'))];
}
