// Reading access-log lines without their format: JSON objects only, keys mapped to `$context`
// variables by name. The result says it is a guess; unknown keys are kept under their own names.

import type {AccessFields} from '../types.js';
import {addField} from './access-fields.js';
import type {AccessLineParser, AccessParseResult} from './access-types.js';
import {fieldJson} from './access-json.js';
import {KNOWN_VARIABLES} from './access-variables.js';

/** Key names people give variables, compared in the normalized form of `normalizeKey`. */
const ALIASES: ReadonlyMap<string, string> = new Map([
	['ip', 'identity.sourceIp'],
	['sourceip', 'identity.sourceIp'],
	['clientip', 'identity.sourceIp'],
	['caller', 'identity.caller'],
	['user', 'identity.user'],
	['useragent', 'identity.userAgent'],
	['userarn', 'identity.userArn'],
	['method', 'httpMethod'],
	['integrationstatus', 'integration.status'],
	['integrationerror', 'integration.error'],
	['integrationrequestid', 'integration.requestId'],
	['errormessage', 'error.message'],
	['responsetype', 'error.responseType'],
	['errorresponsetype', 'error.responseType'],
	['validationerror', 'error.validationErrorString'],
	['validationerrorstring', 'error.validationErrorString'],
	['authorizererror', 'authorizer.error'],
	['authorizerstatus', 'authorizer.status'],
	['authorizerlatency', 'authorizer.latency'],
	['principalid', 'authorizer.principalId'],
	['authorizeerror', 'authorize.error'],
	['authorizestatus', 'authorize.status'],
	['authenticateerror', 'authenticate.error'],
	['authenticatestatus', 'authenticate.status'],
	['waferror', 'waf.error'],
	['wafstatus', 'waf.status'],
	['waflatency', 'waf.latency'],
]);

const KNOWN: ReadonlyMap<string, string> = new Map(KNOWN_VARIABLES.map((name) => [normalizeKey(name), name]));

// Deeper objects are kept as JSON text under their key instead of being walked.
const MAX_DEPTH = 8;

export function createGuessingAccessParser(): AccessLineParser {
	return {
		guessed: true,
		parse(line: string): AccessParseResult {
			try {
				return parseGuessing(line);
			} catch (error) {
				return {ok: false, reason: `could not read line: ${(error as Error).message}`};
			}
		},
	};
}

function parseGuessing(line: string): AccessParseResult {
	const text = line.trim();
	if (!text.startsWith('{')) {
		return {ok: false, reason: 'not a JSON object, and no access-log format is known to read other lines'};
	}

	let document: unknown;
	try {
		document = JSON.parse(text);
	} catch {
		return {ok: false, reason: 'not valid JSON, and no access-log format is known to read other lines'};
	}

	if (typeof document !== 'object' || document === null || Array.isArray(document)) {
		return {ok: false, reason: 'not a JSON object, and no access-log format is known to read other lines'};
	}

	const fields: AccessFields = {};
	collect(document as Record<string, unknown>, '', 0, fields);
	return {ok: true, fields};
}

function collect(object: Record<string, unknown>, prefix: string, depth: number, fields: AccessFields): void {
	for (const [key, value] of Object.entries(object)) {
		const path = prefix + key;
		if (typeof value === 'object' && value !== null && !Array.isArray(value) && depth < MAX_DEPTH) {
			collect(value as Record<string, unknown>, `${path}.`, depth + 1, fields);
		} else if (value !== null) {
			addField(fields, guessVariable(path), typeof value === 'string' ? value : fieldJson(value));
		}
	}
}

/** The variable a JSON key (path) most likely holds; the key itself when none is known. */
export function guessVariable(key: string): string {
	const normalized = normalizeKey(key);
	return ALIASES.get(normalized) ?? KNOWN.get(normalized) ?? key;
}

/** Case, `_`, `-` and a `$context.` prefix do not matter; dots do (`integration.latency` ≠ `integrationLatency`). */
function normalizeKey(key: string): string {
	return key
		.toLowerCase()
		.replace(/^\$\{context\.(.*)\}$/, '$1')
		.replace(/^\$?context\./, '')
		.replace(/[\s_-]/g, '');
}
