// API + stage -> the Lambda functions behind its integrations and authorizers, and the log group each
// writes to (GetFunctionConfiguration's LoggingConfig.LogGroup, else /aws/lambda/NAME). Nothing here
// stops a tail: a function that cannot be named, read or reached from this account is a warning.

import {GetFunctionConfigurationCommand} from '@aws-sdk/client-lambda';
import {sanitizeLine} from '../../core/sanitize.js';
import type {AwsClients} from '../cloudwatch/clients.js';
import {readLambdaUses, type LambdaRole, type LambdaUse} from './api-lambda-uses.js';
import type {FoundApi} from './apis.js';
import {awsCallError} from './errors.js';
import {readLambdaUri, type LambdaFunctionRef} from './lambda-uris.js';
import {findLogGroup, type LogGroupTarget} from './log-groups.js';

export interface LambdaFunctionTarget {
	functionName: string;
	/** Unqualified; the alias or version an API calls logs to the function's group. */
	functionArn: string;
	role: LambdaRole;
	routeKeys: string[];
	logGroup: string;
}

export interface LambdaDiscovery {
	functions: LambdaFunctionTarget[];
	/** Whether any integration / authorizer calls a Lambda, reachable or not (the access format should name their ids). */
	calls: {integrations: boolean; authorizers: boolean};
	warnings: string[];
}

export interface LambdaDiscoveryInput extends Pick<FoundApi, 'apiId' | 'apiType'> {
	stageVariables: Readonly<Record<string, string>>;
	/** The API's account when known (from its access-log destination): a function elsewhere cannot be tailed. */
	account: string | undefined;
}

const GET_CONFIGURATION = {operation: 'GetFunctionConfiguration', permission: 'lambda:GetFunctionConfiguration'};

export const defaultLambdaLogGroup = (functionName: string): string => `/aws/lambda/${functionName}`;

export async function discoverLambdaFunctions(clients: AwsClients, input: LambdaDiscoveryInput): Promise<LambdaDiscovery> {
	let uses: LambdaUse[];
	const warnings: string[] = [];
	try {
		const read = await readLambdaUses(clients, input);
		uses = read.uses;
		warnings.push(...read.warnings);
	} catch (error) {
		return {functions: [], calls: {integrations: false, authorizers: false}, warnings: [`the API's Lambda functions could not be found (${error instanceof Error ? error.message : String(error)}): none are tailed`]};
	}
	const byFunction = new Map<string, {ref: LambdaFunctionRef; role: LambdaRole; routeKeys: Set<string>}>();
	const calls = {integrations: false, authorizers: false};
	for (const use of uses) {
		const reading = readLambdaUri(use.uri, input.stageVariables);
		if (reading.kind === 'other') continue;
		if (use.role === 'integration') calls.integrations = true;
		else calls.authorizers = true;
		if (reading.kind === 'unresolved') {
			const names = reading.variables.map((name) => `\${stageVariables.${name}}`).join(', ');
			warnings.push(`the ${show(use.label)} calls a Lambda through ${show(names)}, which the stage does not define: its function is unknown`);
			continue;
		}
		const ref = reading.function;
		const key = `${use.role} ${ref.arn}:${ref.qualifier ?? ''}`;
		const known = byFunction.get(key) ?? {ref, role: use.role, routeKeys: new Set<string>()};
		for (const routeKey of use.routeKeys) known.routeKeys.add(routeKey);
		byFunction.set(key, known);
	}

	const functions: LambdaFunctionTarget[] = [];
	const groups = new Map<string, string | undefined>();
	for (const {ref, role, routeKeys} of byFunction.values()) {
		const elsewhere = unreachable(ref, clients.region, input.account);
		if (elsewhere !== undefined) {
			warnings.push(`${role} ${show(ref.name)} ${elsewhere}`);
			continue;
		}
		const cacheKey = `${ref.arn}:${ref.qualifier ?? ''}`;
		let logGroup = groups.get(cacheKey);
		if (!groups.has(cacheKey)) {
			logGroup = await readLogGroup(clients, ref, role, warnings);
			groups.set(cacheKey, logGroup);
		}
		if (logGroup === undefined) continue;
		functions.push({functionName: ref.name, functionArn: ref.arn, role, routeKeys: [...routeKeys].sort(), logGroup});
	}
	functions.sort((a, b) => a.functionName.localeCompare(b.functionName) || a.role.localeCompare(b.role));
	return {functions, calls, warnings};
}

/**
 * Log group -> the function writing to it, for the engine (`lambdaLogGroups`). Functions sharing one
 * custom group are named together (`a, b`): their lines join by request id, never by group.
 */
export function lambdaLogGroupMap(functions: readonly Pick<LambdaFunctionTarget, 'functionName' | 'logGroup'>[]): Map<string, string> {
	const names = new Map<string, Set<string>>();
	for (const {functionName, logGroup} of functions) names.set(logGroup, (names.get(logGroup) ?? new Set()).add(functionName));
	return new Map([...names].map(([group, set]) => [group, [...set].sort().join(', ')]));
}

/** The groups that exist (with their ARNs, for live tail) and a warning for each that does not yet. */
export async function findLambdaLogGroups(clients: AwsClients, names: readonly string[]): Promise<{found: LogGroupTarget[]; warnings: string[]}> {
	const found: LogGroupTarget[] = [];
	const warnings: string[] = [];
	// One at a time: DescribeLogGroups shares a small per-account rate with every other tool.
	for (const name of new Set(names)) {
		const target = await findLogGroup(clients, name);
		if (target === undefined) warnings.push(`Lambda log group ${show(name)} does not exist in ${clients.region} (the function has not logged yet, or logs elsewhere): not tailed`);
		else found.push(target);
	}
	return {found, warnings};
}

function unreachable(ref: LambdaFunctionRef, region: string, account: string | undefined): string | undefined {
	if (account !== undefined && ref.account !== account) {
		return `is in account ${ref.account}, not the API's account ${account}: its logs cannot be read from here`;
	}
	if (ref.region !== region) return `is in ${ref.region}, not ${region}: tail its log group with --region ${ref.region} --log-group`;
	return undefined;
}

async function readLogGroup(clients: AwsClients, ref: LambdaFunctionRef, role: LambdaRole, warnings: string[]): Promise<string | undefined> {
	try {
		const output = await clients.lambda.send(
			new GetFunctionConfigurationCommand({FunctionName: ref.arn, ...(ref.qualifier === undefined ? {} : {Qualifier: ref.qualifier})}),
		);
		return output.LoggingConfig?.LogGroup || defaultLambdaLogGroup(ref.name);
	} catch (error) {
		const reason = awsCallError(GET_CONFIGURATION, clients.region, error).message;
		const name = (error as {name?: unknown} | null)?.name;
		if (name === 'ResourceNotFoundException') {
			warnings.push(`${role} ${show(ref.name)} does not exist (${reason}): not tailed`);
			return undefined;
		}
		// Its group is most likely the default: try that rather than lose the function's logs.
		const assumed = defaultLambdaLogGroup(ref.name);
		warnings.push(`${role} ${show(ref.name)} could not be read (${reason}): assuming its log group is ${assumed}`);
		return assumed;
	}
}

function show(text: string): string {
	return sanitizeLine(text);
}
