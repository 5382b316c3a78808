// The Lambda invocations behind a stage's requests, as read from the functions' own log groups
// (reference/lambda-logs.md). One invocation is one Lambda request id; the NDJSON `invocations` schema
// (README) is these fields, so renaming one is a change of the output format.

/** Which part of the request the function served; null for an invocation no request of this stage made. */
export type LambdaRole = 'integration' | 'authorizer';

/** Lambda's own report status; "failure" = the runtime crashed (out of memory, killed). */
export type InvocationOutcome = 'success' | 'error' | 'timeout' | 'failure' | 'unknown';

export interface InvocationError {
	type: string;
	message: string;
	/** Stack frames as the runtime wrote them, first line first. */
	stack: string[];
}

/** One application log event of the handler (never START/END/REPORT or platform records). */
export interface InvocationLine {
	/** Event time, epoch ms. */
	time: number;
	/** INFO, ERROR, ... as the runtime or logger wrote it; null when the line has none (print()). */
	level: string | null;
	message: string;
}

export interface Invocation {
	role: LambdaRole | null;
	/** The function's name (from the platform record, the discovered function, or the log group). */
	function: string;
	logGroup: string;
	/** Lambda's request id (START/REPORT RequestId, `requestId` in JSON records). */
	requestId: string;
	outcome: InvocationOutcome;
	/** An Init Duration (text REPORT) or initDurationMs (platform.report) was reported. */
	coldStart: boolean;
	initMs: number | null;
	durationMs: number | null;
	billedMs: number | null;
	memoryMB: number | null;
	maxMemoryMB: number | null;
	error: InvocationError | null;
	lines: InvocationLine[];
	/** Earliest and latest event time of its lines, epoch ms. */
	firstTimestamp: number;
	lastTimestamp: number;
}
