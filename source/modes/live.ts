// `apigw-tail --api ID --stage NAME` and `apigw-tail --log-group NAME...`: find the log groups, backfill
// `--since`, then follow them live, through the same engine and printers as a replay.

import process from 'node:process';
import type {LiveConfig} from '../config.js';
import type {AccessLineParser} from '../core/parse/access-format.js';
import type {LogEvent} from '../core/types.js';
import type {LineSink} from '../output/sink.js';
import {createAwsClients, type AwsClients} from '../sources/cloudwatch/clients.js';
import {tailCloudWatch, type TailedGroup} from '../sources/cloudwatch/transport.js';
import {discoverStage, resolveLogGroups} from '../sources/discovery.js';
import {untilAborted} from './abortable.js';
import {accessParserFor} from './access-parser.js';
import {withHeartbeat} from './heartbeat.js';
import {transportNotices} from './transport-notices.js';
import {runPipeline} from './pipeline.js';

// Requests settle on the next tick after their window passes; a quarter second keeps that invisible.
const HEARTBEAT_MS = 250;

export interface LiveTargets {
	groups: TailedGroup[];
	/** The stage's access-log format when discovery found one. */
	accessLogFormat: string | undefined;
	warnings: string[];
}

export async function runLive(config: LiveConfig, sink: LineSink, signal: AbortSignal): Promise<void> {
	const clients = await createAwsClients(config.aws, process.env);
	try {
		const targets = await findTargets(config, clients);
		for (const warning of targets.warnings) notice(warning);
		notice(`tailing ${targets.groups.map((group) => group.name).join(' and ')}${config.follow ? '' : ' (backfill only)'}`);
		const accessParser = await accessParserFor(config, targets.accessLogFormat);
		const accessLogGroups = new Set(targets.groups.filter((group) => group.log === 'access').map((group) => group.name));
		const now = Date.now();
		const batches = tailCloudWatch({
			logs: clients.logs,
			liveTailLogs: clients.liveTailLogs,
			groups: targets.groups,
			startTime: 'epochMs' in config.since ? config.since.epochMs : now - config.since.beforeNowMs,
			follow: config.follow,
			mode: config.transport,
			requestsPerSecond: config.requestRate,
			signal,
			onStatus: transportNotices(notice),
			connection:
				config.filter.connectionId === undefined
					? undefined
					: {connectionId: config.filter.connectionId, requestIdOf: requestIdReader(accessParser)},
		});
		await runPipeline(untilAborted(withHeartbeat(batches, HEARTBEAT_MS), signal), {
			config,
			accessParser,
			accessLogGroups,
			sink,
			signal,
			clock: config.follow ? Date.now : undefined,
		});
	} finally {
		clients.destroy();
	}
}

/** The groups to tail: discovered from the API and stage (with overrides), or named with --log-group. */
export async function findTargets(config: LiveConfig, clients: AwsClients): Promise<LiveTargets> {
	if (config.api === undefined) {
		const groups = await resolveLogGroups(clients, config.logGroups);
		return {groups: groups.map((group) => ({...group, log: undefined})), accessLogFormat: undefined, warnings: []};
	}

	const stage = await discoverStage(clients, config.api.api, config.api.stage);
	const [execution] = config.executionLogGroup
		? await resolveLogGroups(clients, [config.executionLogGroup])
		: [stage.executionLogGroup];
	const [access] = config.accessLogGroup ? await resolveLogGroups(clients, [config.accessLogGroup]) : [stage.accessLogGroup];
	const groups: TailedGroup[] = [];
	if (execution) groups.push({...execution, log: 'execution'});
	if (access) groups.push({...access, log: 'access'});
	return {groups, accessLogFormat: stage.accessLogFormat, warnings: stage.warnings};
}

function requestIdReader(parser: AccessLineParser): (event: LogEvent) => string | undefined {
	return (event) => {
		const result = parser.parse(event.message);
		return result.ok ? (result.fields['requestId'] ?? result.fields['extendedRequestId']) : undefined;
	};
}

function notice(text: string): void {
	process.stderr.write(`apigw-tail: ${text}\n`);
}
