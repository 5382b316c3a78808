// What goes wrong during a soak, on a fixed schedule that repeats every CYCLE_MS: throttling (bursts and
// a share of calls), connections reset mid-response, 5xx answers, live tail sessions ended in every way
// (each exception, the stream closed, the connection cut, and from the second cycle on a session gone
// silent, which the CLI gives up on after 30 s), seconds over the 500 events a live tail
// update carries (so the update is sampled and its window must be re-read), late ingestion (access lines
// and whole requests ingested seconds late, requests stamped long ago) and new log streams.
//
// The CLI has two repairs, and either one re-reads the minute before it (the overlap window), so each
// would hide the other's misses. The cycle keeps them apart by more than that minute: first a sampling
// phase (the full rate, so updates hover at the cap, plus sampled seconds), then a quiet phase at 80% of
// the rate (live tail updates stay under the cap: nothing is sampled), then the sessions end in every way.
// The reconnects re-read back into the quiet phase only, and nothing after them is sampled until the
// next cycle: a miss of either repair in the first cycle shows as lost events (tried: with either
// repair switched off in the built CLI, a two-minute soak reports hundreds of lost requests).

export const CYCLE_MS = 120_000;
const SAMPLING_PHASE_MS = 45_000;
/** Share of the rate written outside the sampling phase. */
export const UNDER_THE_CAP = 0.8;
/** Late events stay within the CLI's 60 s overlap window: what it promises to catch. */
const OLD_TIMESTAMP_MS = 45_000;
const LATE_ACCESS_MS = 20_000;
const LATE_REQUEST_MS = 30_000;

/** The share of the rate the steady writer writes at `elapsedMs`. */
export function steadyShareAt(elapsedMs) {
	return elapsedMs % CYCLE_MS < SAMPLING_PHASE_MS ? 1 : UNDER_THE_CAP;
}

/** Twice the rate more in one second: three times what one live tail update carries. `options()` at the time. */
const sampledSecond = (options = () => ({})) => ({traffic, rate}) => traffic.write(rate * 2, options());
/** A tenth of a second's worth: small enough to keep an update under the cap. */
const fewRequests = (options) => ({traffic, rate}) => traffic.write(Math.ceil(rate / 10), options());
const throttleHalf = (on) => ({emulator}) => emulator.faults.throttleShare(on ? 0.5 : 0, {operation: 'FilterLogEvents'});
const resetFilter = ({emulator}) => emulator.faults.resetConnectionNext(2, {operation: 'FilterLogEvents'});
const unavailable = ({emulator}) => emulator.faults.serviceUnavailableNext(2, {operation: 'FilterLogEvents'});
const newStreams = ({traffic}) => traffic.addStreams();
const endSessions = (how) => ({emulator}) => emulator.faults.endLiveTailSessions(how);
const together = (...runs) => (context) => {
	for (const run of runs) run(context);
};
const old = () => ({timestamp: Date.now() - OLD_TIMESTAMP_MS});

/**
 * `at`: ms into each cycle; `run({emulator, traffic, rate})`, rate in requests per second; no name: not
 * counted; `fromCycle`: skipped in earlier cycles.
 */
const SCHEDULE = [
	// Sampling phase.
	{at: 2000, name: 'sampled second', run: sampledSecond()},
	{at: 5000, name: 'throttle the next 6 FilterLogEvents', run: ({emulator}) => emulator.faults.throttleNext(6, {operation: 'FilterLogEvents'})},
	{at: 8000, name: 'sampled second under throttling (half of FilterLogEvents for 6 s)', run: together(sampledSecond(), throttleHalf(true))},
	{at: 14_000, run: throttleHalf(false)},
	{at: 14_000, name: `sampled second of requests stamped ${OLD_TIMESTAMP_MS / 1000} s ago`, run: sampledSecond(old)},
	{at: 20_000, name: 'sampled second, its re-read reset (2 FilterLogEvents)', run: together(sampledSecond(), resetFilter)},
	{at: 26_000, name: 'sampled second into new log streams', run: together(newStreams, sampledSecond())},
	{at: 32_000, name: 'sampled second, its re-read answered 503 (2 FilterLogEvents)', run: together(sampledSecond(), unavailable)},
	{at: 38_000, name: 'sampled second whose access lines are ingested 5 s late', run: sampledSecond(() => ({accessDelayMs: 5000}))},
	// Quiet phase: under the cap, late ingestion and new streams for live tail alone.
	{at: 50_000, name: `access lines ingested ${LATE_ACCESS_MS / 1000} s late`, run: fewRequests(() => ({accessDelayMs: LATE_ACCESS_MS}))},
	{at: 58_000, name: `whole requests ingested ${LATE_REQUEST_MS / 1000} s late`, run: fewRequests(() => ({ingestionDelayMs: LATE_REQUEST_MS}))},
	{at: 66_000, name: `requests stamped ${OLD_TIMESTAMP_MS / 1000} s ago`, run: fewRequests(old)},
	{at: 74_000, name: 'new log streams', run: newStreams},
	// 50 s late in all: within the overlap too.
	// From the second cycle on (its re-read reaches into the sampling phase, so not in the first).
	{at: 46_000, fromCycle: 1, name: 'live tail silenced (a half-open connection: the CLI gives up after 30 s)', run: ({emulator}) => emulator.faults.stallLiveTailSessions()},
	{at: 82_000, name: 'whole requests stamped 30 s ago, ingested 20 s late', run: fewRequests(() => ({timestamp: Date.now() - 30_000, ingestionDelayMs: 20_000}))},
	// Reconnect phase: each re-read of a gap meets a fault too.
	{at: 96_000, name: 'throttle half of FilterLogEvents for 10 s', run: throttleHalf(true)},
	{at: 106_000, run: throttleHalf(false)},
	{at: 100_000, name: 'live tail ended: SessionTimeoutException', run: endSessions('SessionTimeoutException')},
	{at: 103_000, name: 'connection reset mid-response (2 FilterLogEvents)', run: resetFilter},
	{
		at: 105_000,
		name: 'live tail ended: SessionStreamingException, the reconnect reset',
		run: together(({emulator}) => emulator.faults.resetConnectionNext(1, {operation: 'StartLiveTail'}), endSessions('SessionStreamingException')),
	},
	{
		at: 110_000,
		name: 'live tail stream closed, the reconnect throttled twice',
		run: together(({emulator}) => emulator.faults.throttleNext(2, {operation: 'StartLiveTail'}), endSessions('close')),
	},
	{at: 112_000, name: 'service unavailable (2 FilterLogEvents)', run: unavailable},
	{at: 115_000, name: 'live tail connection dropped', run: endSessions('drop')},
].sort((a, b) => a.at - b.at);

/** Runs the faults due at `elapsedMs` since the soak began; counts each by name. */
export class FaultSchedule {
	/** Fault name -> times injected. */
	injected = new Map();
	#next = 0;

	constructor(context) {
		this.context = context;
	}

	advanceTo(elapsedMs) {
		for (;;) {
			const cycle = Math.floor(this.#next / SCHEDULE.length);
			const step = SCHEDULE[this.#next % SCHEDULE.length];
			if (cycle * CYCLE_MS + step.at > elapsedMs) return;
			this.#next++;
			if (cycle < (step.fromCycle ?? 0)) continue;
			step.run(this.context);
			if (step.name !== undefined) this.injected.set(step.name, (this.injected.get(step.name) ?? 0) + 1);
		}
	}

	/** Disarms whatever is still armed (the end of the soak). */
	clear() {
		this.context.emulator.faults.clear();
	}
}
