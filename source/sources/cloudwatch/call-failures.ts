// What a failed CloudWatch Logs call means for a tail that must never give up: wait and retry
// (throttling, 5xx, a dropped socket), skip for now (a log group that does not exist yet), or stop
// with one line the user can act on (access denied, expired credentials, a rejected request).

import {UserError} from '../../exit-codes.js';

export type FailureKind = 'aborted' | 'throttled' | 'transient' | 'missing' | 'fatal';

const THROTTLING = new Set([
	'ThrottlingException',
	'Throttling',
	'ThrottledException',
	'TooManyRequestsException',
	'LimitExceededException',
	'RequestLimitExceeded',
	'RequestThrottled',
	'RequestThrottledException',
	'SlowDown',
]);
const TRANSIENT_NAMES = new Set(['ServiceUnavailableException', 'InternalFailure', 'InternalServerError', 'TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
// Node's socket failures, as the SDK's own retry strategy lists them, plus undici's.
const NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'EPIPE',
	'ETIMEDOUT',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ENETDOWN',
	'ENOTFOUND',
	'EAI_AGAIN',
	'UND_ERR_SOCKET',
]);

interface SdkErrorFields {
	name?: unknown;
	code?: unknown;
	message?: unknown;
	$metadata?: {httpStatusCode?: unknown};
	$retryable?: {throttling?: unknown};
}

export function errorName(error: unknown): string {
	const name = fieldsOf(error).name;
	return typeof name === 'string' ? name : 'Error';
}

export function classifyFailure(error: unknown, signal: AbortSignal): FailureKind {
	if (signal.aborted || error instanceof TailStopped) return 'aborted';
	const fields = fieldsOf(error);
	const name = errorName(error);
	const status = typeof fields.$metadata?.httpStatusCode === 'number' ? fields.$metadata.httpStatusCode : undefined;
	if (THROTTLING.has(name) || status === 429 || fields.$retryable?.throttling === true) return 'throttled';
	if (name === 'ResourceNotFoundException') return 'missing';
	if (TRANSIENT_NAMES.has(name) || (typeof fields.code === 'string' && NETWORK_CODES.has(fields.code))) return 'transient';
	if (status !== undefined && (status >= 500 || status < 300)) {
		// A 2xx that failed is a response cut off mid-body (the socket dropped while reading).
		return 'transient';
	}
	return 'fatal';
}

/** `Name: first line of the message`, for notices and errors. */
export function describeFailure(error: unknown): string {
	const name = errorName(error);
	const message = fieldsOf(error).message;
	const text = typeof message === 'string' ? (message.split('\n', 1)[0] ?? '').trim() : '';
	if (text === '' || text === name) return name;
	return `${name}: ${text}`;
}

/** Thrown inside the transport once its signal aborted; loops end quietly on it. */
export class TailStopped extends Error {
	constructor() {
		super('the tail was stopped');
		this.name = 'TailStopped';
	}
}

/** A failure retrying cannot fix; its one-line message is shown to the user. */
export function fatalCallError(operation: string, groupName: string | undefined, error: unknown): UserError {
	const where = groupName === undefined ? '' : ` on ${groupName}`;
	return new UserError(`${operation}${where} failed: ${describeFailure(error)}`);
}

function fieldsOf(error: unknown): SdkErrorFields {
	return typeof error === 'object' && error !== null ? (error as SdkErrorFields) : {};
}
