// What one Lambda log event says, one value per shape (reference/lambda-logs.md). The platform's own
// records (START, END, REPORT, INIT_START and their JSON-format twins) describe an invocation; the rest
// are the handler's lines, with or without the request id they belong to.

import type {InvocationError} from './types.js';

/** Lambda's status words as REPORT (`Status: timeout`) or platform.report (`"status"`) wrote them. */
export type ReportedStatus = 'success' | 'error' | 'timeout' | 'failure';

export interface ReportFacts {
	durationMs: number | null;
	billedMs: number | null;
	memoryMB: number | null;
	maxMemoryMB: number | null;
	initMs: number | null;
	status: ReportedStatus | undefined;
	/** `Error Type: Runtime.OutOfMemory` (text) or `errorType` (platform.report). */
	errorType: string | undefined;
}

export type LambdaLine =
	/** INIT_START / platform.initStart: a new execution environment (the next START is a cold start). */
	| {kind: 'init-start'; requestId: undefined; functionName: string | undefined}
	| {kind: 'start'; requestId: string; functionName: string | undefined}
	| {kind: 'end'; requestId: string}
	| {kind: 'report'; requestId: string; report: ReportFacts}
	/** platform.runtimeDone: the runtime's own verdict, before the report. */
	| {kind: 'runtime-done'; requestId: string; status: ReportedStatus | undefined}
	/** `ID Task timed out after 31.01 seconds`. */
	| {kind: 'timeout'; requestId: string; seconds: number}
	/** `RequestId: ID Error: Runtime exited with error: signal: killed`. */
	| {kind: 'runtime-exit'; requestId: string; message: string}
	/** A line of the handler; `requestId` undefined for print(), tracebacks and other id-less text. */
	| {kind: 'app'; requestId: string | undefined; level: string | null; message: string; error: InvocationError | undefined};

/** The shape of `Duration: 12.5 ms`-style numbers everywhere in Lambda's own lines. */
export function numberOrNull(text: string | undefined): number | null {
	if (text === undefined) return null;
	const value = Number(text);
	return Number.isFinite(value) ? value : null;
}

export function reportedStatus(value: unknown): ReportedStatus | undefined {
	return value === 'success' || value === 'error' || value === 'timeout' || value === 'failure' ? value : undefined;
}
