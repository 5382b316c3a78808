// Joins execution and access lines into requests, and requests into connections, as lines stream in
// from many log streams in any order. A request is emitted once it has settled (no line for it within a
// settle window of event time), which gives access lines that lag execution lines by minutes time to
// arrive. A line that comes later re-emits the request with a higher revision. Memory is bounded: past
// the limits the least recently active request or connection is emitted (if it had news) and evicted,
// and every eviction is counted. Unparsed lines settle by log time too, so they come out in time order
// among the requests (unparsed-queue.ts).

import {dropOldest} from './bounded-map.js';
import {goneWritesOf} from './classify/lambda.js';
import {ConnectionRegistry, type ConnectionEmission} from './connection-registry.js';
import type {RequestInvocations} from './lambda/invocation-join.js';
import {loggedTime} from './records.js';
import {detach} from './retained-strings.js';
import {buildRequestView, type RequestLines} from './request-view.js';
import type {AccessRecord, ExecutionRecord, RequestView, UnparsedRecord} from './types.js';
import {UnparsedQueue} from './unparsed-queue.js';

/** Settled requests stay in memory until this many settle windows have passed since their last line. */
const RETENTION_FACTOR = 1.5;
/**
 * A request that has its access line and its `Method completed` line is almost certainly whole (the access
 * line is the one that lags; execution lines are written before it), so it settles after this much quiet
 * instead of the full window. Lines that still come later make a revision, as always.
 */
export const COMPLETE_SETTLE_MS = 30_000;
const LRU_SLACK = 256;
/** A settled request is forgotten only after this many later lines have arrived (see #sweep). */
const FORGET_AFTER_ARRIVALS = 20_000;
/** Sweeps scan only pending requests; a short settle window (`--settle 0s`) may sweep this often. */
const MIN_SWEEP_INTERVAL_MS = 200;

export interface CorrelatorOptions {
	/** A request is final this long (event time) after its latest line. */
	settleMs: number;
	maxRequests: number;
	maxConnections: number;
	maxRequestsPerConnection: number;
	/** Keep the set of requests each batch touched, for views of the present (the terminal UI). */
	trackChanges?: boolean;
}

/** A request as it is now, for views of the present; `pending` while it is still settling. */
export interface RequestChange {
	request: RequestView;
	pending: boolean;
}

export type Emission =
	| {type: 'request'; request: RequestView; revision: number; partial: boolean; previous: RequestView | undefined}
	| ConnectionEmission
	/** A view emitted under an id that turned out to be another request's alias: the merged request replaces it. */
	| {type: 'superseded'; request: RequestView}
	| {type: 'unparsed'; record: UnparsedRecord};

export interface CorrelatorCounts {
	requests: number;
	connections: number;
	evictedRequests: number;
	evictedConnections: number;
	pendingRequests: number;
}

interface RequestEntry {
	lines: RequestLines & {aliases: Set<string>};
	firstTimestamp: number;
	lastTimestamp: number;
	/** Revision of the last emission, -1 before the first. */
	revision: number;
	/** Has lines not yet emitted. */
	dirty: boolean;
	/** Rebuilt after its earlier lines were evicted: its view lacks them. */
	partial: boolean;
	connectionId: string | undefined;
	/**
	 * The last emitted view, rebuilt only when a late line is about to change it (rare), so that figures
	 * can replace it; settled requests do not keep a view in memory.
	 */
	previous: RequestView | undefined;
	/** When it last moved to the young end of the LRU order (see #isStale). */
	touched: number;
	/** Has its `Method completed` line (see COMPLETE_SETTLE_MS). */
	methodCompleted: boolean;
	/** Arrival number of its latest line. */
	lastArrival: number;
	/** Its connection's cap omitted its last emitted view (see ConnectionTimeline.upsert). */
	omitted: boolean;
}

export class Correlator {
	readonly #options: CorrelatorOptions;
	readonly #invocations: RequestInvocations | undefined;
	// Map iteration order is insertion order; re-inserting on every touch makes it least-recently-active first.
	readonly #requests = new Map<string, RequestEntry>();
	readonly #aliases = new Map<string, string>();
	// Revisions of requests no longer in memory, so a very late line continues their numbering.
	readonly #evictedRevisions = new Map<string, number>();
	readonly #connections: ConnectionRegistry;
	/** Requests with lines not yet emitted: what a sweep checks for settling. */
	readonly #pending = new Set<RequestEntry>();
	/** Requests touched since the last takeChanges(), when tracking (see CorrelatorOptions.trackChanges). */
	readonly #changed = new Set<RequestEntry>();
	readonly #unparsed = new UnparsedQueue();
	#emissions: Emission[] = [];
	#touches = 0;
	#arrivals = 0;
	#sawExecution = false;
	#watermark = Number.NEGATIVE_INFINITY;
	#lastSweep = Number.NEGATIVE_INFINITY;
	readonly #counts = {requests: 0, evictedRequests: 0};

	/**
	 * `invocations` finds the Lambda invocations a request's lines name (core/lambda/invocation-join.ts) and
	 * is told when a request is forgotten, so that its invocations go with it.
	 */
	constructor(options: CorrelatorOptions, invocations?: RequestInvocations) {
		this.#options = options;
		this.#invocations = invocations;
		this.#connections = new ConnectionRegistry(options, (emission) => this.#emissions.push(emission));
	}

	add(record: ExecutionRecord | AccessRecord): void {
		if (record.requestId === undefined) return;
		// Time moves first: what settled before this line is final without it.
		this.#advance(record.timestamp);
		if (record.type === 'execution' && record.kind === 'extended-request-id') {
			this.#alias(record.fields.extendedRequestId, record.requestId);
		}

		const entry = this.#entryFor(this.#aliases.get(record.requestId) ?? record.requestId);
		if (this.#isDuplicate(entry, record)) return;
		entry.lastArrival = ++this.#arrivals;
		if (!entry.dirty && hasLines(entry)) entry.previous = this.#view(entry.lines);
		if (record.type === 'execution') {
			this.#sawExecution = true;
			if (record.kind === 'method-completed') entry.methodCompleted = true;
			entry.lines.execution.push(record);
		}
		else entry.lines.access.push(record);

		entry.firstTimestamp = Math.min(entry.firstTimestamp, record.timestamp);
		entry.lastTimestamp = Math.max(entry.lastTimestamp, record.timestamp);
		this.#markDirty(entry, connectionIdOf(record));
		if (this.#options.trackChanges) this.#changed.add(entry);
	}

	/**
	 * Lines read elsewhere (a Lambda's log) may change what these requests show: `change` applies them and
	 * returns the requests it did change, and each of those still in memory is revised like one that got a
	 * late line, settling by the usual rules. Views of the candidates already emitted are taken first, so
	 * that figures can replace them.
	 */
	revise(candidates: readonly string[], change: () => readonly string[]): void {
		// Most Lambda lines come before the stage's lines that name their invocation: nothing to keep then.
		let before: Map<RequestEntry, RequestView> | undefined;
		for (const requestId of candidates) {
			const entry = this.#requests.get(this.#aliases.get(requestId) ?? requestId);
			if (entry && !entry.dirty && hasLines(entry) && !before?.has(entry)) (before ??= new Map()).set(entry, this.#view(entry.lines));
		}

		const changed = change();
		for (const [index, requestId] of changed.entries()) {
			const entry = this.#requests.get(this.#aliases.get(requestId) ?? requestId);
			if (!entry || changed.indexOf(requestId) !== index) continue;
			// One the candidates did not foresee can only show its view as it is now.
			if (!entry.dirty && hasLines(entry)) entry.previous = before?.get(entry) ?? this.#view(entry.lines);
			entry.lastArrival = ++this.#arrivals;
			// To the young end, as a line of its own moves it (#entryFor): the forgetting scan (#sweep) stops at
			// the first recent arrival, so a revised request left in its old place would keep all behind it.
			if (this.#isStale(entry)) {
				this.#requests.delete(entry.lines.requestId);
				this.#requests.set(entry.lines.requestId, entry);
				entry.touched = this.#touches;
			}

			this.#markDirty(entry, undefined);
			if (this.#options.trackChanges) this.#changed.add(entry);
		}
	}

	/** A line no parser understood: emitted in time order among the requests, or at once when it has no time. */
	addUnparsed(record: UnparsedRecord): void {
		if (loggedTime(record.timestamp) === undefined) {
			this.#emissions.push({type: 'unparsed', record});
			return;
		}

		this.#advance(record.timestamp);
		for (const overflow of this.#unparsed.add(record)) this.#emissions.push({type: 'unparsed', record: overflow});
	}

	/** The requests touched since the last call, as they are now (only with trackChanges). */
	takeChanges(): RequestChange[] {
		const changes = [...this.#changed].map((entry) => ({request: this.#view(entry.lines), pending: entry.dirty}));
		this.#changed.clear();
		return changes;
	}

	/** Moves event time forward without a line (live sources pass the wall clock when quiet). */
	advanceTo(watermark: number): void {
		this.#advance(watermark);
	}

	/** Emissions that are due: settled requests and the connections they complete. */
	takeEmissions(): Emission[] {
		return this.#take();
	}

	/** End of input: everything pending is emitted, then every connection with news. */
	flush(): Emission[] {
		this.#emitInTimeOrder([...this.#pending], this.#unparsed.takeAll());
		this.#connections.flush();

		return this.#take();
	}

	/** Everything in memory, settled or not, for views that show the present (the terminal UI). */
	*requests(): Iterable<RequestView> {
		for (const entry of this.#requests.values()) yield this.#view(entry.lines);
	}

	/** Every line of every request in memory, settled or not. */
	*records(): Iterable<ExecutionRecord | AccessRecord> {
		for (const {lines} of this.#requests.values()) {
			yield* lines.execution;
			yield* lines.access;
		}
	}

	counts(): CorrelatorCounts {
		return {...this.#counts, ...this.#connections.counts(), pendingRequests: this.#pending.size};
	}

	#view(lines: RequestLines): RequestView {
		return buildRequestView(lines, this.#invocations?.lookup);
	}

	#take(): Emission[] {
		const emissions = this.#emissions;
		this.#emissions = [];
		return emissions;
	}

	#advance(timestamp: number): void {
		if (timestamp <= this.#watermark) return;
		this.#watermark = timestamp;
		// Sweeping is a scan of memory; a tenth of the settle window late is soon enough.
		if (this.#watermark - this.#lastSweep >= Math.max(MIN_SWEEP_INTERVAL_MS, this.#quickSettleMs() / 10)) {
			this.#lastSweep = this.#watermark;
			this.#sweep();
		}
	}

	#sweep(): void {
		const settled: RequestEntry[] = [];
		let earliestPending = Number.POSITIVE_INFINITY;
		for (const entry of this.#pending) {
			if (this.#quietFor(entry) >= this.#settleWindow(entry)) settled.push(entry);
			else earliestPending = Math.min(earliestPending, entry.firstTimestamp);
		}

		this.#emitInTimeOrder(settled, this.#unparsed.takeDue(this.#watermark, this.#quickSettleMs(), earliestPending));
		// A settled request is kept for half a window more, so a late line can revise it with every earlier
		// line; then only its revision number stays (a later line makes a `partial` revision). It must also
		// be FORGET_AFTER_ARRIVALS lines old, so that a small input in any order is never forgotten before
		// its last line. The map is in roughly arrival order: the first recent arrival ends the scan.
		for (const entry of this.#requests.values()) {
			if (this.#arrivals - entry.lastArrival < FORGET_AFTER_ARRIVALS) break;
			if (entry.dirty || this.#quietFor(entry) < RETENTION_FACTOR * this.#settleWindow(entry)) continue;
			this.#forget(entry);
		}
	}

	#quietFor(entry: RequestEntry): number {
		return this.#watermark - entry.lastTimestamp;
	}

	#settleWindow(entry: RequestEntry): number {
		return this.#isComplete(entry) ? this.#quickSettleMs() : this.#options.settleMs;
	}

	#quickSettleMs(): number {
		return Math.min(this.#options.settleMs, COMPLETE_SETTLE_MS);
	}

	// With no execution log in the input at all (only the access group is tailed), the access line is all
	// there will ever be.
	#isComplete(entry: RequestEntry): boolean {
		if (entry.lines.access.length === 0) return false;
		return !this.#sawExecution || entry.methodCompleted;
	}

	#entryFor(lineRequestId: string): RequestEntry {
		let entry = this.#requests.get(lineRequestId);
		let requestId = lineRequestId;
		if (entry) {
			if (!this.#isStale(entry)) return entry;
			this.#requests.delete(requestId);
			requestId = entry.lines.requestId;
		} else {
			// The id outlives its line (views, connection timelines, the revision numbers of forgotten requests).
			requestId = detach(lineRequestId);
			const evictedRevision = this.#evictedRevisions.get(requestId);
			this.#evictedRevisions.delete(requestId);
			entry = {
				lines: {requestId, aliases: new Set(), execution: [], access: []},
				firstTimestamp: Number.POSITIVE_INFINITY,
				lastTimestamp: Number.NEGATIVE_INFINITY,
				revision: evictedRevision ?? -1,
				dirty: false,
				partial: evictedRevision !== undefined,
				connectionId: undefined,
				previous: undefined,
				touched: 0,
				methodCompleted: false,
				lastArrival: 0,
				omitted: false,
			};
			this.#counts.requests++;
			this.#evictIfFull(this.#requests.size + 1 - this.#options.maxRequests);
		}

		entry.touched = this.#touches;
		this.#requests.set(requestId, entry);
		return entry;
	}

	// Moving an entry to the young end of its Map on every line costs two hash operations per line. Lines
	// of one request come close together, so an entry moves only once it has aged; eviction order is then
	// exact to within LRU_SLACK touches, which is all a memory bound needs.
	#isStale(entry: {touched: number}): boolean {
		this.#touches++;
		return this.#touches - entry.touched > LRU_SLACK;
	}

	/** A REST request logs its extended id; lines filed under either id belong to one request. */
	#alias(alias: string | undefined, requestId: string): void {
		if (alias === undefined || alias === requestId || this.#aliases.has(alias)) return;
		const target = this.#entryFor(requestId);
		const kept = detach(alias);
		this.#aliases.set(kept, target.lines.requestId);
		target.lines.aliases.add(kept);
		const stray = this.#requests.get(alias);
		if (!stray) return;
		// Figures must count the merged request once: its next revision replaces the target's last emitted
		// view, and the stray's, if it was emitted under the alias before the alias was known, is withdrawn.
		if (!target.dirty && hasLines(target)) target.previous = this.#view(target.lines);
		const strayEmitted = stray.dirty ? stray.previous : this.#view(stray.lines);
		if (stray.revision >= 0 && strayEmitted) this.#emissions.push({type: 'superseded', request: strayEmitted});
		this.#requests.delete(alias);
		this.#pending.delete(stray);
		this.#counts.requests--;
		target.lines.execution.push(...stray.lines.execution);
		target.lines.access.push(...stray.lines.access);
		target.methodCompleted ||= stray.methodCompleted;
		target.firstTimestamp = Math.min(target.firstTimestamp, stray.firstTimestamp);
		target.lastTimestamp = Math.max(target.lastTimestamp, stray.lastTimestamp);
		if (stray.connectionId !== undefined) this.#connections.clearPending(stray.connectionId, alias);
		this.#markDirty(target, stray.connectionId);
	}

	#isDuplicate(entry: RequestEntry, record: ExecutionRecord | AccessRecord): boolean {
		const lines: Array<ExecutionRecord | AccessRecord> = record.type === 'execution' ? entry.lines.execution : entry.lines.access;
		return lines.some((line) => isSameLine(line, record));
	}

	#markDirty(entry: RequestEntry, connectionId: string | undefined): void {
		entry.dirty = true;
		this.#pending.add(entry);
		if (connectionId !== undefined && entry.connectionId === undefined) entry.connectionId = connectionId;
		if (entry.connectionId !== undefined) this.#connections.markPending(entry.connectionId, entry.lines.requestId);
	}

	/** Requests in the order they began, each unparsed line (oldest first) before the requests that began after it. */
	#emitInTimeOrder(entries: RequestEntry[], lines: UnparsedRecord[]): void {
		let next = 0;
		for (const entry of inTimeOrder(entries)) {
			for (; next < lines.length && lines[next]!.timestamp < entry.firstTimestamp; next++) {
				this.#emissions.push({type: 'unparsed', record: lines[next]!});
			}

			this.#emitRequest(entry);
		}

		for (const record of lines.slice(next)) this.#emissions.push({type: 'unparsed', record});
	}

	#emitRequest(entry: RequestEntry): void {
		const request = this.#view(entry.lines);
		// Settling changes how a view of the present shows it (no longer pending).
		if (this.#options.trackChanges) this.#changed.add(entry);
		entry.revision++;
		entry.dirty = false;
		this.#pending.delete(entry);
		const {previous} = entry;
		entry.previous = undefined;
		this.#emissions.push({type: 'request', request, revision: entry.revision, partial: entry.partial, previous});
		if (entry.connectionId !== undefined) this.#connections.clearPending(entry.connectionId, request.requestId);
		if (request.invocations.length > 0) this.#connections.noteGoneWrites(goneWritesOf(request));
		if (request.connectionId === undefined) return;
		const omitted = this.#connections.join(request.connectionId, request, entry.omitted ? previous : undefined);
		entry.omitted = false;
		const omittedEntry = omitted === undefined ? undefined : this.#requests.get(omitted);
		if (omittedEntry) omittedEntry.omitted = true;
	}

	#evictIfFull(excess: number): void {
		for (const entry of this.#requests.values()) {
			if (excess-- <= 0) break;
			if (entry.dirty) this.#emitRequest(entry);
			this.#forget(entry);
			this.#counts.evictedRequests++;
		}
	}

	#forget(entry: RequestEntry): void {
		const {requestId} = entry.lines;
		this.#requests.delete(requestId);
		this.#invocations?.release(requestId);
		for (const alias of entry.lines.aliases) {
			this.#aliases.delete(alias);
			this.#invocations?.release(alias);
		}

		this.#evictedRevisions.set(requestId, entry.revision);
		// Only the numbering is remembered, for as many requests as fit in memory.
		dropOldest(this.#evictedRevisions, this.#options.maxRequests);
	}
}

/** Requests that become final together are printed in the order they began. */
function inTimeOrder(entries: RequestEntry[]): RequestEntry[] {
	return entries.sort(
		(a, b) => a.firstTimestamp - b.firstTimestamp || (a.lines.requestId < b.lines.requestId ? -1 : 1),
	);
}

function hasLines(entry: RequestEntry): boolean {
	return entry.lines.execution.length > 0 || entry.lines.access.length > 0;
}

function isSameLine(a: {timestamp: number; event: {message: string}}, b: typeof a): boolean {
	return a.timestamp === b.timestamp && a.event.message === b.event.message;
}

function connectionIdOf(record: ExecutionRecord | AccessRecord): string | undefined {
	return record.type === 'access' ? record.fields['connectionId'] : record.fields.connectionId;
}
