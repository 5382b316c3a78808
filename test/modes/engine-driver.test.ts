// The one loop from a source to a view, over the chat capture through the real engine: what a view is
// given, the end, and how a failing or stopped source ends the run.
import {describe, expect, it} from 'vitest';
import type {CommonConfig} from '../../source/config.js';
import {DEFAULT_LIMITS, type EngineSummary} from '../../source/core/engine.js';
import {ACCESS_LOG_PRESETS, compileAccessFormat} from '../../source/core/parse/access-format.js';
import type {LogEvent} from '../../source/core/types.js';
import {generateTraffic} from '../../source/emulator/traffic.js';
import {driveEngine, type EngineStep, type EngineView} from '../../source/modes/engine-driver.js';
import {loadEvents} from '../helpers/fixtures.js';

const events = loadEvents('correlate/websocket-chat.jsonl');
const half = Math.floor(events.length / 2);

const config: CommonConfig = {
	output: 'json',
	interactive: false,
	debugLog: undefined,
	exportPath: undefined,
	colour: false,
	timezone: 'utc',
	accessLogFormat: undefined,
	filter: {errorsOnly: true},
	limits: DEFAULT_LIMITS,
};

/** A view that remembers what it was given. */
function recordingView(tracksChanges: boolean): EngineView & {steps: EngineStep[]; ended: EngineSummary | undefined} {
	return {
		tracksChanges,
		closed: false,
		steps: [],
		ended: undefined,
		show(step) {
			this.steps.push(step);
		},
		end(summary) {
			this.ended = summary;
		},
	};
}

async function* batches(failAfter?: number): AsyncGenerator<LogEvent[]> {
	yield events.slice(0, half);
	if (failAfter === 1) throw new Error('unexpected end of file');
	yield events.slice(half);
}

async function* oneBatch(batch: LogEvent[]): AsyncGenerator<LogEvent[]> {
	yield batch;
}

/** The demo's chat traffic as its log groups receive it. */
function demoTraffic(count: number): LogEvent[] {
	const apiId = 'a1b2c3d4e5';
	const traffic = generateTraffic({seed: 3, apiId, stage: 'prod', startTime: 1_700_000_000_000, eventsPerSecond: 500, executionLogGroup: `API-Gateway-Execution-Logs_${apiId}/prod`, accessLogGroup: `/aws/apigateway/${apiId}/prod/access`});
	const batch: LogEvent[] = [];
	for (const {event} of traffic) {
		batch.push({timestamp: event.timestamp, message: event.message, logGroup: event.logGroup, logStream: event.logStream});
		if (batch.length === count) break;
	}

	return batch;
}

async function* failing(): AsyncGenerator<LogEvent[]> {
	yield* [];
	throw new Error('no such file');
}

function drive(source: AsyncIterable<LogEvent[]>, view: EngineView, signal = new AbortController().signal) {
	return driveEngine(source, {config, accessParser: compileAccessFormat(ACCESS_LOG_PRESETS.websocket.json), signal}, view);
}

const requestIds = (steps: EngineStep[]) => steps.flatMap((step) => step.outputs.flatMap((output) => (output.type === 'request' ? [output.request.requestId] : [])));

describe('driveEngine', () => {
	it('gives a printer what became final through the filters, then the summary', async () => {
		const view = recordingView(false);
		await drive(batches(), view);
		expect(requestIds(view.steps).sort()).toEqual(['177a5660-9b20-4614-b620-51dd4d56fb4c', 'Iq9h0AbcdAMFx1Q=', 'JrAB0kLmNAMFq7w=']);
		expect(view.steps.every((step) => step.changes.length === 0)).toBe(true);
		expect(view.ended?.requests).toBe(6);
	});

	it('gives the terminal UI every request a batch touched, unfiltered, settled or not', async () => {
		const view = recordingView(true);
		await drive(batches(), view);
		const changed = new Set(view.steps.flatMap((step) => step.changes.map((change) => change.request.requestId)));
		expect(changed.size).toBe(6);
		expect(view.steps[0]?.changes.some((change) => change.pending)).toBe(true);
		expect(view.steps.at(-1)?.changes.every((change) => !change.pending)).toBe(true);
	});

	it('shows a view that shares the event loop with keys each slice of a large batch as it goes, with the same requests in the end', async () => {
		const traffic = demoTraffic(2000);
		const whole = recordingView(true);
		await drive(oneBatch(traffic), whole);
		// A zero budget yields before every slice of the batch, and shows what the slice before made.
		const sliced = {...recordingView(true), sliceMs: 0};
		await drive(oneBatch(traffic), sliced);
		expect(sliced.steps.length).toBeGreaterThan(whole.steps.length + 10);
		const latest = (steps: EngineStep[]) => new Map(steps.flatMap((step) => step.changes.map((change) => [change.request.requestId, change])));
		expect(latest(sliced.steps)).toEqual(latest(whole.steps));
		expect(requestIds(sliced.steps)).toEqual(requestIds(whole.steps));
		expect(sliced.ended).toEqual(whole.ended);
	});

	it('takes batches in slices for a view that shares the event loop with keys, with the same result', async () => {
		const whole = recordingView(true);
		await drive(batches(), whole);
		// A zero budget yields before every slice of the batch.
		const sliced = {...recordingView(true), sliceMs: 0};
		await drive(batches(), sliced);
		const shape = (steps: EngineStep[]) => steps.map((step) => ({outputs: step.outputs, changes: step.changes, summary: step.summary()}));
		expect(shape(sliced.steps)).toEqual(shape(whole.steps));
		expect(sliced.ended).toEqual(whole.ended);
	});

	it('is only the error when the source fails before giving anything', async () => {
		const view = recordingView(false);
		await expect(drive(failing(), view)).rejects.toThrow('no such file');
		expect(view.steps).toEqual([]);
		expect(view.ended).toBeUndefined();
	});

	it('shows what a source gave before failing, ends, then throws its error', async () => {
		const view = recordingView(false);
		await expect(drive(batches(1), view)).rejects.toThrow('unexpected end of file');
		expect(view.ended?.events).toBe(half);
		expect(view.steps.length).toBe(2);
	});

	it('stops reading when aborted, and still ends with what is final', async () => {
		const stop = new AbortController();
		const view = recordingView(false);
		const original = view.show.bind(view);
		view.show = (step) => {
			original(step);
			stop.abort();
		};

		await drive(batches(), view, stop.signal);
		expect(view.ended?.events).toBe(half);
	});
});
