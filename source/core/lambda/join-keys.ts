// Where a stage's own lines name the Lambda invocations that served a request (reference/lambda-logs.md,
// "Join keys"). Never guessed from timing: only an id the gateway wrote joins.

import type {AccessFields, AccessRecord, ExecutionRecord} from '../types.js';
import type {LambdaRole} from './types.js';

export interface LambdaJoinKey {
	lambdaRequestId: string;
	role: LambdaRole;
}

const INTEGRATION_FIELDS = ['integration.requestId', 'awsEndpointRequestId'] as const;

/** The invocations one stage line names. */
export function joinKeysOfRecord(record: AccessRecord | ExecutionRecord): LambdaJoinKey[] {
	if (record.type === 'access') return joinKeysOfAccess(record.fields);
	const id = record.fields.integrationRequestId;
	return id === undefined ? [] : [{lambdaRequestId: id, role: 'integration'}];
}

/**
 * The invocations a request's lines name, authorizer first, each once. An id the access line gives as the
 * authorizer's is the authorizer's whatever the execution log calls it.
 */
export function joinKeysOfRequest(access: AccessFields | null, execution: readonly ExecutionRecord[]): LambdaJoinKey[] {
	const keys = access ? joinKeysOfAccess(access) : [];
	for (const line of execution) {
		const id = line.fields.integrationRequestId;
		if (id !== undefined) keys.push({lambdaRequestId: id, role: 'integration'});
	}

	const seen = new Set<string>();
	return keys
		.sort((a, b) => (a.role === b.role ? 0 : a.role === 'authorizer' ? -1 : 1))
		.filter((key) => !seen.has(key.lambdaRequestId) && seen.add(key.lambdaRequestId));
}

function joinKeysOfAccess(fields: AccessFields): LambdaJoinKey[] {
	const keys: LambdaJoinKey[] = [];
	const authorizer = fields['authorizer.requestId'];
	if (authorizer !== undefined) keys.push({lambdaRequestId: authorizer, role: 'authorizer'});
	for (const field of INTEGRATION_FIELDS) {
		const id = fields[field];
		if (id !== undefined) keys.push({lambdaRequestId: id, role: 'integration'});
	}

	return keys;
}
