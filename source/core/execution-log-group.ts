// The name API Gateway gives a stage's execution-log group, `API-Gateway-Execution-Logs_{apiId}/{stage}`:
// built to find the group, recognised to tell execution lines from access lines, and read back for the
// API and stage a line came from.

const PREFIX = 'API-Gateway-Execution-Logs_';
const NAME = new RegExp(`^${PREFIX}([^/]+)/(.+)$`);

export function executionLogGroupName(apiId: string, stage: string): string {
	return `${PREFIX}${apiId}/${stage}`;
}

/** Any group named like an execution-log group holds execution lines, even one whose stage part is missing. */
export function isExecutionLogGroup(logGroup: string): boolean {
	return logGroup.startsWith(PREFIX);
}

export function parseExecutionLogGroup(logGroup: string): {apiId: string; stage: string} | undefined {
	const match = NAME.exec(logGroup);
	return match === null ? undefined : {apiId: match[1]!, stage: match[2]!};
}
