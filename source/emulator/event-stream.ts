// AWS event-stream frames (application/vnd.amazon.eventstream) as StartLiveTail sends them: one
// frame per union member of the response stream, JSON payloads.

import {EventStreamCodec, type MessageHeaders} from '@smithy/eventstream-codec';
import {fromUtf8, toUtf8} from '@smithy/util-utf8';

export const EVENT_STREAM_CONTENT_TYPE = 'application/vnd.amazon.eventstream';

const codec = new EventStreamCodec(toUtf8, fromUtf8);

const text = (value: string): MessageHeaders[string] => ({type: 'string', value});

/** An `event` frame: `:event-type` names the union member (`sessionStart`, `sessionUpdate`). */
export function encodeEventFrame(eventType: string, payload: unknown): Uint8Array {
	return codec.encode({
		headers: {':message-type': text('event'), ':event-type': text(eventType), ':content-type': text('application/json')},
		body: fromUtf8(JSON.stringify(payload)),
	});
}

/** An `exception` frame: a modelled error member (`SessionTimeoutException`) that ends the stream. */
export function encodeExceptionFrame(exceptionType: string, message: string): Uint8Array {
	return codec.encode({
		headers: {':message-type': text('exception'), ':exception-type': text(exceptionType), ':content-type': text('application/json')},
		body: fromUtf8(JSON.stringify({message})),
	});
}
