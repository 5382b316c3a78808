import {EventEmitter} from 'node:events';
import {describe, expect, it} from 'vitest';
import {onResize, terminalSize, type TerminalSize} from '../../source/ui/terminal/size.js';

class FakeTerminal extends EventEmitter {
	constructor(
		public columns: number | undefined,
		public rows: number | undefined,
	) {
		super();
	}

	resize(columns: number, rows: number): void {
		this.columns = columns;
		this.rows = rows;
		this.emit('resize');
	}
}

describe('terminalSize', () => {
	it.each([
		['a terminal', 120, 40, {width: 120, height: 40}],
		['not a terminal (no size)', undefined, undefined, {width: 80, height: 24}],
		['a terminal reporting 0x0', 0, 0, {width: 80, height: 24}],
		['only a width', 100, undefined, {width: 100, height: 24}],
		['nonsense', Number.NaN, -3, {width: 80, height: 24}],
	])('%s', (_name, columns, rows, expected) => {
		expect(terminalSize({columns, rows})).toEqual(expected);
	});
});

describe('onResize', () => {
	it('reports each new size until unsubscribed', () => {
		const terminal = new FakeTerminal(80, 24);
		const sizes: TerminalSize[] = [];
		const unsubscribe = onResize(terminal, (size) => sizes.push(size));
		terminal.resize(100, 30);
		terminal.resize(60, 20);
		unsubscribe();
		terminal.resize(200, 50);
		expect(sizes).toEqual([
			{width: 100, height: 30},
			{width: 60, height: 20},
		]);
		expect(terminal.listenerCount('resize')).toBe(0);
	});

	it('accepts process.stdout', () => {
		const before = process.stdout.listenerCount('resize');
		const unsubscribe = onResize(process.stdout, () => undefined);
		expect(process.stdout.listenerCount('resize')).toBe(before + 1);
		unsubscribe();
		expect(process.stdout.listenerCount('resize')).toBe(before);
	});
});
