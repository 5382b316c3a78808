// Reads one Lambda log event, whatever runtime or log format wrote it. Nothing is refused: text no shape
// matches is a line of the handler without a request id (print(), another runtime), kept as written.

import type {LambdaLine} from './lambda-line.js';
import {parseJsonFormat} from './parse-json-format.js';
import {parseNodeLine, stripNewline} from './parse-node.js';
import {parsePlatformText} from './parse-platform-text.js';
import {parsePythonLine} from './parse-python.js';

export function parseLambdaLine(message: string): LambdaLine {
	return (
		parseJsonFormat(message) ??
		parsePlatformText(message) ??
		parseNodeLine(message) ??
		parsePythonLine(message) ?? {kind: 'app', requestId: undefined, level: null, message: stripNewline(message), error: undefined}
	);
}

const PLATFORM_PREFIX = /^(?:START|END|REPORT) RequestId: |^INIT_START |^RequestId: \S+ Error: Runtime exited| Task timed out after [\d.]+ seconds/;
const RUNTIME_LINE = /^\d{4}-\d\d-\d\dT[\d:.]+Z\t[\da-f-]{36}\t[A-Z]+\t|^\[[A-Z]+\]\t\d{4}-\d\d-\d\dT[\d:.]+Z\t[\da-f-]{36}\t/;
const APPLICATION_KEYS = /"level"\s*:/;
const NOT_APPLICATION_KEYS = /"(?:status|routeKey|httpMethod|eventType|connectionId|ip)"\s*:/;

/**
 * Whether an event of no known log group is a Lambda function's: its platform lines, a runtime's id-carrying
 * lines, or a JSON-format record (platform record, or an application record with `level` and `requestId`,
 * which an access line never has together without the gateway's own keys).
 */
export function looksLikeLambdaLine(message: string): boolean {
	if (PLATFORM_PREFIX.test(message) || RUNTIME_LINE.test(message)) return true;
	if (!message.startsWith('{')) return false;
	if (message.includes('"type":"platform.') || message.includes('"type": "platform.')) return true;
	return message.includes('"requestId"') && APPLICATION_KEYS.test(message) && !NOT_APPLICATION_KEYS.test(message);
}
