// `apigw-tail replay FILE...`: saved logs through the engine to text or NDJSON.

import type {ReplayConfig} from '../config.js';
import type {LineSink} from '../output/sink.js';
import {UserError} from '../exit-codes.js';
import {readReplayInputs, ReplayInputError} from '../sources/replay/replay.js';
import {accessParserFor} from './access-parser.js';
import {present} from './present.js';

export async function runReplay(config: ReplayConfig, sink: LineSink, signal: AbortSignal): Promise<void> {
	const accessParser = await accessParserFor(config);
	const batches = readReplayInputs(config.inputs.map((path) => ({path})));
	try {
		await present(batches, {
			config,
			accessParser,
			sink,
			signal,
			status: {source: config.inputs.join(', '), transport: 'replay', sampled: false, throttled: false, eventsPerSecond: 0},
		});
	} catch (error) {
		if (error instanceof ReplayInputError) throw new UserError(error.message);
		throw error;
	}
}
