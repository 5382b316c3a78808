// The AWS CLI commands that fix what discovery found missing, written so they can be pasted into a
// POSIX shell as they are (`$default` and `/*/*` are quoted).

import {sanitizeLine} from '../../core/sanitize.js';
import type {FoundApi} from './apis.js';

const SHELL_SAFE = /^[A-Za-z0-9_.\/:=,@%+-]+$/;

export function enableExecutionLoggingCommand(api: FoundApi, stage: string, region: string): string {
	if (api.apiType === 'REST') {
		return `aws apigateway update-stage --rest-api-id ${word(api.apiId)} --stage-name ${word(stage)} --patch-operations ${word('op=replace,path=/*/*/logging/loglevel,value=INFO')} --region ${word(region)}`;
	}
	return `aws apigatewayv2 update-stage --api-id ${word(api.apiId)} --stage-name ${word(stage)} --default-route-settings LoggingLevel=INFO --region ${word(region)}`;
}

export function enableAccessLoggingCommand(api: FoundApi, stage: string, region: string): string {
	if (api.apiType === 'REST') {
		return `aws apigateway update-stage --rest-api-id ${word(api.apiId)} --stage-name ${word(stage)} --patch-operations op=replace,path=/accessLogSettings/destinationArn,value=LOG_GROUP_ARN op=replace,path=/accessLogSettings/format,value=FORMAT --region ${word(region)}`;
	}
	return `aws apigatewayv2 update-stage --api-id ${word(api.apiId)} --stage-name ${word(stage)} --access-log-settings DestinationArn=LOG_GROUP_ARN,Format=FORMAT --region ${word(region)}`;
}

export function setCloudWatchRoleCommand(region: string): string {
	return `aws apigateway update-account --patch-operations op=replace,path=/cloudwatchRoleArn,value=ROLE_ARN --region ${word(region)}`;
}

export function createLogGroupCommand(name: string, region: string): string {
	return `aws logs create-log-group --log-group-name ${word(name)} --region ${word(region)}`;
}

/** One shell word: as it is when nothing in it is special, else single-quoted. */
export function word(text: string): string {
	const clean = sanitizeLine(text);
	return SHELL_SAFE.test(clean) ? clean : `'${clean.replaceAll("'", `'\\''`)}'`;
}
