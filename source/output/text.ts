// Plain-text view: one aligned line per request, a header line when a connection is complete, a date
// line whenever the day changes, and a short figures block at the end. Everything from a log is
// sanitized first: this goes straight to a terminal.

import {goneWritesText} from '../presentation/gone-writes.js';
import type {ConnectionView} from '../core/connection-timeline.js';
import type {EngineOutput, EngineSummary} from '../core/engine.js';
import {loggedTime} from '../core/records.js';
import {sanitizeLine} from '../core/sanitize.js';
import {ERROR_CATEGORIES, type ApiType, type RequestView, type UnparsedRecord} from '../core/types.js';
import {categoryLabel} from '../presentation/categories.js';
import {COLOUR_STYLE, PLAIN_STYLE, type Style} from '../presentation/ansi-style.js';
import {calendarDate, clockTime, formatDuration, type TimeZoneChoice} from '../presentation/time-format.js';
import {functionFigureLines} from './text-function-figures.js';
import {invocationLine, requestInvocationLines} from './text-invocations.js';

export interface TextPrinterOptions {
	colour: boolean;
	timezone: TimeZoneChoice;
	/** The tailed API's type, when discovery found it: it decides the WebSocket columns from the start. */
	apiType?: ApiType | undefined;
}

const EVENT_LABEL = {CONNECT: 'CONNECT', MESSAGE: 'MESSAGE', DISCONNECT: 'DISCONNECT'} as const;
const UNPARSED_PREVIEW = 200;
const CLOCK_WIDTH = 12;
// WebSocket and HTTP API ids are 16 characters, REST ids are UUIDs: the column grows (once) when one shows up.
const REQUEST_ID_WIDTH = {least: 16, most: 36};

/** `1 request`, `2 requests`, `0 messages`. */
export function counted(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

export class TextPrinter {
	readonly #style: Style;
	readonly #timezone: TimeZoneChoice;
	#lastDate: string | undefined;
	/**
	 * Whether rows carry the connection and event columns. Only WebSocket requests have them; a run of an
	 * HTTP or REST API would print `-  -` on every row. Decided by the API's type when it is known, else by
	 * the first request, and once a WebSocket request shows up it stays on, so the columns never come and go
	 * within a run.
	 */
	#webSocket: boolean | undefined;
	readonly #apiTypeKnown: boolean;
	#requestIdWidth = REQUEST_ID_WIDTH.least;

	constructor(options: TextPrinterOptions) {
		this.#style = options.colour ? COLOUR_STYLE : PLAIN_STYLE;
		this.#timezone = options.timezone;
		this.#apiTypeKnown = options.apiType !== undefined;
		if (options.apiType !== undefined) this.#webSocket = options.apiType === 'WEBSOCKET';
	}

	/** The lines to print for one engine output. */
	format(output: EngineOutput): string[] {
		switch (output.type) {
			case 'request': {
				const {request} = output;
				return [
					...this.#dated(loggedTime(request.firstTimestamp), this.#requestLine(request, output.revision)),
					...requestInvocationLines(request.invocations, ' '.repeat(CLOCK_WIDTH + 2), this.#style),
				];
			}

			case 'invocation': {
				const {invocation, revision} = output;
				const revised = revision > 0 ? this.#style.dim(` (revised ${revision})`) : '';
				return this.#dated(
					loggedTime(invocation.firstTimestamp),
					`${this.#clock(loggedTime(invocation.firstTimestamp))}  λ ${invocationLine(invocation, this.#style)}${revised}`,
				);
			}

			case 'connection': {
				return [this.#connectionLine(output.connection, output.revision)];
			}

			case 'unparsed': {
				return this.#dated(loggedTime(output.record.timestamp), this.#unparsedLine(output.record));
			}
		}
	}

	formatSummary(summary: EngineSummary): string[] {
		const s = this.#style;
		const lines = [
			s.bold('── summary ──'),
			`events ${summary.events} (execution ${summary.executionEvents}, access ${summary.accessEvents}${summary.lambdaEvents > 0 ? `, lambda ${summary.lambdaEvents}` : ''}, unparsed ${summary.unparsed})` +
				` · requests ${summary.requests} · connections ${summary.connections}`,
		];
		if (summary.evicted.requests > 0 || summary.evicted.connections > 0) {
			lines.push(
				s.yellow(
					`evicted from memory: ${counted(summary.evicted.requests, 'request')}, ${counted(summary.evicted.connections, 'connection')} (raise --max-requests / --max-connections)`,
				),
			);
		}

		if (summary.accessFormatGuessed) {
			lines.push(s.yellow('access-log fields were mapped by key name (pass --access-log-format to be exact)'));
		}

		return [...lines, ...routeFigureLines(summary, s), ...functionFigureLines(summary.functions, s)];
	}

	#dated(time: number | undefined, line: string): string[] {
		if (time === undefined) return [line];
		const date = calendarDate(time, this.#timezone);
		if (date === this.#lastDate) return [line];
		this.#lastDate = date;
		return [this.#style.dim(`── ${date} ──`), line];
	}

	#clock(time: number | undefined): string {
		return this.#style.dim(time === undefined ? pad('-', CLOCK_WIDTH) : clockTime(time, this.#timezone));
	}

	#requestLine(request: RequestView, revision: number): string {
		const s = this.#style;
		const status = request.status === undefined ? '-' : String(request.status);
		const statusText = request.status === undefined ? status : request.status >= 400 ? s.red(status) : s.green(status);
		const latency = request.integrationLatencyMs === undefined ? '-' : `${request.integrationLatencyMs}ms`;
		const tags = request.errors.map((error) => categoryLabel(error.category)).join(' ');
		const explanation = request.errors.map((error) => error.explanation).join('; ');
		const revised = revision > 0 ? s.dim(` (revised ${revision})`) : '';
		const requestId = sanitizeLine(request.requestId);
		if (!this.#apiTypeKnown && (request.connectionId !== undefined || request.eventType !== undefined)) this.#webSocket = true;
		this.#webSocket ??= false;
		this.#requestIdWidth = Math.min(REQUEST_ID_WIDTH.most, Math.max(this.#requestIdWidth, requestId.length));
		const webSocketColumns = this.#webSocket
			? [pad(sanitizeLine(request.connectionId ?? '-'), 16), pad(request.eventType ? EVENT_LABEL[request.eventType] : '-', 10)]
			: [];
		return [
			this.#clock(loggedTime(request.firstTimestamp)),
			...webSocketColumns,
			pad(sanitizeLine(request.routeKey ?? '-'), 16),
			pad(statusText, 3, status.length),
			pad(latency, 7),
			pad(requestId, this.#requestIdWidth),
			tags ? s.red(`${tags}  ${sanitizeLine(explanation)}`) : '',
		]
			.join('  ')
			.trimEnd()
			.concat(revised);
	}

	#connectionLine(connection: ConnectionView, revision: number): string {
		const s = this.#style;
		const errors = ERROR_CATEGORIES.filter((category) => connection.errorCounts[category] > 0)
			.map((category) => `${categoryLabel(category)} ${connection.errorCounts[category]}`)
			.join(' ');
		const lasted =
			connection.connectedAt !== undefined && connection.disconnectedAt !== undefined
				? ` · lasted ${formatDuration(connection.disconnectedAt - connection.connectedAt)}`
				: '';
		const close =
			connection.disconnectStatusCode === undefined
				? ''
				: ` · close ${connection.disconnectStatusCode}${connection.disconnectReason ? ` ${sanitizeLine(connection.disconnectReason)}` : ''}`;
		const state = connection.state === 'open' ? s.green('open') : connection.state === 'rejected' ? s.red('rejected') : 'closed';
		const requestCount = connection.requests.length + connection.omittedRequests;
		const gone = goneWritesText(connection.goneWrites);
		return s.bold(
			`── connection ${sanitizeLine(connection.connectionId)} · ${state} · ${counted(requestCount, 'request')} · ${counted(connection.messageCount, 'message')}${lasted}${close}` +
				(errors ? ` · ${s.red(errors)}` : '') +
				(connection.closeExplanation === undefined ? '' : ` · ${sanitizeLine(connection.closeExplanation)}`) +
				(gone === undefined ? '' : ` · ${sanitizeLine(gone)}`) +
				(revision > 0 ? ` (revised ${revision})` : '') +
				' ──',
		);
	}

	#unparsedLine(record: UnparsedRecord): string {
		const message = sanitizeLine(record.event.message);
		const preview = message.length > UNPARSED_PREVIEW ? `${message.slice(0, UNPARSED_PREVIEW)}…` : message;
		return `${this.#clock(loggedTime(record.timestamp))}  ${this.#style.yellow(`? unparsed ${record.log} line (${record.reason})`)}  ${preview}`;
	}
}

/** One row per stage and route, every column aligned across rows (stage and route names vary in width). */
function routeFigureLines(summary: EngineSummary, s: Style): string[] {
	const rows = Object.entries(summary.metrics.stages).flatMap(([stage, figures]) =>
		Object.entries(figures.routes).map(([route, metrics]) => {
			const errors = ERROR_CATEGORIES.filter((category) => metrics.errors[category] > 0)
				.map((category) => `${categoryLabel(category)} ${metrics.errors[category]}`)
				.join('  ');
			const latency = metrics.integrationLatency;
			return {
				stage: sanitizeLine(stage),
				route: sanitizeLine(route),
				requests: metrics.requests,
				latency: latency.count > 0 ? `p50 ${latency.p50}ms p95 ${latency.p95}ms p99 ${latency.p99}ms` : 'no latency',
				errors: errors ? s.red(errors) : s.green('no errors'),
			};
		}),
	);
	const width = (text: (row: (typeof rows)[number]) => string) => Math.max(0, ...rows.map((row) => text(row).length));
	const widths = {
		stage: width((row) => row.stage),
		route: width((row) => row.route),
		requests: width((row) => String(row.requests)),
		latency: width((row) => row.latency),
	};
	return rows.map((row) =>
		[
			pad(row.stage, widths.stage),
			pad(row.route, widths.route),
			// The numbers right-aligned, the nouns after them: `1 request ` lines up with `12 requests`.
			pad(counted(row.requests, 'request').padStart(widths.requests + ' requests'.length - (row.requests === 1 ? 1 : 0)), widths.requests + ' requests'.length),
			pad(row.latency, widths.latency),
			row.errors,
		].join('  '),
	);
}

/** Pads to a column width; `visibleLength` is given when the text carries colour codes. */
function pad(text: string, width: number, visibleLength = text.length): string {
	return visibleLength >= width ? text : text + ' '.repeat(width - visibleLength);
}
