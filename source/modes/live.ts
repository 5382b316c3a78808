// `apigw-tail --api ID --stage NAME` and `apigw-tail --log-group NAME...`: find the log groups, backfill
// `--since`, then follow them live, through the same engine and printers as a replay.

import process from 'node:process';
import type {LiveConfig} from '../config.js';
import type {AccessLineParser} from '../core/parse/access-format.js';
import type {KnownApi, LogEvent} from '../core/types.js';
import type {LineSink} from '../output/sink.js';
import {createAwsClients, type AwsClients} from '../sources/cloudwatch/clients.js';
import {tailCloudWatch, type TailedGroup} from '../sources/cloudwatch/transport.js';
import {discoverStage, resolveLogGroups} from '../sources/discovery/discovery.js';
import {accessParserFor} from './access-parser.js';
import {lambdaRequestIdReader} from './lambda-request-ids.js';
import {findLambdaTargets} from './lambda-targets.js';
import {withHeartbeat} from './heartbeat.js';
import {transportNotices} from './transport-notices.js';
import {present} from './present.js';
import {SwitchableSource} from './switchable-source.js';
import {liveWindowStats, type LiveWindowStats} from './window-stats.js';

// Requests settle on the next tick after their window passes; a quarter second keeps that invisible.
const HEARTBEAT_MS = 250;
const PIN_LOOKBACK_MS = 5 * 60_000;

export interface LiveTargets {
	groups: TailedGroup[];
	/** The stage's access-log format when discovery found one. */
	accessLogFormat: string | undefined;
	/** "chat-demo (a1b2c3d4e5)" when the groups came from an API. */
	apiLabel?: string;
	/** The API and stage the groups came from (`--api`). */
	api?: KnownApi;
	/** Log group -> the Lambda function(s) writing to it; empty with --no-lambda or when none were found. */
	lambdaLogGroups: Map<string, string>;
	warnings: string[];
}

export async function runLive(config: LiveConfig, sink: LineSink, signal: AbortSignal): Promise<void> {
	const clients = await createAwsClients(config.aws, process.env);
	// The terminal UI names the groups and the transport in its header. A notice written to the terminal
	// before it starts would be left on the normal screen after it closes, stale: those wait for the UI and
	// then go where it sends all diagnostics (--debug-log).
	let held: string[] | undefined = config.interactive ? [] : undefined;
	const notice = (text: string): void => {
		if (held) held.push(text);
		else writeNotice(text);
	};
	let windowStats: LiveWindowStats | undefined;
	// The tail ends before its clients close, whoever ends the run: a view that went away (`| head -1`)
	// returns the batches while a read is in flight, and the tail would otherwise still be reading when its
	// sockets close (and say so).
	const tailing = new AbortController();
	try {
		const targets = await findTargets(config, clients);
		windowStats = liveWindowStats(config, clients, targets);
		for (const warning of targets.warnings) notice(warning);
		notice(`tailing ${targets.groups.map((group) => group.name).join(' and ')}${config.follow ? '' : ' (backfill only)'}`);
		const accessParser = await accessParserFor(config, targets.accessLogFormat);
		const accessLogGroups = new Set(targets.groups.filter((group) => group.log === 'access').map((group) => group.name));
		const startTime = 'epochMs' in config.since ? config.since.epochMs : Date.now() - config.since.beforeNowMs;
		let reportStatus = transportNotices(notice);
		const source = new SwitchableSource<string | undefined>(
			(connectionId, signal) =>
				tailCloudWatch({
					logs: clients.logs,
					liveTailLogs: clients.liveTailLogs,
					groups: targets.groups,
					// Narrowing to a pinned connection re-reads a little history so its recent requests are whole.
					startTime: connectionId === config.filter.connectionId ? startTime : Math.max(startTime, Date.now() - PIN_LOOKBACK_MS),
					follow: config.follow,
					mode: config.transport,
					requestsPerSecond: config.requestRate,
					signal,
					onStatus: (status) => reportStatus(status),
					connection:
						connectionId === undefined
							? undefined
							: {connectionId, requestIdOf: requestIdReader(accessParser), lambdaRequestIdsOf: lambdaRequestIdReader(accessParser)},
				}),
			config.filter.connectionId,
		);
		await present(withHeartbeat(source.batches(AbortSignal.any([signal, tailing.signal])), HEARTBEAT_MS), {
			config,
			accessParser,
			accessLogGroups,
			// Custom Lambda groups name no function: the engine learns from discovery which one writes there.
			lambdaLogGroups: targets.lambdaLogGroups,
			api: targets.api,
			sink,
			signal,
			clock: config.follow ? Date.now : undefined,
			status: {
				source: describeSource(config, targets),
				stage: config.api?.stage,
				region: clients.region,
				transport: 'backfill',
				sampled: false,
				throttled: false,
				eventsPerSecond: 0,
			},
			onPin: (connectionId) => source.switchTo(connectionId),
			windowStats,
			onUi: (ui) => {
				const waiting = held ?? [];
				held = undefined;
				for (const text of waiting) writeNotice(text);
				reportStatus = (status) =>
					ui.reportStatus({
						transport: status.phase,
						sampled: status.sampled,
						throttled: status.throttled,
						lagMs: status.lagMs,
						eventsPerSecond: status.eventsPerSecond,
						polledGroups: status.polledBesideLiveTail?.length ?? 0,
					});
			},
		});
	} finally {
		tailing.abort();
		// A window the user left is stopping its queries: StopQuery must go out before the clients close.
		await windowStats?.idle();
		clients.destroy();
	}
}

/** The groups to tail: discovered from the API and stage (with overrides), or named with --log-group. */
export async function findTargets(config: LiveConfig, clients: AwsClients): Promise<LiveTargets> {
	if (config.api === undefined) {
		const groups = await resolveLogGroups(clients, config.logGroups);
		const lambda = await findLambdaTargets(config, clients, undefined, new Set(config.logGroups));
		return {
			groups: [...groups.map((group) => ({...group, log: undefined})), ...lambda.groups],
			accessLogFormat: undefined,
			lambdaLogGroups: lambda.functionsByGroup,
			warnings: lambda.warnings,
		};
	}

	const stage = await discoverStage(clients, config.api.api, config.api.stage);
	const [execution] = config.executionLogGroup
		? await resolveLogGroups(clients, [config.executionLogGroup])
		: [stage.executionLogGroup];
	const [access] = config.accessLogGroup ? await resolveLogGroups(clients, [config.accessLogGroup]) : [stage.accessLogGroup];
	const groups: TailedGroup[] = [];
	if (execution) groups.push({...execution, log: 'execution'});
	if (access) groups.push({...access, log: 'access'});
	// After the API's own groups: past live tail's limit of 10, the last groups are the ones polled.
	const lambda = await findLambdaTargets(config, clients, stage, new Set(groups.map((group) => group.name)));
	groups.push(...lambda.groups);
	return {
		groups,
		accessLogFormat: stage.accessLogFormat,
		lambdaLogGroups: lambda.functionsByGroup,
		warnings: [...stage.warnings, ...lambda.warnings],
		apiLabel: `${stage.apiName} (${stage.apiId})`,
		api: {apiId: stage.apiId, stage: stage.stage, apiType: stage.apiType},
	};
}

function describeSource(config: LiveConfig, targets: LiveTargets): string {
	if (config.api) return targets.apiLabel ?? config.api.api;
	return targets.groups.map((group) => group.name).join(', ');
}

function requestIdReader(parser: AccessLineParser): (event: LogEvent) => string | undefined {
	return (event) => {
		const result = parser.parse(event.message);
		return result.ok ? (result.fields['requestId'] ?? result.fields['extendedRequestId']) : undefined;
	};
}

function writeNotice(text: string): void {
	process.stderr.write(`apigw-tail: ${text}\n`);
}
