// The text `aws logs tail` prints (awscli/customizations/logs/tail.py):
//   detailed (default): `{isoformat(timespec=microseconds)} {logStreamName} {message}`, UTC, `+00:00`
//   json:               same, but a message that is all JSON is pretty-printed on the lines below
//   short:              `{%Y-%m-%dT%H:%M:%S} {message}`, UTC without a zone
// Every event ends with exactly one newline, so a multi-line message continues on lines that do not
// start with a timestamp. With `--color on` the time and stream are wrapped in SGR sequences.
import {parseIsoTimestamp} from './input-timestamps.js';

export type TailFormat = 'detailed' | 'short';

export interface TailEventStart {
	timestamp: number;
	logStream: string | undefined;
	/** The message text on the first line (more may follow on continuation lines). */
	firstLine: string;
}

const SGR = '(?:\\x1b\\[[0-9;]*m)*';
const DETAILED_START = new RegExp(
	`^${SGR}(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{6})?\\+00:00)${SGR} ${SGR}([^\\s\\x1b]+)${SGR}(?: (.*))?$`,
);
const SHORT_START = new RegExp(`^${SGR}(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})${SGR}(?: (.*))?$`);

/** Which `aws logs tail` format a line starts an event of, if any. */
export function tailFormatOf(line: string): TailFormat | undefined {
	if (DETAILED_START.test(line)) return 'detailed';
	if (SHORT_START.test(line)) return 'short';
	return undefined;
}

/** The start of an event in the given format, or undefined for a continuation line. */
export function matchTailStart(line: string, format: TailFormat): TailEventStart | undefined {
	if (format === 'detailed') {
		const match = DETAILED_START.exec(line);
		if (!match) return undefined;
		const [, time = '', logStream, firstLine = ''] = match;
		return {timestamp: parseIsoTimestamp(time) ?? 0, logStream, firstLine};
	}
	const match = SHORT_START.exec(line);
	if (!match) return undefined;
	const [, time = '', firstLine = ''] = match;
	return {timestamp: parseIsoTimestamp(time) ?? 0, logStream: undefined, firstLine};
}

/** One event's message from its first line's text and its continuation lines. */
export function joinTailMessage(lines: readonly string[]): string {
	if (lines.length === 1) return (lines[0] ?? '').trimEnd();
	let end = lines.length;
	while (end > 1 && lines[end - 1]?.trim() === '') end--;
	if (lines[0] === '' && end > 1) {
		// `--format json` moved a JSON message below its header; compacting it gives back one line
		// equivalent to what the gateway wrote, which the access-log parser expects.
		const body = lines.slice(1, end).join('\n');
		try {
			return JSON.stringify(JSON.parse(body));
		} catch {
			return body.trimEnd();
		}
	}
	return lines.slice(0, end).join('\n').trimEnd();
}
