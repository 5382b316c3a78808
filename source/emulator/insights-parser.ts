// parseInsightsQuery: Logs Insights query text -> ParsedQuery, or MalformedQueryError for what the
// emulator's subset does not know and what the service itself rejects (unknown commands and
// functions, `limit` outside 1..10,000, a glob whose `*` count differs from its names, a regex
// parse without named groups, aggregates outside stats, stats fields that are no aggregate).

import {MalformedQueryError, tokenize} from './insights-lexer.js';
import {compileRegex, parseExpression, parseFieldName, TokenCursor} from './insights-parse-expression.js';
import {childrenOf, MAX_LIMIT_COMMAND, type Command, type Expression, type ParsedQuery, type Projection, type SortKey} from './insights-syntax.js';

export {MalformedQueryError} from './insights-lexer.js';

/** Commands of the real language the emulator does not serve: named in the error, not "unknown". */
const UNSUPPORTED_COMMANDS = new Set(['unnest', 'filterindex', 'source', 'join', 'pattern', 'diff', 'anomaly', 'lookup', 'unmask', 'head', 'tail', 'addtotals']);
const MAX_QUERY_LENGTH = 10_000;

export function parseInsightsQuery(text: string): ParsedQuery {
	if (text.length > MAX_QUERY_LENGTH) throw new MalformedQueryError(`the query string is longer than ${MAX_QUERY_LENGTH} characters`, MAX_QUERY_LENGTH);
	const cursor = new TokenCursor(tokenize(text), text);
	const commands: Command[] = [];
	if (cursor.atEnd()) throw new MalformedQueryError('the query is empty', 0);
	do commands.push(parseCommand(cursor));
	while (cursor.takeSymbol('|'));
	if (!cursor.atEnd()) throw cursor.unexpected("'|' or the end of the query");
	return {text, commands};
}

function parseCommand(cursor: TokenCursor): Command {
	const token = cursor.current;
	const name = token.kind === 'word' ? token.text.toLowerCase() : '';
	if (name === '') throw cursor.unexpected('a command');
	cursor.next();
	switch (name) {
		case 'fields':
		case 'display':
			return {kind: name, items: projections(cursor, {})};
		case 'filter':
			return {kind: 'filter', condition: parseExpression(cursor)};
		case 'parse':
			return parseCommandParse(cursor);
		case 'stats':
			return parseStats(cursor);
		case 'sort':
			return {kind: 'sort', keys: list(cursor, () => sortKey(cursor))};
		case 'limit':
			return {kind: 'limit', count: limitCount(cursor)};
		case 'dedup':
			return {kind: 'dedup', fields: list(cursor, (): Expression => ({kind: 'field', name: parseFieldName(cursor)}))};
		default:
			if (UNSUPPORTED_COMMANDS.has(name)) throw new MalformedQueryError(`the command '${token.text}' is not supported by the emulator`, token.start);
			throw new MalformedQueryError(`unknown command '${token.text}'`, token.start);
	}
}

function list<T>(cursor: TokenCursor, item: () => T): T[] {
	const items: T[] = [];
	do items.push(item());
	while (cursor.takeSymbol(','));
	return items;
}

function projections(cursor: TokenCursor, context: {aggregates?: {slots: number}}): Projection[] {
	return list(cursor, () => projection(cursor, context));
}

function projection(cursor: TokenCursor, context: {aggregates?: {slots: number}}): Projection {
	const start = cursor.current.start;
	const expression = parseExpression(cursor, context);
	const written = cursor.text.slice(start, cursor.peek(-1).end).replaceAll(/\s+/g, ' ');
	const name = cursor.takeWord('as') ? parseFieldName(cursor) : expression.kind === 'field' ? expression.name : written;
	return {expression, name};
}

function sortKey(cursor: TokenCursor): SortKey {
	const expression = parseExpression(cursor);
	if (cursor.takeWord('desc')) return {expression, descending: true};
	cursor.takeWord('asc');
	return {expression, descending: false};
}

function limitCount(cursor: TokenCursor): number {
	const token = cursor.current;
	if (token.kind !== 'number' || !Number.isInteger(token.value)) throw cursor.unexpected('a whole number of rows');
	if (token.value < 1 || token.value > MAX_LIMIT_COMMAND) throw new MalformedQueryError(`limit must be between 1 and ${MAX_LIMIT_COMMAND}`, token.start);
	cursor.next();
	return token.value;
}

function parseCommandParse(cursor: TokenCursor): Command {
	const source: Expression = cursor.current.kind === 'string' || cursor.current.kind === 'regex' ? {kind: 'field', name: '@message'} : {kind: 'field', name: parseFieldName(cursor)};
	const token = cursor.current;
	if (token.kind === 'regex') {
		cursor.next();
		const pattern = compileRegex(token.text, token.start);
		const names = [...token.text.matchAll(/\(\?<([A-Za-z_@][\w@.]*)>/g)].map((match) => match[1] ?? '');
		if (names.length === 0) throw new MalformedQueryError('a parse regular expression needs at least one named capturing group (?<name>...)', token.start);
		return {kind: 'parse', source, pattern, names};
	}
	if (token.kind !== 'string') throw cursor.unexpected('a "glob pattern" or a /regular expression/');
	cursor.next();
	if (!cursor.takeWord('as')) throw cursor.unexpected("'as' and the names of the glob's fields");
	const names = list(cursor, () => parseFieldName(cursor));
	const pieces = token.text.split('*');
	if (pieces.length - 1 !== names.length) {
		throw new MalformedQueryError(`the glob has ${pieces.length - 1} wildcards but ${names.length} field names`, token.start);
	}
	// Every `*` takes as little as it can, except a trailing one, which takes the rest of the text.
	const escaped = pieces.map((piece) => piece.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&'));
	const body = escaped.map((piece, index) => (index === 0 ? piece : `${index === pieces.length - 1 && piece === '' ? '([\\s\\S]*)' : '([\\s\\S]*?)'}${piece}`)).join('');
	return {kind: 'parse', source, pattern: new RegExp(body), names};
}

function parseStats(cursor: TokenCursor): Command {
	const aggregates = {slots: 0};
	const start = cursor.current.start;
	const items = projections(cursor, {aggregates});
	const groups = cursor.takeWord('by') ? projections(cursor, {}) : [];
	const known = new Set(groups.map((group) => group.name));
	for (const item of items) {
		const stray = fieldsOutsideAggregates(item.expression).find((name) => !known.has(name));
		if (stray !== undefined) throw new MalformedQueryError(`'${stray}' in stats must be inside an aggregate function, or an earlier alias`, start);
		known.add(item.name);
	}
	if (aggregates.slots === 0) throw new MalformedQueryError('stats needs at least one aggregate function', start);
	return {kind: 'stats', items, groups, slots: aggregates.slots};
}

function fieldsOutsideAggregates(expression: Expression): string[] {
	if (expression.kind === 'field') return [expression.name];
	if (expression.kind === 'aggregate') return [];
	return childrenOf(expression).flatMap(fieldsOutsideAggregates);
}
