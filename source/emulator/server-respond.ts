// Writing responses as each AWS protocol shapes them, including the injected connection reset.

import {randomUUID} from 'node:crypto';
import type {IncomingMessage, ServerResponse} from 'node:http';
import type {JsonObject} from './logs-input.js';
import {ServiceError} from './server-errors.js';

const AWS_JSON = 'application/x-amz-json-1.1';
const MAX_REQUEST_BYTES = 8 * 1024 * 1024;

export type Protocol = 'awsJson' | 'restJson';

/**
 * Sends a complete response, or with `reset` only the headers and half of the body before
 * destroying the socket: the client sees a connection reset mid-response.
 */
export function sendJson(response: ServerResponse, protocol: Protocol, status: number, body: JsonObject, reset = false, headers: Record<string, string> = {}): void {
	const bytes = Buffer.from(JSON.stringify(body), 'utf8');
	response.writeHead(status, {
		'content-type': protocol === 'awsJson' ? AWS_JSON : 'application/json',
		'content-length': String(bytes.length),
		'x-amzn-requestid': randomUUID(),
		...headers,
	});
	if (reset) {
		response.write(bytes.subarray(0, bytes.length >> 1), () => response.socket?.destroy());
		return;
	}
	response.end(bytes);
}

/**
 * awsJson errors name their shape in `__type`; REST-JSON ones in the `x-amzn-errortype` header.
 * Anything that is not a ServiceError is an emulator bug, answered as a 500 rather than a crash.
 */
export function sendError(response: ServerResponse, protocol: Protocol, error: unknown, reset = false): void {
	const known = error instanceof ServiceError ? error : new ServiceError('InternalFailure', `emulator error: ${String(error)}`, 500);
	if (protocol === 'awsJson') {
		sendJson(response, protocol, known.status, {__type: known.code, message: known.message}, reset);
	} else {
		sendJson(response, protocol, known.status, {message: known.message}, reset, {'x-amzn-errortype': known.code});
	}
}

/** The request body as text; undefined (after answering 413) when it is too large to be a real call. */
export async function readBody(request: IncomingMessage, response: ServerResponse): Promise<string | undefined> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of request) {
		const buffer = chunk as Buffer;
		size += buffer.length;
		if (size > MAX_REQUEST_BYTES) {
			response.writeHead(413, {connection: 'close'}).end();
			return undefined;
		}
		chunks.push(buffer);
	}
	return Buffer.concat(chunks).toString('utf8');
}

export function parseJsonObject(body: string): JsonObject {
	let value: unknown;
	try {
		value = body.trim() === '' ? {} : JSON.parse(body);
	} catch {
		throw new ServiceError('SerializationException', 'The request body is not valid JSON');
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ServiceError('SerializationException', 'The request body must be a JSON object');
	return value as JsonObject;
}
