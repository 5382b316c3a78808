// The doctor report as terminal lines: one per check, its fix lines indented under it. Everything is
// sanitized: API names, stage names and AWS messages are not ours.

import {sanitizeLine} from '../core/sanitize.js';
import {COLOUR_STYLE, PLAIN_STYLE} from '../presentation/ansi-style.js';
import type {CheckStatus, DoctorReport} from './checks.js';

const MARK: Readonly<Record<CheckStatus, string>> = {ok: '✓', warn: '!', fail: '✗'};
const FIX_INDENT = '    ';

export function formatDoctorReport(report: DoctorReport, options: {colour: boolean}): string[] {
	const style = options.colour ? COLOUR_STYLE : PLAIN_STYLE;
	const paint: Readonly<Record<CheckStatus, (text: string) => string>> = {ok: style.green, warn: style.yellow, fail: style.red};
	const lines: string[] = [];
	for (const item of report.checks) {
		const mark = paint[item.status](`${MARK[item.status]} ${item.status.padEnd(4)}`);
		lines.push(`${mark} ${style.bold(sanitizeLine(item.title))}: ${sanitizeLine(item.detail)}`);
		if (item.fix === undefined) continue;
		for (const fixLine of item.fix.split('\n')) lines.push(`${FIX_INDENT}${style.dim(sanitizeLine(fixLine))}`);
	}
	return lines;
}
