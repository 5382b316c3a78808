// Decodes saved logs of any known shape into LogEvents, fed piece by piece so a large file streams.
// The shape is detected from the input's first lines (no flags): JSON of any kind, `aws logs tail`
// text, or plain lines. Anything not understood becomes a plain event: never dropped, never a throw.
import type {LogEvent} from '../../core/types.js';
import {joinTailMessage, matchTailStart, tailFormatOf, type TailFormat} from './input-aws-logs-tail.js';
import type {InputShape, JsonDecodeContext} from './input-decode-context.js';
import {isBlank, JsonLinesDecoder, startsJson} from './input-json-lines.js';
import {leadingTimestamp} from './input-timestamps.js';

type Mode = 'undecided' | 'json' | 'aws-logs-tail' | 'plain';

// `aws logs tail` output piped through `tail -n` may begin inside a multi-line message: look this many
// non-blank lines ahead for its first timestamp before settling on plain lines.
const TAIL_DETECTION_LINES = 64;
// Payloads inside payloads (base64 gzip of a payload holding base64 gzip...) stop here.
const MAX_EMBEDDING = 2;

interface PendingTailEvent {
	timestamp: number;
	logStream: string | undefined;
	lines: string[];
}

export class LogTextDecoder {
	readonly #events: LogEvent[] = [];
	readonly #context: JsonDecodeContext;
	#detectedShape: InputShape | undefined;
	#mode: Mode = 'undecided';
	#partialLine = '';
	#started = false;
	#undecidedLines: string[] = [];
	#undecidedTextLines = 0;
	#tailFormat: TailFormat = 'detailed';
	#tailEvent: PendingTailEvent | undefined;
	readonly #jsonLines: JsonLinesDecoder;
	readonly #embedding: number;

	/** `origin` names the input (a path or `stdin`); embedding counts payloads unwrapped to get here. */
	constructor(
		readonly origin: string,
		embedding = 0,
	) {
		this.#embedding = embedding;
		this.#context = {
			events: this.#events,
			lastTimestamp: 0,
			noteShape: (shape) => {
				this.#detectedShape ??= shape;
			},
			decodeEmbeddedText: (text) => this.#decodeEmbeddedText(text),
		};
		this.#jsonLines = new JsonLinesDecoder(this.#context, (line) => this.#plainLine(line));
	}

	get shape(): InputShape {
		return this.#detectedShape ?? (this.#mode === 'aws-logs-tail' ? 'aws-logs-tail' : 'plain');
	}

	/** Feeds the next piece of the input, split anywhere. */
	write(text: string): void {
		if (!this.#started && text.length > 0) {
			this.#started = true;
			if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
		}
		let end = text.indexOf('\n');
		if (end === -1) {
			this.#partialLine += text;
			return;
		}
		this.#acceptLine(this.#partialLine + text.slice(0, end));
		let start = end + 1;
		while ((end = text.indexOf('\n', start)) !== -1) {
			this.#acceptLine(text.slice(start, end));
			start = end + 1;
		}
		this.#partialLine = text.slice(start);
	}

	/** Ends the input: whatever is still open becomes events. */
	end(): void {
		if (this.#partialLine !== '') this.#acceptLine(this.#partialLine);
		this.#partialLine = '';
		if (this.#mode === 'undecided') this.#settleOnPlainLines();
		this.#flushTailEvent();
		this.#jsonLines.end();
	}

	/** Takes the events decoded so far. */
	take(): LogEvent[] {
		return this.#events.splice(0);
	}

	#acceptLine(rawLine: string): void {
		const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
		switch (this.#mode) {
			case 'json':
				this.#jsonLines.line(line);
				break;
			case 'aws-logs-tail':
				this.#tailLine(line);
				break;
			case 'plain':
				this.#plainLine(line);
				break;
			case 'undecided':
				this.#detectShape(line);
				break;
		}
	}

	#detectShape(line: string): void {
		if (isBlank(line)) {
			// Before any text a blank line means nothing; after, it may be inside a tail message.
			if (this.#undecidedLines.length > 0) this.#undecidedLines.push(line);
			return;
		}
		if (this.#undecidedLines.length === 0 && startsJson(line)) {
			this.#mode = 'json';
			this.#jsonLines.line(line);
			return;
		}
		const format = tailFormatOf(line);
		if (format) {
			this.#mode = 'aws-logs-tail';
			this.#tailFormat = format;
			const cutOff = this.#undecidedLines;
			this.#undecidedLines = [];
			// Lines before the first timestamp are the end of a message whose start was cut off.
			if (cutOff.length > 0) this.#pushEvent(this.#context.lastTimestamp, joinTailMessage(cutOff), undefined);
			this.#tailLine(line);
			return;
		}
		this.#undecidedLines.push(line);
		if (++this.#undecidedTextLines >= TAIL_DETECTION_LINES) this.#settleOnPlainLines();
	}

	#settleOnPlainLines(): void {
		this.#mode = 'plain';
		const lines = this.#undecidedLines;
		this.#undecidedLines = [];
		for (const line of lines) this.#plainLine(line);
	}

	#plainLine(line: string): void {
		if (isBlank(line)) return;
		// The timestamp stays in the message: the execution-line parser recognises and strips it.
		this.#pushEvent(leadingTimestamp(line) ?? this.#context.lastTimestamp, line, undefined);
	}

	#pushEvent(timestamp: number, message: string, logStream: string | undefined): void {
		this.#context.lastTimestamp = timestamp;
		const event: LogEvent = {timestamp, message};
		if (logStream !== undefined) event.logStream = logStream;
		this.#events.push(event);
	}

	#tailLine(line: string): void {
		const start = matchTailStart(line, this.#tailFormat);
		if (start) {
			this.#flushTailEvent();
			this.#tailEvent = {timestamp: start.timestamp, logStream: start.logStream, lines: [start.firstLine]};
		} else if (this.#tailEvent) {
			this.#tailEvent.lines.push(line);
		} else {
			this.#plainLine(line);
		}
	}

	#flushTailEvent(): void {
		const event = this.#tailEvent;
		if (!event) return;
		this.#tailEvent = undefined;
		this.#pushEvent(event.timestamp, joinTailMessage(event.lines), event.logStream);
	}

	#decodeEmbeddedText(text: string): boolean {
		if (this.#embedding >= MAX_EMBEDDING) return false;
		const inner = new LogTextDecoder(this.origin, this.#embedding + 1);
		inner.#context.lastTimestamp = this.#context.lastTimestamp;
		inner.write(text);
		inner.end();
		for (const event of inner.take()) this.#events.push(event);
		this.#context.lastTimestamp = inner.#context.lastTimestamp;
		return true;
	}
}

/** Detects the shape of a whole text and decodes it. */
export function decodeLogText(text: string, origin: string): {shape: InputShape; events: LogEvent[]} {
	const decoder = new LogTextDecoder(origin);
	decoder.write(text);
	decoder.end();
	return {shape: decoder.shape, events: decoder.take()};
}
