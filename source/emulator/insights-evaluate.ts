// Evaluates Logs Insights expressions on one record. A missing field makes comparisons, `in` and
// `like` false and arithmetic missing; `not` then negates plainly (two-valued logic). Comparisons
// are numeric when both sides are numbers or numeric text (`status >= 500` with "503").

import {compareValues, InsightsTime, numberOf, textOf, type InsightsRecord, type Value} from './insights-record.js';
import type {Expression, ScalarFunction} from './insights-syntax.js';

/** Values of a stats row's aggregates, by slot, for expressions over aggregates. */
export type AggregateValues = readonly (Value | undefined)[];

export function evaluate(expression: Expression, record: InsightsRecord, aggregates: AggregateValues = []): Value | undefined {
	const recurse = (inner: Expression): Value | undefined => evaluate(inner, record, aggregates);
	switch (expression.kind) {
		case 'field':
			return record.get(expression.name);
		case 'literal':
			return expression.value;
		case 'duration':
			return expression.ms;
		case 'aggregate':
			return aggregates[expression.slot];
		case 'negate': {
			const value = numberOf(recurse(expression.operand));
			return value === undefined ? undefined : -value;
		}
		case 'not':
			return !isTrue(recurse(expression.operand));
		case 'logical':
			return expression.op === 'and' ? isTrue(recurse(expression.left)) && isTrue(recurse(expression.right)) : isTrue(recurse(expression.left)) || isTrue(recurse(expression.right));
		case 'binary':
			return binary(expression.op, recurse(expression.left), recurse(expression.right));
		case 'in': {
			const value = recurse(expression.operand);
			if (value === undefined) return false;
			return expression.list.some((item) => equals(value, item)) !== expression.negated;
		}
		case 'match': {
			const value = recurse(expression.operand);
			if (value === undefined) return false;
			const text = textOf(value);
			const found = typeof expression.pattern === 'string' ? text.includes(expression.pattern) : expression.pattern.test(text);
			return found !== expression.negated;
		}
		case 'call':
			return call(expression.name, expression.args, record, recurse);
	}
}

export function isTrue(value: Value | undefined): boolean {
	if (value === undefined) return false;
	if (typeof value === 'boolean') return value;
	if (typeof value === 'number') return value !== 0;
	if (value instanceof InsightsTime) return true;
	return value !== '' && value !== 'false';
}

function equals(a: Value, b: Value): boolean {
	const left = numberOf(a);
	const right = numberOf(b);
	if (left !== undefined && right !== undefined) return left === right;
	return textOf(a) === textOf(b);
}

function binary(op: string, left: Value | undefined, right: Value | undefined): Value | undefined {
	if (left === undefined || right === undefined) return ['=', '!=', '<', '>', '<=', '>='].includes(op) ? false : undefined;
	switch (op) {
		case '=':
			return equals(left, right);
		case '!=':
			return !equals(left, right);
		case '<':
			return compareValues(left, right) < 0;
		case '>':
			return compareValues(left, right) > 0;
		case '<=':
			return compareValues(left, right) <= 0;
		case '>=':
			return compareValues(left, right) >= 0;
	}
	const x = numberOf(left);
	const y = numberOf(right);
	if (x === undefined || y === undefined) return undefined;
	const results: Record<string, number> = {'+': x + y, '-': x - y, '*': x * y, '/': x / y, '%': x % y, '^': x ** y};
	return results[op];
}

type Recurse = (expression: Expression) => Value | undefined;

function call(name: ScalarFunction, args: readonly Expression[], record: InsightsRecord, recurse: Recurse): Value | undefined {
	const values = args.map(recurse);
	const [first, second, third] = values;
	const numbers = values.map(numberOf);
	const [n1, n2] = numbers;
	const text = first === undefined ? undefined : textOf(first);
	switch (name) {
		case 'ispresent':
			return first !== undefined;
		case 'isempty':
			return text === undefined || text === '';
		case 'isblank':
			return text === undefined || text.trim() === '';
		case 'coalesce':
			return values.find((value) => value !== undefined);
		case 'abs':
			return n1 === undefined ? undefined : Math.abs(n1);
		case 'ceil':
			return n1 === undefined ? undefined : Math.ceil(n1);
		case 'floor':
			return n1 === undefined ? undefined : Math.floor(n1);
		case 'log':
			return n1 === undefined ? undefined : Math.log(n1);
		case 'sqrt':
			return n1 === undefined ? undefined : Math.sqrt(n1);
		case 'greatest':
		case 'least': {
			const present = numbers.filter((value): value is number => value !== undefined);
			if (present.length === 0) return undefined;
			return name === 'greatest' ? Math.max(...present) : Math.min(...present);
		}
		case 'concat':
			return values.map((value) => (value === undefined ? '' : textOf(value))).join('');
		case 'strlen':
			return text === undefined ? undefined : [...text].length;
		case 'tolower':
			return text?.toLowerCase();
		case 'toupper':
			return text?.toUpperCase();
		case 'trim':
		case 'ltrim':
		case 'rtrim':
			return text === undefined ? undefined : trim(text, second === undefined ? undefined : textOf(second), name);
		case 'substr': {
			if (text === undefined || n2 === undefined) return undefined;
			const length = numbers[2];
			return text.slice(n2, length === undefined ? undefined : n2 + length);
		}
		case 'replace':
			return text === undefined || second === undefined || third === undefined ? undefined : text.replaceAll(textOf(second), textOf(third));
		case 'strcontains':
			return text === undefined || second === undefined ? undefined : text.includes(textOf(second)) ? 1 : 0;
		case 'bin':
		case 'datefloor':
		case 'dateceil': {
			const at = name === 'bin' ? numberOf(record.get('@timestamp')) : n1;
			const period = name === 'bin' ? n1 : n2;
			if (at === undefined || period === undefined || period <= 0) return undefined;
			// Buckets are aligned to the epoch, in UTC.
			const floor = Math.floor(at / period) * period;
			return new InsightsTime(name === 'dateceil' && floor !== at ? floor + period : floor);
		}
		case 'isIpv4InSubnet':
			return text === undefined || second === undefined ? undefined : inSubnet(text, textOf(second));
	}
}

function trim(text: string, characters: string | undefined, side: 'trim' | 'ltrim' | 'rtrim'): string {
	const strip = characters === undefined ? (char: string) => /\s/.test(char) : (char: string) => characters.includes(char);
	let start = 0;
	let end = text.length;
	if (side !== 'rtrim') while (start < end && strip(text[start] ?? '')) start++;
	if (side !== 'ltrim') while (end > start && strip(text[end - 1] ?? '')) end--;
	return text.slice(start, end);
}

function inSubnet(ip: string, cidr: string): boolean {
	const address = ipv4(ip);
	const [network = '', bits = '32'] = cidr.split('/');
	const base = ipv4(network);
	const size = Number(bits);
	if (address === undefined || base === undefined || !(size >= 0 && size <= 32)) return false;
	const mask = size === 0 ? 0 : (~0 << (32 - size)) >>> 0;
	return ((address & mask) >>> 0) === ((base & mask) >>> 0);
}

function ipv4(text: string): number | undefined {
	const parts = text.split('.').map(Number);
	if (parts.length !== 4 || parts.some((part) => !Number.isInteger(part) || part < 0 || part > 255)) return undefined;
	return parts.reduce((sum, part) => sum * 256 + part, 0);
}
