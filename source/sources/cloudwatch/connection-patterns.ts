// Filter patterns that make CloudWatch return one WebSocket connection's lines instead of the whole
// stage: a quoted term matches anywhere in a message, whatever the access-log format; execution
// lines are found by the request ids of that connection's access lines (`(id) ` prefix), plus the
// lines that name the connection itself. Patterns are chunked under the 1024-character limit.

export const MAX_PATTERN_LENGTH = 1024;

/** A term matching `text` literally anywhere in a message. */
export function quotedTerm(text: string): string {
	return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function accessPattern(connectionId: string): string {
	return quotedTerm(connectionId);
}

export interface ExecutionPattern {
	pattern: string;
	/** The request ids the pattern names. */
	requestIds: string[];
}

/**
 * `?"(<rid1>)" ?"(<rid2>)" ... ?"<connectionId>"`, as many patterns as the length limit needs; each
 * names the connection, and the request ids in the order given.
 */
export function executionPatterns(connectionId: string, requestIds: readonly string[]): ExecutionPattern[] {
	return chunkedPatterns(requestIds, (requestId) => `?${quotedTerm(`(${requestId})`)}`, `?${quotedTerm(connectionId)}`);
}

/**
 * `?"<id1>" ?"<id2>" ...` for a Lambda function's log: its lines name the invocation's request id as
 * it is (START/END/REPORT, console lines, JSON `requestId`). None when no id is known yet.
 */
export function lambdaPatterns(lambdaRequestIds: readonly string[]): ExecutionPattern[] {
	if (lambdaRequestIds.length === 0) return [];
	return chunkedPatterns(lambdaRequestIds, (requestId) => `?${quotedTerm(requestId)}`, undefined);
}

/** Patterns of `termOf(id)` terms (plus `fixedTerm` in each), as many as the length limit needs. */
function chunkedPatterns(requestIds: readonly string[], termOf: (requestId: string) => string, fixedTerm: string | undefined): ExecutionPattern[] {
	const connectionTerm = fixedTerm ?? '';
	const patterns: ExecutionPattern[] = [];
	let chunk: string[] = [];
	let terms: string[] = [];
	let length = connectionTerm.length;
	const flush = (): void => {
		patterns.push({pattern: (fixedTerm === undefined ? terms : [...terms, fixedTerm]).join(' '), requestIds: chunk});
		chunk = [];
		terms = [];
		length = connectionTerm.length;
	};
	for (const requestId of requestIds) {
		const term = termOf(requestId);
		// An id too long for any pattern cannot be searched for; its lines that name the connection still come.
		if (connectionTerm.length + 1 + term.length > MAX_PATTERN_LENGTH) continue;
		if (terms.length > 0 && length + 1 + term.length > MAX_PATTERN_LENGTH) flush();
		chunk.push(requestId);
		terms.push(term);
		length += 1 + term.length;
	}
	if (terms.length > 0 || (patterns.length === 0 && fixedTerm !== undefined)) flush();
	return patterns;
}
