// Checks of the stage's and account's logging settings: execution logging, data trace, access
// logging and its format, and the account's CloudWatch role.

import {sanitizeLine} from '../core/sanitize.js';
import {createLogGroupCommand, enableExecutionLoggingCommand, setCloudWatchRoleCommand} from '../sources/discovery/advice.js';
import type {FoundApi, StageLogSettings} from '../sources/discovery/apis.js';
import {accessDestination} from '../sources/discovery/log-groups.js';
import {missingAccessVariables, recommendedAccessFormat, type LambdaWiring} from './access-format.js';
import {check, type DoctorCheck} from './checks.js';
import {tracesData} from './data-trace.js';
import {accessLogSettingsCommand, disableDataTraceCommand, type DataTraceSources} from './fixes.js';

export interface StageFacts {
	api: FoundApi;
	stage: string;
	region: string;
	settings: StageLogSettings;
	/** A string when the stage could not be read for it. */
	dataTrace: DataTraceSources | undefined | string;
	/** `arn` undefined: the account has none; `error`: GetAccount failed. */
	cloudwatchRole: {arn: string | undefined} | {error: string};
	/** Where a new access log group would go: a real ARN when the account id is known. */
	newAccessLogGroup: {name: string; arn: string};
	/** Lambda integrations or authorizers: the format then needs their request ids. */
	lambda: LambdaWiring;
}

export function executionLoggingCheck({api, stage, region, settings}: StageFacts): DoctorCheck {
	const title = 'Execution logging';
	const level = settings.executionLogging;
	if (api.apiType === 'HTTP' || level === undefined) return check('execution-logging', title, 'ok', 'not applicable: HTTP APIs have no execution log (the access log is all there is)');
	if (level === 'OFF') {
		return check('execution-logging', title, 'fail', `OFF for stage ${show(stage)}: API Gateway writes no execution log`, enableExecutionLoggingCommand(api, stage, region));
	}
	if (level === 'ERROR') return check('execution-logging', title, 'ok', 'ERROR: failed requests are logged (INFO logs every request)');
	return check('execution-logging', title, 'ok', 'INFO: every request is logged');
}

export function dataTraceCheck({api, stage, region, settings, dataTrace}: StageFacts): DoctorCheck {
	const title = 'Data trace';
	if (api.apiType === 'HTTP') return check('data-trace', title, 'ok', 'not applicable: HTTP APIs have no data trace');
	if (typeof dataTrace === 'string') return check('data-trace', title, 'warn', `could not be read: ${dataTrace}`);
	if (dataTrace === undefined || !tracesData(dataTrace)) return check('data-trace', title, 'ok', 'off');
	const where = [...(dataTrace.defaultRoute ? ['the default route'] : []), ...dataTrace.keys].join(', ');
	const level = settings.executionLogging === 'ERROR' ? 'ERROR' : 'INFO';
	return check(
		'data-trace',
		title,
		'warn',
		`on for ${show(where)}: full request and response payloads (tokens, personal data) go to the execution log; turn it off when done`,
		disableDataTraceCommand(api, stage, region, dataTrace, level),
	);
}

export function accessLoggingCheck(facts: StageFacts): DoctorCheck {
	const title = 'Access logging';
	const accessLog = facts.settings.accessLog;
	if (accessLog === undefined) {
		return check('access-logging', title, 'fail', `none for stage ${show(facts.stage)}: requests cannot be tied to connections, statuses and latencies`, newAccessLogFix(facts));
	}
	const destination = accessDestination(accessLog.destinationArn);
	if (destination.kind === 'other') {
		return check(
			'access-logging',
			title,
			'warn',
			`sent to ${show(destination.service)} (${show(accessLog.destinationArn)}), not to CloudWatch Logs: apigw-tail cannot tail it`,
			newAccessLogFix(facts),
		);
	}
	return check('access-logging', title, 'ok', `to log group ${show(destination.name)}`);
}

export function accessFormatCheck({api, stage, region, settings, lambda}: StageFacts): DoctorCheck {
	const title = 'Access-log format';
	const accessLog = settings.accessLog;
	if (accessLog === undefined) return check('access-format', title, 'warn', 'nothing to check: the stage has no access logging (see the fix above)');
	const fix = accessLogSettingsCommand(api, stage, region, accessLog.destinationArn, recommendedAccessFormat(api.apiType, lambda));
	if (accessLog.format === undefined) return check('access-format', title, 'warn', 'the stage names a destination but no format', fix);
	const missing = missingAccessVariables(api.apiType, accessLog.format, lambda);
	if (missing.length === 0) return check('access-format', title, 'ok', 'has every variable apigw-tail correlates and explains errors with');
	return check('access-format', title, 'warn', `lacks ${missing.join(', ')}: set the recommended format`, fix);
}

export function cloudWatchRoleCheck({api, region, settings, cloudwatchRole}: StageFacts): DoctorCheck {
	const title = 'CloudWatch role (account)';
	if ('error' in cloudwatchRole) return check('cloudwatch-role', title, 'warn', `could not be read: ${cloudwatchRole.error}`);
	if (cloudwatchRole.arn !== undefined) return check('cloudwatch-role', title, 'ok', show(cloudwatchRole.arn));
	const fix = setCloudWatchRoleCommand(region);
	if (api.apiType === 'HTTP') return check('cloudwatch-role', title, 'ok', 'none; not needed: HTTP APIs write access logs through a service-linked role');
	if (settings.executionLogging === 'OFF') {
		return check('cloudwatch-role', title, 'warn', 'none: execution logging will write nothing once enabled; ROLE_ARN is a role API Gateway may assume with AmazonAPIGatewayPushToCloudWatchLogs', fix);
	}
	return check(
		'cloudwatch-role',
		title,
		'fail',
		'none: API Gateway cannot write the execution log; ROLE_ARN is a role API Gateway may assume with AmazonAPIGatewayPushToCloudWatchLogs',
		fix,
	);
}

/** A log group to create and the stage settings that send the recommended format to it. */
function newAccessLogFix({api, stage, region, newAccessLogGroup, lambda}: StageFacts): string {
	return [
		createLogGroupCommand(newAccessLogGroup.name, region),
		accessLogSettingsCommand(api, stage, region, newAccessLogGroup.arn, recommendedAccessFormat(api.apiType, lambda)),
	].join('\n');
}

function show(text: string): string {
	return sanitizeLine(text);
}
