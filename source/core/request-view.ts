// Folds the lines collected for one request into the RequestView every view reads. Pure, and a function
// of the SET of lines only: the same lines in any arrival order give the same view.

import {classifyRequest} from './classify/classify.js';
import {parseExecutionLogGroup} from './execution-log-group.js';
import type {InvocationLookup} from './lambda/invocation-join.js';
import {joinKeysOfRequest} from './lambda/join-keys.js';
import type {Invocation} from './lambda/types.js';
import {EXECUTION_PHASE_RANK} from './parse/execution.js';
import type {AccessFields, AccessRecord, EventType, ExecutionRecord, RequestView} from './types.js';

/** The raw material of one request, as the correlator collects it. */
export interface RequestLines {
	requestId: string;
	aliases: ReadonlySet<string>;
	execution: ExecutionRecord[];
	access: AccessRecord[];
}

const NO_INVOCATIONS: InvocationLookup = () => undefined;

/** `invocationOf` finds the Lambda invocations its lines name (core/lambda/); none are known without it. */
export function buildRequestView(lines: RequestLines, invocationOf: InvocationLookup = NO_INVOCATIONS): RequestView {
	const execution = [...lines.execution].sort(compareExecution);
	const accessRecords = [...lines.access].sort(compareAccess);
	const access = mergeAccess(accessRecords);
	const fromExecution = collectExecutionFacts(execution);

	const routeKey = access?.['routeKey'] ?? fromExecution.routeKey ?? restRouteOf(access, fromExecution);
	const connectionId = access?.['connectionId'] ?? fromExecution.connectionId;
	const [firstTimestamp, lastTimestamp] = timeRange([...execution, ...accessRecords]);
	const view: Omit<RequestView, 'errors'> = {
		requestId: lines.requestId,
		aliases: [...lines.aliases].sort(),
		connectionId,
		eventType: eventTypeOf(access?.['eventType'], routeKey, connectionId),
		routeKey,
		status: toNumber(access?.['status']) ?? fromExecution.status,
		firstTimestamp,
		lastTimestamp,
		integrationLatencyMs:
			toNumber(access?.['integrationLatency']) ??
			toNumber(access?.['integration.latency']) ??
			fromExecution.integrationLatencyMs,
		access,
		accessGuessed: accessRecords.some((record) => record.guessed),
		invocations: invocationsOf(access, execution, invocationOf),
		execution,
		apiId: access?.['apiId'] ?? fromExecution.apiId,
		stage: access?.['stage'] ?? fromExecution.stage,
	};
	return {...view, errors: classifyRequest(view)};
}

function invocationsOf(access: AccessFields | null, execution: ExecutionRecord[], invocationOf: InvocationLookup): Invocation[] {
	const invocations: Invocation[] = [];
	for (const key of joinKeysOfRequest(access, execution)) {
		const invocation = invocationOf(key.lambdaRequestId, key.role);
		if (invocation) invocations.push(invocation);
	}

	return invocations;
}

// Lines of one millisecond are common. CloudWatch's event ids grow in write order, so they restore it when
// both lines have one; otherwise the phase a line belongs to does, and the text breaks the remaining
// ties. None of these depends on the order lines arrived in.
function compareExecution(a: ExecutionRecord, b: ExecutionRecord): number {
	return (
		a.timestamp - b.timestamp ||
		compareEventIds(a.event.eventId, b.event.eventId) ||
		EXECUTION_PHASE_RANK[a.kind] - EXECUTION_PHASE_RANK[b.kind] ||
		compareText(a.event.message, b.event.message)
	);
}

/** Event ids are long decimal strings: a shorter one is smaller. */
function compareEventIds(a: string | undefined, b: string | undefined): number {
	if (a === undefined || b === undefined) return 0;
	return a.length - b.length || compareText(a, b);
}

function compareAccess(a: AccessRecord, b: AccessRecord): number {
	return a.timestamp - b.timestamp || compareText(a.event.message, b.event.message);
}

function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** One request normally has one access line; duplicates from overlapping inputs merge, later lines winning. */
function mergeAccess(records: AccessRecord[]): AccessFields | null {
	if (records.length === 0) return null;
	if (records.length === 1) return records[0]!.fields;
	return Object.assign({}, ...records.map((record) => record.fields)) as AccessFields;
}

interface ExecutionFacts {
	routeKey?: string;
	httpMethod?: string;
	resourcePath?: string;
	connectionId?: string;
	status?: number;
	integrationLatencyMs?: number;
	apiId?: string;
	stage?: string;
}

function collectExecutionFacts(execution: ExecutionRecord[]): ExecutionFacts {
	const facts: ExecutionFacts = {};
	for (const line of execution) {
		const {fields} = line;
		facts.routeKey ??= fields.routeKey;
		facts.httpMethod ??= fields.httpMethod;
		facts.resourcePath ??= fields.resourcePath;
		facts.connectionId ??= fields.connectionId;
		facts.integrationLatencyMs ??= fields.integrationLatencyMs;
		// The final status is the last `Method completed` line; other lines' statuses are the integration's.
		if (line.kind === 'method-completed' && fields.status !== undefined) facts.status = fields.status;
		if (facts.apiId === undefined) {
			const group = parseExecutionLogGroup(line.event.logGroup ?? '');
			if (group) ({apiId: facts.apiId, stage: facts.stage} = group);
		}
	}

	return facts;
}

/** REST APIs have no route key; `METHOD /path` names the route the same way an HTTP API's does. */
function restRouteOf(access: AccessFields | null, facts: ExecutionFacts): string | undefined {
	const method = access?.['httpMethod'] ?? facts.httpMethod;
	const path = access?.['resourcePath'] ?? facts.resourcePath;
	return method !== undefined && path !== undefined ? `${method} ${path}` : undefined;
}

function eventTypeOf(
	fromAccess: string | undefined,
	routeKey: string | undefined,
	connectionId: string | undefined,
): EventType | undefined {
	// Literals, not the access line's string: views are kept (connection timelines), one copy each would add up.
	if (fromAccess === 'CONNECT') return 'CONNECT';
	if (fromAccess === 'MESSAGE') return 'MESSAGE';
	if (fromAccess === 'DISCONNECT') return 'DISCONNECT';
	if (routeKey === '$connect') return 'CONNECT';
	if (routeKey === '$disconnect') return 'DISCONNECT';
	// Only WebSocket requests have a connection; an HTTP API's route key is not a message.
	return routeKey !== undefined && connectionId !== undefined ? 'MESSAGE' : undefined;
}

// A loop, not Math.min(...): a hostile input can put a million lines on one request id.
function timeRange(lines: Array<{timestamp: number}>): [number, number] {
	let first = Number.POSITIVE_INFINITY;
	let last = Number.NEGATIVE_INFINITY;
	for (const {timestamp} of lines) {
		if (timestamp < first) first = timestamp;
		if (timestamp > last) last = timestamp;
	}

	return [first, last];
}

function toNumber(value: string | undefined): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const number = Number(value);
	return Number.isFinite(number) ? number : undefined;
}
