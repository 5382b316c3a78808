// The lines a Lambda function writes to CloudWatch Logs, in the shapes of the Lambda log reference: the
// Text format (platform lines, Node.js console lines, Python logging lines) and the JSON format. Only
// rendering: what an invocation says, and when, is decided by the caller.

/** Where a function logs and how (the demo chat API's functions; the contract every part shares). */
export interface DemoFunction {
	name: DemoFunctionName;
	runtime: 'nodejs22.x' | 'python3.13';
	logFormat: 'Text' | 'JSON';
	logGroup: string;
	memoryMB: number;
	timeoutSeconds: number;
}

export type DemoFunctionName = 'chat-authorizer' | 'chat-connect' | 'chat-sendmessage' | 'chat-disconnect' | 'chat-default';

export const DEMO_FUNCTIONS: Readonly<Record<DemoFunctionName, DemoFunction>> = {
	'chat-authorizer': {name: 'chat-authorizer', runtime: 'nodejs22.x', logFormat: 'Text', logGroup: '/aws/lambda/chat-authorizer', memoryMB: 128, timeoutSeconds: 10},
	'chat-connect': {name: 'chat-connect', runtime: 'nodejs22.x', logFormat: 'Text', logGroup: '/aws/lambda/chat-connect', memoryMB: 256, timeoutSeconds: 30},
	'chat-sendmessage': {name: 'chat-sendmessage', runtime: 'nodejs22.x', logFormat: 'JSON', logGroup: '/aws/lambda/chat-sendmessage', memoryMB: 256, timeoutSeconds: 30},
	'chat-disconnect': {name: 'chat-disconnect', runtime: 'python3.13', logFormat: 'Text', logGroup: '/aws/lambda/chat-disconnect', memoryMB: 128, timeoutSeconds: 30},
	// A custom LoggingConfig.LogGroup: a function's group is not always /aws/lambda/NAME.
	'chat-default': {name: 'chat-default', runtime: 'python3.13', logFormat: 'Text', logGroup: '/chat-demo/functions', memoryMB: 128, timeoutSeconds: 30},
};

export type AppLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

export interface ThrownError {
	type: string;
	message: string;
	stack: string[];
}

/** The figures of a REPORT line / platform.report record. */
export interface InvocationReport {
	durationMs: number;
	billedMs: number;
	memoryMB: number;
	maxMemoryMB: number;
	initMs: number | undefined;
	status: 'success' | 'timeout' | 'error' | 'failure';
	errorType: string | undefined;
}

const iso = (at: number): string => new Date(at).toISOString();
const ms = (value: number): string => value.toFixed(2);

export function runtimeVersion(fn: DemoFunction): string {
	if (fn.logFormat === 'JSON') return 'nodejs:22.mainline.v122';
	return fn.runtime === 'nodejs22.x' ? 'nodejs:22.v35' : 'python:3.13.v21';
}

function runtimeVersionArn(fn: DemoFunction): string {
	// A stable digest per runtime version, as the real ARN has.
	const digest = [...runtimeVersion(fn)].map((c) => c.charCodeAt(0).toString(16)).join('').padEnd(64, '0').slice(0, 64);
	return `arn:aws:lambda:us-east-1::runtime:${digest}`;
}

/** Text format: the platform's own lines. */
export const textPlatform = {
	initStart: (fn: DemoFunction): string => `INIT_START Runtime Version: ${runtimeVersion(fn)}\tRuntime Version ARN: ${runtimeVersionArn(fn)}`,
	start: (requestId: string): string => `START RequestId: ${requestId} Version: $LATEST`,
	end: (requestId: string): string => `END RequestId: ${requestId}`,
	report(requestId: string, report: InvocationReport): string {
		let line =
			`REPORT RequestId: ${requestId}\tDuration: ${ms(report.durationMs)} ms\tBilled Duration: ${report.billedMs} ms\t` +
			`Memory Size: ${report.memoryMB} MB\tMax Memory Used: ${report.maxMemoryMB} MB\t`;
		if (report.initMs !== undefined) line += `Init Duration: ${ms(report.initMs)} ms\t`;
		if (report.status !== 'success') line += `Status: ${report.status}\t`;
		if (report.errorType !== undefined) line += `Error Type: ${report.errorType}\t`;
		return `${line}\n`;
	},
	/** The older runtimes' timeout line (current ones only say `Status: timeout` in the REPORT). */
	timedOut: (at: number, requestId: string, seconds: number): string => `${iso(at)} ${requestId} Task timed out after ${seconds.toFixed(2)} seconds`,
	runtimeExited: (requestId: string, reason: string): string => `RequestId: ${requestId} Error: Runtime exited with error: ${reason}`,
};

/** Node.js console.* in the Text format: time, request id, level, text. */
export function nodeTextLine(at: number, requestId: string, level: AppLevel, message: string): string {
	return `${iso(at)}\t${requestId}\t${level}\t${message}`;
}

export function nodeTextInvokeError(at: number, requestId: string, error: ThrownError): string {
	const body = JSON.stringify({errorType: error.type, errorMessage: error.message, stack: [`${error.type}: ${error.message}`, ...error.stack]});
	return `${iso(at)}\t${requestId}\tERROR\tInvoke Error \t${body}`;
}

/** Python's logging module: level in brackets, time, request id, text. */
export function pythonLogLine(at: number, requestId: string, level: AppLevel, message: string): string {
	const pythonLevel = level === 'WARN' ? 'WARNING' : level;
	return `[${pythonLevel}]\t${iso(at)}\t${requestId}\t${message}`;
}

/** An uncaught Python exception: one event of several lines, and no request id in it. */
export function pythonUncaught(error: ThrownError): string {
	return [`[ERROR] ${error.type}: ${error.message}`, 'Traceback (most recent call last):', ...error.stack].join('\n');
}

/** JSON format: one object per event. */
export const jsonRecords = {
	initStart: (at: number, fn: DemoFunction, instanceId: string): string =>
		JSON.stringify({
			time: iso(at),
			type: 'platform.initStart',
			record: {
				initializationType: 'on-demand', phase: 'init', runtimeVersion: runtimeVersion(fn), runtimeVersionArn: runtimeVersionArn(fn),
				functionName: fn.name, functionVersion: '$LATEST', instanceId, instanceMaxMemory: fn.memoryMB * 1024 * 1024,
			},
		}),
	start: (at: number, requestId: string, functionArn: string): string =>
		JSON.stringify({time: iso(at), type: 'platform.start', record: {requestId, functionArn, version: '$LATEST'}}),
	application: (at: number, requestId: string, level: AppLevel, message: string): string =>
		JSON.stringify({timestamp: iso(at), level, requestId, message}),
	invokeError: (at: number, requestId: string, error: ThrownError): string =>
		JSON.stringify({
			timestamp: iso(at), level: 'ERROR', requestId, message: 'Invoke Error',
			errorType: error.type, errorMessage: error.message, stackTrace: [`${error.type}: ${error.message}`, ...error.stack],
		}),
	runtimeDone: (at: number, requestId: string, report: InvocationReport): string =>
		JSON.stringify({
			time: iso(at),
			type: 'platform.runtimeDone',
			record: {requestId, status: report.status, ...(report.errorType === undefined ? {} : {errorType: report.errorType}), metrics: {durationMs: report.durationMs}},
		}),
	report(at: number, requestId: string, report: InvocationReport): string {
		const metrics = {
			durationMs: report.durationMs, billedDurationMs: report.billedMs, memorySizeMB: report.memoryMB, maxMemoryUsedMB: report.maxMemoryMB,
			...(report.initMs === undefined ? {} : {initDurationMs: report.initMs}),
		};
		const errorType = report.errorType === undefined ? {} : {errorType: report.errorType};
		return JSON.stringify({time: iso(at), type: 'platform.report', record: {requestId, metrics, status: report.status, ...errorType}});
	},
};
