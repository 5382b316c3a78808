// JSON filter patterns: `{ $.a.b = "x*" && ($.status >= 500 || $.error IS TRUE) }`.
// Grammar (`&&` binds tighter than `||`):
//   pattern   := '{' or '}'
//   or        := and ('||' and)*
//   and       := primary ('&&' primary)*
//   primary   := '(' or ')' | selector comparison value | selector IS (TRUE|FALSE|NULL) | selector NOT EXISTS
//   selector  := '$' ('.' name | '[' digits ']')*

import {compileRegexTerm, FilterPatternError, readQuoted} from './filter-pattern-syntax.js';

export type JsonPath = Array<string | number>;
export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** A right-hand side. Strings may hold `*` wildcards, compiled to an anchored regex. */
export type JsonLiteral = {kind: 'number'; value: number} | {kind: 'string'; value: string; regex: RegExp} | {kind: 'regex'; regex: RegExp};

export type JsonExpression =
	| {kind: 'and' | 'or'; left: JsonExpression; right: JsonExpression}
	| {kind: 'compare'; path: JsonPath; operator: ComparisonOperator; value: JsonLiteral}
	| {kind: 'test'; path: JsonPath; test: 'true' | 'false' | 'null' | 'not-exists'};

type Token =
	| {kind: 'punct'; text: '{' | '}' | '(' | ')' | '&&' | '||'}
	| {kind: 'operator'; text: ComparisonOperator}
	| {kind: 'selector'; path: JsonPath}
	| {kind: 'string'; text: string}
	| {kind: 'regex'; regex: RegExp}
	| {kind: 'word'; text: string};

const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const WORD_CHAR = /[^\s(){}&|"=!<>%]/;

export function parseJsonPattern(text: string): JsonExpression {
	const tokens = tokenize(text);
	let position = 0;
	const peek = (): Token | undefined => tokens[position];
	const next = (): Token => {
		const token = tokens[position++];
		if (token === undefined) throw new FilterPatternError('JSON filter pattern ends too early');
		return token;
	};
	const expectPunct = (text: '{' | '}' | ')'): void => {
		const token = next();
		if (token.kind !== 'punct' || token.text !== text) throw new FilterPatternError(`expected '${text}' in JSON filter pattern`);
	};
	const isPunct = (text: string): boolean => {
		const token = peek();
		return token?.kind === 'punct' && token.text === text;
	};

	const parseOr = (): JsonExpression => {
		let left = parseAnd();
		while (isPunct('||')) {
			position++;
			left = {kind: 'or', left, right: parseAnd()};
		}
		return left;
	};
	const parseAnd = (): JsonExpression => {
		let left = parsePrimary();
		while (isPunct('&&')) {
			position++;
			left = {kind: 'and', left, right: parsePrimary()};
		}
		return left;
	};
	const parsePrimary = (): JsonExpression => {
		if (isPunct('(')) {
			position++;
			const inner = parseOr();
			expectPunct(')');
			return inner;
		}
		const selector = next();
		if (selector.kind !== 'selector') throw new FilterPatternError('expected a $ selector in JSON filter pattern');
		const operator = next();
		if (operator.kind === 'operator') return {kind: 'compare', path: selector.path, operator: operator.text, value: literal(operator.text, next())};
		if (operator.kind === 'word' && operator.text === 'IS') {
			const test = next();
			const known = {TRUE: 'true', FALSE: 'false', NULL: 'null'} as const;
			if (test.kind === 'word' && (test.text === 'TRUE' || test.text === 'FALSE' || test.text === 'NULL')) {
				return {kind: 'test', path: selector.path, test: known[test.text]};
			}
			throw new FilterPatternError('IS must be followed by TRUE, FALSE or NULL');
		}
		if (operator.kind === 'word' && operator.text === 'NOT') {
			const exists = next();
			if (exists.kind === 'word' && exists.text === 'EXISTS') return {kind: 'test', path: selector.path, test: 'not-exists'};
		}
		throw new FilterPatternError('expected a comparison, IS or NOT EXISTS after the selector');
	};

	expectPunct('{');
	const expression = parseOr();
	expectPunct('}');
	if (position !== tokens.length) throw new FilterPatternError('unexpected text after the closing }');
	return expression;
}

function literal(operator: ComparisonOperator, token: Token): JsonLiteral {
	const ordering = operator !== '=' && operator !== '!=';
	if (token.kind === 'word' && NUMBER.test(token.text)) return {kind: 'number', value: Number(token.text)};
	if (ordering) throw new FilterPatternError(`'${operator}' needs a number`);
	if (token.kind === 'regex') return {kind: 'regex', regex: token.regex};
	if (token.kind === 'string' || token.kind === 'word') return {kind: 'string', value: token.text, regex: wildcard(token.text)};
	throw new FilterPatternError('expected a value after the comparison');
}

function wildcard(value: string): RegExp {
	const source = value
		.split('*')
		.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
		.join('.*');
	return new RegExp(`^${source}$`, 'su');
}

function tokenize(text: string): Token[] {
	const tokens: Token[] = [];
	let index = 0;
	while (index < text.length) {
		const char = text[index] ?? '';
		const pair = text.slice(index, index + 2);
		if (/\s/.test(char)) {
			index++;
		} else if (pair === '&&' || pair === '||') {
			tokens.push({kind: 'punct', text: pair});
			index += 2;
		} else if (char === '{' || char === '}' || char === '(' || char === ')') {
			tokens.push({kind: 'punct', text: char});
			index++;
		} else if (pair === '!=' || pair === '<=' || pair === '>=') {
			tokens.push({kind: 'operator', text: pair});
			index += 2;
		} else if (char === '=' || char === '<' || char === '>') {
			tokens.push({kind: 'operator', text: char});
			index++;
		} else if (char === '"') {
			const {value, end} = readQuoted(text, index);
			tokens.push({kind: 'string', text: value});
			index = end;
		} else if (char === '%') {
			const close = text.indexOf('%', index + 1);
			if (close < 0) throw new FilterPatternError('unterminated %regex%');
			tokens.push({kind: 'regex', regex: compileRegexTerm(text.slice(index + 1, close))});
			index = close + 1;
		} else if (WORD_CHAR.test(char)) {
			let end = index;
			while (end < text.length && WORD_CHAR.test(text[end] ?? ' ')) end++;
			const word = text.slice(index, end);
			tokens.push(word.startsWith('$') ? {kind: 'selector', path: parseSelector(word)} : {kind: 'word', text: word});
			index = end;
		} else {
			throw new FilterPatternError(`unexpected '${char}' in JSON filter pattern`);
		}
	}
	return tokens;
}

function parseSelector(selector: string): JsonPath {
	const path: JsonPath = [];
	const step = /\.([^.[\]]+)|\[(\d+)\]/y;
	step.lastIndex = 1;
	while (step.lastIndex < selector.length) {
		const match = step.exec(selector);
		if (match === null) throw new FilterPatternError(`malformed selector '${selector}'`);
		path.push(match[1] ?? Number(match[2]));
	}
	if (path.length === 0) throw new FilterPatternError(`selector '${selector}' names no field`);
	return path;
}

export function evaluateJsonExpression(expression: JsonExpression, document: unknown): boolean {
	switch (expression.kind) {
		case 'and':
			return evaluateJsonExpression(expression.left, document) && evaluateJsonExpression(expression.right, document);
		case 'or':
			return evaluateJsonExpression(expression.left, document) || evaluateJsonExpression(expression.right, document);
		case 'test': {
			const value = resolve(document, expression.path);
			if (expression.test === 'not-exists') return value === undefined;
			return value === {true: true, false: false, null: null}[expression.test];
		}
		case 'compare':
			return compare(resolve(document, expression.path), expression.operator, expression.value);
	}
}

function resolve(document: unknown, path: JsonPath): unknown {
	let current: unknown = document;
	for (const step of path) {
		if (typeof step === 'number') {
			if (!Array.isArray(current)) return undefined;
			current = current[step];
		} else {
			if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
			if (!Object.hasOwn(current, step)) return undefined;
			current = (current as Record<string, unknown>)[step];
		}
	}
	return current;
}

// A missing field matches no comparison, not even `!=`. Numbers compare numerically, and so do
// numeric strings: API Gateway JSON access formats quote every value ("status":"502").
function compare(value: unknown, operator: ComparisonOperator, literal: JsonLiteral): boolean {
	if (value === undefined) return false;
	if (literal.kind === 'number') {
		const actual = typeof value === 'number' ? value : typeof value === 'string' && NUMBER.test(value.trim()) ? Number(value) : Number.NaN;
		if (Number.isNaN(actual)) return false;
		switch (operator) {
			case '=':
				return actual === literal.value;
			case '!=':
				return actual !== literal.value;
			case '<':
				return actual < literal.value;
			case '<=':
				return actual <= literal.value;
			case '>':
				return actual > literal.value;
			case '>=':
				return actual >= literal.value;
		}
	}
	if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return false;
	const matched = literal.regex.test(String(value));
	return operator === '=' ? matched : !matched;
}
