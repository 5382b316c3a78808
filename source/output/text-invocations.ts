// The plain-text lines of Lambda invocations: one indented line per invocation under its request, and
// one line for an invocation no request named. Lambda output is untrusted: everything is sanitized.

import type {Invocation} from '../core/lambda/types.js';
import {sanitizeLine} from '../core/sanitize.js';
import type {Style} from '../presentation/ansi-style.js';

const ERROR_PREVIEW = 160;

/** `↳ integration chat-sendmessage error 18.43ms (billed 482ms) cold start 464ms · TypeError: Cannot read …` */
export function invocationLine(invocation: Invocation, s: Style): string {
	const outcome = invocation.outcome === 'success' ? s.green('success') : invocation.outcome === 'unknown' ? s.dim('unknown') : s.red(invocation.outcome);
	const parts = [
		`${invocation.role ?? 'invocation'} ${sanitizeLine(invocation.function)}`,
		outcome,
		invocation.durationMs === null ? '' : `${invocation.durationMs}ms${invocation.billedMs === null ? '' : ` (billed ${invocation.billedMs}ms)`}`,
		invocation.coldStart ? s.yellow(`cold start ${Math.round(invocation.initMs ?? 0)}ms`) : '',
		invocation.maxMemoryMB !== null && invocation.memoryMB !== null ? `memory ${invocation.maxMemoryMB}/${invocation.memoryMB}MB` : '',
	].filter((part) => part !== '');
	const error = invocation.error ? ` · ${s.red(preview(`${invocation.error.type}: ${invocation.error.message}`))}` : '';
	return `${parts.join('  ')}${error}  ${s.dim(sanitizeLine(invocation.requestId))}`;
}

/** The lines under a request: one per invocation that served it. */
export function requestInvocationLines(invocations: readonly Invocation[], indent: string, s: Style): string[] {
	return invocations.map((invocation) => `${indent}${s.dim('↳')} ${invocationLine(invocation, s)}`);
}

function preview(text: string): string {
	const clean = sanitizeLine(text);
	return clean.length > ERROR_PREVIEW ? `${clean.slice(0, ERROR_PREVIEW)}…` : clean;
}
