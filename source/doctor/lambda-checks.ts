// The doctor's look at the API's Lambda functions: each integration's and authorizer's log group must
// exist and be readable for apigw-tail to show the invocation behind a request. Only asked when the API
// calls Lambdas; every problem is a warning (the API's own logs still tell a lot).

import {sanitizeLine} from '../core/sanitize.js';
import type {AwsClients} from '../sources/cloudwatch/clients.js';
import type {LambdaDiscovery} from '../sources/discovery/lambda-functions.js';
import {check, type DoctorCheck} from './checks.js';
import {lookUpGroup, probeRecentEvents, type GroupLookup, type Probe} from './probes.js';

export interface LambdaGroupFacts {
	/** Group name -> the functions writing to it. */
	functions: Map<string, string[]>;
	lookups: Array<{lookup: GroupLookup; recent: Probe | undefined}>;
	warnings: string[];
}

const TITLE = 'Lambda log groups';

/** Looks each function's group up and reads it once (the read a tail would make); never throws. */
export async function readLambdaGroups(clients: AwsClients, discovery: LambdaDiscovery, now: number): Promise<LambdaGroupFacts> {
	const functions = new Map<string, string[]>();
	for (const {functionName, logGroup} of discovery.functions) {
		const names = functions.get(logGroup) ?? [];
		if (!names.includes(functionName)) names.push(functionName);
		functions.set(logGroup, names);
	}
	const lookups: LambdaGroupFacts['lookups'] = [];
	// One at a time: DescribeLogGroups and FilterLogEvents share a small per-account rate.
	for (const name of functions.keys()) {
		const lookup = await lookUpGroup(clients, name);
		lookups.push({lookup, recent: lookup.kind === 'found' ? await probeRecentEvents(clients, lookup.target, now) : undefined});
	}
	return {functions, lookups, warnings: discovery.warnings};
}

/** Undefined when the API calls no Lambda (nothing to check). */
export function lambdaLogGroupsCheck(facts: LambdaGroupFacts): DoctorCheck | undefined {
	if (facts.functions.size === 0 && facts.warnings.length === 0) return undefined;
	const problems = [...facts.warnings];
	let readable = 0;
	for (const {lookup, recent} of facts.lookups) {
		const name = lookup.kind === 'found' ? lookup.target.name : lookup.name;
		const who = (facts.functions.get(name) ?? []).join(', ');
		if (lookup.kind === 'missing') problems.push(`${name} (${who}) does not exist: the function has not run since it was created, or logs elsewhere`);
		else if (lookup.kind === 'error') problems.push(`${name} (${who}) could not be looked up: ${lookup.message}`);
		else if (recent?.kind === 'denied' || recent?.kind === 'error') problems.push(`${name} (${who}) cannot be read: ${recent.message}`);
		else readable++;
	}
	const total = facts.lookups.length;
	const summary = `${readable} of ${total} group${total === 1 ? '' : 's'} readable`;
	if (problems.length === 0) return check('lambda-log-groups', TITLE, 'ok', `${summary}: ${[...facts.functions.keys()].map(show).join(', ')}`);
	const said = problems.map(show).join('; ');
	return check('lambda-log-groups', TITLE, 'warn', total === 0 ? said : `${summary}; ${said}`);
}

function show(text: string): string {
	return sanitizeLine(text);
}
