// An opened request's Lambda invocations as detail lines, in the order they ran: for each, a heading (its
// role in the kind column; function, outcome, cold start, duration, memory and request id), the error it
// threw with the stack frame by frame, then the handler's own lines with their level, timed against the
// request's first line. Everything here came from a log and goes through the sanitizer; a message of
// several lines (a Python traceback in one event) continues on rows of its own.

import {evidenceMessage} from '../../core/classify/text.js';
import type {Invocation} from '../../core/lambda/types.js';
import {sanitizeLine, sanitizeText} from '../../core/sanitize.js';
import {invocationFacts, LAMBDA_MARK, relativeTime} from '../../presentation/lambda-format.js';
import type {DetailLine} from '../view-models.js';

/** One invocation's lines: the card (heading, error, stack) is always wrapped, the handler's lines follow the wrap toggle. */
export interface InvocationBlock {
	card: DetailLine[];
	lines: DetailLine[];
}

const STACK_KIND = 'stack';
const ERROR_KIND = 'error';
const UNROLED_KIND = 'lambda';
const MAX_LEVEL = 11;

export function invocationBlocks(
	invocations: readonly Invocation[],
	reference: number,
	evidence: ReadonlySet<string>,
): InvocationBlock[] {
	return [...invocations]
		.sort((a, b) => a.firstTimestamp - b.firstTimestamp || roleRank(a) - roleRank(b))
		.map((invocation) => ({card: cardLines(invocation, reference), lines: handlerLines(invocation, reference, evidence)}));
}

/** An authorizer runs before the integration it lets through. */
function roleRank(invocation: Invocation): number {
	return invocation.role === 'authorizer' ? 0 : 1;
}

function cardLines(invocation: Invocation, reference: number): DetailLine[] {
	const facts = [...invocationFacts(invocation), `id ${invocation.requestId}`];
	const lines: DetailLine[] = [
		{
			time: relativeTime(invocation.firstTimestamp, reference),
			kind: invocation.role ?? UNROLED_KIND,
			text: sanitizeLine(`${LAMBDA_MARK} ${invocation.function} · ${facts.join(' · ')}`),
			isError: false,
			heading: true,
		},
	];
	const {error} = invocation;
	if (error === null) return lines;
	const thrown = `${error.type}: ${error.message}`;
	lines.push(...rows(thrown).map((text, index) => ({time: '', kind: index === 0 ? ERROR_KIND : '', text, isError: true})));
	// Node's stack starts with the error again; the frames follow it.
	const frames = error.stack.flatMap((frame) => rows(frame)).filter((frame) => frame.trim() !== '');
	if (frames[0]?.trim() === sanitizeLine(thrown).trim()) frames.shift();
	lines.push(...frames.map((text, index) => ({time: '', kind: index === 0 ? STACK_KIND : '', text: text.trim(), isError: false})));
	return lines;
}

function handlerLines(invocation: Invocation, reference: number, evidence: ReadonlySet<string>): DetailLine[] {
	return invocation.lines.flatMap((line) => {
		const isError = evidence.has(evidenceMessage(line.message));
		const level = line.level === null ? '' : [...sanitizeLine(line.level)].slice(0, MAX_LEVEL).join('');
		return rows(line.message).map((text, index) =>
			index === 0 ? {time: relativeTime(line.time, reference), kind: level, text, isError} : {time: '', kind: '', text, isError},
		);
	});
}

/** A log text's own lines, each safe to print on one row (the newline Python ends a message with is not a row). */
function rows(text: string): string[] {
	const split = sanitizeText(text).split(/\r?\n/);
	while (split.length > 1 && split.at(-1)!.trim() === '') split.pop();
	return split.map((row) => sanitizeLine(row));
}
