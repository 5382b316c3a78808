// Reading the incident export's Markdown as a renderer would, shared by the export tests: a block that
// closed early or a pipe that split a cell shows up here as a wrong block or a wrong cell.
import {expect} from 'vitest';

/** The fenced blocks of a Markdown text, as CommonMark closes them: a fence closes only with at least as many backticks. */
export function fencedBlocks(markdown: string): string[] {
	const blocks: string[] = [];
	let open: {fence: number; lines: string[]} | undefined;
	for (const line of markdown.split('\n')) {
		const fence = /^(`{3,})/.exec(line)?.[1]?.length;
		if (open === undefined) {
			if (fence !== undefined) open = {fence, lines: []};
		} else if (fence !== undefined && fence >= open.fence && /^`+\s*$/.test(line)) {
			blocks.push(open.lines.join('\n'));
			open = undefined;
		} else {
			open.lines.push(line);
		}
	}

	expect(open, 'every fence is closed').toBeUndefined();
	return blocks;
}

/** The cells of a table row, split at pipes that are not escaped. */
export function cells(row: string): string[] {
	return row
		.slice(1, -1)
		.split(/(?<!\\)\|/)
		.map((cell) => cell.trim());
}

/** A `## ` section, from its heading to the next `## ` heading. */
export function section(markdown: string, heading: string): string {
	const start = markdown.indexOf(`\n${heading}\n`);
	expect(start, heading).toBeGreaterThan(-1);
	const next = markdown.indexOf('\n## ', start + heading.length + 2);
	return markdown.slice(start + 1, next === -1 ? undefined : next);
}

/** The Markdown with every fenced block taken out: what renders as document structure. */
export function outsideFences(markdown: string): string {
	const kept: string[] = [];
	let fence: number | undefined;
	for (const line of markdown.split('\n')) {
		const ticks = /^(`{3,})/.exec(line)?.[1]?.length;
		if (fence === undefined && ticks !== undefined) fence = ticks;
		else if (fence !== undefined && ticks !== undefined && ticks >= fence && /^`+\s*$/.test(line)) fence = undefined;
		else if (fence === undefined) kept.push(line);
	}

	return kept.join('\n');
}
