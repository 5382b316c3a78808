// Fault injection for the emulator, usable while clients are connected: throttling, 5xx, connection
// resets, empty FilterLogEvents pages and live tail sessions ended by the server or cut off. Everything is
// deterministic (a throttled share is spread evenly, not drawn at random) so tests can count on it.

import {InsightsFaults} from './insights-faults.js';
import type {LiveTailStop} from './logs-live-tail.js';

export type EmulatedService = 'logs' | 'apigatewayv2' | 'apigateway' | 'lambda';

/** Which calls a fault applies to; an empty scope means every call. */
export interface FaultScope {
	/** The operation name as the SDK command spells it without `Command` (`FilterLogEvents`, `GetStage`). */
	operation?: string;
	service?: EmulatedService;
}

/**
 * What the server does to one call: `throttle` answers ThrottlingException (logs) or
 * TooManyRequestsException (API Gateway); `unavailable` answers 503 ServiceUnavailableException;
 * `reset` writes part of the response and destroys the socket.
 */
export type CallFault = 'throttle' | 'unavailable' | 'reset';

interface Countdown {
	fault: CallFault;
	remaining: number;
	scope: FaultScope;
}

interface ThrottleShare {
	share: number;
	scope: FaultScope;
	/** Error diffusion: every call adds `share`; a call that lifts it to 1 or more is throttled. */
	credit: number;
}

export interface LiveTailControl {
	endAll(how: LiveTailStop): number;
	stallAll(): number;
}

export class FaultInjector {
	#countdowns: Countdown[] = [];
	#shares: ThrottleShare[] = [];
	#emptyPages = 0;

	/** Logs Insights faults: LimitExceededException on StartQuery, queries that fail, time out or never complete. */
	readonly insights = new InsightsFaults();

	readonly #liveTail: LiveTailControl;

	constructor(liveTail: LiveTailControl) {
		this.#liveTail = liveTail;
	}

	throttleNext(count: number, scope: FaultScope = {}): void {
		this.#arm('throttle', count, scope);
	}

	/** Throttles this share (0..1) of matching calls from now on; 0 turns it off for that scope. */
	throttleShare(share: number, scope: FaultScope = {}): void {
		if (!(share >= 0 && share <= 1)) throw new RangeError(`throttle share must be within 0..1, got ${share}`);
		this.#shares = this.#shares.filter((rule) => !sameScope(rule.scope, scope));
		if (share > 0) this.#shares.push({share, scope, credit: 0});
	}

	serviceUnavailableNext(count: number, scope: FaultScope = {}): void {
		this.#arm('unavailable', count, scope);
	}

	resetConnectionNext(count: number, scope: FaultScope = {}): void {
		this.#arm('reset', count, scope);
	}

	/** The next `count` FilterLogEvents calls answer an empty page with a nextToken that moves nothing. */
	emptyFilterPagesNext(count: number): void {
		this.#emptyPages += count;
	}

	/**
	 * Ends every open live tail session now: with this exception, by closing the stream (`close`) or by
	 * cutting the connection (`drop`); returns how many were ended.
	 */
	endLiveTailSessions(how: LiveTailStop = 'SessionTimeoutException'): number {
		return this.#liveTail.endAll(how);
	}

	/**
	 * Silences every open live tail session: no update comes any more, the connection stays open (a
	 * half-open connection); returns how many. The client must give up on its own.
	 */
	stallLiveTailSessions(): number {
		return this.#liveTail.stallAll();
	}

	/** Disarms every pending fault. */
	clear(): void {
		this.#countdowns = [];
		this.#shares = [];
		this.#emptyPages = 0;
		this.insights.clear();
	}

	/** Called by the server for every call: the fault to apply to it, if any (consuming it). */
	faultFor(service: EmulatedService, operation: string): CallFault | undefined {
		const countdown = this.#countdowns.find((candidate) => inScope(candidate.scope, service, operation));
		if (countdown !== undefined) {
			countdown.remaining--;
			if (countdown.remaining <= 0) this.#countdowns = this.#countdowns.filter((candidate) => candidate !== countdown);
			return countdown.fault;
		}
		let throttled = false;
		for (const rule of this.#shares) {
			if (!inScope(rule.scope, service, operation)) continue;
			rule.credit += rule.share;
			if (rule.credit >= 1 && !throttled) {
				rule.credit -= 1;
				throttled = true;
			}
		}
		return throttled ? 'throttle' : undefined;
	}

	takeEmptyFilterPage(): boolean {
		if (this.#emptyPages === 0) return false;
		this.#emptyPages--;
		return true;
	}

	#arm(fault: CallFault, count: number, scope: FaultScope): void {
		if (!Number.isInteger(count) || count < 0) throw new RangeError(`fault count must be a whole number, got ${count}`);
		if (count > 0) this.#countdowns.push({fault, remaining: count, scope});
	}
}

function inScope(scope: FaultScope, service: EmulatedService, operation: string): boolean {
	return (scope.service === undefined || scope.service === service) && (scope.operation === undefined || scope.operation === operation);
}

function sameScope(a: FaultScope, b: FaultScope): boolean {
	return a.service === b.service && a.operation === b.operation;
}
