// The CloudWatch Logs calls the doctor makes to see what a tail would see: whether a group exists,
// whether it received anything in the last hour, and whether a live tail session may be started.
// Every failure comes back as a value, so one denied call becomes one line of the report.

import {FilterLogEventsCommand, StartLiveTailCommand} from '@aws-sdk/client-cloudwatch-logs';
import type {AwsClients} from '../sources/cloudwatch/clients.js';
import {errorName} from '../sources/cloudwatch/call-failures.js';
import {liveTailUnsupported} from '../sources/cloudwatch/live-tail-session.js';
import {awsCallError, type AwsCall} from '../sources/discovery/errors.js';
import {findLogGroup, type LogGroupTarget} from '../sources/discovery/log-groups.js';

export type GroupLookup = {kind: 'found'; target: LogGroupTarget} | {kind: 'missing'; name: string} | {kind: 'error'; name: string; message: string};
export type Probe =
	| {kind: 'ok'}
	| {kind: 'empty'}
	| {kind: 'unsupported'; message: string}
	| {kind: 'denied'; message: string}
	| {kind: 'error'; message: string};

const RECENT_MS = 60 * 60 * 1000;
// FilterLogEvents may answer an empty page with a token when it ran out of scan budget; a few more
// pages find a recent event in all but huge groups without turning the doctor into a scan.
const MAX_FILTER_PAGES = 5;
const LIVE_TAIL_TIMEOUT_MS = 10_000;
const ACCESS_DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'ForbiddenException', 'UnauthorizedOperation', 'UnauthorizedException']);
const FILTER: AwsCall = {operation: 'FilterLogEvents', permission: 'logs:FilterLogEvents'};
const LIVE_TAIL: AwsCall = {operation: 'StartLiveTail', permission: 'logs:StartLiveTail'};

export async function lookUpGroup(clients: AwsClients, name: string): Promise<GroupLookup> {
	try {
		const target = await findLogGroup(clients, name);
		return target === undefined ? {kind: 'missing', name} : {kind: 'found', target};
	} catch (error) {
		return {kind: 'error', name, message: errorMessage(error)};
	}
}

/** 'ok' when the group received at least one event in the hour before `now`. */
export async function probeRecentEvents(clients: AwsClients, group: LogGroupTarget, now: number): Promise<Probe> {
	let token: string | undefined;
	try {
		for (let page = 0; page < MAX_FILTER_PAGES; page++) {
			const output = await clients.logs.send(
				new FilterLogEventsCommand({logGroupName: group.name, startTime: now - RECENT_MS, endTime: now, limit: 1, ...(token === undefined ? {} : {nextToken: token})}),
			);
			if ((output.events ?? []).length > 0) return {kind: 'ok'};
			if (output.nextToken === undefined || output.nextToken === token) break;
			token = output.nextToken;
		}
		return {kind: 'empty'};
	} catch (error) {
		return failureProbe(FILTER, clients.region, error);
	}
}

/** Starts a live tail session on the groups and stops it at its first frame. */
export async function probeLiveTail(clients: AwsClients, groups: LogGroupTarget[]): Promise<Probe> {
	const session = new AbortController();
	const timer = setTimeout(() => session.abort(), LIVE_TAIL_TIMEOUT_MS);
	try {
		const response = await clients.liveTailLogs.send(new StartLiveTailCommand({logGroupIdentifiers: groups.map((group) => group.arn)}), {
			abortSignal: session.signal,
		});
		const frames = response.responseStream?.[Symbol.asyncIterator]();
		const first = await frames?.next();
		const frame = first?.done === false ? first.value : undefined;
		const streamError = frame?.SessionStreamingException ?? frame?.SessionTimeoutException;
		if (streamError !== undefined) return {kind: 'error', message: `StartLiveTail session ended at once: ${streamError.message ?? 'no message'}`};
		return {kind: 'ok'};
	} catch (error) {
		if (session.signal.aborted) return {kind: 'error', message: `StartLiveTail sent nothing within ${LIVE_TAIL_TIMEOUT_MS / 1000} s`};
		if (liveTailUnsupported(error)) return {kind: 'unsupported', message: 'this endpoint does not support StartLiveTail'};
		return failureProbe(LIVE_TAIL, clients.region, error);
	} finally {
		clearTimeout(timer);
		// Aborting the request closes its socket, which ends the session on the service side too.
		session.abort();
	}
}

function failureProbe(call: AwsCall, region: string, error: unknown): Probe {
	const message = awsCallError(call, region, error).message;
	return ACCESS_DENIED.has(errorName(error)) ? {kind: 'denied', message} : {kind: 'error', message};
}

export function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
