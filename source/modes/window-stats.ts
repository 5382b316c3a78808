// The stats view's window for a live source (`--api/--stage`, `--log-group`, demo): the `stats` command's
// figures over the last --since span, from the access log group(s) and access-log format this session
// already uses, with the `stats` command's own limits (--max-queries, --max-scan and --bin defaults). The UI
// gets only a function; it aborts it when the user goes back or quits, and `idle()` lets the mode keep its
// AWS clients until every StopQuery of an aborted run has gone out.

import type {LiveConfig} from '../config.js';
import {UserError} from '../exit-codes.js';
import {readFlag} from '../flags.js';
import type {AwsClients} from '../sources/cloudwatch/clients.js';
import {binUnit} from '../sources/insights/stats-queries.js';
import {computeStatsWindow} from '../sources/insights/stats-window.js';
import type {WindowStatsSource} from '../ui/state/window-stats.js';
import {templateOf} from './access-parser.js';
import type {LiveTargets} from './live.js';

/**
 * The window ends this long before now. Its queries run one after another while the stage keeps logging,
 * and lines of the last seconds are still being ingested: a window ending now showed a route with more
 * client errors (8) than requests (7), each counted by another query a moment later. Access lines lag
 * their requests by a few seconds (minutes for a few, which this leaves to chance).
 */
const SETTLED_LAG_MS = 5_000;

export interface LiveWindowStats extends WindowStatsSource {
	/** Resolves once no run is left (each stops its queries before it settles). */
	idle(): Promise<void>;
}

/**
 * The window is --since (default 10m), the span the session backfilled: the two tables then start from
 * the same moment, and a window costs what its span scans. A session without backfill (`--since 0s`, and
 * demo, which starts its traffic with the session) counts the default span instead of an empty window.
 * A longer look back is `--since 24h` (which also backfills that much), or the `stats` command.
 */
export function liveWindowStats(config: LiveConfig, clients: AwsClients, targets: LiveTargets): LiveWindowStats {
	const fallback = readFlag({}, 'since');
	const since = 'beforeNowMs' in config.since && config.since.beforeNowMs === 0 ? fallback : config.since;
	const running = new Set<Promise<unknown>>();
	const startedAt = Date.now();
	const run: WindowStatsSource['run'] = async (signal, onProgress) => {
		const now = Date.now();
		// A session younger than that (the demo just started) would get an empty window: it ends now instead.
		const toMs = now - startedAt > 2 * SETTLED_LAG_MS ? now - SETTLED_LAG_MS : now;
		const fromMs = 'epochMs' in since ? since.epochMs : toMs - since.beforeNowMs;
		const {groups, template} = await accessLogOf(config, targets);
		if (!(fromMs < toMs)) throw new UserError('--since is in the future: the window is empty');
		return computeStatsWindow(
			clients.logs,
			{
				logGroupNames: groups,
				template,
				fromMs,
				toMs,
				binMs: readFlag({}, 'bin'),
				top: 0,
				maxQueries: readFlag({}, 'maxQueries'),
				maxScanBytes: readFlag({}, 'maxScan'),
			},
			signal,
			onProgress,
		);
	};

	return {
		label: 'epochMs' in since ? `since ${new Date(since.epochMs).toISOString()}` : `last ${binUnit(since.beforeNowMs)}`,
		run(signal, onProgress) {
			const result = run(signal, onProgress);
			const settled = result.catch(() => undefined);
			running.add(settled);
			void settled.then(() => running.delete(settled));
			return result;
		},
		async idle() {
			await Promise.all(running);
		},
	};
}

/**
 * The access log group(s) and format the session tails with. With --log-group the groups are read as
 * access logs, as `stats --log-group` reads them: the format says how.
 */
async function accessLogOf(config: LiveConfig, targets: LiveTargets): Promise<{groups: string[]; template: string}> {
	const access = targets.groups.filter((group) => group.log === 'access').map((group) => group.name);
	const groups = access.length > 0 || config.api !== undefined ? access : targets.groups.filter((group) => group.log === undefined).map((group) => group.name);
	if (groups.length === 0) throw new UserError('a window reads the access log, and this stage has none');
	const template = (await templateOf(config)) ?? targets.accessLogFormat;
	if (template === undefined) throw new UserError('a window needs the access-log format: give it with --access-log-format');
	return {groups, template};
}
