// AWS call failures as one line a user can act on: which call, what AWS said, what to do. The SDK has
// already retried throttling, 5xx and socket errors by the time an error gets here.

import {UserError} from '../../exit-codes.js';
import {firstLine} from '../aws-settings.js';

const ACCESS_DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'ForbiddenException', 'UnauthorizedOperation', 'UnauthorizedException']);
const EXPIRED_CREDENTIALS = new Set(['ExpiredTokenException', 'ExpiredToken', 'RequestExpired']);
const REJECTED_CREDENTIALS = new Set([
	'UnrecognizedClientException',
	'InvalidClientTokenId',
	'InvalidSignatureException',
	'SignatureDoesNotMatch',
	'IncompleteSignature',
	'IncompleteSignatureException',
	'MissingAuthenticationTokenException',
]);
const THROTTLED = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'LimitExceededException', 'RequestLimitExceeded']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

interface SdkErrorFields {
	name?: unknown;
	code?: unknown;
	$metadata?: {httpStatusCode?: unknown; attempts?: unknown};
}

/** What a call needs, for the access-denied hint: `apigateway:GET`, `logs:DescribeLogGroups`. */
export interface AwsCall {
	operation: string;
	permission: string;
}

export function awsCallError(call: AwsCall, region: string, error: unknown): UserError {
	if (error instanceof UserError) return error;
	const fields = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorFields;
	const name = typeof fields.name === 'string' ? fields.name : 'Error';
	const code = typeof fields.code === 'string' ? fields.code : undefined;
	const status = typeof fields.$metadata?.httpStatusCode === 'number' ? fields.$metadata.httpStatusCode : undefined;
	const attempts = typeof fields.$metadata?.attempts === 'number' ? fields.$metadata.attempts : undefined;
	const afterAttempts = attempts === undefined || attempts < 2 ? '' : ` after ${attempts} attempts`;
	const detail = firstLine(error, []);
	const op = call.operation;

	// An emulator without the operation answers an HTML page (the SDK's JSON parser throws SyntaxError)
	// or says it does not know it: the parser's words would only confuse.
	if (name === 'SyntaxError' || name === 'UnknownOperationException') {
		return new UserError(`${op} is not implemented by this endpoint: it did not answer as AWS does`);
	}
	if (ACCESS_DENIED.has(name)) {
		return new UserError(`${op} was denied in ${region} (${name}): the identity needs ${call.permission}: ${detail}`);
	}
	if (EXPIRED_CREDENTIALS.has(name)) {
		return new UserError(`${op} failed: the AWS credentials have expired (${name}): refresh them (\`aws sso login\`, or new keys)`);
	}
	if (REJECTED_CREDENTIALS.has(name)) {
		return new UserError(`${op} failed: AWS rejected the credentials in ${region} (${name}): check the profile and keys: ${detail}`);
	}
	if (THROTTLED.has(name) || status === 429) {
		return new UserError(`${op} was throttled in ${region}${afterAttempts} (${name}): other tools share the account's request rate; try again in a moment`);
	}
	if ((code !== undefined && NETWORK_CODES.has(code)) || name === 'TimeoutError') {
		return new UserError(`${op} could not reach the ${region} endpoint${afterAttempts}: ${detail}`);
	}
	if (status !== undefined && status >= 500) {
		return new UserError(`${op} failed in ${region}${afterAttempts}: the service answered ${status} (${name}): ${detail}`);
	}
	return new UserError(`${op} failed in ${region} (${name}): ${detail}`);
}

/** Runs one AWS call; any failure becomes the UserError above. */
export async function callAws<T>(call: AwsCall, region: string, run: () => Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (error) {
		throw awsCallError(call, region, error);
	}
}

export function isNotFound(error: unknown): boolean {
	return typeof error === 'object' && error !== null && (error as SdkErrorFields).name === 'NotFoundException';
}
