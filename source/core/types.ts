// The shared vocabulary of apigw-tail. Every layer (sources, core, views) speaks in these types.

import type {Invocation} from './lambda/types.js';

/** Which log a line belongs to: the stage's two, or a Lambda function's own (core/lambda/). */
export type LogKind = 'execution' | 'access' | 'lambda';

/** One raw CloudWatch Logs event, however it reached us (live tail, FilterLogEvents, a file). */
export interface LogEvent {
	/** Event time, epoch milliseconds. */
	timestamp: number;
	message: string;
	logGroup?: string | undefined;
	logStream?: string | undefined;
	/** CloudWatch's id (FilterLogEvents and subscriptions have one; live tail and GetLogEvents do not). */
	eventId?: string | undefined;
	ingestionTime?: number | undefined;
	/** Set by a source that knows which log the event came from; otherwise decided by group name or content. */
	log?: LogKind | undefined;
}

/** What an execution-log line says, one value per known message shape (reference §3). */
export type ExecutionKind =
	| 'extended-request-id'
	| 'usage-plan'
	| 'api-key-not-authorized'
	| 'throttle-limit-exceeded'
	| 'authorizer-start'
	| 'authorizer-detail'
	| 'authorizer-success'
	| 'authorizer-unauthorized'
	| 'authorizer-configuration-error'
	| 'execution-start'
	| 'http-method'
	| 'websocket-route'
	| 'websocket-connecting'
	| 'websocket-connection'
	| 'method-request'
	| 'endpoint-request'
	| 'sending-request'
	| 'integration-response'
	| 'endpoint-response'
	| 'method-response'
	| 'execution-success'
	| 'method-completed'
	| 'integration-endpoint-request-id'
	| 'xray-trace-id'
	| 'integration-timeout'
	| 'lambda-function-error'
	| 'lambda-invocation-failed'
	| 'configuration-error'
	| 'internal-error'
	| 'validation-error'
	| 'unparsed';

/** Facts an execution line carries; only the ones its shape has are set. */
export interface ExecutionFields {
	status?: number;
	integrationLatencyMs?: number;
	routeKey?: string;
	httpMethod?: string;
	resourcePath?: string;
	authorizerId?: string;
	/** The integration's own request id (Lambda request id, AWS Integration Endpoint RequestId). */
	integrationRequestId?: string;
	extendedRequestId?: string;
	connectionId?: string;
	apiKey?: string;
	apiStage?: string;
	sourceIp?: string;
	userAgent?: string;
	xrayTraceId?: string;
	/** The error text of a failure line, as the gateway wrote it. */
	errorText?: string;
}

/** The result of parsing one execution-log message (pure function of the text). */
export interface ParsedExecutionLine {
	/** From the `(id) ` prefix, or from `for request: {id}` text; undefined when the line names none. */
	requestId: string | undefined;
	kind: ExecutionKind;
	fields: ExecutionFields;
	/** True when API Gateway cut the message and appended ` [TRUNCATED]`. */
	truncated: boolean;
	/** The message without the `(id) ` prefix and without a copied timestamp in front. */
	text: string;
	/** A timestamp found in front of a copied line (epoch ms), when there was one. */
	leadingTimestamp: number | undefined;
}

export interface ExecutionRecord extends ParsedExecutionLine {
	type: 'execution';
	timestamp: number;
	event: LogEvent;
}

/**
 * An access-log line mapped to `$context` variables. Keys are variable names without the
 * `$context.` prefix (`requestId`, `authorizer.error`, `identity.sourceIp`); `-` values are absent.
 */
export type AccessFields = Record<string, string>;

export interface AccessRecord {
	type: 'access';
	requestId: string | undefined;
	fields: AccessFields;
	/** True when no template was known and keys were mapped by their names. */
	guessed: boolean;
	timestamp: number;
	event: LogEvent;
}

/** A line no parser understood. Kept and shown, never dropped. */
export interface UnparsedRecord {
	type: 'unparsed';
	log: LogKind | 'unknown';
	reason: string;
	timestamp: number;
	event: LogEvent;
}

export type LogRecord = ExecutionRecord | AccessRecord | UnparsedRecord;

export type ApiType = 'WEBSOCKET' | 'HTTP' | 'REST';

/** The API and stage being tailed, when discovery found them (`--api` and `--stage`). */
export interface KnownApi {
	apiId: string;
	stage: string;
	apiType: ApiType;
}

export type ErrorCategory = 'authorizer' | 'waf' | 'integration' | 'throttle' | 'client' | 'gateway';

export const ERROR_CATEGORIES: readonly ErrorCategory[] = [
	'authorizer',
	'waf',
	'integration',
	'throttle',
	'client',
	'gateway',
];

export interface ErrorInfo {
	category: ErrorCategory;
	/** The evidence, as the log said it (a line, or `field=value`). */
	message: string;
	/**
	 * One line a tired on-call engineer understands, "<what happened> on <route> (<status>): <detail>"
	 * (classify/): "Lambda function threw on sendmessage (502): TypeError: ...".
	 */
	explanation: string;
}

export type EventType = 'CONNECT' | 'MESSAGE' | 'DISCONNECT';

/** Everything known about one request: the input of classification and of every view. */
export interface RequestView {
	requestId: string;
	/** Other ids the same request is known by (a REST request's extended id). */
	aliases: string[];
	connectionId: string | undefined;
	eventType: EventType | undefined;
	routeKey: string | undefined;
	status: number | undefined;
	/** Earliest event time of any of its lines, epoch ms. */
	firstTimestamp: number;
	/** Latest event time of any of its lines, epoch ms. */
	lastTimestamp: number;
	integrationLatencyMs: number | undefined;
	access: AccessFields | null;
	/** True when `access` was mapped by key names rather than from a known template. */
	accessGuessed: boolean;
	/** Sorted by time, then by the phase a request goes through. */
	execution: ExecutionRecord[];
	errors: ErrorInfo[];
	/** The Lambda invocations that served it (integration, authorizer), joined by request id (core/lambda/). */
	invocations: Invocation[];
	apiId: string | undefined;
	stage: string | undefined;
}
