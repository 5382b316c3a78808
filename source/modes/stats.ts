// `apigw-tail stats`: finds the stage's access log and format (or takes --log-group and the format) and
// its Lambda functions' log groups, builds the Logs Insights queries, runs them with progress on stderr,
// and prints the figures as text or NDJSON. Ctrl+C stops every running query before the process exits.

import process from 'node:process';
import {AccessFormatError} from '../core/parse/access-format.js';
import {UsageError, UserError} from '../exit-codes.js';
import type {LineSink} from '../output/sink.js';
import {statsJsonLines} from '../output/stats-json.js';
import {statsTextLines} from '../output/stats-text.js';
import {COLOUR_STYLE, PLAIN_STYLE} from '../presentation/ansi-style.js';
import {createAwsClients, type AwsClients} from '../sources/cloudwatch/clients.js';
import {discoverStage, type StageLogTargets} from '../sources/discovery/discovery.js';
import {QueryStopped} from '../sources/insights/query-client.js';
import {binUnit} from '../sources/insights/stats-queries.js';
import {describeStatsProgress, type StatsProgress} from '../sources/insights/scan-cost.js';
import {computeStatsWindow} from '../sources/insights/stats-window.js';
import {templateOf} from './access-parser.js';
import {findLambdaTargets} from './lambda-targets.js';
import type {StatsConfig} from './stats-config.js';

export async function runStats(config: StatsConfig, sink: LineSink, signal: AbortSignal): Promise<void> {
	const clients = await createAwsClients(config.aws, process.env);
	try {
		const {groups, template, source, stage} = await accessLogOf(config, clients);
		const lambda = await findLambdaTargets(config, clients, stage, new Set(groups));
		// Discovery never stops the figures: what it could not find is one line each.
		for (const warning of lambda.warnings) process.stderr.write(`apigw-tail: ${warning}\n`);
		const lambdaGroups = new Map(lambda.groups.map((group) => [group.name, lambda.functionsByGroup.get(group.name) ?? group.name]));
		const progress = progressLine();
		let window;
		try {
			window = await computeStatsWindow(
				clients.logs,
				{
					logGroupNames: groups,
					template,
					fromMs: config.fromMs,
					toMs: config.toMs,
					binMs: config.binMs,
					route: config.route,
					top: config.top,
					maxQueries: config.maxQueries,
					maxScanBytes: config.maxScanBytes,
					lambdaGroups,
				},
				signal,
				progress.update,
			);
		} catch (error) {
			if (error instanceof QueryStopped && signal.aborted) return;
			if (error instanceof AccessFormatError) throw new UsageError(error.message);
			throw error;
		} finally {
			progress.end();
		}

		const {figures, functions, summary, blindSpots} = window;
		process.stderr.write(`stats: ${describeStatsProgress({queriesDone: summary.queries, queriesPlanned: summary.queries, ...summary})}\n`);
		await sink.write(
			config.output === 'json'
				? statsJsonLines(figures, functions, summary)
				: statsTextLines(figures, functions, summary, {
						source,
						binLabel: binUnit(config.binMs),
						blindSpots,
						width: process.stdout.columns ?? 120,
						style: config.colour ? COLOUR_STYLE : PLAIN_STYLE,
					}),
		);
	} finally {
		clients.destroy();
	}
}

async function accessLogOf(
	config: StatsConfig,
	clients: AwsClients,
): Promise<{groups: string[]; template: string; source: string; stage: StageLogTargets | undefined}> {
	const given = await templateOf(config);
	if (config.api === undefined) {
		return {groups: config.logGroups, template: given!, source: config.logGroups.map((group) => `--log-group ${group}`).join(' '), stage: undefined};
	}

	const stage = await discoverStage(clients, config.api.api, config.api.stage);
	if (stage.accessLogGroup === undefined) {
		throw new UserError(`stats reads the access log, and stage ${config.api.stage} has none: ${stage.warnings.join('; ')}`);
	}

	const template = given ?? stage.accessLogFormat;
	if (template === undefined) throw new UserError(`stage ${config.api.stage} names no access-log format: give it with --access-log-format`);
	return {groups: [stage.accessLogGroup.name], template, source: `--api ${stage.apiId} --stage ${config.api.stage}`, stage};
}

/** On a terminal, one line redrawn in place; elsewhere nothing until the summary (a log wants no `\r`). */
function progressLine(): {update: (progress: StatsProgress) => void; end: () => void} {
	const live = Boolean(process.stderr.isTTY);
	let shown = false;
	return {
		update(progress) {
			if (!live) return;
			shown = true;
			process.stderr.write(`\r\u001B[Kstats: ${describeStatsProgress(progress)}`);
		},
		end() {
			if (shown) process.stderr.write('\r\u001B[K');
		},
	};
}
