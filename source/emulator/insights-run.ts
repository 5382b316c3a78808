// Runs a parsed query over a query's events a slice at a time, so a running query can show partial
// results. The leading per-event commands (fields, display, parse, filter) stream; from the first
// command that needs every row (stats folds incrementally; sort, limit, dedup materialize) the rest
// is applied whenever rows are read.

import {evaluate, isTrue} from './insights-evaluate.js';
import {compareValues, pointerText, recordOf, textOf, type InsightsRecord, type Value} from './insights-record.js';
import {StatsAggregator} from './insights-stats.js';
import {DEFAULT_COLUMNS, type Command, type ParsedQuery} from './insights-syntax.js';
import type {StoredLogEvent} from './logs-store.js';

export interface ResultField {
	field: string;
	value: string;
}

const STREAMING = new Set<Command['kind']>(['fields', 'display', 'parse', 'filter']);

export class QueryExecution {
	readonly #events: readonly StoredLogEvent[];
	readonly #streaming: readonly Command[];
	readonly #rest: readonly Command[];
	readonly #aggregator: StatsAggregator | undefined;
	readonly #matched: InsightsRecord[] = [];
	/** Rows kept before the rest runs: all of them, unless only `limit`s follow. */
	readonly #keep: number;
	readonly #columns: readonly string[];
	readonly #eventRows: boolean;
	#scanned = 0;
	#matchedCount = 0;
	#bytes = 0;

	constructor(
		query: ParsedQuery,
		events: readonly StoredLogEvent[],
		readonly rowLimit: number,
	) {
		this.#events = events;
		const split = query.commands.findIndex((command) => !STREAMING.has(command.kind));
		this.#streaming = split < 0 ? query.commands : query.commands.slice(0, split);
		const rest = split < 0 ? [] : query.commands.slice(split);
		const first = rest[0];
		this.#aggregator = first?.kind === 'stats' ? new StatsAggregator(first) : undefined;
		this.#rest = this.#aggregator === undefined ? rest : rest.slice(1);
		const onlyLimits = rest.every((command) => command.kind === 'limit');
		this.#keep = onlyLimits ? Math.min(rowLimit, ...rest.map((command) => (command.kind === 'limit' ? command.count : rowLimit))) : Number.POSITIVE_INFINITY;
		({columns: this.#columns, eventRows: this.#eventRows} = outputShape(query.commands));
	}

	get total(): number {
		return this.#events.length;
	}

	get scanned(): number {
		return this.#scanned;
	}

	get done(): boolean {
		return this.#scanned === this.#events.length;
	}

	get statistics(): {recordsMatched: number; recordsScanned: number; bytesScanned: number} {
		return {recordsMatched: this.#matchedCount, recordsScanned: this.#scanned, bytesScanned: this.#bytes};
	}

	/** Scans up to `count` more events. */
	scan(count: number): void {
		const end = Math.min(this.#events.length, this.#scanned + count);
		for (; this.#scanned < end; this.#scanned++) {
			const event = this.#events[this.#scanned];
			if (event === undefined) break;
			this.#bytes += Buffer.byteLength(event.message, 'utf8');
			const record = recordOf(event);
			if (!this.#streaming.every((command) => applyToRecord(command, record))) continue;
			this.#matchedCount++;
			if (this.#aggregator !== undefined) this.#aggregator.add(record);
			else if (this.#matched.length < this.#keep) this.#matched.push(record);
		}
	}

	/** The result rows so far, at most `rowLimit`, in the wire shape. */
	results(): ResultField[][] {
		const base = this.#aggregator === undefined ? [...this.#matched] : this.#aggregator.rows();
		const rows = applyCommands(base, this.#rest).slice(0, this.rowLimit);
		return rows.map((row) => {
			const fields: ResultField[] = [];
			for (const column of this.#columns) {
				const value = row.get(column);
				if (value !== undefined) fields.push({field: column, value: textOf(value)});
			}
			const pointer = row.get('@ptr');
			if (this.#eventRows && pointer !== undefined) fields.push({field: '@ptr', value: pointerText(pointer)});
			return fields;
		});
	}
}

/** The columns a query shows: the last `display`, else every `fields` (since the last stats), else the stats columns or the system fields. */
function outputShape(commands: readonly Command[]): {columns: readonly string[]; eventRows: boolean} {
	let fields: string[] | undefined;
	let display: string[] | undefined;
	let eventRows = true;
	for (const command of commands) {
		if (command.kind === 'fields') fields = [...new Set([...(fields ?? []), ...command.items.map((item) => item.name)])];
		else if (command.kind === 'display') display = command.items.map((item) => item.name);
		else if (command.kind === 'stats') {
			fields = [...command.groups, ...command.items].map((item) => item.name);
			display = undefined;
			eventRows = false;
		}
	}
	return {columns: display ?? fields ?? DEFAULT_COLUMNS, eventRows};
}

function applyCommands(rows: InsightsRecord[], commands: readonly Command[]): InsightsRecord[] {
	let current = rows;
	for (const command of commands) {
		switch (command.kind) {
			case 'stats': {
				const aggregator = new StatsAggregator(command);
				for (const row of current) aggregator.add(row);
				current = aggregator.rows();
				break;
			}
			case 'sort':
				current = [...current].sort((a, b) => {
					for (const key of command.keys) {
						const order = compareMissingLast(evaluate(key.expression, a), evaluate(key.expression, b), key.descending);
						if (order !== 0) return order;
					}
					return 0;
				});
				break;
			case 'limit':
				current = current.slice(0, command.count);
				break;
			case 'dedup': {
				const seen = new Set<string>();
				current = current.filter((row) => {
					const keys = command.fields.map((field) => evaluate(field, row));
					if (keys.some((key) => key === undefined)) return true;
					const id = keys.map((key) => textOf(key as Value)).join('\u0001');
					if (seen.has(id)) return false;
					seen.add(id);
					return true;
				});
				break;
			}
			default:
				current = current.filter((row) => applyToRecord(command, row));
		}
	}
	return current;
}

/** Missing values sort last in either direction. */
function compareMissingLast(a: Value | undefined, b: Value | undefined, descending: boolean): number {
	if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
	return descending ? compareValues(b, a) : compareValues(a, b);
}

/** Applies a per-record command; false drops the record. */
function applyToRecord(command: Command, record: InsightsRecord): boolean {
	switch (command.kind) {
		case 'fields':
		case 'display':
			for (const item of command.items) {
				if (item.expression.kind === 'field' && item.expression.name === item.name) continue;
				const value = evaluate(item.expression, record);
				if (value === undefined) record.delete(item.name);
				else record.set(item.name, value);
			}
			return true;
		case 'filter':
			return isTrue(evaluate(command.condition, record));
		case 'parse': {
			const source = evaluate(command.source, record);
			const match = source === undefined ? null : command.pattern.exec(textOf(source));
			if (match === null) return true;
			for (const [index, name] of command.names.entries()) {
				const value = match.groups === undefined ? match[index + 1] : match.groups[name];
				if (value !== undefined) record.set(name, value);
			}
			return true;
		}
		default:
			return true;
	}
}
