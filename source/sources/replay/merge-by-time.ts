// Interleaves several event streams by timestamp, like `sort -m`. People save a stage's two logs to two
// files (`replay access.json execution.json`); read one after the other, every request would see its
// access line hours of event time before its execution lines. Merged, the engine sees both logs as they
// happened, so requests settle whole instead of settling early and being revised.

import type {LogEvent} from '../../core/types.js';

interface Cursor {
	iterator: AsyncIterator<LogEvent[]>;
	batch: LogEvent[];
	index: number;
}

export async function* mergeByTime(sources: Array<AsyncIterable<LogEvent[]>>, batchSize: number): AsyncGenerator<LogEvent[]> {
	const cursors: Cursor[] = [];
	try {
		for (const source of sources) {
			const cursor: Cursor = {iterator: source[Symbol.asyncIterator](), batch: [], index: 0};
			if (await refill(cursor)) cursors.push(cursor);
		}

		let out: LogEvent[] = [];
		while (cursors.length > 0) {
			const earliest = earliestCursor(cursors);
			out.push(earliest.batch[earliest.index++]!);
			if (earliest.index === earliest.batch.length && !(await refill(earliest))) {
				cursors.splice(cursors.indexOf(earliest), 1);
			}

			if (out.length === batchSize) {
				yield out;
				out = [];
			}
		}

		if (out.length > 0) yield out;
	} finally {
		await Promise.all(cursors.map(async (cursor) => cursor.iterator.return?.()));
	}
}

/** Loads the cursor's next non-empty batch; false when its source has ended. */
async function refill(cursor: Cursor): Promise<boolean> {
	while (true) {
		const next = await cursor.iterator.next();
		if (next.done) return false;
		if (next.value.length > 0) {
			cursor.batch = next.value;
			cursor.index = 0;
			return true;
		}
	}
}

// A handful of inputs: a linear scan is simpler than a heap and as fast.
function earliestCursor(cursors: Cursor[]): Cursor {
	let earliest = cursors[0]!;
	for (const cursor of cursors) {
		if (cursor.batch[cursor.index]!.timestamp < earliest.batch[earliest.index]!.timestamp) earliest = cursor;
	}

	return earliest;
}
