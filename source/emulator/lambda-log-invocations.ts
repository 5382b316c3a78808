// What the demo chat API's functions write for each invocation: the platform lines around it (cold
// start, START/END/REPORT or their JSON records), what each handler logs, and how it fails (a thrown
// error with its stack, a timeout, an out-of-memory kill). Also the warmer that pings chat-sendmessage.

import type {LambdaCall} from './lambda-log-calls.js';
import {EnvironmentPool, type ExecutionEnvironment} from './lambda-log-environments.js';
import {handlerScript, nodeStack, type HandlerLine} from './lambda-log-handlers.js';
import {
	DEMO_FUNCTIONS,
	jsonRecords,
	nodeTextInvokeError,
	nodeTextLine,
	pythonLogLine,
	pythonUncaught,
	textPlatform,
	type DemoFunction,
	type DemoFunctionName,
	type InvocationReport,
	type ThrownError,
} from './lambda-log-shapes.js';
import type {Random} from './random.js';

export interface LambdaLogLine {
	logGroup: string;
	logStream: string;
	timestamp: number;
	message: string;
}

export interface RenderedInvocation {
	functionName: DemoFunctionName;
	requestId: string;
	coldStart: boolean;
	lines: LambdaLogLine[];
}

/** How often the warmer (a scheduled rule) pings chat-sendmessage. */
const WARMER_INTERVAL_MS = 30_000;
/** Environments already warm when the demo starts: the API was serving before anyone tailed it. */
const WARM_AT_START: Readonly<Record<DemoFunctionName, number>> = {
	'chat-authorizer': 2, 'chat-connect': 2, 'chat-sendmessage': 3, 'chat-disconnect': 2, 'chat-default': 2,
};
const RECENTLY_GONE = 20;

export class LambdaLogModel {
	readonly #rng: Random;
	readonly #environments: EnvironmentPool;
	readonly #functionArn: (name: string) => string;
	#nextWarmer: number;
	/** Connections that closed lately: the ones a broadcast still tries to reach. */
	readonly #gone: string[] = [];

	constructor(rng: Random, startTime: number, functionArn: (name: string) => string) {
		this.#rng = rng;
		this.#environments = new EnvironmentPool(rng);
		this.#functionArn = functionArn;
		this.#nextWarmer = startTime + rng.int(1000, WARMER_INTERVAL_MS);
		for (const [name, count] of Object.entries(WARM_AT_START)) {
			for (let i = 0; i < count; i++) this.#environments.warm(name, startTime - 60_000);
		}
	}

	/** The lines of one call the gateway made. */
	invocation(call: LambdaCall): RenderedInvocation {
		const fn = DEMO_FUNCTIONS[call.functionName];
		if (call.functionName === 'chat-disconnect') this.#rememberGone(call.connectionId);
		const {environment, isNew} = this.#environments.acquire(fn.name, call.invokedAt, call.coldStartMs > 0);
		const start = call.invokedAt + 1;
		const window = Math.max(2, (call.answeredAt ?? call.invokedAt + fn.timeoutSeconds * 1000) - 1 - start);
		// A measured cold start is most of the extra latency; an environment started for lack of a free
		// one still fits its init inside what the gateway waited.
		const initMs = isNew ? (call.coldStartMs > 0 ? call.coldStartMs * this.#rng.between(0.8, 0.95) : window * this.#rng.between(0.3, 0.6)) : undefined;
		const lines = this.#render(fn, environment, call, start, window, initMs);
		return {functionName: fn.name, requestId: call.requestId, coldStart: isNew, lines};
	}

	/** Warmer pings due by `until` (each serves no request). */
	warmersThrough(until: number): RenderedInvocation[] {
		const out: RenderedInvocation[] = [];
		while (this.#nextWarmer <= until) {
			const at = this.#nextWarmer;
			this.#nextWarmer += this.#rng.int(WARMER_INTERVAL_MS - 2000, WARMER_INTERVAL_MS + 2000);
			const fn = DEMO_FUNCTIONS['chat-sendmessage'];
			const requestId = this.#rng.uuid();
			const {environment, isNew} = this.#environments.acquire(fn.name, at, false);
			const initMs = isNew ? this.#rng.between(180, 420) : undefined;
			const script: HandlerLine[] = [{level: 'INFO', message: 'warmer ping: nothing to send'}];
			const duration = this.#rng.between(1, 4);
			const lines = this.#jsonInvocation(fn, environment, requestId, {start: at, begins: at + Math.round(initMs ?? 0), duration, initMs}, script, {kind: 'success'});
			this.#environments.occupy(environment, at + Math.ceil((initMs ?? 0) + duration) + 1);
			out.push({functionName: 'chat-sendmessage', requestId, coldStart: isNew, lines});
		}
		return out;
	}

	#render(fn: DemoFunction, environment: ExecutionEnvironment, call: LambdaCall, start: number, window: number, initMs: number | undefined): LambdaLogLine[] {
		const {outcome} = call;
		const script = handlerScript(this.#rng, call, this.#goneConnection());
		const duration = outcome.kind === 'timeout' ? outcome.seconds * 1000 + this.#rng.next() : Math.max(1, window - (initMs ?? 0)) + this.#rng.next();
		const timing: Timing = {start, begins: start + Math.round(initMs ?? 0), duration, initMs};
		const lines = fn.logFormat === 'JSON'
			? this.#jsonInvocation(fn, environment, call.requestId, timing, script, outcome)
			: this.#textInvocation(fn, environment, call, timing, script);
		if (outcome.kind === 'timeout' || outcome.kind === 'out-of-memory') this.#environments.retire(fn.name, environment);
		else this.#environments.occupy(environment, timing.begins + Math.ceil(duration) + 1);
		return lines;
	}

	#textInvocation(fn: DemoFunction, environment: ExecutionEnvironment, call: LambdaCall, timing: Timing, script: HandlerLine[]): LambdaLogLine[] {
		const {requestId, outcome} = call;
		const {start, begins, duration, initMs} = timing;
		const line = (timestamp: number, message: string): LambdaLogLine => ({logGroup: fn.logGroup, logStream: environment.stream, timestamp, message});
		const ends = begins + Math.ceil(duration);
		const lines: LambdaLogLine[] = [];
		if (initMs !== undefined) lines.push(line(start, textPlatform.initStart(fn)));
		lines.push(line(begins, textPlatform.start(requestId)));
		const at = spread(begins, Math.max(begins, ends - 1), script.length + 1);
		script.forEach((entry, index) => {
			const time = at[index] ?? begins;
			if (entry.withoutId === true) lines.push(line(time, entry.message));
			else if (fn.runtime === 'python3.13') lines.push(line(time, pythonLogLine(time, requestId, entry.level, entry.message)));
			else lines.push(line(time, nodeTextLine(time, requestId, entry.level, entry.message)));
		});
		const failedAt = at[script.length] ?? ends;
		if (outcome.kind === 'threw') {
			const error = {type: outcome.errorType, message: outcome.errorMessage};
			if (fn.runtime === 'python3.13') lines.push(line(failedAt, pythonUncaught(pythonError(error))));
			else lines.push(line(failedAt, nodeTextInvokeError(failedAt, requestId, {...error, stack: nodeStack(call.functionName)})));
		} else if (outcome.kind === 'out-of-memory') {
			lines.push(line(ends, textPlatform.runtimeExited(requestId, 'signal: killed')));
		}
		// Older runtimes write a timeout line and no status; current ones only put the status in the REPORT.
		const timeoutLine = outcome.kind === 'timeout' && this.#rng.chance(0.5);
		if (timeoutLine) lines.push(line(ends, textPlatform.timedOut(ends, requestId, outcome.seconds)));
		lines.push(line(ends, textPlatform.end(requestId)));
		const status = textReportStatus(outcome, timeoutLine);
		lines.push(line(ends, textPlatform.report(requestId, this.#report(fn, timing, outcome, status))));
		return lines;
	}

	#jsonInvocation(
		fn: DemoFunction, environment: ExecutionEnvironment, requestId: string, timing: Timing, script: HandlerLine[], outcome: LambdaCall['outcome'],
	): LambdaLogLine[] {
		const {start, begins, duration, initMs} = timing;
		const line = (timestamp: number, message: string): LambdaLogLine => ({logGroup: fn.logGroup, logStream: environment.stream, timestamp, message});
		const ends = begins + Math.ceil(duration);
		const lines: LambdaLogLine[] = [];
		if (initMs !== undefined) lines.push(line(start, jsonRecords.initStart(start, fn, environment.instanceId)));
		lines.push(line(begins, jsonRecords.start(begins, requestId, this.#functionArn(fn.name))));
		const at = spread(begins, Math.max(begins, ends - 1), script.length + 1);
		script.forEach((entry, index) => {
			const time = at[index] ?? begins;
			lines.push(line(time, jsonRecords.application(time, requestId, entry.level, entry.message)));
		});
		if (outcome.kind === 'threw') {
			const time = at[script.length] ?? ends;
			const stack = nodeStack(fn.name);
			lines.push(line(time, jsonRecords.invokeError(time, requestId, {type: outcome.errorType, message: outcome.errorMessage, stack})));
		}
		const report = this.#report(fn, timing, outcome, jsonReportStatus(outcome));
		lines.push(line(ends, jsonRecords.runtimeDone(ends, requestId, report)));
		lines.push(line(ends, jsonRecords.report(ends, requestId, report)));
		return lines;
	}

	#report(fn: DemoFunction, {duration, initMs}: Timing, outcome: LambdaCall['outcome'], status: InvocationReport['status']): InvocationReport {
		const rounded = (value: number) => Math.round(value * 100) / 100;
		const outOfMemory = outcome.kind === 'out-of-memory';
		return {
			durationMs: rounded(duration),
			billedMs: Math.ceil(duration + (initMs ?? 0)),
			memoryMB: fn.memoryMB,
			maxMemoryMB: outOfMemory ? fn.memoryMB : this.#rng.int(Math.round(fn.memoryMB * 0.45), Math.round(fn.memoryMB * 0.75)),
			initMs: initMs === undefined ? undefined : rounded(initMs),
			status,
			errorType: outOfMemory ? 'Runtime.OutOfMemory' : undefined,
		};
	}

	#rememberGone(connectionId: string): void {
		this.#gone.push(connectionId);
		if (this.#gone.length > RECENTLY_GONE) this.#gone.shift();
	}

	#goneConnection(): string {
		return this.#gone.length > 0 ? this.#rng.pick(this.#gone) : this.#rng.gatewayId();
	}
}

/** When an invocation's environment started (`start`), its handler began (after any init) and how long it ran. */
interface Timing {
	start: number;
	begins: number;
	duration: number;
	initMs: number | undefined;
}

/** A Text REPORT names only timeouts (on current runtimes) and crashes; a thrown error ends there like any invocation. */
function textReportStatus(outcome: LambdaCall['outcome'], timeoutLine: boolean): InvocationReport['status'] {
	if (outcome.kind === 'timeout' && !timeoutLine) return 'timeout';
	return outcome.kind === 'out-of-memory' ? 'error' : 'success';
}

/** The JSON platform.report names every ending; a killed runtime is a failure there. */
function jsonReportStatus(outcome: LambdaCall['outcome']): InvocationReport['status'] {
	if (outcome.kind === 'threw') return 'error';
	if (outcome.kind === 'timeout') return 'timeout';
	return outcome.kind === 'out-of-memory' ? 'failure' : 'success';
}

/** `count` increasing times from `from` to `to`, both included when there is room. */
function spread(from: number, to: number, count: number): number[] {
	if (count <= 1) return [from];
	return Array.from({length: count}, (_, index) => Math.round(from + ((to - from) * index) / (count - 1)));
}

/**
 * Python's own wording of the error: reading a missing field is a KeyError there (the handler reads
 * body['room']); other errors keep their type and message.
 */
function pythonError(error: {type: string; message: string}): ThrownError {
	const missingField = error.type === 'TypeError' && error.message.startsWith('Cannot read properties');
	return {
		type: missingField ? 'KeyError' : error.type,
		message: missingField ? "'room'" : error.message,
		stack: ['  File "/var/task/app.py", line 27, in handler', "    room = body['room']"],
	};
}
