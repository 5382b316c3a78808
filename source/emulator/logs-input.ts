// Typed reads of an awsJson request body, which is untrusted: a member of the wrong type is the
// client's error (SerializationException, as the service answers), never a crash of the emulator.

import {invalidParameter, ServiceError} from './server-errors.js';

export type JsonObject = Record<string, unknown>;

const wrongType = (member: string, expected: string): ServiceError =>
	new ServiceError('SerializationException', `${member} must be ${expected}`);

export function optionalString(input: JsonObject, member: string): string | undefined {
	const value = input[member];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw wrongType(member, 'a string');
	return value;
}

export function requiredString(input: JsonObject, member: string): string {
	const value = optionalString(input, member);
	if (value === undefined || value === '') throw invalidParameter(`${member} is required`);
	return value;
}

export function optionalNumber(input: JsonObject, member: string): number | undefined {
	const value = input[member];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'number' || !Number.isFinite(value)) throw wrongType(member, 'a number');
	return value;
}

export function optionalBoolean(input: JsonObject, member: string): boolean | undefined {
	const value = input[member];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'boolean') throw wrongType(member, 'a boolean');
	return value;
}

export function optionalStringList(input: JsonObject, member: string): string[] | undefined {
	const value = input[member];
	if (value === undefined || value === null) return undefined;
	if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw wrongType(member, 'a list of strings');
	return value as string[];
}

/** `limit` members: absent means `fallback`; outside 1..max is InvalidParameterException. */
export function limitOf(input: JsonObject, fallback: number, max: number): number {
	const limit = optionalNumber(input, 'limit');
	if (limit === undefined) return fallback;
	if (!Number.isInteger(limit) || limit < 1 || limit > max) throw invalidParameter(`limit must be between 1 and ${max}`);
	return limit;
}

/** Opaque paging tokens: base64url JSON, so a client cannot mistake them for anything meaningful. */
export function encodeToken(value: JsonObject): string {
	return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeToken(token: string): JsonObject {
	try {
		const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
		if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as JsonObject;
	} catch {
		// Falls through to the service's answer for a token it did not issue.
	}
	throw invalidParameter('The specified nextToken is invalid.');
}
