// CloudWatch Logs filter patterns, as FilterLogEvents and StartLiveTail apply them: unstructured
// terms (`ERROR "exact phrase" ?alt -excluded %regex%`) and JSON selectors (`{ $.status >= 500 }`).
// Space-delimited patterns (`[ip, user, ...]`) are not implemented: they are rejected as malformed
// rather than silently matching everything.

import {evaluateJsonExpression, parseJsonPattern, type JsonExpression} from './filter-pattern-json.js';
import {compileRegexTerm, FilterPatternError, readQuoted} from './filter-pattern-syntax.js';

export {FilterPatternError} from './filter-pattern-syntax.js';

/** One unstructured term: a literal (word or quoted phrase) or a `%regex%`. */
export type TextTerm = {kind: 'literal'; text: string} | {kind: 'regex'; regex: RegExp};

export type FilterPattern =
	| {kind: 'all'}
	| {kind: 'terms'; required: TextTerm[]; anyOf: TextTerm[]; excluded: TextTerm[]}
	| {kind: 'json'; expression: JsonExpression};

export type MessageMatcher = (message: string) => boolean;

export function parseFilterPattern(pattern: string | undefined): FilterPattern {
	const text = (pattern ?? '').trim();
	if (text === '') return {kind: 'all'};
	if (text.startsWith('{')) return {kind: 'json', expression: parseJsonPattern(text)};
	if (text.startsWith('[')) throw new FilterPatternError('space-delimited filter patterns are not supported by the emulator');
	return parseTerms(text);
}

/** Parses once and returns a predicate over event messages. Throws FilterPatternError when malformed. */
export function compileFilterPattern(pattern: string | undefined): MessageMatcher {
	const parsed = parseFilterPattern(pattern);
	switch (parsed.kind) {
		case 'all':
			return () => true;
		case 'json':
			return (message) => matchesJson(parsed.expression, message);
		case 'terms': {
			const {required, anyOf, excluded} = parsed;
			return (message) =>
				required.every((term) => termMatches(term, message)) &&
				(anyOf.length === 0 || anyOf.some((term) => termMatches(term, message))) &&
				!excluded.some((term) => termMatches(term, message));
		}
	}
}

// Terms match anywhere in the message, case-sensitively, as the service documents ("ERROR" matches "[ERROR]").
function termMatches(term: TextTerm, message: string): boolean {
	return term.kind === 'literal' ? message.includes(term.text) : term.regex.test(message);
}

function matchesJson(expression: JsonExpression, message: string): boolean {
	let document: unknown;
	try {
		document = JSON.parse(message);
	} catch {
		return false;
	}
	return typeof document === 'object' && document !== null && evaluateJsonExpression(expression, document);
}

function parseTerms(text: string): FilterPattern {
	const required: TextTerm[] = [];
	const anyOf: TextTerm[] = [];
	const excluded: TextTerm[] = [];
	let index = 0;
	while (index < text.length) {
		const char = text[index];
		if (char === undefined) break;
		if (/\s/.test(char)) {
			index++;
			continue;
		}
		let bucket = required;
		if (char === '?' || char === '-') {
			bucket = char === '?' ? anyOf : excluded;
			index++;
			const next = text[index];
			if (next === undefined || /\s/.test(next)) throw new FilterPatternError(`'${char}' must be followed by a term`);
		}
		const {term, end} = readTerm(text, index);
		bucket.push(term);
		index = end;
	}
	return {kind: 'terms', required, anyOf, excluded};
}

function readTerm(text: string, start: number): {term: TextTerm; end: number} {
	const opener = text[start];
	if (opener === '"') {
		const {value, end} = readQuoted(text, start);
		return {term: {kind: 'literal', text: value}, end};
	}
	if (opener === '%') {
		const close = text.indexOf('%', start + 1);
		if (close < 0) throw new FilterPatternError('unterminated %regex%');
		return {term: {kind: 'regex', regex: compileRegexTerm(text.slice(start + 1, close))}, end: close + 1};
	}
	let end = start;
	while (end < text.length && !/\s/.test(text[end] ?? ' ')) {
		if (text[end] === '"') throw new FilterPatternError(`unexpected '"' inside the term starting at ${start}`);
		end++;
	}
	return {term: {kind: 'literal', text: text.slice(start, end)}, end};
}
