// The two header rows: what is being tailed and how the transport is doing (with sampling and
// throttling as words, not just colour), then the figures: lag, rate, errors per category, and
// anything counted but not shown (evicted, unparsed). Narrow terminals drop the least useful facts.

import {Box} from 'ink';
import {ERROR_CATEGORIES} from '../../core/types.js';
import {CATEGORY_GLYPH, categoryLabel} from '../../presentation/categories.js';
import type {Theme} from '../theme.js';
import type {HeaderView} from '../view-models.js';
import {fitItems, type RowItem} from './fit-items.js';
import {formatCount, formatLag} from './format.js';
import {Line} from './line.js';

export interface HeaderProps {
	view: HeaderView;
	width: number;
	height: number;
	theme: Theme;
}

const WIDE_COLUMNS = 120;
const NARROW_COLUMNS = 80;

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
	const items: RowItem[] = [
		{segments: [{text: `lag ${formatLag(view.lagMs)}`}], priority: 7},
		{segments: [{text: `${formatCount(view.eventsPerSecond)} ev/s`}], priority: 7},
	];
	// The counts are of settled requests: say so, so that "+3 settling" joining them later reads as news.
	items.push({segments: [{text: 'settled:', style: theme.muted}], priority: 1});
	// Wide: "⚡ integration 5" (zeros stay "⛨ 0"); normal: "⚡ 5"; narrow: "⚡5".
	for (const category of ERROR_CATEGORIES) {
		const count = view.errorCounts[category] ?? 0;
		const glyph = CATEGORY_GLYPH[category];
		const label = width >= WIDE_COLUMNS && count > 0 ? `${categoryLabel(category)} ` : width >= NARROW_COLUMNS ? `${glyph} ` : glyph;
		const text = label + formatCount(count);
		items.push(
			count > 0
				? {segments: [{text, style: theme.category[category]}], priority: 9}
				: {segments: [{text, style: theme.muted}], priority: 2},
		);
	}

	if (view.settlingErrors > 0) {
		items.push({segments: [{text: `+${formatCount(view.settlingErrors)} settling`, style: theme.muted}], priority: 6});
	}

	if (view.revisedErrors > 0) {
		items.push({segments: [{text: `${formatCount(view.revisedErrors)} revised`, style: theme.warning}], priority: 8});
	}

	if (view.evicted > 0) items.push({segments: [{text: `evicted ${formatCount(view.evicted)}`, style: theme.warning}], priority: 8});
	if (view.unparsed > 0) items.push({segments: [{text: `unparsed ${formatCount(view.unparsed)}`, style: theme.warning}], priority: 8});
	return items;
}

export function Header({view, width, height, theme}: HeaderProps) {
	const rows = [
		fitItems(identityRow(view, theme), width, {text: ' · ', style: theme.muted}),
		fitItems(figuresRow(view, width, theme), width, {text: '  '}),
	].slice(0, Math.max(0, Math.min(2, height)));
	return (
		<Box flexDirection="column" width={width} height={rows.length} overflowY="hidden">
			{rows.map((segments, index) => (
				<Line key={index} segments={segments} />
			))}
		</Box>
	);
}
