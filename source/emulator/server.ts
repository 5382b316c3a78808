// A local, wire-compatible emulator of CloudWatch Logs (awsJson1_1, StartLiveTail event streams)
// and of the API Gateway control plane (apigatewayv2 and api-gateway REST-JSON reads), on one
// HTTP endpoint, with fault injection. The real AWS SDK clients talk to it unchanged (point
// `endpoint` at it; set `disableHostPrefix: true` for StartLiveTail).

import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import type {AddressInfo, Socket} from 'node:net';
import {ApiGatewayFixtures} from './apigw-fixtures.js';
import {routeApiGatewayRequest} from './apigw-routes.js';
import {FaultInjector, type CallFault, type EmulatedService} from './faults.js';
import {InsightsQueries} from './insights-queries.js';
import {LiveTailSessions} from './logs-live-tail.js';
import {LOGS_OPERATIONS} from './logs-operations.js';
import {LogsStore} from './logs-store.js';
import {ServiceError} from './server-errors.js';
import {parseJsonObject, readBody, sendError, sendJson, type Protocol} from './server-respond.js';

export interface EmulatorOptions {
	/** 0 (the default) = any free port. */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** Live tail update interval; default 1000 ms like the service. */
	liveTailTickMs?: number;
	/** Events per live tail update before sampling; default 500. */
	liveTailMaxEventsPerUpdate?: number;
	/** Live tail session lifetime; default 3 hours. */
	liveTailSessionTimeoutMs?: number;
	/** Concurrent live tail sessions; default 15 (LimitExceededException beyond). */
	liveTailMaxSessions?: number;
	/** Events FilterLogEvents examines per page before answering a partial (possibly empty) page; default 100,000. */
	filterScanLimit?: number;
	/** Events a Logs Insights query scans per GetQueryResults call (its progress step); default 10,000. */
	insightsScanStep?: number;
	/** Logs Insights queries running at once before StartQuery answers LimitExceededException; default 100. */
	insightsMaxConcurrentQueries?: number;
	/** Default Date.now; used for ingestion times, visibility and live tail windows. */
	clock?: () => number;
	/**
	 * Every call waits a random time in [min, max] ms before it is answered, as calls take on AWS (a
	 * FilterLogEvents page 80-200 ms): without it a backfill is only a race against the request budget.
	 */
	latencyMs?: readonly [number, number];
}

export interface EmulatorCall {
	service: EmulatedService;
	/** The SDK command name without `Command` (`FilterLogEvents`, `GetStage`); `Unknown` for unroutable requests. */
	operation: string;
	at: number;
}

const LOGS_TARGET = /^Logs_20140328\.([A-Za-z]+)$/;

export class Emulator {
	readonly logs: LogsStore;
	readonly apis: ApiGatewayFixtures;
	readonly faults: FaultInjector;
	readonly insights: InsightsQueries;
	readonly calls: EmulatorCall[] = [];
	private readonly liveTail: LiveTailSessions;
	private readonly server: Server;
	private readonly sockets = new Set<Socket>();
	private readonly clock: () => number;
	private readonly filterScanLimit: number;
	private readonly latencyMs: readonly [number, number] | undefined;
	private address = '';

	private constructor(options: EmulatorOptions) {
		this.clock = options.clock ?? Date.now;
		this.filterScanLimit = Math.max(1, options.filterScanLimit ?? 100_000);
		this.latencyMs = options.latencyMs;
		this.logs = new LogsStore(this.clock);
		this.apis = new ApiGatewayFixtures(this.clock);
		this.liveTail = new LiveTailSessions(this.logs, {
			tickMs: options.liveTailTickMs ?? 1000,
			maxEventsPerUpdate: options.liveTailMaxEventsPerUpdate ?? 500,
			sessionTimeoutMs: options.liveTailSessionTimeoutMs ?? 3 * 60 * 60 * 1000,
			maxSessions: options.liveTailMaxSessions ?? 15,
			clock: this.clock,
		});
		this.faults = new FaultInjector(this.liveTail);
		this.insights = new InsightsQueries({
			scanStep: Math.max(1, options.insightsScanStep ?? 10_000),
			maxConcurrent: options.insightsMaxConcurrentQueries ?? 100,
			faults: this.faults.insights,
			clock: this.clock,
		});
		this.server = createServer((request, response) => {
			this.handle(request, response).catch((error: unknown) => {
				if (!response.headersSent) sendError(response, 'awsJson', error);
				else response.destroy();
			});
		});
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	static async start(options: EmulatorOptions = {}): Promise<Emulator> {
		const emulator = new Emulator(options);
		const host = options.host ?? '127.0.0.1';
		await new Promise<void>((resolve, reject) => {
			emulator.server.once('error', reject);
			emulator.server.listen(options.port ?? 0, host, () => {
				emulator.server.off('error', reject);
				resolve();
			});
		});
		const {port} = emulator.server.address() as AddressInfo;
		emulator.address = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
		return emulator;
	}

	/** e.g. `http://127.0.0.1:43123`. */
	get endpoint(): string {
		return this.address;
	}

	/** Open TCP connections, for tests that check clients close theirs. */
	get connectionCount(): number {
		return this.sockets.size;
	}

	get liveTailSessionCount(): number {
		return this.liveTail.size;
	}

	/** Every live tail session has sent every event stored so far (true with no session). */
	get liveTailCaughtUp(): boolean {
		return this.liveTail.caughtUp;
	}

	/** Ends live tail sessions, closes the server and destroys every socket. */
	async stop(): Promise<void> {
		this.liveTail.endAll();
		const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
		this.server.closeAllConnections();
		for (const socket of this.sockets) socket.destroy();
		await closed;
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const body = await readBody(request, response);
		if (body === undefined) return;
		if (this.latencyMs !== undefined) await delay(this.latencyMs);
		const target = request.headers['x-amz-target'];
		if (typeof target === 'string') {
			this.handleLogs(target, body, response);
			return;
		}
		const call = routeApiGatewayRequest(request.method ?? 'GET', new URL(request.url ?? '/', 'http://emulator'), this.apis);
		if (call === undefined) {
			this.record('apigateway', 'Unknown');
			sendError(response, 'restJson', new ServiceError('UnknownOperationException', `No emulated operation at ${request.method} ${request.url}`, 404));
			return;
		}
		this.record(call.service, call.operation);
		const fault = this.faults.faultFor(call.service, call.operation);
		if (this.answeredByFault(fault, 'restJson', response)) return;
		try {
			sendJson(response, 'restJson', 200, call.run(), fault === 'reset');
		} catch (error) {
			sendError(response, 'restJson', error, fault === 'reset');
		}
	}

	private handleLogs(target: string, body: string, response: ServerResponse): void {
		const operation = LOGS_TARGET.exec(target)?.[1];
		this.record('logs', operation ?? 'Unknown');
		const run = operation !== undefined && Object.hasOwn(LOGS_OPERATIONS, operation) ? LOGS_OPERATIONS[operation] : undefined;
		if (operation === undefined || (run === undefined && operation !== 'StartLiveTail')) {
			sendError(response, 'awsJson', new ServiceError('UnknownOperationException', `Unknown operation ${target}`));
			return;
		}
		const fault = this.faults.faultFor('logs', operation);
		if (this.answeredByFault(fault, 'awsJson', response)) return;
		const reset = fault === 'reset';
		try {
			const input = parseJsonObject(body);
			if (run === undefined) {
				this.liveTail.start(input, response, reset);
				return;
			}
			const output = run(input, {
				store: this.logs,
				now: this.clock(),
				filterScanLimit: this.filterScanLimit,
				takeEmptyFilterPage: () => this.faults.takeEmptyFilterPage(),
				insights: this.insights,
			});
			sendJson(response, 'awsJson', 200, output, reset);
		} catch (error) {
			sendError(response, 'awsJson', error, reset);
		}
	}

	/** Answers throttling and 5xx faults; a reset is applied later, while writing the response. */
	private answeredByFault(fault: CallFault | undefined, protocol: Protocol, response: ServerResponse): boolean {
		if (fault === 'throttle') {
			const error =
				protocol === 'awsJson'
					? new ServiceError('ThrottlingException', 'Rate exceeded')
					: new ServiceError('TooManyRequestsException', 'Too Many Requests', 429);
			sendError(response, protocol, error);
			return true;
		}
		if (fault === 'unavailable') {
			sendError(response, protocol, new ServiceError('ServiceUnavailableException', 'The service is unavailable. Please try again.', 503));
			return true;
		}
		return false;
	}

	private record(service: EmulatedService, operation: string): void {
		this.calls.push({service, operation, at: this.clock()});
	}
}

function delay([min, max]: readonly [number, number]): Promise<void> {
	const ms = min + Math.random() * (max - min);
	return new Promise((resolve) => setTimeout(resolve, ms));
}
