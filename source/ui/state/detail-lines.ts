// An opened request, line by line: its execution lines in order, then its access-log fields, with the
// lines that carry an error's evidence marked. With wrap on, long lines continue on further rows (each
// row is still one terminal line, so windowing stays exact).

import {evidenceMessage} from '../../core/classify/text.js';
import {sanitizeLine} from '../../core/sanitize.js';
import type {RequestView} from '../../core/types.js';
import {clockTime, type TimeZoneChoice} from '../../presentation/time-format.js';
import type {DetailLine} from '../view-models.js';

export function detailLines(request: RequestView, timezone: TimeZoneChoice, wrapWidth: number | undefined): DetailLine[] {
	// An error's message is its evidence as the log said it (clipped): an execution line's text or `field=value`.
	const evidence = new Set(request.errors.map((error) => error.message));
	const lines: DetailLine[] = request.execution.map((record) => ({
		time: clockTime(record.timestamp, timezone),
		kind: record.kind,
		text: sanitizeLine(record.text),
		isError: evidence.has(evidenceMessage(record.text)),
	}));
	for (const [name, value] of Object.entries(request.access ?? {})) {
		const field = `${name}=${value}`;
		lines.push({time: '', kind: 'access', text: sanitizeLine(field), isError: evidence.has(evidenceMessage(field))});
	}

	return wrapWidth === undefined ? lines : lines.flatMap((line) => wrapLine(line, wrapWidth));
}

function wrapLine(line: DetailLine, width: number): DetailLine[] {
	const characters = [...line.text];
	if (characters.length <= width) return [line];
	const rows: DetailLine[] = [];
	for (let start = 0; start < characters.length; start += width) {
		const text = characters.slice(start, start + width).join('');
		rows.push(start === 0 ? {...line, text} : {time: '', kind: '', text, isError: line.isError});
	}

	return rows;
}
