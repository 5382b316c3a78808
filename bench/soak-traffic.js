// The soak's traffic: WebSocket requests of exactly five log events each (four execution lines and one
// access line), written into the emulator's store as API Gateway would, each with a unique request id
// (`SoAk…=`, the shape of a real one) so that every request in the output can be matched 1:1 with what
// was written. Connections open, carry messages and close, so connection records come and go too.

import {executionLogGroupName} from '../dist/core/execution-log-group.js';
import {accessLogGroupName} from '../dist/emulator/apigw-standard-fixtures.js';
import {clfTime, renderDemoAccessLine} from '../dist/emulator/traffic-access.js';

export const EVENTS_PER_REQUEST = 5;
/** Connections open at once; requests go to them in turn. */
const OPEN_CONNECTIONS = 200;
const MESSAGES_PER_CONNECTION = 40;
/** Streams written at once per group; adding one retires the oldest (API Gateway rotates streams too). */
const LIVE_STREAMS = 4;

export class SoakTraffic {
	/**
	 * Request id -> its execution lines as the NDJSON shows them (`time|message`, the message without
	 * the `(id) ` prefix); every request also has one access line.
	 */
	expected = new Map();
	events = 0;
	#logs;
	#clock;
	#apiId;
	#executionGroup;
	#accessGroup;
	#streams = {execution: [], access: []};
	#streamSerial = 0;
	#requests = 0;
	#connections = 0;
	#slots = Array.from({length: OPEN_CONNECTIONS}, () => undefined);

	constructor(logs, {apiId, stage, clock = Date.now}) {
		this.#logs = logs;
		this.#clock = clock;
		this.#apiId = apiId;
		this.#executionGroup = executionLogGroupName(apiId, stage);
		this.#accessGroup = accessLogGroupName(apiId, stage);
		for (let index = 0; index < LIVE_STREAMS; index++) this.addStreams();
	}

	get requests() {
		return this.#requests;
	}

	/** A new stream in each group, written to from now on; the oldest stops being written. */
	addStreams() {
		for (const [kind, group] of [['execution', this.#executionGroup], ['access', this.#accessGroup]]) {
			const name = `${kind === 'execution' ? 'e' : 'a'}${(this.#streamSerial++).toString(16).padStart(31, '0')}`;
			this.#logs.ensureLogStream(group, name);
			const streams = this.#streams[kind];
			streams.push(name);
			if (streams.length > LIVE_STREAMS) streams.shift();
		}
	}

	/**
	 * Writes `count` requests stamped `timestamp` (default now). `ingestionDelayMs` delays every line,
	 * `accessDelayMs` only the access lines (they lag in real stages): both model late ingestion.
	 */
	write(count, {timestamp, ingestionDelayMs = 0, accessDelayMs = 0} = {}) {
		const base = timestamp ?? this.#clock();
		const batches = new Map();
		const put = (group, stream, delay, event) => {
			const key = `${group}\0${stream}\0${delay}`;
			let batch = batches.get(key);
			if (batch === undefined) {
				batch = {group, stream, delay, events: []};
				batches.set(key, batch);
			}
			batch.events.push(event);
		};
		for (let index = 0; index < count; index++) {
			const serial = this.#requests++;
			const request = this.#nextRequest(serial, base);
			const executionStream = this.#streams.execution[serial % this.#streams.execution.length];
			const accessStream = this.#streams.access[serial % this.#streams.access.length];
			const lines = [];
			request.lines.forEach((text, offset) => {
				put(this.#executionGroup, executionStream, ingestionDelayMs, {timestamp: base + offset, message: `(${request.requestId}) ${text}`});
				lines.push(`${new Date(base + offset).toISOString()}|${text}`);
			});
			put(this.#accessGroup, accessStream, ingestionDelayMs + accessDelayMs, {timestamp: base + request.lines.length, message: request.access});
			this.expected.set(request.requestId, lines);
			this.events += EVENTS_PER_REQUEST;
		}
		for (const {group, stream, delay, events} of batches.values()) {
			this.#logs.putLogEvents(group, stream, events.sort((a, b) => a.timestamp - b.timestamp), delay > 0 ? {ingestionDelayMs: delay} : {});
		}
	}

	/** The next request on the next connection slot: its $connect, a message, or its $disconnect. */
	#nextRequest(serial, time) {
		const requestId = `SoAk${serial.toString(36).padStart(11, '0')}=`;
		const slotIndex = serial % OPEN_CONNECTIONS;
		let slot = this.#slots[slotIndex];
		const access = {requestId, requestTime: clfTime(time), requestTimeEpoch: time, 'identity.sourceIp': '192.0.2.7', status: 200, integrationLatency: 12};
		if (slot === undefined) {
			slot = {connectionId: `CoNn${(this.#connections++).toString(36).padStart(11, '0')}=`, connectedAt: time, messages: 0};
			this.#slots[slotIndex] = slot;
			return {
				requestId,
				lines: [
					`Starting execution for request: ${requestId}`,
					'WebSocket Request Route: [$connect]',
					`Client [UserAgent: soak/1.0, SourceIp: 192.0.2.7] is connecting to WebSocket API [${this.#apiId}].`,
					'Method completed with status: 200',
				],
				access: renderDemoAccessLine({...access, connectionId: slot.connectionId, connectedAt: slot.connectedAt, eventType: 'CONNECT', routeKey: '$connect'}),
			};
		}
		const common = {...access, connectionId: slot.connectionId, connectedAt: slot.connectedAt};
		if (slot.messages === MESSAGES_PER_CONNECTION) {
			this.#slots[slotIndex] = undefined;
			return {
				requestId,
				lines: [
					`Starting execution for request: ${requestId}`,
					'WebSocket Request Route: [$disconnect]',
					`Client [Connection Id: ${slot.connectionId}] disconnected from API [${this.#apiId}]. Close reason: [1000: Normal closure]`,
					'Method completed with status: 200',
				],
				access: renderDemoAccessLine({...common, eventType: 'DISCONNECT', routeKey: '$disconnect', disconnectStatusCode: 1000, disconnectReason: 'Normal closure'}),
			};
		}
		slot.messages++;
		return {
			requestId,
			lines: [
				`Starting execution for request: ${requestId}`,
				'WebSocket Request Route: [sendmessage]',
				`Endpoint response body before transformations: {"statusCode":200,"soak":${serial}}`,
				'Method completed with status: 200',
			],
			access: renderDemoAccessLine({...common, eventType: 'MESSAGE', routeKey: 'sendmessage', messageId: `MsG${serial.toString(36).padStart(12, '0')}=`}),
		};
	}
}
