// Types of soak-run.js for the TypeScript test that runs the soak (test/soak.test.ts).

export interface SoakOptions {
	/** Writing time; default 10. */
	minutes?: number;
	/** Default 500. */
	eventsPerSecond?: number;
	/** Progress lines. */
	log?: (text: string) => void;
}

export interface SoakFigures {
	minutes: number;
	eventsPerSecond: number;
	writtenRequests: number;
	writtenEvents: number;
	/** The summary's `events`: every event the CLI took in, copies included; undefined without a summary. */
	eventsIn: number | undefined;
	requestRecords: number;
	revisions: number;
	partial: number;
	connectionRecords: number;
	lostRequests: number;
	lostEvents: number;
	/** Request records printed again with the same revision, or revisions with nothing new. */
	duplicatedRequests: number;
	/** Events taken in beyond the distinct events written; undefined without a summary. */
	duplicatedEvents: number | undefined;
	/** Records or lines nobody wrote. */
	foreign: number;
	unparsed: number;
	/** The CLI's exit code after SIGINT (130), or the signal that ended it. */
	exitCode: number | string | null;
	drainSeconds: number;
	/** Median VmRSS (MB) over the 5 s before: 10 s in, half-way and at the end of writing; undefined off Linux. */
	rssMb: {start: number | undefined; middle: number | undefined; end: number | undefined; peak: number};
	/** Fault name -> times injected. */
	faults: Record<string, number>;
	/** The CLI's stderr lines, numbers blanked out -> count. */
	notices: Record<string, number>;
	/** Up to 10 descriptions of what went wrong. */
	examples: string[];
}

export function runSoak(options?: SoakOptions): Promise<SoakFigures>;
