// The chart under `stats`'s table: one line of block characters per series (requests, then each error
// category that has errors), one column per bin, so a spike or a rising error rate shows at a glance.
// Too many bins for the width merge neighbours; each line's scale is its own, its peak printed after it.

import {ERROR_CATEGORIES} from '../core/types.js';
import type {Style} from '../presentation/ansi-style.js';
import {CATEGORY_GLYPH} from '../presentation/categories.js';
import type {RouteFigures} from '../sources/insights/stats-figures.js';

const LEVELS = ' ▁▂▃▄▅▆▇█';
const LABEL_WIDTH = 15;

export function statsChartLines(binTotals: Array<{startMs: number} & RouteFigures>, width: number, style: Style): string[] {
	if (binTotals.length === 0) return [];
	const columns = Math.max(8, width - LABEL_WIDTH - 14);
	const groups = Math.ceil(binTotals.length / columns);
	const merged: RouteFigures[][] = [];
	for (let index = 0; index < binTotals.length; index += groups) merged.push(binTotals.slice(index, index + groups));
	const series: Array<[string, number[], (text: string) => string]> = [
		['requests', merged.map((group) => total(group, (bin) => bin.requests)), style.green],
		...ERROR_CATEGORIES.map((category): [string, number[], (text: string) => string] => [
			`${CATEGORY_GLYPH[category]} ${category}`,
			merged.map((group) => total(group, (bin) => bin.errors[category])),
			style.red,
		]).filter(([, values]) => values.some((value) => value > 0)),
	];
	const lines = series.map(([label, values, paint]) => `${label.padEnd(LABEL_WIDTH)}${paint(sparkline(values))}  peak ${Math.max(...values).toLocaleString('en-US')}`);
	const per = groups === 1 ? 'one column a bin' : `one column per ${groups} bins`;
	return [style.dim(`per bin (${per}), each line scaled to its own peak:`), ...lines];
}

function total(group: RouteFigures[], value: (bin: RouteFigures) => number): number {
	return group.reduce((sum, bin) => sum + value(bin), 0);
}

/** Zero is a blank; anything above zero shows at least the lowest block. */
function sparkline(values: number[]): string {
	const peak = Math.max(...values);
	return values
		.map((value) => (value <= 0 || peak === 0 ? LEVELS[0] : LEVELS[Math.max(1, Math.round((value / peak) * (LEVELS.length - 1)))]))
		.join('');
}
