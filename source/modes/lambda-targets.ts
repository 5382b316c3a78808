// The Lambda log groups a live tail adds to the API's own: the functions discovery finds behind the
// stage (unless --no-lambda), and those named with --lambda-log-group. Discovered groups that do not
// exist are warnings; a group named by hand that does not exist is an error, as with --log-group.

import type {LiveConfig} from '../config.js';
import type {AwsClients} from '../sources/cloudwatch/clients.js';
import type {TailedGroup} from '../sources/cloudwatch/transport.js';
import {resolveLogGroups, type StageLogTargets} from '../sources/discovery/discovery.js';
import {discoverLambdaFunctions, findLambdaLogGroups, lambdaLogGroupMap, type LambdaFunctionTarget} from '../sources/discovery/lambda-functions.js';

export interface LambdaTargets {
	groups: TailedGroup[];
	/** Log group -> the function(s) writing to it: the engine's `lambdaLogGroups`. */
	functionsByGroup: Map<string, string>;
	functions: LambdaFunctionTarget[];
	warnings: string[];
}

const DEFAULT_GROUP = /^\/aws\/lambda\/([^/]+)$/;

/**
 * `stage` is undefined in --log-group mode (only hand-named groups then). `taken` are the groups
 * already tailed as execution or access logs: a Lambda group is never tailed twice.
 */
export async function findLambdaTargets(
	config: Pick<LiveConfig, 'lambda' | 'lambdaLogGroups'>,
	clients: AwsClients,
	stage: StageLogTargets | undefined,
	taken: ReadonlySet<string>,
): Promise<LambdaTargets> {
	if (!config.lambda) return {groups: [], functionsByGroup: new Map(), functions: [], warnings: []};
	const discovered = stage === undefined ? {functions: [], warnings: []} : await discoverLambdaFunctions(clients, stage);
	const functionsByGroup = lambdaLogGroupMap(discovered.functions);
	const byHand = await resolveLogGroups(clients, config.lambdaLogGroups.filter((name) => !taken.has(name)));
	for (const group of byHand) {
		if (!functionsByGroup.has(group.name)) functionsByGroup.set(group.name, DEFAULT_GROUP.exec(group.name)?.[1] ?? group.name);
	}
	const handNames = new Set(byHand.map((group) => group.name));
	const found = await findLambdaLogGroups(
		clients,
		[...functionsByGroup.keys()].filter((name) => !taken.has(name) && !handNames.has(name)),
	);
	const groups = [...found.found, ...byHand].map((group): TailedGroup => ({...group, log: 'lambda'}));
	return {groups, functionsByGroup, functions: discovered.functions, warnings: [...discovered.warnings, ...found.warnings]};
}
