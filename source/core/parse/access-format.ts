// Access-log format compiler: a stage's format template in, a line parser out.
// JSON templates are read with JSON.parse (falling back to the regex form for lines that are not
// valid JSON); every other template with one anchored regex.

import {compileJsonForm} from './access-json.js';
import {compileRegexForm} from './access-regex.js';
import {readTemplate} from './access-template.js';
import type {AccessLineParser, AccessParseResult} from './access-types.js';

export {AccessFormatError} from './access-template.js';
export {createGuessingAccessParser} from './access-guess.js';
export {ACCESS_LOG_PRESETS, type AccessApiType, type AccessPresetName} from './access-presets.js';
export type {AccessLineParser, AccessParseResult} from './access-types.js';

/** Throws AccessFormatError for an empty template or one without a request id. */
export function compileAccessFormat(template: string): AccessLineParser {
	const parsed = readTemplate(template);
	const regexForm = compileRegexForm(parsed);
	const jsonForm = parsed.jsonLike ? compileJsonForm(parsed) : undefined;
	const mismatch = jsonForm
		? 'line is neither JSON with the access-log format keys nor text in its shape'
		: 'line does not match the access-log format';

	return {
		guessed: false,
		parse(line: string): AccessParseResult {
			try {
				const text = line.trim();
				if (text === '') {
					return {ok: false, reason: 'empty line'};
				}

				const fields = jsonForm?.(text) ?? regexForm(text);
				return fields ? {ok: true, fields} : {ok: false, reason: mismatch};
			} catch (error) {
				return {ok: false, reason: `could not read line: ${(error as Error).message}`};
			}
		},
	};
}
