// Which log groups are Lambda functions', and the function a group's lines come from when the lines do
// not say (Text format never names its function).

const LAMBDA_GROUP_PREFIX = '/aws/lambda/';

/** The function of `/aws/lambda/NAME`, or of a custom group the caller mapped; undefined for other groups. */
export function lambdaFunctionOfGroup(group: string | undefined, custom: ReadonlyMap<string, string>): string | undefined {
	if (group === undefined) return undefined;
	const mapped = custom.get(group);
	if (mapped !== undefined) return mapped;
	return group.startsWith(LAMBDA_GROUP_PREFIX) ? group.slice(LAMBDA_GROUP_PREFIX.length) : undefined;
}
