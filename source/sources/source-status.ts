// What a view says about where its events come from: built by the modes, shown by the terminal UI's header.

import type {TransportStatus} from './cloudwatch/transport.js';

export interface SourceStatus {
	source: string;
	stage?: string;
	region?: string;
	/** A replay reads until 'end of input'; a live source reports its transport's phase. */
	transport: 'replay' | 'end of input' | TransportStatus['phase'];
	sampled: boolean;
	throttled: boolean;
	lagMs?: number;
	eventsPerSecond: number;
	/** Groups polled beside live tail (past its 10-group limit): the header says "live + N polled". */
	polledGroups?: number;
}
