// The help screen as lines at a given width: the key table's sections, one key a line, a description too
// long for the width wrapped by words under itself. The reducer scrolls through these lines and the
// selector windows them, so both agree on what line N is. The table's text is ours and one cell per
// character (test/ui/keys.test.ts checks), so lengths are widths here; the legend's glyphs are drawn
// in the key column by column(), which measures them.

import {ERROR_CATEGORIES} from '../../core/types.js';
import {CATEGORY_GLYPH, CATEGORY_MEANING} from '../../presentation/categories.js';
import {COLD_MEANING, COLD_WORD, INVOCATION_OUTCOMES, LAMBDA_MARK, OUTCOME_MEANING, OUTCOME_WORD} from '../../presentation/lambda-format.js';
import {HELP_SECTIONS, KEY_BINDINGS} from '../keys.js';
import type {HelpLine} from '../view-models.js';
import {layoutFor} from './page-sizes.js';


/** As help-overlay.tsx draws a key: two spaces, the key column, two spaces, the description. */
const HELP_KEY_INDENT = 2;
const HELP_KEY_GAP = 2;
const MIN_DESCRIPTION = 10;

export const HELP_KEY_WIDTH = Math.max(...KEY_BINDINGS.map((binding) => [...binding.keys.join('/')].length));
export const HELP_KEY_COUNT = KEY_BINDINGS.length;

/** The help screen's room: the body between header and status bar, less its title row (as the all-requests view). */
export function helpArea(width: number, height: number): {width: number; rows: number} {
	const {requests} = layoutFor(width, height);
	return {width: requests.width, rows: requests.rows};
}

export function helpLines(width: number): HelpLine[] {
	const descriptionWidth = Math.max(MIN_DESCRIPTION, width - HELP_KEY_INDENT - HELP_KEY_WIDTH - HELP_KEY_GAP);
	const lines: HelpLine[] = [];
	let keyNumber = 0;
	for (const title of HELP_SECTIONS) {
		if (lines.length > 0) lines.push({kind: 'blank', key: '', text: ''});
		lines.push({kind: 'title', key: '', text: title});
		for (const binding of KEY_BINDINGS.filter((candidate) => candidate.section === title)) {
			keyNumber += 1;
			wrapWords(binding.description, descriptionWidth).forEach((text, index) => {
				lines.push({kind: 'key', key: index === 0 ? binding.keys.join('/') : '', text, keyNumber});
			});
		}
	}

	// What the header's glyphs mean, and the words after a request row's λ (the worst outcome of its
	// invocations, and a cold start): drawn like keys but not counted as keys.
	const categories = ERROR_CATEGORIES.map((category): [string, string] => [CATEGORY_GLYPH[category], CATEGORY_MEANING[category]]);
	const outcomes = INVOCATION_OUTCOMES.map((outcome): [string, string] => [OUTCOME_WORD[outcome], OUTCOME_MEANING[outcome]]);
	lines.push(
		...legendLines('Error categories', categories, descriptionWidth),
		...legendLines(`Lambda (${LAMBDA_MARK} on a request row)`, [...outcomes, [COLD_WORD, COLD_MEANING]], descriptionWidth),
	);
	return lines;
}

function legendLines(title: string, entries: ReadonlyArray<[string, string]>, width: number): HelpLine[] {
	const lines: HelpLine[] = [{kind: 'blank', key: '', text: ''}, {kind: 'title', key: '', text: title}];
	for (const [key, meaning] of entries) {
		for (const [index, text] of wrapWords(meaning, width).entries()) lines.push({kind: 'key', key: index === 0 ? key : '', text});
	}

	return lines;
}

/** Greedy word wrap; a word longer than a line is cut. */
function wrapWords(text: string, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(' ')) {
		const joined = line === '' ? word : `${line} ${word}`;
		if ([...joined].length <= width) {
			line = joined;
			continue;
		}

		if (line !== '') lines.push(line);
		line = word;
		while ([...line].length > width) {
			lines.push([...line].slice(0, width).join(''));
			line = [...line].slice(width).join('');
		}
	}

	lines.push(line);
	return lines;
}
