// A deterministic, endless stream of API Gateway WebSocket log events for a busy chat API: clients
// connect through a Lambda authorizer, chat, disconnect, and a steady share of requests fails in
// every way reference §5 knows. Everything comes from the seed; nothing reads the clock.

import type {ErrorCategory, EventType, LogEvent} from '../core/types.js';
import {Random} from './random.js';
import {LambdaTraffic, type SimulatedLambdaEvent} from './lambda-log-traffic.js';
import {CONNECT_ONLY_FAILURES, FAILURE_CATEGORY, FAILURE_KINDS} from './traffic-failures.js';
import {renderDemoAccessLine} from './traffic-access.js';
import {MinQueue} from './traffic-queue.js';
import {CLOSE_REASONS, newClient, type Client, type StageSetup} from './traffic-payloads.js';
import type {FailureKind, RequestPlan, RequestScene} from './traffic-request.js';
import {connectRequest, disconnectRequest, messageRequest, rejectedBeforeRouting} from './traffic-scenarios.js';

export {DEMO_ACCESS_LOG_FORMAT} from './traffic-access.js';
export type {FailureKind} from './traffic-request.js';
export {FAILURE_CATEGORY, FAILURE_KINDS} from './traffic-failures.js';
export type {SimulatedInvocationTruth, SimulatedLambdaEvent} from './lambda-log-traffic.js';
export {DEMO_FUNCTIONS} from './lambda-log-shapes.js';

export interface TrafficOptions {
	seed: number;
	apiId: string;
	stage: string;
	executionLogGroup: string;
	accessLogGroup: string;
	/** Epoch ms of the first event. */
	startTime: number;
	/** Target average rate of API Gateway LogEvents, both logs together (Lambda lines come on top). */
	eventsPerSecond: number;
	/** Share of requests that fail; default 0.15. */
	failureRate?: number;
	/** Access lines lag their execution lines by a random amount in this range (default [200, 3000]); ~2% lag by minutes. */
	accessLagMs?: [number, number];
	/** Share of data lines over 1,024 characters that get cut to 1,024 + ` [TRUNCATED]`; default 1, as API Gateway does. */
	truncateShare?: number;
	/** Epoch ms: no request starts at or after it, and the stream ends with the last line of those that did. Default: endless. */
	endTime?: number;
}

/** Also write the demo functions' own logs (DEMO_FUNCTIONS: their groups and formats). */
export type TrafficWithLambdaOptions = TrafficOptions & {lambdaLogs: boolean};

export interface SimulatedRequestTruth {
	requestId: string;
	connectionId: string | undefined;
	eventType: EventType | undefined;
	routeKey: string | undefined;
	status: number;
	failure: FailureKind | undefined;
	expectedCategory: ErrorCategory | undefined;
}

export interface SimulatedEvent {
	event: LogEvent;
	truth: SimulatedRequestTruth;
}

const STREAMS_PER_LOG = 4;
const TRUNCATE_AT = 1024;
const MINUTES_LAG_SHARE = 0.02;
const MEAN_MESSAGES_PER_CONNECTION = 10;
const PACING_SHAPE = 4;
/** The Lambda request ids the gateway names without drawing them itself come from their own stream. */
const LAMBDA_ID_SEED_SALT = 0x1d5_7a11;

interface OpenConnection {
	client: Client;
	messagesLeft: number;
}

/** Decides which request comes next and turns it into log events. */
class TrafficSimulation {
	/** Start time (epoch ms, fractional) of the next request; requests are planned in this order. */
	nextStart: number;
	private readonly rng: Random;
	private readonly lambdaIds: Random;
	private readonly lambda: LambdaTraffic | undefined;
	private readonly stage: StageSetup;
	private readonly executionStreams: string[];
	private readonly accessStreams: string[];
	private readonly open: OpenConnection[] = [];
	private readonly poolSize: number;
	private readonly failureRate: number;
	private readonly accessLag: [number, number];
	private readonly truncateShare: number;
	private failureBag: FailureKind[] = [];
	private requestsUntilFailure: number;
	private pendingFailure: FailureKind | undefined;

	constructor(private readonly options: TrafficOptions & {lambdaLogs?: boolean}) {
		const [lagMin, lagMax] = options.accessLagMs ?? [200, 3000];
		const isShare = (value: number) => value >= 0 && value <= 1;
		if (!(options.eventsPerSecond > 0 && Number.isFinite(options.eventsPerSecond))) throw new RangeError('eventsPerSecond must be a finite number above 0');
		if (!Number.isFinite(options.startTime)) throw new RangeError('startTime must be epoch milliseconds');
		if (!(lagMin >= 0 && lagMax >= lagMin && Number.isFinite(lagMax))) throw new RangeError('accessLagMs must be [min, max] with 0 <= min <= max');
		if (!isShare(options.failureRate ?? 0) || !isShare(options.truncateShare ?? 0)) throw new RangeError('failureRate and truncateShare must be within [0, 1]');
		this.rng = new Random(options.seed);
		this.nextStart = options.startTime;
		this.accessLag = [lagMin, lagMax];
		this.failureRate = options.failureRate ?? 0.15;
		this.truncateShare = options.truncateShare ?? 1;
		// About one request per connection per second: a busy chat room.
		this.poolSize = Math.max(3, Math.round(options.eventsPerSecond / 8));
		const region = 'us-east-1';
		this.stage = {
			apiId: options.apiId,
			stage: options.stage,
			region,
			accountId: String(this.rng.int(100_000, 999_999)) + String(this.rng.int(100_000, 999_999)),
			authorizerId: this.rng.base64url(6).toLowerCase().replace(/[-_]/g, 'x'),
			domainName: `${options.apiId}.execute-api.${region}.amazonaws.com`,
		};
		this.lambdaIds = new Random(options.seed ^ LAMBDA_ID_SEED_SALT);
		this.lambda = options.lambdaLogs === true ? new LambdaTraffic(options.seed, options.startTime, this.stage) : undefined;
		this.executionStreams = Array.from({length: STREAMS_PER_LOG}, () => this.rng.hex(32));
		this.accessStreams = Array.from({length: STREAMS_PER_LOG}, () => this.rng.hex(32));
		this.requestsUntilFailure = this.failureGap() * this.rng.next();
	}

	/** Plans the request starting at `nextStart`, returns its events, and moves `nextStart` on. */
	nextRequest(): Array<SimulatedEvent | SimulatedLambdaEvent> {
		const start = Math.floor(this.nextStart);
		const {plan, truth} = this.planRequest(start);
		const events = this.toEvents(plan, truth);
		// Spacing requests by their own size keeps the event rate on target whatever the mix; Erlang
		// gaps (smoother than Poisson) keep it on target over windows of a few seconds too.
		this.nextStart += this.rng.erlang((events.length * 1000) / this.options.eventsPerSecond, PACING_SHAPE);
		return this.lambda === undefined ? events : [...events, ...this.lambda.events(plan.lambdaCalls, start)];
	}

	private planRequest(start: number): {plan: RequestPlan; truth: SimulatedRequestTruth} {
		const failure = this.takeFailure();
		if (failure === 'rejected-before-routing') {
			const plan = rejectedBeforeRouting(this.scene(start, this.rng.uuid()));
			return {plan, truth: this.truth(plan, undefined, undefined, undefined, failure)};
		}
		if (failure !== undefined && CONNECT_ONLY_FAILURES.has(failure)) return this.connect(start, failure);
		if (failure !== undefined) {
			const onMessage = this.open.length > 0 && (failure === 'bad-request' || this.rng.chance(0.75));
			if (onMessage) return this.message(start, this.rng.pick(this.open), failure);
			if (failure !== 'bad-request') return this.connect(start, failure);
			// Nobody is connected to send the bad message yet: it waits for the next request.
			this.pendingFailure = failure;
		}
		if (this.open.length === 0 || (this.open.length < this.poolSize && this.rng.chance(0.5))) {
			return this.connect(start, undefined);
		}
		const index = this.rng.int(0, this.open.length - 1);
		const connection = this.open[index] as OpenConnection;
		if (connection.messagesLeft > 0) {
			connection.messagesLeft -= 1;
			return this.message(start, connection, undefined);
		}
		this.open[index] = this.open[this.open.length - 1] as OpenConnection;
		this.open.pop();
		const scene = this.scene(start, this.rng.gatewayId());
		const plan = disconnectRequest(scene, connection.client, this.rng.weighted(CLOSE_REASONS));
		return {plan, truth: this.truth(plan, connection.client.connectionId, 'DISCONNECT', '$disconnect', undefined)};
	}

	private connect(start: number, failure: FailureKind | undefined): {plan: RequestPlan; truth: SimulatedRequestTruth} {
		const client = newClient(this.rng, this.rng.gatewayId(), start);
		const plan = connectRequest(this.scene(start, this.rng.gatewayId()), client, failure);
		if (plan.status === 200) {
			const messagesLeft = Math.min(60, Math.floor(this.rng.exponential(MEAN_MESSAGES_PER_CONNECTION)));
			this.open.push({client, messagesLeft});
		}
		return {plan, truth: this.truth(plan, client.connectionId, 'CONNECT', '$connect', failure)};
	}

	private message(start: number, connection: OpenConnection, failure: FailureKind | undefined): {plan: RequestPlan; truth: SimulatedRequestTruth} {
		const routeKey = this.rng.chance(0.75) ? 'sendmessage' : '$default';
		const plan = messageRequest(this.scene(start, this.rng.gatewayId()), connection.client, routeKey, failure);
		return {plan, truth: this.truth(plan, connection.client.connectionId, 'MESSAGE', routeKey, failure)};
	}

	private scene(start: number, requestId: string): RequestScene {
		return {rng: this.rng, lambdaRng: this.lambdaIds, stage: this.stage, requestId, start};
	}

	private truth(
		plan: RequestPlan,
		connectionId: string | undefined,
		eventType: EventType | undefined,
		routeKey: string | undefined,
		failure: FailureKind | undefined,
	): SimulatedRequestTruth {
		const expectedCategory = failure === undefined ? undefined : FAILURE_CATEGORY[failure];
		return {requestId: plan.requestId, connectionId, eventType, routeKey, status: plan.status, failure, expectedCategory};
	}

	/**
	 * Failures come at jittered intervals of about 1/failureRate requests, and their kinds are dealt
	 * from a shuffled deck of all kinds: every kind shows up early and none starves, yet the order
	 * still looks random.
	 */
	private takeFailure(): FailureKind | undefined {
		if (this.pendingFailure !== undefined) {
			const failure = this.pendingFailure;
			this.pendingFailure = undefined;
			return failure;
		}
		this.requestsUntilFailure -= 1;
		if (this.requestsUntilFailure > 0) return undefined;
		this.requestsUntilFailure += this.failureGap();
		if (this.failureBag.length === 0) this.failureBag = this.rng.shuffled(FAILURE_KINDS);
		return this.failureBag.pop();
	}

	private failureGap(): number {
		return this.failureRate === 0 ? Number.POSITIVE_INFINITY : (0.75 + this.rng.next() / 2) / this.failureRate;
	}

	private toEvents(plan: RequestPlan, truth: SimulatedRequestTruth): SimulatedEvent[] {
		const {rng, options} = this;
		const executionStream = rng.pick(this.executionStreams);
		// The gateway ships a request's lines together, a moment after writing them.
		const shippingDelay = rng.int(100, 1500);
		const events: SimulatedEvent[] = plan.lines.map((line) => ({
			event: {
				log: 'execution',
				logGroup: options.executionLogGroup,
				logStream: executionStream,
				timestamp: line.at,
				ingestionTime: line.at + shippingDelay,
				message: `(${plan.requestId}) ${this.maybeTruncate(line.text)}`,
			},
			truth,
		}));
		const lag = rng.chance(MINUTES_LAG_SHARE) ? rng.int(60_000, 300_000) : rng.int(this.accessLag[0], this.accessLag[1]);
		events.push({
			event: {
				log: 'access',
				logGroup: options.accessLogGroup,
				logStream: rng.pick(this.accessStreams),
				timestamp: plan.endTime,
				ingestionTime: plan.endTime + shippingDelay + lag,
				message: renderDemoAccessLine(plan.access),
			},
			truth,
		});
		return events;
	}

	private maybeTruncate(text: string): string {
		if (text.length <= TRUNCATE_AT || !this.rng.chance(this.truncateShare)) return text;
		return `${text.slice(0, TRUNCATE_AT)} [TRUNCATED]`;
	}
}

/**
 * A deterministic stream of events sorted by INGESTION order (an access line appears after its lag),
 * endless unless `endTime` is given; `event.timestamp` is the event time, `event.ingestionTime` when it
 * was written. With `lambdaLogs`, the functions' own lines come too (they carry `invocation`, not `truth`).
 * Invalid options throw a RangeError here, not at the first `next()`.
 */
export function generateTraffic(options: TrafficWithLambdaOptions): Generator<SimulatedEvent | SimulatedLambdaEvent>;
export function generateTraffic(options: TrafficOptions): Generator<SimulatedEvent>;
export function generateTraffic(options: TrafficOptions & {lambdaLogs?: boolean}): Generator<SimulatedEvent | SimulatedLambdaEvent> {
	return inIngestionOrder(new TrafficSimulation(options), options.endTime ?? Number.POSITIVE_INFINITY);
}

function* inIngestionOrder(simulation: TrafficSimulation, endTime: number): Generator<SimulatedEvent | SimulatedLambdaEvent> {
	const pending = new MinQueue<SimulatedEvent | SimulatedLambdaEvent>();
	for (;;) {
		// Every request still to be planned starts at nextStart or later and is ingested after it,
		// so anything due by then can safely go out; past the end nothing more is planned.
		const ended = simulation.nextStart >= endTime;
		const due = pending.peekKey();
		if (due !== undefined && (ended || due <= simulation.nextStart)) {
			const next = pending.pop();
			if (next !== undefined) yield next;
			continue;
		}
		if (ended) return;
		for (const event of simulation.nextRequest()) pending.push(event, event.event.ingestionTime ?? event.event.timestamp);
	}
}
