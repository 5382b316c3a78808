// What a compiled access-log parser is, apart from how one is made: the format compiler and the
// format guesser both produce it, and neither has to import the other for it.

import type {AccessFields} from '../types.js';

export type AccessParseResult = {ok: true; fields: AccessFields} | {ok: false; reason: string};

export interface AccessLineParser {
	/** True when no template is known and keys are mapped by their names. */
	readonly guessed: boolean;
	/** Never throws. */
	parse(line: string): AccessParseResult;
}
