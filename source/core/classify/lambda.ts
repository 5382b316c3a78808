// Evidence from the Lambda invocations joined to a request (core/lambda/): the cause API Gateway's own
// logs never show (what the handler threw and where, a timeout after a cold start, an out-of-memory
// crash), and what the handler's lines say about the connections it wrote to (PostToConnection failing
// with GoneException or LimitExceededException).

import type {Invocation} from '../lambda/types.js';
import {code, explain, on, SPECIFICITY, type Evidence, type RequestContext} from './evidence.js';
import {evidenceMessage} from './text.js';
import type {ErrorCategory, RequestView} from '../types.js';

const OUT_OF_MEMORY = 'Runtime.OutOfMemory';
// A WebSocket connection id: 16 characters ending in `=`.
const CONNECTION_ID = /\b[A-Za-z\d_-]{15}=/;

export function lambdaEvidence(invocations: readonly Invocation[], context: RequestContext): Evidence[] {
	const evidence: Evidence[] = [];
	for (const invocation of invocations) {
		const cause = causeOf(invocation);
		if (cause !== undefined) evidence.push(failureEvidence(invocation, cause, context));
		evidence.push(...postToConnectionEvidence(invocation, context));
	}

	return evidence;
}

interface Cause {
	/** "chat-sendmessage threw TypeError: ... at index.mjs:21" */
	detail: string;
	/** The Lambda line that shows it. */
	line: string;
}

function causeOf(invocation: Invocation): Cause | undefined {
	const name = invocation.function;
	const prefix = invocation.role === 'authorizer' ? `authorizer ${name}` : name;
	const {error} = invocation;
	switch (invocation.outcome) {
		case 'timeout': {
			const after = invocation.durationMs === null ? '' : ` after ${(invocation.durationMs / 1000).toFixed(2)} s`;
			const cold = invocation.coldStart && invocation.initMs !== null ? ` after a ${Math.round(invocation.initMs)} ms cold start` : '';
			return {detail: `${prefix} timed out${after}${cold}`, line: reportLine(invocation, 'timeout')};
		}

		case 'failure': {
			if (error?.type === OUT_OF_MEMORY || (invocation.memoryMB !== null && invocation.maxMemoryMB !== null && invocation.maxMemoryMB >= invocation.memoryMB)) {
				return {detail: `${prefix} ran out of memory at ${invocation.memoryMB ?? invocation.maxMemoryMB} MB`, line: reportLine(invocation, 'failure')};
			}

			return {detail: `${prefix} crashed${error ? `: ${error.type} ${error.message}`.trimEnd() : ''}`, line: reportLine(invocation, 'failure')};
		}

		case 'error': {
			if (!error) return {detail: `${prefix} failed`, line: reportLine(invocation, 'error')};
			const where = locationOf(error.stack);
			return {
				detail: `${prefix} threw ${error.type}${error.message === '' ? '' : `: ${error.message}`}${where === undefined ? '' : ` at ${where}`}`,
				line: errorLine(invocation) ?? `${error.type}: ${error.message}`,
			};
		}

		default: {
			return undefined;
		}
	}
}

function failureEvidence(invocation: Invocation, cause: Cause, context: RequestContext): Evidence {
	const category: ErrorCategory = invocation.role === 'authorizer' ? 'authorizer' : 'integration';
	const where = `${on(context)}${code(context)}`;
	const connectFailed = context.route === '$connect' && invocation.role === 'integration';
	const head = connectFailed
		? `connection refused: $connect failed in its Lambda${context.status === undefined ? '' : ` (client saw ${context.status})`}`
		: `Lambda ${invocation.role ?? 'function'} failed${where}`;
	return {
		category,
		alsoFits: [],
		failure: undefined,
		specificity: SPECIFICITY.lambdaLine,
		message: evidenceMessage(`${invocation.function} ${invocation.requestId}: ${cause.line}`),
		explain: () => explain(head, cause.detail),
		explainsStatus: (status) => (category === 'authorizer' ? status === 401 || status === 403 || status >= 500 : status >= 500),
	};
}

/** A message a handler tried to send to a connection that was already gone, as its target connection tells it. */
export interface GoneWrite {
	/** The connection written to (gone). */
	targetConnectionId: string;
	/** The request whose invocation wrote, and its connection (the sender). */
	requestId: string;
	connectionId: string | undefined;
	function: string;
	/** Epoch ms of the handler's line that logged the GoneException. */
	time: number;
}

/**
 * Every connection a request's handlers wrote to after it was gone, when their lines name it (a broadcast
 * can fail for several). Its target's timeline shows it: that is where an engineer asks "who still wrote
 * to it", and the sender's request may belong to a connection they are not looking at.
 */
export function goneWritesOf(request: Pick<RequestView, 'requestId' | 'connectionId' | 'invocations'>): GoneWrite[] {
	const writes = new Map<string, GoneWrite>();
	for (const invocation of request.invocations) {
		for (const line of invocation.lines) {
			if (!line.message.includes('GoneException')) continue;
			const target = CONNECTION_ID.exec(line.message)?.[0];
			if (target === undefined || writes.has(target)) continue;
			writes.set(target, {targetConnectionId: target, requestId: request.requestId, connectionId: request.connectionId, function: invocation.function, time: line.time});
		}
	}

	return [...writes.values()];
}

/** `PostToConnection` failures the handler logged: the connection it wrote to was gone, or it wrote too fast. */
function postToConnectionEvidence(invocation: Invocation, context: RequestContext): Evidence[] {
	const found: Evidence[] = [];
	const gone = invocation.lines.find((line) => line.message.includes('GoneException'));
	if (gone) {
		const target = CONNECTION_ID.exec(gone.message)?.[0];
		found.push(lineEvidence(invocation, gone.message, 'integration', () =>
			explain(
				`${invocation.function} wrote to a closed connection${on(context)}`,
				`PostToConnection${target === undefined ? '' : ` to ${target}`} failed with GoneException (410): that client has disconnected`,
			),
		));
	}

	const limited = invocation.lines.find((line) => line.message.includes('LimitExceededException'));
	if (limited) {
		found.push(lineEvidence(invocation, limited.message, 'throttle', () =>
			explain(
				`${invocation.function} was throttled while broadcasting${on(context)}`,
				'PostToConnection failed with LimitExceededException (429): too many messages per second to the connections',
			),
		));
	}

	return found;
}

function lineEvidence(invocation: Invocation, line: string, category: ErrorCategory, explainIt: () => string): Evidence {
	return {
		category,
		alsoFits: [],
		failure: `lambda-line:${category}`,
		specificity: SPECIFICITY.lambdaLine,
		message: evidenceMessage(`${invocation.function} ${invocation.requestId}: ${line}`),
		explain: explainIt,
		explainsStatus: () => false,
	};
}

/** `index.mjs:21` from a Node.js frame `(file:///var/task/index.mjs:21:34)`, `app.py:14` from a Python traceback. */
export function locationOf(stack: readonly string[]): string | undefined {
	for (const frame of stack) {
		const node = /\/var\/task\/([^\s():]+):(\d+)(?::\d+)?/.exec(frame);
		if (node) return `${node[1]}:${node[2]}`;
	}

	// A Python traceback lists the innermost frame last.
	for (const frame of [...stack].reverse()) {
		const python = /File "(?:[^"]*\/)?([^"/]+)", line (\d+)/.exec(frame);
		if (python) return `${python[1]}:${python[2]}`;
	}

	return undefined;
}

function errorLine(invocation: Invocation): string | undefined {
	const error = invocation.error;
	if (!error) return undefined;
	return invocation.lines.find((line) => line.level === 'ERROR' && (line.message.includes(error.type) || line.message.startsWith('Invoke Error')))?.message;
}

/** What the platform reported, as one line: `Status: timeout Duration: 30030 ms Init Duration: 812.44 ms`. */
function reportLine(invocation: Invocation, status: string): string {
	const parts = [`Status: ${status}`];
	if (invocation.error) parts.push(`Error Type: ${invocation.error.type}`, invocation.error.message);
	if (invocation.durationMs !== null) parts.push(`Duration: ${invocation.durationMs} ms`);
	if (invocation.maxMemoryMB !== null && invocation.memoryMB !== null) parts.push(`Max Memory Used: ${invocation.maxMemoryMB} of ${invocation.memoryMB} MB`);
	if (invocation.initMs !== null) parts.push(`Init Duration: ${invocation.initMs} ms`);
	return parts.filter((part) => part !== '').join(' ');
}
