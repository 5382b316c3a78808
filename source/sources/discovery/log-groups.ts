// Log groups by name: whether they exist and their ARN in the form StartLiveTail accepts (no `:*`).

import {DescribeLogGroupsCommand} from '@aws-sdk/client-cloudwatch-logs';
import type {AwsClients} from '../cloudwatch/clients.js';
import {callAws} from './errors.js';

export interface LogGroupTarget {
	name: string;
	arn: string;
}

export type AccessDestination = {kind: 'log-group'; name: string; region: string; account: string} | {kind: 'other'; service: string};

const DESCRIBE = {operation: 'DescribeLogGroups', permission: 'logs:DescribeLogGroups'};
const LOG_GROUP_ARN = /^arn:[^:]+:logs:([^:]*):([^:]*):log-group:(.+?)(?::\*)?$/;
const ANY_ARN = /^arn:[^:]+:([^:]+):/;

/** The group an access-log destination ARN names; REST stages may send access logs to Firehose instead. */
export function accessDestination(destinationArn: string): AccessDestination {
	const match = LOG_GROUP_ARN.exec(destinationArn);
	if (match !== null) return {kind: 'log-group', region: match[1] ?? '', account: match[2] ?? '', name: match[3] ?? ''};
	return {kind: 'other', service: ANY_ARN.exec(destinationArn)?.[1] ?? 'unknown'};
}

/** The group named exactly `name`, or undefined when it does not exist. */
export async function findLogGroup(clients: AwsClients, name: string): Promise<LogGroupTarget | undefined> {
	let token: string | undefined;
	do {
		// A prefix also matches longer names (`.../prod` and `.../prod2`): only an exact match counts.
		const output = await callAws(DESCRIBE, clients.region, () =>
			clients.logs.send(new DescribeLogGroupsCommand({logGroupNamePrefix: name, ...(token === undefined ? {} : {nextToken: token})})),
		);
		for (const group of output.logGroups ?? []) {
			if (group.logGroupName !== name) continue;
			const arn = group.logGroupArn ?? group.arn?.replace(/:\*$/, '');
			if (arn !== undefined) return {name, arn};
		}
		token = output.nextToken === token ? undefined : output.nextToken;
	} while (token !== undefined);
	return undefined;
}
