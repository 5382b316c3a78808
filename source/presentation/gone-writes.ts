// How a connection's gone writes read in the one-line views (text output, the UI's timeline): who still
// wrote to it after it closed. Plain text; each view sanitizes and styles it.

import type {GoneWrite} from '../core/classify/lambda.js';

/** `written to after it closed: chat-sendmessage for u-lwIIgxuBhwLhU= got GoneException (410)`; undefined without any. */
export function goneWritesText(writes: readonly GoneWrite[]): string | undefined {
	if (writes.length === 0) return undefined;
	const functions = [...new Set(writes.map((write) => write.function))].join(', ');
	if (writes.length === 1) {
		const [write] = writes;
		const sender = write!.connectionId === undefined ? `request ${write!.requestId}` : write!.connectionId;
		return `written to after it closed: ${functions} for ${sender} got GoneException (410)`;
	}

	const senders = new Set(writes.map((write) => write.connectionId ?? write.requestId)).size;
	return `written to ${writes.length} times after it closed: ${functions} for ${senders} connection${senders === 1 ? '' : 's'} got GoneException (410)`;
}
