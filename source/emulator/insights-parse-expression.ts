// Expressions of the Logs Insights language: or < and < not < comparison/like/in/=~ < + - < * / % < ^
// < unary minus < literal, field, function call, (expression). Aggregates only where stats allows them.

import {MalformedQueryError, type Token} from './insights-lexer.js';
import {AGGREGATE_FUNCTIONS, SCALAR_FUNCTIONS, type AggregateFunction, type BinaryOperator, type Expression, type ScalarFunction} from './insights-syntax.js';

const KEYWORDS = new Set(['and', 'or', 'not', 'like', 'in', 'as', 'by', 'asc', 'desc']);
const COMPARISONS = new Set(['=', '!=', '<', '>', '<=', '>=']);

export class TokenCursor {
	#index = 0;

	constructor(
		readonly tokens: readonly Token[],
		readonly text: string,
	) {}

	get current(): Token {
		return this.tokens[this.#index] ?? this.tokens[this.tokens.length - 1]!;
	}

	/** The token `offset` places after the current one. */
	peek(offset: number): Token {
		return this.tokens[Math.min(this.#index + offset, this.tokens.length - 1)]!;
	}

	next(): Token {
		const token = this.current;
		if (this.#index < this.tokens.length - 1) this.#index++;
		return token;
	}

	atEnd(): boolean {
		return this.current.kind === 'end';
	}

	isSymbol(symbol: string): boolean {
		return this.current.kind === 'symbol' && this.current.text === symbol;
	}

	isWord(word: string): boolean {
		return this.current.kind === 'word' && this.current.text.toLowerCase() === word;
	}

	takeSymbol(symbol: string): boolean {
		if (!this.isSymbol(symbol)) return false;
		this.next();
		return true;
	}

	takeWord(word: string): boolean {
		if (!this.isWord(word)) return false;
		this.next();
		return true;
	}

	expectSymbol(symbol: string): void {
		if (!this.takeSymbol(symbol)) throw this.unexpected(`'${symbol}'`);
	}

	unexpected(expected: string): MalformedQueryError {
		const token = this.current;
		const found = token.kind === 'end' ? 'end of query' : `'${this.text.slice(token.start, token.end)}'`;
		return new MalformedQueryError(`unexpected symbol found ${found}, expected ${expected}`, token.start);
	}
}

export interface ExpressionContext {
	/** Set inside stats items: aggregate calls take the next accumulator slot. */
	aggregates?: {slots: number};
}

export function parseExpression(cursor: TokenCursor, context: ExpressionContext = {}): Expression {
	return new ExpressionParser(cursor, context).or();
}

/** A field name: a bare word that is not a keyword, an `@`/dotted name, or a backticked name. */
export function parseFieldName(cursor: TokenCursor): string {
	const token = cursor.current;
	if (token.kind === 'field' || (token.kind === 'word' && !KEYWORDS.has(token.text.toLowerCase()))) {
		cursor.next();
		return token.text;
	}
	throw cursor.unexpected('a field name');
}

/** A regex as the service reads it: Java's leading `(?i)` becomes the `i` flag. */
export function compileRegex(source: string, offset: number): RegExp {
	const insensitive = source.includes('(?i)');
	try {
		return new RegExp(source.replaceAll('(?i)', ''), insensitive ? 'i' : '');
	} catch (error) {
		throw new MalformedQueryError(`invalid regular expression /${source}/: ${(error as Error).message}`, offset);
	}
}

class ExpressionParser {
	constructor(
		readonly cursor: TokenCursor,
		readonly context: ExpressionContext,
	) {}

	or(): Expression {
		let left = this.and();
		while (this.cursor.takeWord('or')) left = {kind: 'logical', op: 'or', left, right: this.and()};
		return left;
	}

	and(): Expression {
		let left = this.not();
		while (this.cursor.takeWord('and')) left = {kind: 'logical', op: 'and', left, right: this.not()};
		return left;
	}

	not(): Expression {
		if (this.cursor.takeWord('not')) return {kind: 'not', operand: this.not()};
		return this.comparison();
	}

	comparison(): Expression {
		const left = this.additive();
		const {cursor} = this;
		const token = cursor.current;
		if (token.kind === 'symbol' && COMPARISONS.has(token.text)) {
			cursor.next();
			return {kind: 'binary', op: token.text as BinaryOperator, left, right: this.additive()};
		}
		if (cursor.takeSymbol('=~')) return {kind: 'match', operand: left, pattern: this.pattern(), negated: false};
		const negated = cursor.isWord('not') && ['like', 'in'].includes(cursor.peek(1).text.toLowerCase());
		if (negated) cursor.next();
		if (cursor.takeWord('like')) return {kind: 'match', operand: left, pattern: this.pattern(), negated};
		if (cursor.takeWord('in')) return {kind: 'in', operand: left, list: this.list(), negated};
		return left;
	}

	additive(): Expression {
		let left = this.multiplicative();
		while (this.cursor.isSymbol('+') || this.cursor.isSymbol('-')) {
			const op = this.cursor.next().text as BinaryOperator;
			left = {kind: 'binary', op, left, right: this.multiplicative()};
		}
		return left;
	}

	multiplicative(): Expression {
		let left = this.power();
		while (this.cursor.isSymbol('*') || this.cursor.isSymbol('/') || this.cursor.isSymbol('%')) {
			const op = this.cursor.next().text as BinaryOperator;
			left = {kind: 'binary', op, left, right: this.power()};
		}
		return left;
	}

	power(): Expression {
		const base = this.unary();
		if (this.cursor.takeSymbol('^')) return {kind: 'binary', op: '^', left: base, right: this.power()};
		return base;
	}

	unary(): Expression {
		if (this.cursor.takeSymbol('-')) return {kind: 'negate', operand: this.unary()};
		return this.primary();
	}

	primary(): Expression {
		const {cursor} = this;
		const token = cursor.current;
		if (token.kind === 'number') {
			cursor.next();
			return {kind: 'literal', value: token.value};
		}
		if (token.kind === 'string') {
			cursor.next();
			return {kind: 'literal', value: token.text};
		}
		if (token.kind === 'duration') {
			cursor.next();
			return {kind: 'duration', ms: token.value};
		}
		if (cursor.takeSymbol('(')) {
			const inner = this.or();
			cursor.expectSymbol(')');
			return inner;
		}
		if (token.kind === 'word' && cursor.peek(1).kind === 'symbol' && cursor.peek(1).text === '(') return this.call();
		return {kind: 'field', name: parseFieldName(cursor)};
	}

	call(): Expression {
		const {cursor} = this;
		const token = cursor.next();
		const name = token.text;
		cursor.expectSymbol('(');
		const aggregate = AGGREGATE_FUNCTIONS.find((candidate) => candidate === name.toLowerCase());
		if (aggregate !== undefined) return this.aggregate(aggregate, token);
		const scalar = Object.keys(SCALAR_FUNCTIONS).find((candidate) => candidate.toLowerCase() === name.toLowerCase()) as ScalarFunction | undefined;
		if (scalar === undefined) throw new MalformedQueryError(`unknown function '${name}' (not in the emulator's subset)`, token.start);
		const args = this.arguments();
		const [least, most] = SCALAR_FUNCTIONS[scalar];
		if (args.length < least || args.length > most) throw new MalformedQueryError(`${scalar} takes ${least === most ? least : `${least} to ${most}`} arguments, got ${args.length}`, token.start);
		if (scalar === 'bin' && args[0]?.kind !== 'duration') throw new MalformedQueryError('bin needs a time period such as 5m or 1h', token.start);
		return {kind: 'call', name: scalar, args};
	}

	aggregate(name: AggregateFunction, token: Token): Expression {
		const {aggregates} = this.context;
		if (aggregates === undefined) throw new MalformedQueryError(`aggregate function ${name} can only be used in stats`, token.start);
		// An aggregate's arguments are per-event expressions: no aggregate inside an aggregate.
		const inner = new ExpressionParser(this.cursor, {});
		let args: Expression[];
		if (name === 'count' && this.cursor.takeSymbol('*')) {
			this.cursor.expectSymbol(')');
			args = [];
		} else {
			args = inner.arguments();
		}
		const arity = name === 'pct' ? 2 : name === 'count' ? args.length : 1;
		if (args.length !== arity || (name === 'count' && args.length > 1)) throw new MalformedQueryError(`wrong number of arguments for ${name}`, token.start);
		if (name === 'pct') {
			const percentile = args[1];
			if (percentile?.kind !== 'literal' || typeof percentile.value !== 'number' || percentile.value < 0 || percentile.value > 100) {
				throw new MalformedQueryError('pct needs a percentile between 0 and 100', token.start);
			}
		}
		return {kind: 'aggregate', name, args, slot: aggregates.slots++};
	}

	arguments(): Expression[] {
		const args: Expression[] = [];
		if (this.cursor.takeSymbol(')')) return args;
		do args.push(this.or());
		while (this.cursor.takeSymbol(','));
		this.cursor.expectSymbol(')');
		return args;
	}

	pattern(): RegExp | string {
		const token = this.cursor.current;
		if (token.kind === 'string') {
			this.cursor.next();
			return token.text;
		}
		if (token.kind === 'regex') {
			this.cursor.next();
			return compileRegex(token.text, token.start);
		}
		throw this.cursor.unexpected('a string or a /regular expression/');
	}

	list(): Array<string | number> {
		const {cursor} = this;
		cursor.expectSymbol('[');
		const values: Array<string | number> = [];
		if (cursor.takeSymbol(']')) return values;
		do {
			const negative = cursor.takeSymbol('-');
			const token = cursor.current;
			if (token.kind === 'number') values.push(negative ? -token.value : token.value);
			else if (token.kind === 'string' && !negative) values.push(token.text);
			else throw cursor.unexpected('a string or a number');
			cursor.next();
		} while (cursor.takeSymbol(','));
		cursor.expectSymbol(']');
		return values;
	}
}
