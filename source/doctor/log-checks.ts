// Checks of what a tail would read: both log groups exist and received events in the last hour, and
// the credentials may call FilterLogEvents and StartLiveTail on them.

import {sanitizeLine} from '../core/sanitize.js';
import {createLogGroupCommand} from '../sources/discovery/advice.js';
import type {FoundApi, StageLogSettings} from '../sources/discovery/apis.js';
import type {LogGroupTarget} from '../sources/discovery/log-groups.js';
import {check, type DoctorCheck} from './checks.js';
import {logsPolicyStatement} from './fixes.js';
import type {GroupLookup, Probe} from './probes.js';

/** A group the stage logs to: looked up, and probed for recent events when it exists. */
export interface GroupFacts {
	lookup: GroupLookup;
	recent: Probe | undefined;
}

export function executionGroupCheck(api: FoundApi, settings: StageLogSettings, group: GroupFacts | undefined): DoctorCheck {
	const title = 'Execution log group';
	if (api.apiType === 'HTTP' || group === undefined) return check('execution-log-group', title, 'ok', 'not applicable: HTTP APIs have no execution log');
	const {lookup} = group;
	if (lookup.kind === 'missing') {
		const why =
			settings.executionLogging === 'OFF'
				? 'execution logging is OFF (see its fix above)'
				: 'API Gateway creates it with the first logged request; if requests are arriving, check the CloudWatch role';
		return check('execution-log-group', title, 'warn', `${show(lookup.name)} does not exist: ${why}`);
	}
	return groupCheck('execution-log-group', title, group);
}

export function accessGroupCheck(region: string, settings: StageLogSettings, destinationRegion: string | undefined, group: GroupFacts | undefined): DoctorCheck {
	const title = 'Access log group';
	if (group === undefined) {
		const why = settings.accessLog === undefined ? 'the stage has no access logging' : 'access logs do not go to CloudWatch Logs';
		return check('access-log-group', title, 'warn', `none to read: ${why} (see the fix above)`);
	}
	const {lookup} = group;
	if (lookup.kind === 'missing') {
		if (destinationRegion !== undefined && destinationRegion !== '' && destinationRegion !== region) {
			return check('access-log-group', title, 'warn', `${show(lookup.name)} is in ${show(destinationRegion)}, not ${region}: run apigw-tail with --region ${show(destinationRegion)}`);
		}
		return check(
			'access-log-group',
			title,
			'fail',
			`${show(lookup.name)} does not exist in ${region}: API Gateway drops the stage's access logs`,
			createLogGroupCommand(lookup.name, region),
		);
	}
	return groupCheck('access-log-group', title, group);
}

function groupCheck(id: string, title: string, {lookup, recent}: GroupFacts): DoctorCheck {
	if (lookup.kind === 'error') return check(id, title, 'warn', `${show(lookup.name)} could not be looked up: ${show(lookup.message)}`);
	const name = show(lookup.kind === 'found' ? lookup.target.name : lookup.name);
	if (recent === undefined || recent.kind === 'ok') return check(id, title, 'ok', `${name}: received events in the last hour`);
	if (recent.kind === 'empty') return check(id, title, 'warn', `${name}: no events in the last hour (send a request to the stage, then run doctor again)`);
	return check(id, title, 'warn', `${name}: recent events could not be read (see FilterLogEvents below)`);
}

/** `probes`: the recent-events reads, which are the FilterLogEvents calls a tail would make. */
export function filterPermissionCheck(groups: LogGroupTarget[], probes: Probe[]): DoctorCheck {
	const title = 'FilterLogEvents (polling, backfill)';
	if (groups.length === 0) return check('filter-log-events', title, 'warn', 'not checked: no log group to read');
	const denied = probes.find((probe) => probe.kind === 'denied');
	const arns = groups.map((group) => group.arn);
	if (denied !== undefined && denied.kind === 'denied') {
		return check('filter-log-events', title, 'fail', show(denied.message), `add to the identity's IAM policy: ${logsPolicyStatement(['logs:FilterLogEvents'], arns)}`);
	}
	const failed = probes.find((probe) => probe.kind === 'error');
	if (failed !== undefined && failed.kind === 'error') return check('filter-log-events', title, 'warn', show(failed.message));
	return check('filter-log-events', title, 'ok', 'allowed');
}

export function liveTailCheck(groups: LogGroupTarget[], probe: Probe | undefined): DoctorCheck {
	const title = 'StartLiveTail (live updates)';
	if (groups.length === 0 || probe === undefined) return check('live-tail', title, 'warn', 'not checked: no log group to tail');
	if (probe.kind === 'denied') {
		const fix = `add to the identity's IAM policy: ${logsPolicyStatement(['logs:StartLiveTail', 'logs:StopLiveTail'], groups.map((group) => group.arn))}`;
		return check('live-tail', title, 'warn', `live tail not allowed: apigw-tail will poll (${show(probe.message)})`, fix);
	}
	if (probe.kind === 'unsupported') return check('live-tail', title, 'warn', `${probe.message}: apigw-tail will poll FilterLogEvents every 2s`);
	if (probe.kind === 'error') return check('live-tail', title, 'warn', `${show(probe.message)}: apigw-tail will poll`);
	return check('live-tail', title, 'ok', 'allowed: a session started and was stopped');
}

function show(text: string): string {
	return sanitizeLine(text);
}
