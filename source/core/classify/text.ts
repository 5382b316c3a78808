// Text helpers for error explanations: an explanation is read at a glance on one terminal row, so it
// is one line and short; a message is the log's own words, kept whole up to a cap.

/** An explanation never grows past this, whatever the log put into it. */
export const EXPLANATION_LIMIT = 120;
/** The evidence is kept as the log said it, but a multi-megabyte body is not evidence worth keeping. */
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
	return clip(oneLine(text), EXPLANATION_LIMIT);
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

/** The text after the first `marker`, trimmed; undefined when the marker is absent. */
export function textAfter(text: string, marker: string): string | undefined {
	const at = text.indexOf(marker);
	return at < 0 ? undefined : text.slice(at + marker.length).trim();
}
