// Text helpers for error explanations. Every explanation reads "<what happened> on <route> (<status>):
// <detail>", the route, status and detail left out when unknown; our own words start in lower case
// (names such as Lambda, WAF and API Gateway keep theirs), the log's words are quoted as they are.
// An explanation is one line, kept whole (NDJSON and the export carry it whole; a one-row view cuts it
// where it has to); a message is the log's own words. Both stop at a cap: a multi-megabyte body is not
// evidence worth keeping.

export const MESSAGE_LIMIT = 2000;

// Every line or paragraph separator and control character becomes a space: explanations are one row.
// eslint-disable-next-line no-control-regex
const BREAKS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g;

export function oneLine(text: string): string {
	return text.replace(BREAKS, ' ').replace(/\s+/g, ' ').trim();
}

/** Cuts `text` to at most `limit` characters, marking the cut with `…` and never splitting a surrogate pair. */
export function clip(text: string, limit: number): string {
	if (text.length <= limit) return text;
	let end = limit - 1;
	const last = text.charCodeAt(end - 1);
	if (last >= 0xd800 && last <= 0xdbff) end -= 1;
	return `${text.slice(0, end).trimEnd()}…`;
}

export function explanation(text: string): string {
	return clip(oneLine(text), MESSAGE_LIMIT);
}

export function evidenceMessage(text: string): string {
	return clip(text, MESSAGE_LIMIT);
}

/** `Could not parse policy` reads as `could not parse policy` after a colon; `AuthorizerError` stays. */
export function lowerFirst(text: string): string {
	const first = text.charAt(0);
	const second = text.charAt(1);
	if (second !== '' && second === second.toLowerCase() && second !== second.toUpperCase()) {
		return first.toLowerCase() + text.slice(1);
	}
	return text;
}

/** `10.00 s` from a Lambda's `Task timed out after 10.00 seconds`; undefined for any other error. */
export function lambdaTimeout(text: string): string | undefined {
	const match = /Task timed out after (\d+(?:\.\d+)?) seconds/.exec(text);
	return match === null ? undefined : `${match[1]} s`;
}

/** The text after the first `marker`, trimmed; undefined when the marker is absent. */
export function textAfter(text: string, marker: string): string | undefined {
	const at = text.indexOf(marker);
	return at < 0 ? undefined : text.slice(at + marker.length).trim();
}
