// Which Lambda function an integration or authorizer URI names. API Gateway writes it as
// `arn:aws:apigateway:REGION:lambda:path/2015-03-31/functions/FUNCTION_ARN/invocations`, CDK's HTTP
// integrations as the plain function ARN; either may be qualified (`:live`, `:7`) and either may hold
// `${stageVariables.NAME}`, resolved from the stage the way API Gateway resolves it per request.

export interface LambdaFunctionRef {
	/** The unqualified function ARN (`arn:aws:lambda:eu-west-1:123456789012:function:chat-connect`). */
	arn: string;
	name: string;
	region: string;
	account: string;
	/** The alias or version, when the URI names one. */
	qualifier: string | undefined;
}

export type LambdaUriReading =
	| {kind: 'function'; function: LambdaFunctionRef}
	/** The URI names a stage variable the stage does not define: no function can be known. */
	| {kind: 'unresolved'; variables: string[]}
	/** Not a Lambda (HTTP, AWS service, mock, VPC link). */
	| {kind: 'other'};

const FUNCTION_ARN = /arn:(aws[a-z-]*):lambda:([^:/]+):(\d{12}):function:([^/:]+)(?::([^/:]+))?/;
const STAGE_VARIABLE = /\$\{stageVariables\.([A-Za-z0-9_]+)\}/g;

export function readLambdaUri(uri: string | undefined, stageVariables: Readonly<Record<string, string>>): LambdaUriReading {
	if (uri === undefined || uri === '') return {kind: 'other'};
	const unresolved: string[] = [];
	const resolved = uri.replace(STAGE_VARIABLE, (whole, name: string) => {
		const value = Object.hasOwn(stageVariables, name) ? stageVariables[name] : undefined;
		if (value === undefined) {
			unresolved.push(name);
			return whole;
		}
		return value;
	});
	const match = FUNCTION_ARN.exec(resolved);
	if (match === null) {
		// A variable standing for the whole function (`functions/${stageVariables.fn}/invocations`) is still
		// a Lambda, just one this stage does not name.
		const lambdaShaped = /:lambda:path\/\d{4}-\d{2}-\d{2}\/functions\//.test(uri) || uri.startsWith('${');
		return unresolved.length > 0 && lambdaShaped ? {kind: 'unresolved', variables: unresolved} : {kind: 'other'};
	}
	const [, partition = 'aws', region = '', account = '', name = '', qualifier] = match;
	if (unresolved.length > 0) return {kind: 'unresolved', variables: unresolved};
	return {kind: 'function', function: {arn: `arn:${partition}:lambda:${region}:${account}:function:${name}`, name, region, account, qualifier}};
}
