// Plain-text view: one aligned line per request, a header line when a connection is complete, a date
// line whenever the day changes, and a short figures block at the end. Everything from a log is
// sanitized first: this goes straight to a terminal.

import type {ConnectionView} from '../core/connection-timeline.js';
import type {EngineOutput, EngineSummary} from '../core/engine.js';
import {sanitizeLine} from '../core/sanitize.js';
import {ERROR_CATEGORIES, type RequestView, type UnparsedRecord} from '../core/types.js';
import {categoryLabel} from '../presentation/categories.js';
import {COLOUR_STYLE, PLAIN_STYLE, type Style} from '../presentation/ansi-style.js';
import {calendarDate, clockTime, formatDuration, type TimeZoneChoice} from '../presentation/time-format.js';

export interface TextPrinterOptions {
	colour: boolean;
	timezone: TimeZoneChoice;
}

const EVENT_LABEL = {CONNECT: 'CONNECT', MESSAGE: 'MESSAGE', DISCONNECT: 'DISCONNECT'} as const;
const UNPARSED_PREVIEW = 200;

export class TextPrinter {
	readonly #style: Style;
	readonly #timezone: TimeZoneChoice;
	#lastDate: string | undefined;

	constructor(options: TextPrinterOptions) {
		this.#style = options.colour ? COLOUR_STYLE : PLAIN_STYLE;
		this.#timezone = options.timezone;
	}

	/** The lines to print for one engine output. */
	format(output: EngineOutput): string[] {
		switch (output.type) {
			case 'request': {
				return this.#dated(output.request.firstTimestamp, this.#requestLine(output.request, output.revision));
			}

			case 'connection': {
				return [this.#connectionLine(output.connection, output.revision)];
			}

			case 'unparsed': {
				return this.#dated(output.record.timestamp, this.#unparsedLine(output.record));
			}
		}
	}

	formatSummary(summary: EngineSummary): string[] {
		const s = this.#style;
		const lines = [
			s.bold('── summary ──'),
			`events ${summary.events} (execution ${summary.executionEvents}, access ${summary.accessEvents}, unparsed ${summary.unparsed})` +
				` · requests ${summary.requests} · connections ${summary.connections}`,
		];
		if (summary.evicted.requests > 0 || summary.evicted.connections > 0) {
			lines.push(
				s.yellow(
					`evicted from memory: ${summary.evicted.requests} requests, ${summary.evicted.connections} connections (raise --max-requests / --max-connections)`,
				),
			);
		}

		if (summary.accessFormatGuessed && summary.accessEvents > 0) {
			lines.push(s.yellow('access-log fields were mapped by key name (pass --access-log-format to be exact)'));
		}

		for (const [stage, figures] of Object.entries(summary.metrics.stages)) {
			for (const [route, route_] of Object.entries(figures.routes)) {
				const errors = ERROR_CATEGORIES.filter((category) => route_.errors[category] > 0)
					.map((category) => `${categoryLabel(category)} ${route_.errors[category]}`)
					.join('  ');
				const latency = route_.integrationLatency;
				const percentiles =
					latency.count > 0 ? `p50 ${latency.p50}ms p95 ${latency.p95}ms p99 ${latency.p99}ms` : 'no latency';
				lines.push(
					`${sanitizeLine(stage)} ${pad(sanitizeLine(route), 16)} ${String(route_.requests).padStart(7)} requests  ${percentiles}  ${errors ? s.red(errors) : s.green('no errors')}`,
				);
			}
		}

		return lines;
	}

	#dated(timestamp: number, line: string): string[] {
		const date = calendarDate(timestamp, this.#timezone);
		if (date === this.#lastDate) return [line];
		this.#lastDate = date;
		return [this.#style.dim(`── ${date} ──`), line];
	}

	#requestLine(request: RequestView, revision: number): string {
		const s = this.#style;
		const status = request.status === undefined ? '-' : String(request.status);
		const statusText = request.status === undefined ? status : request.status >= 400 ? s.red(status) : s.green(status);
		const latency = request.integrationLatencyMs === undefined ? '-' : `${request.integrationLatencyMs}ms`;
		const tags = request.errors.map((error) => categoryLabel(error.category)).join(' ');
		const explanation = request.errors.map((error) => error.explanation).join('; ');
		const revised = revision > 0 ? s.dim(` (revised ${revision})`) : '';
		return [
			s.dim(clockTime(request.firstTimestamp, this.#timezone)),
			pad(sanitizeLine(request.connectionId ?? '-'), 16),
			pad(request.eventType ? EVENT_LABEL[request.eventType] : '-', 10),
			pad(sanitizeLine(request.routeKey ?? '-'), 16),
			pad(statusText, 3, status.length),
			pad(latency, 7),
			pad(sanitizeLine(request.requestId), 36),
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
		return s.bold(
			`── connection ${sanitizeLine(connection.connectionId)} · ${state} · ${requestCount} requests · ${connection.messageCount} messages${lasted}${close}` +
				(errors ? ` · ${s.red(errors)}` : '') +
				(revision > 0 ? ` (revised ${revision})` : '') +
				' ──',
		);
	}

	#unparsedLine(record: UnparsedRecord): string {
		const message = sanitizeLine(record.event.message);
		const preview = message.length > UNPARSED_PREVIEW ? `${message.slice(0, UNPARSED_PREVIEW)}…` : message;
		return `${this.#style.dim(clockTime(record.timestamp, this.#timezone))}  ${this.#style.yellow(`? unparsed ${record.log} line (${record.reason})`)}  ${preview}`;
	}
}

/** Pads to a column width; `visibleLength` is given when the text carries colour codes. */
function pad(text: string, width: number, visibleLength = text.length): string {
	return visibleLength >= width ? text : text + ' '.repeat(width - visibleLength);
}
