// The parsed form of a Logs Insights query (the subset the emulator serves) and the functions it knows.

export type Expression =
	| {readonly kind: 'field'; readonly name: string}
	| {readonly kind: 'literal'; readonly value: string | number}
	| {readonly kind: 'duration'; readonly ms: number}
	| {readonly kind: 'call'; readonly name: ScalarFunction; readonly args: readonly Expression[]}
	| {readonly kind: 'aggregate'; readonly name: AggregateFunction; readonly args: readonly Expression[]; readonly slot: number}
	| {readonly kind: 'binary'; readonly op: BinaryOperator; readonly left: Expression; readonly right: Expression}
	| {readonly kind: 'logical'; readonly op: 'and' | 'or'; readonly left: Expression; readonly right: Expression}
	| {readonly kind: 'not'; readonly operand: Expression}
	| {readonly kind: 'negate'; readonly operand: Expression}
	| {readonly kind: 'in'; readonly operand: Expression; readonly list: readonly (string | number)[]; readonly negated: boolean}
	| {readonly kind: 'match'; readonly operand: Expression; readonly pattern: RegExp | string; readonly negated: boolean};

export type BinaryOperator = '=' | '!=' | '<' | '>' | '<=' | '>=' | '+' | '-' | '*' | '/' | '%' | '^';

/** The expressions directly inside one (arguments, operands). */
export function childrenOf(expression: Expression): readonly Expression[] {
	switch (expression.kind) {
		case 'call':
		case 'aggregate':
			return expression.args;
		case 'binary':
		case 'logical':
			return [expression.left, expression.right];
		case 'not':
		case 'negate':
		case 'in':
		case 'match':
			return [expression.operand];
		default:
			return [];
	}
}

/** An expression and the column it is shown as (its alias, or its text as written). */
export interface Projection {
	readonly expression: Expression;
	readonly name: string;
}

export interface SortKey {
	readonly expression: Expression;
	readonly descending: boolean;
}

export type Command =
	| {readonly kind: 'fields'; readonly items: readonly Projection[]}
	| {readonly kind: 'display'; readonly items: readonly Projection[]}
	| {readonly kind: 'filter'; readonly condition: Expression}
	| {readonly kind: 'parse'; readonly source: Expression; readonly pattern: RegExp; readonly names: readonly string[]}
	| {readonly kind: 'stats'; readonly items: readonly Projection[]; readonly groups: readonly Projection[]; readonly slots: number}
	| {readonly kind: 'sort'; readonly keys: readonly SortKey[]}
	| {readonly kind: 'limit'; readonly count: number}
	| {readonly kind: 'dedup'; readonly fields: readonly Expression[]};

export interface ParsedQuery {
	readonly text: string;
	readonly commands: readonly Command[];
}

export const AGGREGATE_FUNCTIONS = ['count', 'count_distinct', 'sum', 'avg', 'min', 'max', 'pct', 'stddev'] as const;
export type AggregateFunction = (typeof AGGREGATE_FUNCTIONS)[number];

/** Scalar functions with their [least, most] argument counts. */
export const SCALAR_FUNCTIONS = {
	ispresent: [1, 1],
	isempty: [1, 1],
	isblank: [1, 1],
	coalesce: [1, 100],
	abs: [1, 1],
	ceil: [1, 1],
	floor: [1, 1],
	log: [1, 1],
	sqrt: [1, 1],
	greatest: [1, 100],
	least: [1, 100],
	concat: [1, 100],
	strlen: [1, 1],
	tolower: [1, 1],
	toupper: [1, 1],
	trim: [1, 2],
	ltrim: [1, 2],
	rtrim: [1, 2],
	substr: [2, 3],
	replace: [3, 3],
	strcontains: [2, 2],
	bin: [1, 1],
	datefloor: [2, 2],
	dateceil: [2, 2],
	isIpv4InSubnet: [2, 2],
} as const satisfies Record<string, readonly [number, number]>;
export type ScalarFunction = keyof typeof SCALAR_FUNCTIONS;

/** The system fields every event has. */
export const DEFAULT_COLUMNS = ['@timestamp', '@message', '@logStream', '@log'] as const;

/** The row limit when neither a `limit` command nor StartQuery's `limit` says otherwise. */
export const DEFAULT_ROW_LIMIT = 10_000;
/** The largest `limit N` the query language accepts. */
export const MAX_LIMIT_COMMAND = 10_000;
