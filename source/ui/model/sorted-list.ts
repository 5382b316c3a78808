// An always-sorted list that stays cheap to update at 100,000 items: the items live in chunks of a few
// hundred, so inserting or deleting one moves at most a chunk's worth of references (not the whole list),
// and position lookups walk chunk lengths (a few hundred numbers), never the items. Re-sorting per batch
// of changes would cost n·log n every time the screen refreshes.

/** What views read: position-based access to an ordered list. */
export interface OrderedItems<T> {
	readonly size: number;
	at(index: number): T | undefined;
	/** Position of an item equal to this one in the ordering, or -1. */
	indexOf(item: T): number;
	/** Up to `count` items from `start`, in order. */
	slice(start: number, count: number): T[];
	[Symbol.iterator](): Iterator<T>;
}

const CHUNK = 128;

export class SortedList<T> implements OrderedItems<T> {
	// The comparator must be a total order (ties broken by an id): deleting finds an item by comparing.
	readonly #compare: (a: T, b: T) => number;
	#chunks: T[][] = [];
	#size = 0;

	constructor(compare: (a: T, b: T) => number) {
		this.#compare = compare;
	}

	get size(): number {
		return this.#size;
	}

	insert(item: T): void {
		if (this.#chunks.length === 0) {
			this.#chunks.push([item]);
			this.#size = 1;
			return;
		}

		const chunkIndex = Math.min(this.#chunkFor(item), this.#chunks.length - 1);
		const chunk = this.#chunks[chunkIndex]!;
		chunk.splice(this.#positionIn(chunk, item), 0, item);
		this.#size++;
		if (chunk.length > 2 * CHUNK) this.#chunks.splice(chunkIndex + 1, 0, chunk.splice(CHUNK));
	}

	/** Removes the item; it must still compare as it did when inserted. Returns whether it was there. */
	delete(item: T): boolean {
		const chunkIndex = this.#chunkFor(item);
		const chunk = this.#chunks[chunkIndex];
		if (chunk === undefined) return false;
		const position = this.#positionIn(chunk, item);
		if (position >= chunk.length || this.#compare(chunk[position]!, item) !== 0) return false;
		chunk.splice(position, 1);
		this.#size--;
		this.#rebalance(chunkIndex);
		return true;
	}

	/** Position of the item (compared, not by identity), or -1. */
	indexOf(item: T): number {
		const chunkIndex = this.#chunkFor(item);
		const chunk = this.#chunks[chunkIndex];
		if (chunk === undefined) return -1;
		const position = this.#positionIn(chunk, item);
		if (position >= chunk.length || this.#compare(chunk[position]!, item) !== 0) return -1;
		let before = 0;
		for (let index = 0; index < chunkIndex; index++) before += this.#chunks[index]!.length;
		return before + position;
	}

	at(index: number): T | undefined {
		if (!Number.isInteger(index) || index < 0 || index >= this.#size) return undefined;
		let remaining = index;
		for (const chunk of this.#chunks) {
			if (remaining < chunk.length) return chunk[remaining];
			remaining -= chunk.length;
		}

		return undefined;
	}

	slice(start: number, count: number): T[] {
		const items: T[] = [];
		if (count <= 0) return items;
		let skip = Math.max(0, start);
		for (const chunk of this.#chunks) {
			if (skip >= chunk.length) {
				skip -= chunk.length;
				continue;
			}

			for (let index = skip; index < chunk.length && items.length < count; index++) items.push(chunk[index]!);
			skip = 0;
			if (items.length >= count) break;
		}

		return items;
	}

	*[Symbol.iterator](): Iterator<T> {
		for (const chunk of this.#chunks) yield* chunk;
	}

	/** The first chunk whose last item is not before `item` (chunks.length when every chunk is before it). */
	#chunkFor(item: T): number {
		let low = 0;
		let high = this.#chunks.length;
		while (low < high) {
			const middle = (low + high) >>> 1;
			const chunk = this.#chunks[middle]!;
			if (this.#compare(chunk[chunk.length - 1]!, item) < 0) low = middle + 1;
			else high = middle;
		}

		return low;
	}

	/** The first position in `chunk` whose item is not before `item`. */
	#positionIn(chunk: T[], item: T): number {
		let low = 0;
		let high = chunk.length;
		while (low < high) {
			const middle = (low + high) >>> 1;
			if (this.#compare(chunk[middle]!, item) < 0) low = middle + 1;
			else high = middle;
		}

		return low;
	}

	// Deletions (evicting the oldest, mostly) would otherwise leave many tiny chunks that slow position lookups.
	#rebalance(chunkIndex: number): void {
		const chunk = this.#chunks[chunkIndex]!;
		if (chunk.length === 0) {
			this.#chunks.splice(chunkIndex, 1);
			return;
		}

		if (chunk.length >= CHUNK / 4) return;
		const next = this.#chunks[chunkIndex + 1];
		if (next !== undefined && chunk.length + next.length <= 2 * CHUNK) {
			this.#chunks.splice(chunkIndex, 2, chunk.concat(next));
			return;
		}

		const previous = this.#chunks[chunkIndex - 1];
		if (previous !== undefined && chunk.length + previous.length <= 2 * CHUNK) {
			this.#chunks.splice(chunkIndex - 1, 2, previous.concat(chunk));
		}
	}
}
