// What each demo handler logs while it runs (before any error it throws): the authorizer's verdict, the
// connect handler's table write, the broadcast of a chat message (and the stale connections it meets),
// the Python handlers' logging and print() lines.

import type {LambdaCall} from './lambda-log-calls.js';
import type {AppLevel, DemoFunctionName} from './lambda-log-shapes.js';
import type {Random} from './random.js';

export interface HandlerLine {
	level: AppLevel;
	message: string;
	/** print() output: the runtime adds no request id to it. */
	withoutId?: boolean;
}

/** Share of broadcasts that meet a connection which closed meanwhile (PostToConnection answers 410). */
const STALE_CONNECTION_SHARE = 0.06;

export function handlerScript(rng: Random, call: LambdaCall, goneConnection: string): HandlerLine[] {
	const {connectionId, principalId, outcome} = call;
	const room = /"room":"([^"]+)"/.exec(call.body ?? '')?.[1] ?? 'room-1';
	const finished = outcome.kind === 'success' || outcome.kind === 'denied';
	switch (call.functionName) {
		case 'chat-authorizer': {
			const lines: HandlerLine[] = [{level: 'INFO', message: `authorizing ${principalId} for $connect`}];
			if (outcome.kind === 'denied') lines.push({level: 'WARN', message: `deny ${principalId}: account suspended`});
			else if (outcome.kind === 'threw' && outcome.errorMessage === 'Unauthorized') lines.push({level: 'WARN', message: `token of ${principalId} failed verification: jwt expired`});
			else if (finished) lines.push({level: 'INFO', message: `allow ${principalId}: token valid for ${rng.int(60, 3600)} s`});
			return lines;
		}
		case 'chat-connect': {
			const lines: HandlerLine[] = [{level: 'INFO', message: `connect ${connectionId} for ${principalId}`}];
			lines.push({level: 'INFO', message: finished ? `saved ${connectionId} to table chat-connections` : `writing ${connectionId} to table chat-connections`});
			return lines;
		}
		case 'chat-sendmessage': {
			const lines: HandlerLine[] = [{level: 'INFO', message: `message from ${connectionId} to ${room}`}];
			const gone = outcome.kind === 'threw' && outcome.errorType === 'GoneException';
			if (gone) lines.push({level: 'ERROR', message: `PostToConnection to ${goneConnection} failed: GoneException (410) while broadcasting to ${room}`});
			else if (finished && rng.chance(STALE_CONNECTION_SHARE)) {
				lines.push({level: 'WARN', message: `PostToConnection to ${goneConnection} failed: GoneException (410); removing it from ${room}`});
			}
			if (finished) lines.push({level: 'INFO', message: `broadcast to ${rng.int(1, 12)} connections in ${room}`});
			return lines;
		}
		case 'chat-disconnect': {
			const close = call.close ?? {code: 1000, reason: 'Connection Closed Normally'};
			return [
				{level: 'INFO', message: `disconnect ${connectionId}: ${close.code} ${close.reason}`},
				{level: 'INFO', message: `removed ${connectionId} from ${rng.int(1, 3)} rooms`, withoutId: true},
			];
		}
		case 'chat-default': {
			const lines: HandlerLine[] = [{level: 'INFO', message: `event from ${connectionId} in ${room}`}];
			if (finished) lines.push({level: 'INFO', message: `fan-out typing to ${rng.int(1, 8)} connections`, withoutId: true});
			return lines;
		}
	}
}

/** The frames under a thrown Node.js error, from the function's own code. */
export function nodeStack(functionName: DemoFunctionName): string[] {
	const frames: Partial<Record<DemoFunctionName, string>> = {
		'chat-authorizer': 'verifyToken (file:///var/task/index.mjs:18:11)',
		'chat-connect': 'saveConnection (file:///var/task/index.mjs:14:9)',
	};
	const frame = frames[functionName] ?? 'broadcast (file:///var/task/index.mjs:21:34)';
	return [`    at ${frame}`, '    at Runtime.handler (file:///var/task/index.mjs:44:11)'];
}
