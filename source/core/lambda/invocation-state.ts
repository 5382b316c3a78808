// What has been read about one invocation so far, filled in line by line in any order, and the
// Invocation (the NDJSON schema) it amounts to.

import type {LogEvent} from '../types.js';
import type {LambdaLine, ReportFacts, ReportedStatus} from './lambda-line.js';
import {compareLines, type IdlessLine} from './stream-timeline.js';
import type {Invocation, InvocationError, InvocationOutcome, LambdaRole} from './types.js';

export interface InvocationState {
	requestId: string;
	logGroup: string;
	logStream: string;
	/** From the log group (or the caller's map of custom groups). */
	groupFunction: string;
	/** From a JSON platform record's ARN: the truth when several functions share a group. */
	recordFunction: string | undefined;
	/** START time; for an invocation whose START was not read, its report's. */
	start: number | undefined;
	/** END time, else its report's (JSON format has no END). */
	end: number | undefined;
	report: ReportFacts | undefined;
	runtimeDone: ReportedStatus | undefined;
	timeoutSeconds: number | undefined;
	runtimeExit: string | undefined;
	/** Its application lines that carry its id. */
	lines: IdlessLine[];
	firstTimestamp: number;
	lastTimestamp: number;
	/** Arrival number of its latest line (see InvocationAssembler.forgetSettled). */
	lastArrival: number;
}

export function newInvocationState(requestId: string, event: LogEvent, groupFunction: string): InvocationState {
	return {
		requestId,
		logGroup: event.logGroup ?? '',
		logStream: event.logStream ?? '',
		groupFunction,
		recordFunction: undefined,
		start: undefined,
		end: undefined,
		report: undefined,
		runtimeDone: undefined,
		timeoutSeconds: undefined,
		runtimeExit: undefined,
		lines: [],
		firstTimestamp: Number.POSITIVE_INFINITY,
		lastTimestamp: Number.NEGATIVE_INFINITY,
		lastArrival: 0,
	};
}

/**
 * Folds one line carrying this invocation's id into its state; false for a repeated application line
 * (overlapping inputs deliver some events twice; a repeated platform line sets the same facts again).
 */
export function applyLine(state: InvocationState, line: LambdaLine, time: number): boolean {
	if (line.kind === 'app' && state.lines.some((known) => known.time === time && known.message === line.message)) return false;
	state.firstTimestamp = Math.min(state.firstTimestamp, time);
	state.lastTimestamp = Math.max(state.lastTimestamp, time);
	switch (line.kind) {
		case 'start': {
			state.start = time;
			state.recordFunction ??= line.functionName;
			break;
		}

		case 'end': {
			state.end = time;
			break;
		}

		case 'report': {
			state.report = line.report;
			state.start ??= time;
			state.end ??= time;
			break;
		}

		case 'runtime-done': {
			state.runtimeDone = line.status;
			break;
		}

		case 'timeout': {
			state.timeoutSeconds = line.seconds;
			break;
		}

		case 'runtime-exit': {
			state.runtimeExit = line.message;
			break;
		}

		case 'app': {
			state.lines.push({time, level: line.level, message: line.message, error: line.error});
			break;
		}

		case 'init-start': {
			break;
		}
	}

	return true;
}

export function toInvocation(state: InvocationState, idless: IdlessLine[], role: LambdaRole | null): Invocation {
	const lines = [...state.lines, ...idless].sort(compareLines);
	const report = state.report;
	let {firstTimestamp, lastTimestamp} = state;
	for (const line of idless) {
		firstTimestamp = Math.min(firstTimestamp, line.time);
		lastTimestamp = Math.max(lastTimestamp, line.time);
	}

	return {
		role,
		function: state.recordFunction ?? state.groupFunction,
		logGroup: state.logGroup,
		requestId: state.requestId,
		outcome: outcomeOf(state, lines),
		coldStart: report?.initMs !== null && report?.initMs !== undefined,
		initMs: report?.initMs ?? null,
		durationMs: report?.durationMs ?? null,
		billedMs: report?.billedMs ?? null,
		memoryMB: report?.memoryMB ?? null,
		maxMemoryMB: report?.maxMemoryMB ?? null,
		error: errorOf(state, lines),
		lines: lines.map(({time, level, message}) => ({time, level, message})),
		firstTimestamp,
		lastTimestamp,
	};
}

// A crash of the runtime is Lambda's "failure" whatever word the text REPORT used for it.
const CRASH_TYPES = new Set(['Runtime.OutOfMemory', 'Runtime.ExitError']);

function outcomeOf(state: InvocationState, lines: IdlessLine[]): InvocationOutcome {
	const status = state.report?.status ?? state.runtimeDone;
	if (status === 'timeout' || state.timeoutSeconds !== undefined) return 'timeout';
	if (status === 'failure' || state.runtimeExit !== undefined || CRASH_TYPES.has(state.report?.errorType ?? '')) return 'failure';
	if (status === 'error' || lines.some((line) => line.error !== undefined)) return 'error';
	return state.report ? 'success' : 'unknown';
}

function errorOf(state: InvocationState, lines: IdlessLine[]): InvocationError | null {
	const thrown = lines.find((line) => line.error !== undefined)?.error;
	if (thrown) return thrown;
	if (state.runtimeExit !== undefined) {
		return {type: state.report?.errorType ?? 'Runtime.ExitError', message: state.runtimeExit, stack: []};
	}

	const errorType = state.report?.errorType;
	return errorType === undefined ? null : {type: errorType, message: '', stack: []};
}
