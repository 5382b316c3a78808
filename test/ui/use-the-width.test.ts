// Issue 10, "Use the width": word wrapping, the evidence kept whole where it matters, short line-kind
// labels, connections columns that never get less legible as the terminal widens, column headings.
import {describe, expect, it} from 'vitest';
import stringWidth from 'string-width';
import {cellWidth, fitEvidence, wrapSegments} from '../../source/ui/components/cells.js';
import {DETAIL_KIND_WIDTH, PANE_CHROME_ROWS, paneSizes} from '../../source/ui/layout.js';
import {layoutFor} from '../../source/ui/state/page-sizes.js';
import {KIND_LABEL} from '../../source/ui/state/detail-lines.js';

const text = (line: Array<{text: string}>) => line.map((segment) => segment.text).join('');

describe('use the width', () => {
	it('wraps at word boundaries, continuations at the indent, no line ending in …', () => {
		const lines = wrapSegments([{text: 'Lambda returned a malformed proxy response on sendmessage (502): TypeError: boom'}], 30, 4);
		expect(lines.map(text)).toEqual([
			'Lambda returned a malformed',
			'    proxy response on',
			'    sendmessage (502):',
			'    TypeError: boom',
		]);
		for (const line of lines) {
			expect(cellWidth(text(line))).toBeLessThanOrEqual(30);
			expect(text(line).trimEnd().endsWith('…')).toBe(false);
		}
	});

	it('measures as string-width does (what Ink measures with)', () => {
		for (const sample of ['⚡ integration', '日本語', '👍🏽 ok', 'e\u0301', '⛨']) expect(cellWidth(sample)).toBe(stringWidth(sample));
	});

	it('cuts an evidence line in its boilerplate, never in the exception', () => {
		const line = "Lambda execution failed with status 200 due to customer function error: TypeError: Cannot read properties of undefined (reading 'x')";
		const fitted = fitEvidence(line, 90);
		expect(cellWidth(fitted)).toBeLessThanOrEqual(90);
		expect(fitted).toContain("TypeError: Cannot read properties of undefined (reading 'x')");
		expect(fitted.startsWith('Lambda')).toBe(true);
		const config = fitEvidence('Execution failed due to configuration error: Malformed Lambda proxy response', 50);
		expect(config).toContain('Malformed Lambda proxy response');
	});

	it('gives every line kind a label that fits its column', () => {
		for (const label of Object.values(KIND_LABEL)) expect(cellWidth(label)).toBeLessThanOrEqual(DETAIL_KIND_WIDTH);
	});

	it('never gives the connections pane fewer columns on a wider terminal', () => {
		let last = 0;
		for (let columns = 100; columns <= 240; columns++) {
			const layout = paneSizes(columns, 40);
			if (layout.kind === 'too-small') throw new Error('too small');
			expect(layout.connections.width).toBeGreaterThanOrEqual(Math.min(last, 100));
			if (layout.kind === 'side-by-side') last = layout.connections.width;
		}
	});

	it('pages by the rows on screen: title and column headings are not list rows', () => {
		for (const [columns, rows] of [[80, 24], [120, 30], [160, 48]] as const) {
			const layout = paneSizes(columns, rows);
			if (layout.kind === 'too-small') throw new Error('too small');
			expect(layout.connections.rows).toBe(layout.connections.height - PANE_CHROME_ROWS);
			expect(layout.timeline.rows).toBe(layout.timeline.height - PANE_CHROME_ROWS);
			expect(layoutFor(columns, rows).timeline.rows).toBe(layout.timeline.rows);
		}
	});
});
