// An opened request, line by line: its execution lines in order, then its Lambda invocations
// (invocation-lines.ts), then its access-log fields, with the lines that carry an error's evidence marked. Each
// line kind gets a short label that fits its column. With wrap on, long lines continue on further rows,
// broken between words (each row is still one terminal line, so windowing stays exact); an invocation's
// error and stack are always wrapped, since their ends (file and line) are what a reader looks for.

import wrapAnsi from 'wrap-ansi';
import {evidenceMessage} from '../../core/classify/text.js';
import {sanitizeLine} from '../../core/sanitize.js';
import type {ExecutionKind, RequestView} from '../../core/types.js';
import {clockTime, type TimeZoneChoice} from '../../presentation/time-format.js';
import type {DetailLine} from '../view-models.js';
import {invocationBlocks} from './invocation-lines.js';

/** At most DETAIL_KIND_WIDTH (ui/layout.ts) cells each; a test holds them to it. */
export const KIND_LABEL: Readonly<Record<ExecutionKind | 'access', string>> = {
	'extended-request-id': 'ext-id',
	'usage-plan': 'usage-plan',
	'api-key-not-authorized': 'api-key',
	'throttle-limit-exceeded': 'throttled',
	'authorizer-start': 'auth-start',
	'authorizer-detail': 'auth',
	'authorizer-success': 'auth-ok',
	'authorizer-unauthorized': 'auth-denied',
	'authorizer-configuration-error': 'auth-config',
	'execution-start': 'start',
	'http-method': 'method',
	'websocket-route': 'route',
	'websocket-connecting': 'connecting',
	'websocket-connection': 'connection',
	'method-request': 'method-req',
	'endpoint-request': 'endpt-req',
	'sending-request': 'sending',
	'integration-response': 'int-resp',
	'endpoint-response': 'endpt-resp',
	'method-response': 'method-resp',
	'execution-success': 'success',
	'method-completed': 'completed',
	'integration-endpoint-request-id': 'int-req-id',
	'xray-trace-id': 'xray',
	'integration-timeout': 'timeout',
	'lambda-function-error': 'lambda-err',
	'lambda-invocation-failed': 'lambda-fail',
	'configuration-error': 'config-err',
	'internal-error': 'internal',
	'validation-error': 'validation',
	unparsed: 'unparsed',
	access: 'access',
};

/** `textWidth` is the cells of text per row; `wrap` the wrap toggle. */
export function detailLines(request: RequestView, timezone: TimeZoneChoice, textWidth: number, wrap: boolean): DetailLine[] {
	// An error's message is its evidence as the log said it (clipped): an execution line's text or `field=value`.
	const evidence = new Set(request.errors.map((error) => error.message));
	const execution: DetailLine[] = request.execution.map((record) => ({
		time: clockTime(record.timestamp, timezone),
		kind: KIND_LABEL[record.kind] ?? record.kind,
		text: sanitizeLine(record.text),
		isError: evidence.has(evidenceMessage(record.text)),
	}));
	const access = Object.entries(request.access ?? {}).map(([name, value]): DetailLine => {
		const field = `${name}=${value}`;
		return {time: '', kind: KIND_LABEL.access, text: sanitizeLine(field), isError: evidence.has(evidenceMessage(field))};
	});
	const wrapped = (shown: DetailLine[], always: boolean) => (wrap || always ? shown.flatMap((line) => wrapLine(line, textWidth)) : shown);
	// The invocations come before the access fields: what the function did is read before the twenty-odd fields.
	return [
		...wrapped(execution, false),
		...invocationBlocks(request.invocations, request.firstTimestamp, evidence).flatMap((block) => [
			...wrapped(block.card, true),
			...wrapped(block.lines, false),
		]),
		...wrapped(access, false),
	];
}

function wrapLine(line: DetailLine, width: number): DetailLine[] {
	const rows = wrapAnsi(line.text, Math.max(1, width), {hard: true, trim: true}).split('\n');
	// Continuations start at the text column: the blanks they broke at are dropped.
	return rows.map((text, index) =>
		index === 0 ? {...line, text} : {time: '', kind: '', text: text.trimStart(), isError: line.isError, heading: line.heading},
	);
}
