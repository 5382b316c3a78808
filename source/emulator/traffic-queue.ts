// A binary min-heap: the simulator plans events in request order and releases them in ingestion order.

interface Entry<T> {
	item: T;
	key: number;
	order: number;
}

/** Smallest key first; equal keys come out in the order they went in. */
export class MinQueue<T> {
	private readonly heap: Entry<T>[] = [];
	private pushed = 0;

	peekKey(): number | undefined {
		return this.heap[0]?.key;
	}

	push(item: T, key: number): void {
		const heap = this.heap;
		heap.push({item, key, order: this.pushed++});
		let i = heap.length - 1;
		while (i > 0) {
			const parent = (i - 1) >> 1;
			if (!this.before(i, parent)) break;
			this.swap(i, parent);
			i = parent;
		}
	}

	pop(): T | undefined {
		const heap = this.heap;
		const top = heap[0];
		const last = heap.pop();
		if (top === undefined || last === undefined || heap.length === 0) return top?.item;
		heap[0] = last;
		let i = 0;
		for (;;) {
			const left = 2 * i + 1;
			const right = left + 1;
			let smallest = i;
			if (left < heap.length && this.before(left, smallest)) smallest = left;
			if (right < heap.length && this.before(right, smallest)) smallest = right;
			if (smallest === i) break;
			this.swap(i, smallest);
			i = smallest;
		}
		return top.item;
	}

	private before(a: number, b: number): boolean {
		const x = this.heap[a];
		const y = this.heap[b];
		if (x === undefined || y === undefined) return false;
		return x.key < y.key || (x.key === y.key && x.order < y.order);
	}

	private swap(a: number, b: number): void {
		const held = this.heap[a] as Entry<T>;
		this.heap[a] = this.heap[b] as Entry<T>;
		this.heap[b] = held;
	}
}
