// Keeps the invocations read from Lambda logs and which request each one served. A request's view looks
// its invocations up here when it is built (request-view.ts); a Lambda line that arrives after its request
// was emitted makes the engine revise that request. An invocation no request names is emitted on its own
// once it has settled (no line for it within the settle window of event time), like a request.

import {dropOldest} from '../bounded-map.js';
import {detach} from '../retained-strings.js';
import type {LogEvent} from '../types.js';
import {InvocationAssembler} from './invocation-assembler.js';
import type {LambdaJoinKey} from './join-keys.js';
import type {LambdaLine} from './lambda-line.js';
import type {Invocation, LambdaRole} from './types.js';

/**
 * An invocation goes with its request when the correlator forgets that (release()); one no request named,
 * or whose request is never forgotten, is forgotten as the correlator forgets an unfinished request.
 */
const RETENTION_FACTOR = 1.5;
const FORGET_AFTER_ARRIVALS = 20_000;

export interface InvocationJoinOptions {
	settleMs: number;
	maxInvocations: number;
}

/** An invocation that served no request of the stage, with its revision (0 first, +1 when late lines change it). */
export interface LoneInvocation {
	invocation: Invocation;
	revision: number;
}

/** Looks up an invocation by its Lambda request id, as the role it played. */
export type InvocationLookup = (lambdaRequestId: string, role: LambdaRole) => Invocation | undefined;

/** What the correlator needs of the invocations: to look them up, and to forget them with their request. */
export interface RequestInvocations {
	readonly lookup: InvocationLookup;
	release(requestId: string): void;
}

export class InvocationJoin implements RequestInvocations {
	readonly #options: InvocationJoinOptions;
	readonly #assembler: InvocationAssembler;
	/** Lambda request id -> the stage request id whose line named it. */
	readonly #requestOf = new Map<string, string>();
	/** Stage request id -> the invocations its lines named, to forget them when it is forgotten. */
	readonly #served = new Map<string, {requestId: string; invocations: string[]}>();
	/** Invocations no request names yet, with lines not yet emitted. */
	readonly #pending = new Set<string>();
	readonly #revisions = new Map<string, number>();
	#watermark = Number.NEGATIVE_INFINITY;
	#scannedAt = Number.NEGATIVE_INFINITY;

	constructor(options: InvocationJoinOptions) {
		this.#options = options;
		this.#assembler = new InvocationAssembler(options.maxInvocations);
	}

	readonly lookup: InvocationLookup = (lambdaRequestId, role) => this.#assembler.view(lambdaRequestId, role);

	/** The stage requests a Lambda line is about to change (to take their views before it does). */
	requestsAffectedBy(line: LambdaLine, event: LogEvent): string[] {
		return this.#requestsOf(this.#assembler.affectedBy(line, event));
	}

	/** Adds a Lambda line; returns the stage requests it changed. */
	add(line: LambdaLine, event: LogEvent, functionName: string): string[] {
		this.advanceTo(event.timestamp);
		const changed = this.#assembler.add(line, event, functionName);
		for (const id of changed) if (!this.#requestOf.has(id)) this.#pending.add(id);
		for (const id of this.#assembler.evictOverflow()) this.#forget(id);
		return this.#requestsOf(changed);
	}

	/** A stage line named this invocation: from now on it is that request's, never emitted on its own. */
	link(key: LambdaJoinKey, requestId: string): void {
		if (this.#requestOf.has(key.lambdaRequestId)) return;
		// Both ids are cut from stage lines; kept as they are, each link would keep two whole lines alive.
		const lambdaRequestId = detach(key.lambdaRequestId);
		let served = this.#served.get(requestId);
		if (served) served.invocations.push(lambdaRequestId);
		else {
			served = {requestId: detach(requestId), invocations: [lambdaRequestId]};
			this.#served.set(served.requestId, served);
		}

		this.#requestOf.set(lambdaRequestId, served.requestId);
		this.#pending.delete(lambdaRequestId);
		// The map is bounded like the invocations: the oldest link goes first.
		dropOldest(this.#requestOf, this.#options.maxInvocations);
	}

	/**
	 * The correlator forgot this request: its invocations go too (the rest are kept for the settle window
	 * and a half, which for a settled request is ten times as long as it is kept). The link stays, so that
	 * a very late line of one of them is not taken for an invocation that served no request.
	 */
	release(requestId: string): void {
		const served = this.#served.get(requestId);
		if (served === undefined) return;
		this.#served.delete(requestId);
		for (const id of served.invocations) this.#assembler.release(id);
	}

	advanceTo(timestamp: number): void {
		if (timestamp > this.#watermark) this.#watermark = timestamp;
	}

	/** Invocations no request named whose lines have been quiet for the settle window. */
	takeSettled(): LoneInvocation[] {
		// Every pending invocation is looked at, and most wait for their access line for minutes: a scan on
		// every batch cost a third of a Lambda-heavy replay. Scanning when event time has moved a sixteenth
		// of the settle window emits a lone invocation at most that much later; what is emitted is the same.
		if (this.#watermark - this.#scannedAt < this.#options.settleMs / 16) return [];
		this.#scannedAt = this.#watermark;
		const settled: string[] = [];
		for (const id of this.#pending) {
			const last = this.#assembler.lastTimestampOf(id);
			if (last === undefined || this.#watermark - last >= this.#options.settleMs) settled.push(id);
		}

		// Emitted first: what is old enough to forget has settled, so none of it is still waiting to be emitted.
		const lone = this.#emit(settled);
		const before = this.#watermark - RETENTION_FACTOR * this.#options.settleMs;
		for (const id of this.#assembler.forgetSettled(before, FORGET_AFTER_ARRIVALS)) this.#forget(id);

		return lone;
	}

	/** End of input: every invocation no request named is emitted. */
	flush(): LoneInvocation[] {
		return this.#emit([...this.#pending]);
	}

	/** Id-less lines no invocation owns, at the end of input. */
	unowned(): ReturnType<InvocationAssembler['takeUnowned']> {
		return this.#assembler.takeUnowned();
	}

	get forgotten(): number {
		return this.#assembler.forgotten;
	}

	#emit(ids: string[]): LoneInvocation[] {
		const lone: LoneInvocation[] = [];
		for (const id of ids) {
			this.#pending.delete(id);
			const invocation = this.#assembler.view(id, null);
			if (!invocation) continue;
			const revision = (this.#revisions.get(id) ?? -1) + 1;
			this.#revisions.set(id, revision);
			lone.push({invocation, revision});
		}

		return lone.sort((a, b) => a.invocation.firstTimestamp - b.invocation.firstTimestamp || (a.invocation.requestId < b.invocation.requestId ? -1 : 1));
	}

	#requestsOf(lambdaRequestIds: string[]): string[] {
		const requests: string[] = [];
		for (const id of lambdaRequestIds) {
			const requestId = this.#requestOf.get(id);
			if (requestId !== undefined) requests.push(requestId);
		}

		return requests;
	}

	#forget(id: string): void {
		this.#pending.delete(id);
		this.#revisions.delete(id);
		this.#requestOf.delete(id);
	}
}
