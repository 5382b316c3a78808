// One request budget for every CloudWatch Logs call the transport makes: a token bucket (the account's
// FilterLogEvents quota is shared with every other tool, as low as 5/s in some regions), and retries
// on top of the SDK's own: throttling, 5xx and dropped sockets back off exponentially with jitter and
// try again for as long as the tail runs. Nothing here gives up while the signal is live.

import {classifyFailure, TailStopped, type FailureKind} from './call-failures.js';

const BACKOFF_BASE_MS = 100;
const BACKOFF_MAX_MS = 20_000;
const BURST_SECONDS = 2;

export interface RequestBudgetOptions {
	requestsPerSecond: number;
	signal: AbortSignal;
	/** Told about every retried failure, before the wait. */
	onRetry: (kind: 'throttled' | 'transient', error: unknown) => void;
	/** Told about every call that succeeded. */
	onSuccess: () => void;
}

export interface CallLimits {
	/** Give up (rethrow) after this many failed attempts; default: never. */
	attempts?: number;
}

export class RequestBudget {
	readonly #rate: number;
	readonly #capacity: number;
	#tokens: number;
	#refilledAt = performance.now();
	/** Takers queue up in order, so a burst of callers cannot starve one of them. */
	#queue: Promise<void> = Promise.resolve();

	readonly #options: RequestBudgetOptions;

	constructor(options: RequestBudgetOptions) {
		this.#options = options;
		this.#rate = Math.max(0.1, options.requestsPerSecond);
		// Two seconds' worth of calls may go at once (a backfill's first pages), the average stays at the rate.
		this.#capacity = Math.max(1, Math.ceil(this.#rate * BURST_SECONDS));
		this.#tokens = this.#capacity;
	}

	/**
	 * Runs `send` within the budget, retrying retryable failures. Throws TailStopped once aborted,
	 * and any other failure (ResourceNotFoundException, access denied, ...) as it came.
	 */
	async call<T>(send: (signal: AbortSignal) => Promise<T>, limits: CallLimits = {}): Promise<T> {
		const {signal} = this.#options;
		for (let attempt = 1; ; attempt++) {
			await this.#take();
			let failure: unknown;
			try {
				const result = await send(signal);
				this.#options.onSuccess();
				return result;
			} catch (error) {
				failure = error;
			}
			const kind: FailureKind = classifyFailure(failure, signal);
			if (kind === 'aborted') throw new TailStopped();
			if ((kind !== 'throttled' && kind !== 'transient') || (limits.attempts !== undefined && attempt >= limits.attempts)) throw failure;
			this.#options.onRetry(kind, failure);
			await sleep(backoffMs(attempt), signal);
		}
	}

	/** Waits for a token; throws TailStopped once aborted. */
	#take(): Promise<void> {
		const turn = this.#queue.then(async () => {
			this.#refill();
			if (this.#tokens < 1) {
				await sleep(((1 - this.#tokens) / this.#rate) * 1000, this.#options.signal);
				this.#refill();
			}
			this.#tokens -= 1;
		});
		// The next taker waits for this one whether it got a token or was stopped.
		this.#queue = turn.catch(() => undefined);
		return turn.then(() => {
			if (this.#options.signal.aborted) throw new TailStopped();
		});
	}

	#refill(): void {
		const now = performance.now();
		this.#tokens = Math.min(this.#capacity, this.#tokens + ((now - this.#refilledAt) / 1000) * this.#rate);
		this.#refilledAt = now;
	}
}

/** Exponential backoff with "equal jitter": half fixed, half random, capped. */
export function backoffMs(attempt: number): number {
	const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt - 1, 16));
	return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** Resolves after `ms`, or at once when the signal aborts; never keeps the process alive past an abort. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
	if (signal.aborted) return Promise.resolve();
	return new Promise((resolve) => {
		const done = (): void => {
			clearTimeout(timer);
			signal.removeEventListener('abort', done);
			resolve();
		};
		const timer = setTimeout(done, Math.max(0, ms));
		signal.addEventListener('abort', done, {once: true});
	});
}
