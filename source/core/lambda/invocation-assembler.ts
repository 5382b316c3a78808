// Folds Lambda log events into invocations, one per Lambda request id. Lines carrying an id go to that
// invocation; id-less lines to the invocation running on their log stream at their event time
// (stream-timeline.ts). Memory is bounded: past the limit the oldest invocation is forgotten.

import type {LogEvent} from '../types.js';
import type {LambdaLine} from './lambda-line.js';
import {applyLine, newInvocationState, toInvocation, type InvocationState} from './invocation-state.js';
import {StreamTimeline, type IdlessLine} from './stream-timeline.js';
import type {Invocation, LambdaRole} from './types.js';

export class InvocationAssembler {
	readonly #maxInvocations: number;
	// Insertion order is creation order: the first entry is the one to forget.
	readonly #invocations = new Map<string, InvocationState>();
	readonly #streams = new Map<string, StreamTimeline>();
	#forgotten = 0;
	#arrivals = 0;

	constructor(maxInvocations: number) {
		this.#maxInvocations = maxInvocations;
	}

	/**
	 * The invocations whose view a line may change: its own (or, for an id-less line, the one running), and
	 * for a START, END or report also the neighbours whose id-less lines it may move. Asked before add(),
	 * which says which of them did change.
	 */
	affectedBy(line: LambdaLine, event: LogEvent): string[] {
		const stream = this.#streams.get(streamKey(event));
		if (line.requestId === undefined) {
			const owner = stream?.ownerAt(event.timestamp);
			return owner ? [owner.requestId] : [];
		}

		const ids = [line.requestId];
		if (stream && (line.kind === 'start' || line.kind === 'end' || line.kind === 'report')) {
			const state = this.#invocations.get(line.requestId);
			for (const neighbour of neighboursOf(stream, state, [event.timestamp, state?.start])) ids.push(neighbour.requestId);
		}

		return ids;
	}

	/**
	 * Adds one event of `functionName`'s log; returns the ids whose view changed: its own invocation (unless
	 * the line was a repeat) and the neighbours whose id-less lines a START or END moved. A neighbour whose
	 * lines stayed where they were is not reported, so its request is not revised for nothing.
	 */
	add(line: LambdaLine, event: LogEvent, functionName: string): string[] {
		const stream = this.#streamOf(event);
		if (line.requestId === undefined) {
			if (line.kind !== 'app') return [];
			const added = stream.addIdless({time: event.timestamp, level: line.level, message: line.message, error: line.error});
			const owner = stream.ownerAt(event.timestamp);
			return added && owner ? [owner.requestId] : [];
		}

		const state = this.#stateOf(line.requestId, event, functionName);
		const startBefore = state.start;
		// The invocations around where it starts (or ends) now, and around where it started before (a START
		// read after its report moves it): the only ones whose id-less lines a START or END can move.
		const neighbours =
			line.kind === 'start' || line.kind === 'end' || line.kind === 'report'
				? neighboursOf(stream, state, [event.timestamp, startBefore])
				: [];
		const linesBefore = neighbours.map((other) => stream.linesOf(other));
		if (!applyLine(state, line, event.timestamp)) return [];
		state.lastArrival = ++this.#arrivals;
		if (state.start !== startBefore) stream.place(state, startBefore !== undefined);
		const changed = [state.requestId];
		for (const [index, other] of neighbours.entries()) {
			if (!sameLines(linesBefore[index]!, stream.linesOf(other))) changed.push(other.requestId);
		}

		return changed;
	}

	/** The invocation as read so far, with the role it played; undefined when none of its lines was read. */
	view(requestId: string, role: LambdaRole | null): Invocation | undefined {
		const state = this.#invocations.get(requestId);
		if (!state) return undefined;
		const stream = this.#streams.get(`${state.logGroup}\u0000${state.logStream}`);
		return toInvocation(state, stream?.linesOf(state) ?? [], role);
	}

	lastTimestampOf(requestId: string): number | undefined {
		return this.#invocations.get(requestId)?.lastTimestamp;
	}

	/** Id-less lines no invocation owns, with where they came from (asked at the end of input). */
	takeUnowned(): Array<{line: IdlessLine; logGroup: string; logStream: string}> {
		const unowned: Array<{line: IdlessLine; logGroup: string; logStream: string}> = [];
		for (const [key, stream] of this.#streams) {
			const [logGroup = '', logStream = ''] = key.split('\u0000');
			for (const line of stream.unowned()) unowned.push({line, logGroup, logStream});
		}

		return unowned;
	}

	get forgotten(): number {
		return this.#forgotten;
	}

	/** Ids forgotten by this call because memory is full (counted), to let the caller drop what it keeps about them. */
	evictOverflow(): string[] {
		const evicted: string[] = [];
		for (const state of this.#invocations.values()) {
			if (this.#invocations.size <= this.#maxInvocations) break;
			this.#remove(state);
			this.#forgotten++;
			evicted.push(state.requestId);
		}

		return evicted;
	}

	/**
	 * Forgets invocations whose latest line is older than `before` (event time) and at least `minArrivals`
	 * lines ago, as the correlator forgets settled requests: a request still in memory keeps its invocations.
	 * Invocations are in creation order, which is close to time order: the first recent one ends the scan.
	 */
	forgetSettled(before: number, minArrivals: number): string[] {
		const forgotten: string[] = [];
		for (const state of this.#invocations.values()) {
			if (state.lastTimestamp >= before || this.#arrivals - state.lastArrival < minArrivals) break;
			this.#remove(state);
			forgotten.push(state.requestId);
		}

		return forgotten;
	}

	/** Forgets an invocation whose request was forgotten (not counted: nothing was lost). */
	release(requestId: string): void {
		const state = this.#invocations.get(requestId);
		if (state) this.#remove(state);
	}

	#remove(state: InvocationState): void {
		this.#invocations.delete(state.requestId);
		this.#streams.get(`${state.logGroup}\u0000${state.logStream}`)?.remove(state);
	}

	#stateOf(requestId: string, event: LogEvent, functionName: string): InvocationState {
		let state = this.#invocations.get(requestId);
		if (!state) {
			state = newInvocationState(requestId, event, functionName);
			this.#invocations.set(requestId, state);
		}

		return state;
	}

	#streamOf(event: LogEvent): StreamTimeline {
		const key = streamKey(event);
		let stream = this.#streams.get(key);
		if (!stream) {
			stream = new StreamTimeline();
			this.#streams.set(key, stream);
		}

		return stream;
	}
}

function neighboursOf(stream: StreamTimeline, state: InvocationState | undefined, times: Array<number | undefined>): InvocationState[] {
	const found = new Set<InvocationState>();
	for (const time of times) if (time !== undefined) for (const other of stream.neighboursAt(time)) if (other !== state) found.add(other);
	return [...found];
}

function sameLines(a: readonly IdlessLine[], b: readonly IdlessLine[]): boolean {
	return a.length === b.length && a.every((line, index) => line === b[index]);
}

function streamKey(event: LogEvent): string {
	return `${event.logGroup ?? ''}\u0000${event.logStream ?? ''}`;
}
