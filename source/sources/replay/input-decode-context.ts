// What the text decoder (input-shapes.ts) and the JSON decoders (input-json.ts, input-json-lines.ts) share:
// the shapes an input can have, and the context they decode events into. Its own module, so that the
// decoders import it downward instead of from each other in a circle.
import type {LogEvent} from '../../core/types.js';

export type InputShape =
	| 'filter-log-events-json'
	| 'get-log-events-json'
	| 'subscription'
	| 'ndjson'
	| 'aws-logs-tail'
	| 'plain';

export interface JsonDecodeContext {
	readonly events: LogEvent[];
	/** The time of the previous event: given to an event that has none. */
	lastTimestamp: number;
	noteShape(shape: InputShape): void;
	/** Decodes text unwrapped from a value (a gzip payload) as an input of its own; false when nested too deep. */
	decodeEmbeddedText(text: string): boolean;
}
