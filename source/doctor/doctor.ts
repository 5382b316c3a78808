// `apigw-tail doctor`: checks that a stage can be debugged. Reads everything first (the API, its
// stage, the account, the log groups, its Lambda functions and their groups, one FilterLogEvents per
// group and one live tail session), then
// judges; no failure of a read stops the report, it becomes a line in it.

import {GetAccountCommand} from '@aws-sdk/client-api-gateway';
import {executionLogGroupName} from '../core/execution-log-group.js';
import {sanitizeLine} from '../core/sanitize.js';
import {UserError} from '../exit-codes.js';
import type {AwsClients} from '../sources/cloudwatch/clients.js';
import {findApi, readStageLogSettings, type FoundApi, type StageLogSettings} from '../sources/discovery/apis.js';
import {accessDestination, type LogGroupTarget} from '../sources/discovery/log-groups.js';
import {discoverLambdaFunctions} from '../sources/discovery/lambda-functions.js';
import {check, reportOf, type DoctorCheck, type DoctorReport} from './checks.js';
import {lambdaLogGroupsCheck, readLambdaGroups} from './lambda-checks.js';
import {readDataTrace} from './data-trace.js';
import {accessGroupCheck, executionGroupCheck, filterPermissionCheck, liveTailCheck, type GroupFacts} from './log-checks.js';
import {aimedFix, type AwsCliTarget} from './fixes.js';
import {errorMessage, lookUpGroup, probeLiveTail, probeRecentEvents, type GroupLookup} from './probes.js';
import {accessFormatCheck, accessLoggingCheck, cloudWatchRoleCheck, dataTraceCheck, executionLoggingCheck, type StageFacts} from './stage-checks.js';

export type {CheckStatus, DoctorCheck, DoctorReport} from './checks.js';
export {formatDoctorReport} from './format.js';

/**
 * Never throws for what AWS answers (a missing API, a denied call): that is a failed check. `target`:
 * the --profile and --endpoint-url given, which every fix command repeats.
 */
export async function runDoctorChecks(clients: AwsClients, api: string, stage: string, now: () => number = Date.now, target: AwsCliTarget = {}): Promise<DoctorReport> {
	const report = await checkStage(clients, api, stage, now);
	return {...report, checks: report.checks.map((item) => aimedFix(item, target))};
}

async function checkStage(clients: AwsClients, api: string, stage: string, now: () => number): Promise<DoctorReport> {
	let found: FoundApi;
	let settings: StageLogSettings;
	try {
		found = await findApi(clients, api);
	} catch (error) {
		if (!(error instanceof UserError)) throw error;
		return reportOf(api, stage, [check('api', 'API', 'fail', error.message)]);
	}
	const apiCheck = check('api', 'API', 'ok', `${sanitizeLine(found.apiName)} (${found.apiId}), ${found.apiType}`);
	try {
		settings = await readStageLogSettings(clients, found, stage);
	} catch (error) {
		if (!(error instanceof UserError)) throw error;
		return reportOf(found.apiId, stage, [apiCheck, check('stage', 'Stage', 'fail', error.message)]);
	}

	const destination = settings.accessLog === undefined ? undefined : accessDestination(settings.accessLog.destinationArn);
	const executionName = found.apiType === 'HTTP' ? undefined : executionLogGroupName(found.apiId, stage);
	const accessName = destination?.kind === 'log-group' ? destination.name : undefined;
	const account = destination?.kind === 'log-group' && destination.account !== '' ? destination.account : undefined;
	const [dataTrace, cloudwatchRole, executionLookup, accessLookup, lambda] = await Promise.all([
		readDataTrace(clients, found, stage).catch((error: unknown) => errorMessage(error)),
		readCloudWatchRole(clients),
		executionName === undefined ? undefined : lookUpGroup(clients, executionName),
		accessName === undefined ? undefined : lookUpGroup(clients, accessName),
		discoverLambdaFunctions(clients, {apiId: found.apiId, apiType: found.apiType, stageVariables: settings.stageVariables, account}),
	]);
	const lambdaGroups = await readLambdaGroups(clients, lambda, now());
	const [executionGroup, accessGroup] = await Promise.all([withRecentEvents(clients, executionLookup, now()), withRecentEvents(clients, accessLookup, now())]);
	const existing = [executionGroup, accessGroup].flatMap((group) => (group?.lookup.kind === 'found' ? [group.lookup.target] : []));
	const liveTail = existing.length === 0 ? undefined : await probeLiveTail(clients, existing);

	const facts: StageFacts = {
		api: found,
		stage,
		region: clients.region,
		settings,
		dataTrace,
		cloudwatchRole,
		newAccessLogGroup: newAccessLogGroup(clients.region, found, stage, existing),
		lambda: lambda.calls,
	};
	const lambdaCheck = lambdaLogGroupsCheck(lambdaGroups);
	const checks: DoctorCheck[] = [
		apiCheck,
		executionLoggingCheck(facts),
		dataTraceCheck(facts),
		accessLoggingCheck(facts),
		accessFormatCheck(facts),
		cloudWatchRoleCheck(facts),
		executionGroupCheck(found, settings, executionGroup),
		accessGroupCheck(clients.region, settings, destination?.kind === 'log-group' ? destination.region : undefined, accessGroup),
		filterPermissionCheck(
			existing,
			[executionGroup?.recent, accessGroup?.recent].flatMap((probe) => (probe === undefined ? [] : [probe])),
		),
		liveTailCheck(existing, liveTail),
		...(lambdaCheck === undefined ? [] : [lambdaCheck]),
	];
	return reportOf(found.apiId, stage, checks);
}

async function withRecentEvents(clients: AwsClients, lookup: GroupLookup | undefined, now: number): Promise<GroupFacts | undefined> {
	if (lookup === undefined) return undefined;
	return {lookup, recent: lookup.kind === 'found' ? await probeRecentEvents(clients, lookup.target, now) : undefined};
}

async function readCloudWatchRole(clients: AwsClients): Promise<StageFacts['cloudwatchRole']> {
	try {
		const account = await clients.apigwV1.send(new GetAccountCommand({}));
		return {arn: account.cloudwatchRoleArn || undefined};
	} catch (error) {
		return {error: errorMessage(error)};
	}
}

/**
 * The group a fix creates for access logs; its ARN borrows the partition and account of a group that
 * exists, so the command pastes as it is (ACCOUNT_ID is left to fill in only when none exists).
 */
function newAccessLogGroup(region: string, api: FoundApi, stage: string, existing: LogGroupTarget[]): {name: string; arn: string} {
	// Log group names allow letters, digits and `._/#-`: `$default` becomes `default`.
	const name = `/aws/apigateway/${api.apiId}/${stage.replace(/[^A-Za-z0-9._#-]/g, '') || 'stage'}/access`;
	const known = existing.map((group) => /^(arn:[^:]+:logs:[^:]*:[^:]*:log-group:)/.exec(group.arn)?.[1]).find((prefix) => prefix !== undefined);
	return {name, arn: `${known ?? `arn:aws:logs:${region}:ACCOUNT_ID:log-group:`}${name}`};
}
