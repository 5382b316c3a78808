// Python runtime lines of the Text log format: logging's `[LEVEL]\tTIME\tID\tmessage`, and the runtime's
// report of an unhandled exception, one event without a request id whose lines are separated by `\r`
// (or `\n` in copies): `[ERROR] KeyError: 'room'\rTraceback (most recent call last):\r  File ...`.

import type {LambdaLine} from './lambda-line.js';
import {stripNewline} from './parse-node.js';
import type {InvocationError} from './types.js';

const LOGGING_LINE = /^\[([A-Z]+)\]\t(\d{4}-\d\d-\d\dT[\d:.]+Z)\t([^\t]+)\t([\s\S]*)$/;
const UNHANDLED = /^\[ERROR\] ([A-Za-z_][\w.]*)(?:: ([^\r\n]*))?[\r\n]+Traceback \(most recent call last\):/;

export function parsePythonLine(message: string): LambdaLine | undefined {
	const logged = LOGGING_LINE.exec(message);
	if (logged) {
		return {kind: 'app', requestId: logged[3]!, level: logged[1]!, message: stripNewline(logged[4]!), error: undefined};
	}

	const unhandled = UNHANDLED.exec(message);
	if (!unhandled) return undefined;
	const text = stripNewline(message).replaceAll('\r', '\n');
	const error: InvocationError = {
		type: unhandled[1]!,
		message: unhandled[2] ?? '',
		stack: text.split('\n').slice(1),
	};
	return {kind: 'app', requestId: undefined, level: 'ERROR', message: text, error};
}
