// `apigw-tail replay`: saved logs (files or stdin, plain or gzip) as batches of LogEvents, streamed
// so a file of millions of lines replays in flat memory.
import {constants, createReadStream, openSync} from 'node:fs';
import {access, stat} from 'node:fs/promises';
import {Socket} from 'node:net';
import {Readable, pipeline} from 'node:stream';
import {StringDecoder} from 'node:string_decoder';
import type {LogEvent} from '../../core/types.js';
import {BinaryInputCheck} from './input-binary.js';
import {ReplayInputError, replayInputError} from './input-errors.js';
import {LogTextDecoder} from './input-shapes.js';
import {mergeByTime} from './merge-by-time.js';

export {ReplayInputError} from './input-errors.js';
export type {InputShape} from './input-decode-context.js';
export {decodeLogText} from './input-shapes.js';

/** One input: a file path, or '-' for stdin. */
export interface ReplayInput {
	path: string;
}

export interface ReplayOptions {
	/** Read for the input '-'; process.stdin when not given. */
	stdin?: NodeJS.ReadableStream;
	/** Events per batch (the last batch of each input may be smaller). */
	batchSize?: number;
}

const STDIN_PATH = '-';
const DEFAULT_BATCH_SIZE = 1000;
// Large reads: each one is an event-loop round trip, and a replay is read end to end.
const READ_CHUNK_BYTES = 1024 * 1024;

/**
 * Reads every input and yields batches of LogEvents; several inputs are interleaved by timestamp
 * (see merge-by-time.ts). Each input's shape is detected on its own; NDJSON and text stream line by
 * line, and only a multi-line JSON document is held whole.
 * Every path is checked before anything is read, so a typo fails at once rather than after a long replay.
 */
export async function* readReplayInputs(
	inputs: ReplayInput[],
	options: ReplayOptions = {},
): AsyncIterable<LogEvent[]> {
	const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
	for (const input of inputs) await checkReadable(input);
	if (inputs.length === 1) {
		yield* readReplayInput(inputs[0]!, options.stdin, batchSize);
		return;
	}

	yield* mergeByTime(
		inputs.map((input) => readReplayInput(input, options.stdin, batchSize)),
		batchSize,
	);
}

async function* readReplayInput(
	input: ReplayInput,
	stdin: NodeJS.ReadableStream | undefined,
	batchSize: number,
): AsyncGenerator<LogEvent[]> {
	const decoder = new LogTextDecoder(displayName(input));
	const batches = new EventBatches(batchSize);
	let failure: ReplayInputError | undefined;
	try {
		// A pipe may be a live feed (`aws logs tail --follow | apigw-tail replay`): what it has sent so
		// far is passed on at once instead of waiting for a full batch. Files fill whole batches.
		const live = input.path === STDIN_PATH;
		for await (const text of readInputText(input, stdin)) {
			decoder.write(text);
			yield* batches.add(decoder.take());
			const waiting = live ? batches.takeRest() : [];
			if (waiting.length > 0) yield waiting;
		}
	} catch (error) {
		if (!(error instanceof ReplayInputError)) throw error;
		failure = error;
	}

	// What was read before a failure (a truncated .gz) is still worth showing.
	decoder.end();
	yield* batches.add(decoder.take());
	const rest = batches.takeRest();
	if (rest.length > 0) yield rest;
	if (failure) throw failure;
}

class EventBatches {
	readonly #size: number;
	#current: LogEvent[] = [];

	constructor(size: number) {
		this.#size = size;
	}

	/** Adds events; returns the batches they filled. */
	add(events: readonly LogEvent[]): LogEvent[][] {
		const filled: LogEvent[][] = [];
		for (const event of events) {
			this.#current.push(event);
			if (this.#current.length === this.#size) {
				filled.push(this.#current);
				this.#current = [];
			}
		}
		return filled;
	}

	/** The batch not yet full, handed over and emptied. */
	takeRest(): LogEvent[] {
		const rest = this.#current;
		this.#current = [];
		return rest;
	}
}

function displayName(input: ReplayInput): string {
	return input.path === STDIN_PATH ? 'stdin' : input.path;
}

async function checkReadable(input: ReplayInput): Promise<void> {
	if (input.path === STDIN_PATH) return;
	try {
		// stat, not open: opening a FIFO (`<(zcat x.gz)`) to test it would consume its only reader.
		const stats = await stat(input.path);
		if (stats.isDirectory()) throw new ReplayInputError(input.path, 'is a directory');
		await access(input.path, constants.R_OK);
	} catch (error) {
		throw replayInputError(input.path, error);
	}
}

/** The input's text, decompressed and decoded, in pieces split anywhere. */
async function* readInputText(input: ReplayInput, stdin: NodeJS.ReadableStream | undefined): AsyncGenerator<string> {
	try {
		// process.stdin is only touched when asked for: merely reading the property opens the handle.
		const source = input.path === STDIN_PATH ? (stdin ?? process.stdin) : await openFile(input.path);
		let bytes = await peekBytes(asBuffers(source), 2);
		// Compression is told by the gzip magic bytes, whatever the name says (stdin has none).
		if (bytes.head[0] === 0x1f && bytes.head[1] === 0x8b) bytes = await peekBytes(await gunzip(bytes.chunks), 2);
		// PowerShell 5 writes redirected output as UTF-16LE with a byte order mark.
		const utf16 = bytes.head[0] === 0xff && bytes.head[1] === 0xfe;
		const text = new StringDecoder(utf16 ? 'utf16le' : 'utf8');
		const binary = new BinaryInputCheck(displayName(input));
		for await (const chunk of bytes.chunks) {
			const piece = text.write(chunk);
			binary.check(piece);
			if (piece !== '') yield piece;
		}
		const last = text.end();
		binary.check(last);
		binary.end();
		if (last !== '') yield last;
	} catch (error) {
		throw replayInputError(displayName(input), error);
	}
}

/**
 * A named pipe is opened without blocking and read like stdin: a blocking open waits in libuv's thread
 * pool for a writer that may never come, and a thread stuck there makes even process.exit hang, so
 * Ctrl+C and SIGTERM could not end the run.
 */
async function openFile(path: string): Promise<NodeJS.ReadableStream> {
	if (process.platform !== 'win32' && (await stat(path)).isFIFO()) {
		const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
		return new Socket({fd, readable: true, writable: false});
	}

	return createReadStream(path, {highWaterMark: READ_CHUNK_BYTES});
}

async function* asBuffers(stream: NodeJS.ReadableStream): AsyncGenerator<Buffer> {
	for await (const chunk of stream) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
}

async function gunzip(chunks: AsyncIterable<Buffer>): Promise<AsyncIterable<Buffer>> {
	// Loaded for gzip input only: zlib costs ~3 ms of every start, the terminal UI's first frame included.
	const {createGunzip} = await import('node:zlib');
	// pipeline passes any error, the source's or zlib's, to the gunzip stream we iterate.
	return pipeline(Readable.from(chunks, {objectMode: false}), createGunzip({chunkSize: READ_CHUNK_BYTES}), () => {});
}

interface PeekedBytes {
	/** The first bytes (fewer when the input is shorter). */
	head: Buffer;
	/** All the bytes, the peeked ones included. */
	chunks: AsyncIterable<Buffer>;
}

async function peekBytes(source: AsyncIterable<Buffer>, count: number): Promise<PeekedBytes> {
	const iterator = source[Symbol.asyncIterator]();
	const held: Buffer[] = [];
	let heldLength = 0;
	let exhausted = false;
	while (heldLength < count) {
		const next = await iterator.next();
		if (next.done) {
			exhausted = true;
			break;
		}
		held.push(next.value);
		heldLength += next.value.length;
	}
	async function* all(): AsyncGenerator<Buffer> {
		try {
			yield* held;
			while (!exhausted) {
				const next = await iterator.next();
				if (next.done) exhausted = true;
				else yield next.value;
			}
		} finally {
			// A consumer that stops early must still close the file under the source.
			if (!exhausted) await iterator.return?.();
		}
	}
	return {head: Buffer.concat(held).subarray(0, count), chunks: all()};
}
