// Paste-ready fix commands the discovery advice does not have: whole access-log settings (the format
// holds commas and quotes, so it goes as JSON, not as the CLI's shorthand), data trace off, and the
// IAM statement a denied CloudWatch Logs call needs; and every fix command aimed where the doctor looked.

import {word} from '../sources/discovery/advice.js';
import type {FoundApi} from '../sources/discovery/apis.js';
import type {DoctorCheck} from './checks.js';

/** What the command line named besides the region: a fix pasted without them would act on another account or endpoint. */
export interface AwsCliTarget {
	profile?: string | undefined;
	endpointUrl?: string | undefined;
}

/** Adds `--profile P` and `--endpoint-url U` (those given) to every `aws ...` line of the check's fix. */
export function aimedFix(item: DoctorCheck, target: AwsCliTarget): DoctorCheck {
	const options = [
		...(target.profile === undefined ? [] : [`--profile ${word(target.profile)}`]),
		...(target.endpointUrl === undefined ? [] : [`--endpoint-url ${word(target.endpointUrl)}`]),
	];
	if (item.fix === undefined || options.length === 0) return item;
	const lines = item.fix.split('\n').map((line) => (line.startsWith('aws ') ? `${line} ${options.join(' ')}` : line));
	return {...item, fix: lines.join('\n')};
}

export function accessLogSettingsCommand(api: FoundApi, stage: string, region: string, destinationArn: string, format: string): string {
	if (api.apiType === 'REST') {
		const operations = [
			{op: 'replace', path: '/accessLogSettings/destinationArn', value: destinationArn},
			{op: 'replace', path: '/accessLogSettings/format', value: format},
		];
		return `aws apigateway update-stage --rest-api-id ${word(api.apiId)} --stage-name ${word(stage)} --patch-operations ${word(JSON.stringify(operations))} --region ${word(region)}`;
	}
	const settings = {DestinationArn: destinationArn, Format: format};
	return `aws apigatewayv2 update-stage --api-id ${word(api.apiId)} --stage-name ${word(stage)} --access-log-settings ${word(JSON.stringify(settings))} --region ${word(region)}`;
}

/** Where data trace is on: the default route (or `*\/*` for REST) and any route or method keys. */
export interface DataTraceSources {
	/** WebSocket route keys, or REST method-settings keys (`*\/*`, `~1pets/GET`). */
	keys: string[];
	/** WebSocket only: the default route settings trace data. */
	defaultRoute: boolean;
}

/** `level` is repeated because update-stage replaces the route settings it is given as a whole. */
export function disableDataTraceCommand(api: FoundApi, stage: string, region: string, sources: DataTraceSources, level: string): string {
	if (api.apiType === 'REST') {
		const operations = sources.keys.map((key) => word(`op=replace,path=/${key}/logging/dataTrace,value=false`));
		return `aws apigateway update-stage --rest-api-id ${word(api.apiId)} --stage-name ${word(stage)} --patch-operations ${operations.join(' ')} --region ${word(region)}`;
	}
	const parts = [`aws apigatewayv2 update-stage --api-id ${word(api.apiId)} --stage-name ${word(stage)}`];
	if (sources.defaultRoute) parts.push(`--default-route-settings ${word(`DataTraceEnabled=false,LoggingLevel=${level}`)}`);
	if (sources.keys.length > 0) {
		const routes = Object.fromEntries(sources.keys.map((key) => [key, {DataTraceEnabled: false, LoggingLevel: level}]));
		parts.push(`--route-settings ${word(JSON.stringify(routes))}`);
	}
	parts.push(`--region ${word(region)}`);
	return parts.join(' ');
}

/** An IAM policy statement allowing `actions` on these log groups (ARNs without `:*`). */
export function logsPolicyStatement(actions: string[], groupArns: string[]): string {
	return JSON.stringify({Effect: 'Allow', Action: actions, Resource: groupArns.map((arn) => `${arn}:*`)});
}
