// The Lambda side of the simulated traffic: turns the calls a request made (and the warmer's pings)
// into log events of the functions' own groups, each shipped a moment after it was written.

import type {LogEvent} from '../core/types.js';
import type {LambdaCall} from './lambda-log-calls.js';
import {LambdaLogModel, type RenderedInvocation} from './lambda-log-invocations.js';
import type {DemoFunctionName} from './lambda-log-shapes.js';
import {Random} from './random.js';
import {functionArn, type StageSetup} from './traffic-payloads.js';

/** What a Lambda line belongs to: its invocation, and the API request that invocation served, if any. */
export interface SimulatedInvocationTruth {
	functionName: DemoFunctionName;
	requestId: string;
	role: LambdaCall['role'] | null;
	apiRequestId: string | undefined;
	outcome: LambdaCall['outcome']['kind'];
	coldStart: boolean;
}

export interface SimulatedLambdaEvent {
	event: LogEvent;
	invocation: SimulatedInvocationTruth;
}

/** Keeps the Lambda side's draws apart from the gateway's: turning it on changes no API line. */
const LAMBDA_SEED_SALT = 0x5eed_1a3b;
const QUIET_STREAMS_KEPT = 1000;
/** Longer than any invocation (30 s timeouts) and any environment's idle life. */
const QUIET_AFTER_MS = 15 * 60_000;

export class LambdaTraffic {
	readonly #rng: Random;
	readonly #model: LambdaLogModel;
	/** Per log stream, when its last line was shipped: Lambda ships a stream's lines in order. */
	readonly #shipped = new Map<string, number>();

	constructor(seed: number, startTime: number, stage: StageSetup) {
		this.#rng = new Random(seed ^ LAMBDA_SEED_SALT);
		this.#model = new LambdaLogModel(this.#rng, startTime, (name) => functionArn(stage, name));
	}

	/**
	 * The events of a request's calls, and of the warmer pings due by `now` (the start of the request being
	 * planned): none is ingested before `now`, so events already handed out stay in ingestion order.
	 */
	events(calls: readonly LambdaCall[], now: number): SimulatedLambdaEvent[] {
		const out: SimulatedLambdaEvent[] = [];
		this.#forgetQuietStreams(now);
		for (const warmer of this.#model.warmersThrough(now)) this.#ship(out, warmer, null, undefined, 'success', now);
		for (const call of calls) this.#ship(out, this.#model.invocation(call), call.role, call.apiRequestId, call.outcome.kind, now);
		return out;
	}

	/** An endless demo keeps starting environments: forget the streams long done with. */
	#forgetQuietStreams(now: number): void {
		if (this.#shipped.size < QUIET_STREAMS_KEPT) return;
		for (const [stream, shipped] of this.#shipped) if (shipped < now - QUIET_AFTER_MS) this.#shipped.delete(stream);
	}

	#ship(
		out: SimulatedLambdaEvent[], rendered: RenderedInvocation, role: SimulatedInvocationTruth['role'], apiRequestId: string | undefined,
		outcome: SimulatedInvocationTruth['outcome'], notBefore: number,
	): void {
		const invocation: SimulatedInvocationTruth = {functionName: rendered.functionName, requestId: rendered.requestId, role, apiRequestId, outcome, coldStart: rendered.coldStart};
		// Lambda ships each environment's lines in order, a moment after they are written.
		const shippingDelay = this.#rng.int(200, 1200);
		for (const line of rendered.lines) {
			const ingestionTime = Math.max(notBefore, line.timestamp + shippingDelay, this.#shipped.get(line.logStream) ?? 0);
			this.#shipped.set(line.logStream, ingestionTime);
			out.push({
				event: {log: 'lambda', logGroup: line.logGroup, logStream: line.logStream, timestamp: line.timestamp, ingestionTime, message: line.message},
				invocation,
			});
		}
	}
}
