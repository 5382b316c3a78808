// The JSON text of a parsed value, however deep. JSON.parse reads any depth, but JSON.stringify recurses
// and overflows the stack at a few thousand levels: a log line nesting 100,000 arrays must still be shown,
// not crash the run or vanish.

type Task = {value: unknown} | string;

// Shown only when even the iterative writer cannot build the text (a string past V8's length limit).
const TOO_LARGE = '[JSON value too large to show]';

/** JSON.stringify's text for a value from JSON.parse (undefined reads as `undefined`). */
export function jsonText(value: unknown): string {
	try {
		return JSON.stringify(value) ?? String(value);
	} catch (error) {
		if (!(error instanceof RangeError)) throw error;
	}
	try {
		return writeIteratively(value);
	} catch (error) {
		if (error instanceof RangeError) return TOO_LARGE;
		throw error;
	}
}

// The same text as JSON.stringify for JSON values, built with an explicit stack instead of recursion.
// Tasks are popped last first: a container pushes its closing bracket, its members in reverse, then its opener.
function writeIteratively(root: unknown): string {
	const parts: string[] = [];
	const tasks: Task[] = [{value: root}];
	while (tasks.length > 0) {
		const task = tasks.pop()!;
		if (typeof task === 'string') {
			parts.push(task);
			continue;
		}
		const {value} = task;
		if (Array.isArray(value)) {
			tasks.push(']');
			for (let index = value.length - 1; index >= 0; index--) {
				tasks.push({value: value[index] ?? null});
				if (index > 0) tasks.push(',');
			}
			tasks.push('[');
		} else if (typeof value === 'object' && value !== null) {
			const entries = Object.entries(value).filter(([, member]) => member !== undefined);
			tasks.push('}');
			for (let index = entries.length - 1; index >= 0; index--) {
				const [key, member] = entries[index]!;
				tasks.push({value: member}, `${JSON.stringify(key)}:`);
				if (index > 0) tasks.push(',');
			}
			tasks.push('{');
		} else {
			parts.push(JSON.stringify(value) ?? 'null');
		}
	}
	return parts.join('');
}
