// One shape for every list a view shows, whether it is the model's own ordering (unfiltered: no copy,
// O(log n) lookups) or a filtered copy of it (made once per data change and cached).

import type {LiveModel} from '../model/live-model.js';
import type {OrderedItems} from '../model/sorted-list.js';

export interface ListView<T> {
	readonly size: number;
	at(index: number): T | undefined;
	slice(start: number, count: number): T[];
	/** Position of the item with this id, or -1. */
	indexOfId(id: string): number;
	idOf(item: T): string;
}

/** A view straight over one of the model's orderings. */
export function orderedView<T>(
	items: OrderedItems<T>,
	lookup: (id: string) => T | undefined,
	idOf: (item: T) => string,
): ListView<T> {
	return {
		get size() {
			return items.size;
		},
		at: (index) => items.at(index),
		slice: (start, count) => items.slice(start, count),
		indexOfId(id) {
			const item = lookup(id);
			return item === undefined ? -1 : items.indexOf(item);
		},
		idOf,
	};
}

/** A view over a copied (filtered) array. */
export function arrayView<T>(items: readonly T[], idOf: (item: T) => string): ListView<T> {
	let positions: Map<string, number> | undefined;
	return {
		size: items.length,
		at: (index) => items[index],
		slice: (start, count) => items.slice(Math.max(0, start), Math.max(0, start) + Math.max(0, count)),
		indexOfId(id) {
			positions ??= new Map(items.map((item, index) => [idOf(item), index]));
			return positions.get(id) ?? -1;
		},
		idOf,
	};
}

// One cached value per model and slot, recomputed when any dependency changes (compared with ===).
const caches = new WeakMap<LiveModel, Map<string, {deps: readonly unknown[]; value: unknown}>>();

export function memo<T>(model: LiveModel, slot: string, deps: readonly unknown[], compute: () => T): T {
	let slots = caches.get(model);
	if (slots === undefined) {
		slots = new Map();
		caches.set(model, slots);
	}

	const cached = slots.get(slot);
	if (cached !== undefined && cached.deps.length === deps.length && cached.deps.every((dep, index) => dep === deps[index])) {
		return cached.value as T;
	}

	const value = compute();
	slots.set(slot, {deps, value});
	return value;
}
