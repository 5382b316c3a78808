// The two header rows: what is being tailed and how the transport is doing (with sampling and
// throttling as words, not just colour), then the figures: lag, rate, errors per category, and
// anything counted but not shown (evicted, unparsed). Narrow terminals drop the least useful facts.
// Every category keeps its place and form whatever its count (the row never jumps as counts appear):
// all with their names when they fit, otherwise all as glyph and count (the help screen lists the glyphs),
// and at the narrowest without the blank, so that the lost-line counts still fit.

import {Box} from 'ink';
import {ERROR_CATEGORIES} from '../../core/types.js';
import {CATEGORY_GLYPH, categoryLabel} from '../../presentation/categories.js';
import type {Theme} from '../theme.js';
import type {HeaderView} from '../view-models.js';
import {segmentsWidth} from './cells.js';
import {fitItems, type RowItem} from './fit-items.js';
import {formatCount, formatLag} from './format.js';
import {Line} from './line.js';

export interface HeaderProps {
	view: HeaderView;
	width: number;
	height: number;
	theme: Theme;
}


const FIGURE_SEPARATOR = {text: '  '};

function transportStyle(transport: string, theme: Theme) {
	if (transport === 'live') return theme.ok;
	if (transport === 'reconnecting') return theme.warning;
	if (transport === 'stopped') return theme.error;
	return undefined;
}

function identityRow(view: HeaderView, theme: Theme): RowItem[] {
	const items: RowItem[] = [
		{segments: [{text: 'apigw-tail', style: theme.header}], priority: 1},
		{segments: [{text: view.source}], priority: 8, shrinkTo: 12, shrinkAt: 5},
	];
	if (view.stage !== undefined) items.push({segments: [{text: view.stage}], priority: 6});
	if (view.region !== undefined) items.push({segments: [{text: view.region, style: theme.muted}], priority: 3});
	items.push({segments: [{text: view.transport, style: transportStyle(view.transport, theme)}], priority: 9});
	if (view.sampled) items.push({segments: [{text: '⚠ SAMPLED', style: theme.warning}], priority: 10});
	if (view.throttled) items.push({segments: [{text: '⚠ THROTTLED', style: theme.warning}], priority: 10});
	items.push({segments: [{text: view.clock}], priority: 5, right: true});
	return items;
}

function figuresRow(view: HeaderView, width: number, theme: Theme): RowItem[] {
	// One fact, one separator: "lag -  0 ev/s" read as a stray double space.
	const items: RowItem[] = [
		{segments: [{text: `lag ${formatLag(view.lagMs)} · ${formatCount(view.eventsPerSecond)} ev/s`}], priority: 7},
	];
	// The counts are of settled requests: say so, so that "+3 settling" joining them later reads as news.
	const settled: RowItem = {segments: [{text: 'settled:', style: theme.muted}], priority: 1};
	const after: RowItem[] = [];
	if (view.settlingErrors > 0) after.push({segments: [{text: `+${formatCount(view.settlingErrors)} settling`, style: theme.muted}], priority: 6});
	if (view.revisedErrors > 0) after.push({segments: [{text: `${formatCount(view.revisedErrors)} revised`, style: theme.warning}], priority: 8});
	if (view.evicted > 0) after.push({segments: [{text: `evicted ${formatCount(view.evicted)}`, style: theme.warning}], priority: 8});
	if (view.unparsed > 0) after.push({segments: [{text: `unparsed ${formatCount(view.unparsed)}`, style: theme.warning}], priority: 8});
	const row = (form: CategoryForm) => [...items, settled, ...categoryItems(view, form, theme), ...after];
	const named = row('named');
	if (rowWidth(named) <= width) return named;
	// Lag and 'settled:' may give way; the counts and the lost lines must fit.
	const kept = (form: CategoryForm) => [...categoryItems(view, form, theme), ...after];
	return row(rowWidth(kept('glyph')) <= width ? 'glyph' : 'compact');
}

type CategoryForm = 'named' | 'glyph' | 'compact';

/** "⚡ integration 5", "⚡ 5" or "⚡5", zeros too (muted), all in one form. */
function categoryItems(view: HeaderView, form: CategoryForm, theme: Theme): RowItem[] {
	return ERROR_CATEGORIES.map((category) => {
		const count = view.errorCounts[category] ?? 0;
		const label = form === 'named' ? `${categoryLabel(category)} ` : form === 'glyph' ? `${CATEGORY_GLYPH[category]} ` : CATEGORY_GLYPH[category];
		const text = `${label}${formatCount(count)}`;
		return {segments: [{text, style: count > 0 ? theme.category[category] : theme.muted}], priority: 9};
	});
}

function rowWidth(items: readonly RowItem[]): number {
	return items.reduce((sum, item) => sum + segmentsWidth(item.segments), 0) + (items.length - 1) * FIGURE_SEPARATOR.text.length;
}

export function Header({view, width, height, theme}: HeaderProps) {
	const rows = [
		fitItems(identityRow(view, theme), width, {text: ' · ', style: theme.muted}),
		fitItems(figuresRow(view, width, theme), width, FIGURE_SEPARATOR),
	].slice(0, Math.max(0, Math.min(2, height)));
	return (
		<Box flexDirection="column" width={width} height={rows.length} overflowY="hidden">
			{rows.map((segments, index) => (
				<Line key={index} segments={segments} />
			))}
		</Box>
	);
}
