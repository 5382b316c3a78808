// The median of `runs` measurements taken one after another (so they do not compete for the cores).
export async function median(runs, measureOnce) {
	const values = [];
	for (let run = 0; run < runs; run++) values.push(await measureOnce());
	values.sort((a, b) => a - b);
	return values[Math.floor(values.length / 2)];
}
