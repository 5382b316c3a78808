// The middle of several measurements, taken one after another (so they do not compete for the cores).

/** The median of `runs` measurements of `measureOnce`. */
export async function median(runs, measureOnce) {
	const values = [];
	for (let run = 0; run < runs; run++) values.push(await measureOnce());
	return middle(values);
}

/** The middle one of `values` ordered by `by` (the value itself by default): a run keeps its other figures. */
export function middle(values, by = (value) => value) {
	return [...values].sort((a, b) => by(a) - by(b))[Math.floor(values.length / 2)];
}
