// Lines of an input that starts with JSON: one value per line (NDJSON, one subscription payload per
// line), several values on a line, or documents spread over many lines (pretty-printed pages, maybe
// appended one after another). A line that is none of these is handed back as plain text.
import type {JsonDecodeContext} from './input-decode-context.js';
import {decodeJsonValue, looksLikeGzipBase64} from './input-json.js';
import {JsonDocumentScanner} from './input-json-scanner.js';

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return NOT_JSON;
	}
}

function firstNonSpace(text: string, from = 0): number {
	for (let index = from; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code !== 0x20 && code !== 0x09 && code !== 0x0d && code !== 0x0a) return index;
	}
	return -1;
}

export function isBlank(line: string): boolean {
	return firstNonSpace(line) === -1;
}

function isOpener(code: number): boolean {
	return code === 0x7b || code === 0x5b;
}

/** True when an input whose first line this is should be read as JSON. */
export function startsJson(line: string): boolean {
	const trimmed = line.trim();
	return isOpener(trimmed.charCodeAt(0)) || looksLikeGzipBase64(trimmed) || trimmed.startsWith('"H4sI');
}

// A pretty-printed document's first line ends with its opening bracket (`{`, `[`, `{"events": [`).
// Requiring that keeps a truncated NDJSON line from swallowing the lines after it.
function opensMultiLineDocument(text: string): boolean {
	const trimmed = text.trimEnd();
	return isOpener(trimmed.charCodeAt(trimmed.length - 1));
}

interface PendingDocument {
	scanner: JsonDocumentScanner;
	lines: string[];
}

export class JsonLinesDecoder {
	readonly #context: JsonDecodeContext;
	readonly #plainLine: (line: string) => void;
	#pendingDocument: PendingDocument | undefined;

	constructor(context: JsonDecodeContext, plainLine: (line: string) => void) {
		this.#context = context;
		this.#plainLine = plainLine;
	}

	line(line: string): void {
		if (this.#pendingDocument) this.#continueDocument(this.#pendingDocument, line);
		else this.#decodeLine(line, true);
	}

	/** A document still open at the end of the input did not parse: its lines are kept. */
	end(): void {
		const pending = this.#pendingDocument;
		this.#pendingDocument = undefined;
		if (pending) this.#replayAsLines(pending.lines);
	}

	#decodeLine(line: string, mayOpenDocument: boolean): void {
		const start = firstNonSpace(line);
		if (start === -1) return;
		const value = parseJson(line);
		if (value !== NOT_JSON) {
			if (!decodeJsonValue(value, this.#context)) this.#plainLine(line);
		} else if (isOpener(line.charCodeAt(start))) {
			this.#decodeDocuments(line, start, mayOpenDocument);
		} else if (!decodeJsonValue(line.trim(), this.#context)) {
			// A bare base64 gzip payload, as `echo $event.awslogs.data` saves it; else just text.
			this.#plainLine(line);
		}
	}

	// A line that is not one JSON value may hold several documents (`{...}{...}`, as Firehose writes
	// subscription payloads) or open one that continues on the next lines.
	#decodeDocuments(line: string, from: number, mayOpenDocument: boolean): void {
		const documents: Array<{text: string; value: unknown}> = [];
		let position = from;
		for (;;) {
			const scanner = new JsonDocumentScanner();
			const end = scanner.feed(line, position);
			if (end === -1) {
				const opened = line.slice(position);
				if (!mayOpenDocument || scanner.endedInsideString || !opensMultiLineDocument(opened)) {
					this.#plainLine(line);
					return;
				}
				for (const document of documents) this.#decodeDocument(document.text, document.value);
				this.#pendingDocument = {scanner, lines: [opened]};
				return;
			}
			const text = line.slice(position, end);
			const value = parseJson(text);
			if (value === NOT_JSON) {
				this.#plainLine(line);
				return;
			}
			documents.push({text, value});
			position = firstNonSpace(line, end);
			if (position === -1) break;
			if (!isOpener(line.charCodeAt(position))) {
				this.#plainLine(line);
				return;
			}
		}
		for (const document of documents) this.#decodeDocument(document.text, document.value);
	}

	#decodeDocument(text: string, value: unknown): void {
		if (!decodeJsonValue(value, this.#context)) this.#plainLine(text);
	}

	#continueDocument(pending: PendingDocument, line: string): void {
		const end = pending.scanner.feed(line);
		if (end === -1) {
			pending.lines.push(line);
			// JSON strings never hold a raw line break: this document is broken, not just long.
			if (pending.scanner.endedInsideString) this.end();
			return;
		}
		this.#pendingDocument = undefined;
		const text = pending.lines.join('\n') + '\n' + line.slice(0, end);
		const value = parseJson(text);
		if (value === NOT_JSON) {
			this.#replayAsLines([...pending.lines, line]);
			return;
		}
		this.#decodeDocument(text, value);
		const rest = line.slice(end);
		if (!isBlank(rest)) this.#decodeLine(rest, true);
	}

	// The lines of a document that did not parse are decoded one by one, so a broken first line costs
	// one plain event and the valid lines after it still decode.
	#replayAsLines(lines: readonly string[]): void {
		for (const line of lines) this.#decodeLine(line, false);
	}
}
