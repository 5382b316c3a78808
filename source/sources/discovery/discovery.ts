// API + stage -> the log groups to tail and the access-log format to parse them with. Misconfiguration
// that leaves one log missing is a warning (the other log still tells a lot); only a stage with
// neither log to tail is an error.

import {GetAccountCommand} from '@aws-sdk/client-api-gateway';
import {executionLogGroupName} from '../../core/execution-log-group.js';
import {sanitizeLine} from '../../core/sanitize.js';
import {UserError} from '../../exit-codes.js';
import type {AwsClients} from '../cloudwatch/clients.js';
import {findApi, readStageLogSettings, type FoundApi, type StageLogSettings} from './apis.js';
import {createLogGroupCommand, enableAccessLoggingCommand, enableExecutionLoggingCommand, setCloudWatchRoleCommand} from './advice.js';
import {accessDestination, findLogGroup, type LogGroupTarget} from './log-groups.js';

export type {LogGroupTarget} from './log-groups.js';

export interface StageLogTargets {
	apiId: string;
	apiName: string;
	apiType: 'WEBSOCKET' | 'HTTP' | 'REST';
	stage: string;
	/** Undefined for HTTP APIs (they have no execution log) and when the group does not exist. */
	executionLogGroup: LogGroupTarget | undefined;
	accessLogGroup: LogGroupTarget | undefined;
	accessLogFormat: string | undefined;
	/** For `${stageVariables.NAME}` in Lambda URIs. */
	stageVariables: Record<string, string>;
	/** The account the stage logs to (from its access-log destination), when it says. */
	account: string | undefined;
	/** Non-fatal problems, one line each ("execution logging is OFF for stage dev: ..."). */
	warnings: string[];
}

export async function discoverStage(clients: AwsClients, api: string, stage: string): Promise<StageLogTargets> {
	const found = await findApi(clients, api);
	const settings = await readStageLogSettings(clients, found, stage);
	const executionName = found.apiType === 'HTTP' ? undefined : executionLogGroupName(found.apiId, stage);
	const destination = settings.accessLog === undefined ? undefined : accessDestination(settings.accessLog.destinationArn);
	const accessName = destination?.kind === 'log-group' ? destination.name : undefined;
	const [executionLogGroup, accessLogGroup] = await Promise.all([
		executionName === undefined ? undefined : findLogGroup(clients, executionName),
		accessName === undefined ? undefined : findLogGroup(clients, accessName),
	]);

	const warnings: string[] = [];
	if (executionName !== undefined) {
		const warning = await executionWarning(clients, found, stage, settings, executionName, executionLogGroup !== undefined);
		if (warning !== undefined) warnings.push(warning);
	}
	const accessProblem = accessWarning(clients.region, found, stage, settings, accessLogGroup !== undefined);
	if (accessProblem !== undefined) warnings.push(accessProblem);

	if (executionLogGroup === undefined && accessLogGroup === undefined) {
		throw new UserError(`nothing to tail for stage ${show(stage)} of API ${JSON.stringify(show(found.apiName))} (${found.apiId}): ${warnings.join('; ')}`);
	}
	return {
		apiId: found.apiId,
		apiName: found.apiName,
		apiType: found.apiType,
		stage,
		executionLogGroup,
		accessLogGroup,
		accessLogFormat: settings.accessLog?.format,
		stageVariables: settings.stageVariables,
		account: destination?.kind === 'log-group' && destination.account !== '' ? destination.account : undefined,
		warnings,
	};
}

/**
 * Looks up log groups by exact name; returns each name with its ARN (without `:*`, as StartLiveTail
 * wants it). Throws UserError naming every group that does not exist.
 */
export async function resolveLogGroups(clients: AwsClients, names: string[]): Promise<LogGroupTarget[]> {
	const targets: LogGroupTarget[] = [];
	const missing: string[] = [];
	// One at a time: DescribeLogGroups shares a small per-account rate with every other tool.
	for (const name of names) {
		const target = await findLogGroup(clients, name);
		if (target === undefined) missing.push(name);
		else targets.push(target);
	}
	if (missing.length > 0) {
		const which = missing.length === 1 ? `log group ${show(missing[0] ?? '')} does not` : `log groups ${missing.map(show).join(', ')} do not`;
		throw new UserError(`${which} exist in ${clients.region}: check the name, --region and --profile`);
	}
	return targets;
}

async function executionWarning(
	clients: AwsClients,
	api: FoundApi,
	stage: string,
	settings: StageLogSettings,
	groupName: string,
	groupExists: boolean,
): Promise<string | undefined> {
	const enable = `enable it with \`${enableExecutionLoggingCommand(api, stage, clients.region)}\``;
	if (settings.executionLogging === 'OFF') {
		return groupExists
			? `execution logging is OFF for stage ${show(stage)}: ${groupName} gets no new events; ${enable}`
			: `execution logging is OFF for stage ${show(stage)} (no execution log): ${enable}`;
	}
	if (groupExists) return undefined;
	const level = settings.executionLogging ?? 'on';
	if ((await cloudWatchRoleMissing(clients)) === true) {
		return `execution logging is ${level} for stage ${show(stage)} but the account has no CloudWatch Logs role for API Gateway, so nothing is written: set one with \`${setCloudWatchRoleCommand(clients.region)}\``;
	}
	return `execution log group ${groupName} does not exist yet (logging is ${level}): API Gateway creates it with the first logged request; if requests are arriving, check the account's CloudWatch role (\`aws apigateway get-account\`)`;
}

/** True or false when GetAccount answered; undefined when it could not be asked (the warning then names both causes). */
async function cloudWatchRoleMissing(clients: AwsClients): Promise<boolean | undefined> {
	try {
		const account = await clients.apigwV1.send(new GetAccountCommand({}));
		return !account.cloudwatchRoleArn;
	} catch {
		return undefined;
	}
}

function accessWarning(region: string, api: FoundApi, stage: string, settings: StageLogSettings, groupExists: boolean): string | undefined {
	const accessLog = settings.accessLog;
	if (accessLog === undefined) {
		return `stage ${show(stage)} has no access logging (requests cannot be tied to connections, statuses and latencies): enable it with \`${enableAccessLoggingCommand(api, stage, region)}\``;
	}
	const destination = accessDestination(accessLog.destinationArn);
	if (destination.kind === 'other') {
		return `stage ${show(stage)} sends access logs to ${destination.service} (${show(accessLog.destinationArn)}), not to CloudWatch Logs: they cannot be tailed`;
	}
	if (groupExists) return undefined;
	if (destination.region !== '' && destination.region !== region) {
		return `stage ${show(stage)} sends access logs to ${show(destination.name)} in ${show(destination.region)}, not ${region}: tail them with --region ${show(destination.region)}`;
	}
	return `access log group ${show(destination.name)} named by stage ${show(stage)} does not exist in ${region}, so API Gateway drops its access logs: create it with \`${createLogGroupCommand(destination.name, region)}\``;
}

function show(text: string): string {
	return sanitizeLine(text);
}
