// The transport's vocabulary: what the caller passes in and is told back, shared by every part of
// one tail (its own file, so the parts need not import the transport that imports them).

import type {CloudWatchLogsClient} from '@aws-sdk/client-cloudwatch-logs';
import type {LogEvent, LogKind} from '../../core/types.js';

export interface TailedGroup {
	name: string;
	/** `logGroupArn` from DescribeLogGroups, WITHOUT the trailing `:*` (what StartLiveTail wants). */
	arn: string;
	log: LogKind | undefined;
}

export type TransportMode = 'auto' | 'live' | 'poll';

export interface TransportStatus {
	phase: 'backfill' | 'live' | 'polling' | 'reconnecting' | 'stopped';
	/** A live tail update was sampled recently (and the gap is being backfilled). */
	sampled: boolean;
	/** AWS throttled us recently (we slowed down). */
	throttled: boolean;
	/** now - newest event timestamp seen. */
	lagMs: number | undefined;
	/** Recent rate delivered. */
	eventsPerSecond: number;
	/**
	 * Following live with more groups than one live tail session takes (10): the groups polled with
	 * FilterLogEvents beside it (absent otherwise). For the header: "3 groups polled".
	 */
	polledBesideLiveTail?: readonly string[];
	/** One-line human notice when something changes ("live tail not allowed (AccessDeniedException): polling every 2s"). */
	notice?: string;
}

export interface ConnectionFilter {
	connectionId: string;
	/** The request id an ACCESS line carries (undefined when none). */
	requestIdOf: (event: LogEvent) => string | undefined;
	/**
	 * The Lambda request ids an access or execution line names (integration, authorizer): Lambda groups
	 * are then read for those ids only. Without it, Lambda groups are not read while following a connection.
	 */
	lambdaRequestIdsOf?: (event: LogEvent) => readonly string[];
}

export interface TransportOptions {
	/** For FilterLogEvents. */
	logs: CloudWatchLogsClient;
	/** For StartLiveTail (built with disableHostPrefix when an endpoint is set). */
	liveTailLogs: CloudWatchLogsClient;
	/** At least one; live tail follows the first 10, the rest are polled beside it. */
	groups: TailedGroup[];
	/** Epoch ms: backfill from here (--since). */
	startTime: number;
	/** False: backfill to "now" and end (--no-follow). */
	follow: boolean;
	/** --transport. */
	mode: TransportMode;
	signal: AbortSignal;
	onStatus?: (status: TransportStatus) => void;
	/** --connection pushed down to CloudWatch as filter patterns (always polls). */
	connection?: ConnectionFilter | undefined;
	/** Default Date.now. */
	now?: () => number;
	/** One budget for ALL calls; default 3 (well under the lowest regional FilterLogEvents quota of 5/s). */
	requestsPerSecond?: number;
	/** Default 2000. */
	pollIntervalMs?: number;
	/** Polling/backfill overlap window covering ingestion lag; default 60_000. */
	overlapMs?: number;
}
