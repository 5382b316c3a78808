import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {SortedList} from '../../source/ui/model/sorted-list.js';

const byNumber = (a: number, b: number): number => a - b;

describe('SortedList', () => {
	it('keeps items sorted through inserts and deletes, like a sorted array (spanning many chunks)', () => {
		fc.assert(
			fc.property(
				// Three inserts to a delete, thousands of them: chunks split, shrink, merge and vanish.
				fc.array(fc.tuple(fc.integer({min: 0, max: 3}), fc.integer({min: 0, max: 3000})), {
					minLength: 2000,
					maxLength: 5000,
				}),
				(operations) => {
					const list = new SortedList<number>(byNumber);
					const expected = new Set<number>();
					for (const [operation, value] of operations) {
						if (operation > 0 && !expected.has(value)) {
							list.insert(value);
							expected.add(value);
						} else {
							expect(list.delete(value)).toBe(expected.delete(value));
						}
					}

					const sorted = [...expected].sort(byNumber);
					expect([...list]).toEqual(sorted);
					expect(list.size).toBe(sorted.length);
					for (const index of [0, 1, Math.floor(sorted.length / 2), sorted.length - 1, sorted.length]) {
						expect(list.at(index)).toBe(sorted[index]);
						expect(list.slice(index, 7)).toEqual(sorted.slice(index, index + 7));
					}

					for (const value of sorted.slice(0, 50)) expect(list.indexOf(value)).toBe(sorted.indexOf(value));
					expect(list.indexOf(-1)).toBe(-1);
				},
			),
			{numRuns: 30},
		);
	});

	it('keeps order and positions while ranges are deleted from the end, the middle and the front', () => {
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.nat(5999), fc.integer({min: 1, max: 1500})), {maxLength: 12}), (ranges) => {
				const list = new SortedList<number>(byNumber);
				let expected = Array.from({length: 6000}, (_, index) => index);
				for (const value of expected) list.insert(value);
				for (const [start, length] of ranges) {
					for (let value = start; value < start + length; value++) list.delete(value);
					expected = expected.filter((value) => value < start || value >= start + length);
				}

				expect([...list]).toEqual(expected);
				for (let index = 0; index < expected.length; index += 97) {
					expect(list.at(index)).toBe(expected[index]);
					expect(list.indexOf(expected[index]!)).toBe(index);
				}
			}),
			{numRuns: 40},
		);
	});

	it('answers positions across chunk boundaries after mass eviction from the front', () => {
		const list = new SortedList<number>(byNumber);
		for (let value = 0; value < 5000; value++) list.insert(value);
		for (let value = 0; value < 4990; value++) list.delete(value);
		expect([...list]).toEqual([4990, 4991, 4992, 4993, 4994, 4995, 4996, 4997, 4998, 4999]);
		expect(list.at(9)).toBe(4999);
		expect(list.indexOf(4995)).toBe(5);
	});

	it('treats out-of-range positions as nothing', () => {
		const list = new SortedList<number>(byNumber);
		list.insert(3);
		expect([list.at(-1), list.at(1), list.at(0.5)]).toEqual([undefined, undefined, undefined]);
		expect(list.slice(5, 3)).toEqual([]);
		expect(list.slice(0, 0)).toEqual([]);
		expect(list.delete(4)).toBe(false);
	});
});
