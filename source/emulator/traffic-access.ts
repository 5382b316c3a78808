// The access-log side of the simulator: the demo stage's format template and its rendering.

import {LAMBDA_REQUEST_ID_FIELDS, RECOMMENDED_WEBSOCKET_ACCESS_FIELDS} from '../core/parse/access-presets.js';

/** A `$context` variable of the demo template (without the `$context.` prefix). */
export type AccessVariable = (typeof RECOMMENDED_WEBSOCKET_ACCESS_FIELDS)[number][1] | (typeof LAMBDA_REQUEST_ID_FIELDS)[number][1];

// The demo stage logs with the format apigw-tail recommends (doctor suggests the same one), and the
// Lambda request ids where that list does not have them yet.
const DEMO_ACCESS_FIELDS: ReadonlyArray<readonly [string, AccessVariable]> = [
	...RECOMMENDED_WEBSOCKET_ACCESS_FIELDS,
	...LAMBDA_REQUEST_ID_FIELDS.filter(([, variable]) => !RECOMMENDED_WEBSOCKET_ACCESS_FIELDS.some(([, known]) => (known as string) === variable)),
];

/** The values of one request's access line; a missing value renders as `-`. */
export type AccessValues = Partial<Record<AccessVariable, string | number>>;

/**
 * One-line JSON template for a WebSocket stage. Every value is quoted (numbers too) so a `-` still
 * yields valid JSON.
 */
export const DEMO_ACCESS_LOG_FORMAT: string =
	'{' + DEMO_ACCESS_FIELDS.map(([key, variable]) => `"${key}":"$context.${variable}"`).join(',') + '}';

const PLACEHOLDER = /\$context\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)/g;

/**
 * Compiles a format template into a renderer that fills each `$context.NAME` with its value, `-`
 * when unset. Values are JSON-escaped so that quotes or backslashes in a user agent or an error
 * message cannot break a JSON template.
 */
export function compileAccessRenderer(format: string): (values: Readonly<Record<string, string | number | undefined>>) => string {
	const literals: string[] = [];
	const variables: string[] = [];
	let last = 0;
	for (const match of format.matchAll(PLACEHOLDER)) {
		literals.push(format.slice(last, match.index));
		variables.push(match[1] ?? '');
		last = match.index + match[0].length;
	}
	literals.push(format.slice(last));
	return (values) => {
		let out = literals[0] ?? '';
		for (let i = 0; i < variables.length; i++) {
			const value = values[variables[i] ?? ''];
			out += value === undefined || value === '' ? '-' : JSON.stringify(String(value)).slice(1, -1);
			out += literals[i + 1] ?? '';
		}
		return out;
	};
}

export const renderDemoAccessLine: (values: AccessValues) => string = compileAccessRenderer(DEMO_ACCESS_LOG_FORMAT);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `$context.requestTime`: CLF time in UTC, `26/Jul/2023:12:20:46 +0000`. */
export function clfTime(epochMs: number): string {
	const date = new Date(epochMs);
	const pad = (n: number) => String(n).padStart(2, '0');
	return (
		`${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
		`${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
	);
}
