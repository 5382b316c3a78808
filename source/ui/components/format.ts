// Small presentation pieces shared by the panes: counts, scroll positions, error badges, status
// colours, pane titles and the row gutter. Every signal carries a glyph or a word as well as a style,
// so it survives NO_COLOR and a monochrome screenshot.

import type {ErrorCategory} from '../../core/types.js';
import {CATEGORY_GLYPH, categoryLabel} from '../../presentation/categories.js';
import type {TextStyle, Theme} from '../theme.js';
import {type Segment, segmentsWidth} from './cells.js';

export const SELECTED_MARK = '›';
export const PINNED_MARK = '⚑';
export const MATCHED_MARK = '•';
export const EXPANDED_MARK = '▾';
export const PENDING_MARK = '…';
export const ERROR_LINE_MARK = '▶';

// Whole numbers (every count) are grouped here: the first Intl.NumberFormat loads ICU's locale data, 5-12 ms
// before the terminal UI's first frame. Anything else goes to Intl, built at its first use.
let countFormat: Intl.NumberFormat | undefined;

/** `1,204`, as Intl.NumberFormat('en-US', {maximumFractionDigits: 0}) writes it; `?` for NaN and infinities. */
export function formatCount(value: number): string {
	if (Number.isSafeInteger(value) && !Object.is(value, -0)) {
		const digits = String(Math.abs(value)).replace(/\B(?=(?:\d{3})+$)/g, ',');
		return value < 0 ? `-${digits}` : digits;
	}

	if (!Number.isFinite(value)) return '?';
	countFormat ??= new Intl.NumberFormat('en-US', {maximumFractionDigits: 0});
	return countFormat.format(value);
}

/** "12-34 of 1,204": which rows of the whole list are on screen. */
export function scrollText(offset: number, shown: number, total: number): string {
	if (total <= 0 || shown <= 0) return `0 of ${formatCount(Math.max(0, total))}`;
	return `${formatCount(offset + 1)}-${formatCount(offset + shown)} of ${formatCount(total)}`;
}

/** `⚡` where a row's explanation follows it, `⚡ integration` where there is room. */
export type BadgeForm = 'glyph' | 'name';

export function categoryBadges(categories: readonly ErrorCategory[], form: BadgeForm, theme: Theme): Segment[] {
	return categories.flatMap((category, index) => [
		...(index > 0 ? [{text: ' '}] : []),
		{text: form === 'name' ? categoryLabel(category) : CATEGORY_GLYPH[category], style: theme.category[category]},
	]);
}

/** `⚡ integration 2  ✋ client 1` when it fits `width`, else `⚡ 2  ✋ 1`: the name goes before the count. */
export function categoryCounts(
	counts: Readonly<Record<ErrorCategory, number>>,
	width: number,
	theme: Theme,
): Segment[] {
	const present = (Object.keys(CATEGORY_GLYPH) as ErrorCategory[]).filter((category) => (counts[category] ?? 0) > 0);
	const badges = (named: boolean) =>
		present.flatMap((category, index) => [
			...(index > 0 ? [{text: named ? '  ' : ' '}] : []),
			{
				text: `${named ? categoryLabel(category) : CATEGORY_GLYPH[category]} ${formatCount(counts[category])}`,
				style: theme.category[category],
			},
		]);
	const named = badges(true);
	return segmentsWidth(named) <= width ? named : badges(false);
}

export function statusStyle(status: number, theme: Theme): TextStyle | undefined {
	if (status >= 500) return theme.error;
	if (status >= 400) return theme.warning;
	if (status >= 300) return theme.muted;
	if (status >= 200) return theme.ok;
	return undefined;
}

/** Title of a pane; the focused one is bracketed, so focus shows without colour (same width either way). */
export function paneTitle(name: string, focused: boolean, theme: Theme): Segment {
	return focused ? {text: `[${name}]`, style: theme.focusedPaneTitle} : {text: ` ${name} `, style: theme.paneTitle};
}

const SPARK_BARS = '▁▂▃▄▅▆▇█';

/** One bar per bucket, heights 0..7 (out-of-range or non-numbers are clamped). */
export function sparkline(heights: readonly number[]): string {
	return heights
		.map((height) => {
			const level = Number.isFinite(height) ? Math.min(7, Math.max(0, Math.round(height))) : 0;
			return SPARK_BARS[level] ?? SPARK_BARS[0];
		})
		.join('');
}

/** Ingestion lag: "350ms", "4.2s", "3m05s". */
export function formatLag(ms: number | undefined): string {
	if (ms === undefined || !Number.isFinite(ms)) return '-';
	if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
	if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
	const seconds = Math.round(ms / 1000);
	return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}
