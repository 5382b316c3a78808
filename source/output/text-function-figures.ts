// The summary's per-function block in text output: one aligned row per Lambda function the engine saw,
// beside the route rows. Function names come from log group names, which anyone who can create a function
// chooses, so they are sanitized like every other log-derived text.

import type {FunctionFigures} from '../core/lambda/function-stats.js';
import {sanitizeLine} from '../core/sanitize.js';
import type {Style} from '../presentation/ansi-style.js';

/** `λ name  12 invocations (10 for requests)  2 cold  p50 3ms p95 9ms p99 9ms  1 error`. */
export function functionFigureLines(functions: readonly FunctionFigures[], s: Style): string[] {
	const rows = functions.map((figures) => {
		const problems = [
			figures.errors > 0 ? `${figures.errors} ${figures.errors === 1 ? 'error' : 'errors'}` : '',
			figures.timeouts > 0 ? `${figures.timeouts} ${figures.timeouts === 1 ? 'timeout' : 'timeouts'}` : '',
			figures.failures > 0 ? `${figures.failures} ${figures.failures === 1 ? 'failure' : 'failures'}` : '',
		].filter(Boolean);
		const {duration} = figures;
		return {
			name: `λ ${sanitizeLine(figures.function)}`,
			count: `${figures.invocations} ${figures.invocations === 1 ? 'invocation' : 'invocations'} (${figures.joined} for requests)`,
			cold: `${figures.coldStarts} cold`,
			duration: duration.count > 0 ? `p50 ${duration.p50}ms p95 ${duration.p95}ms p99 ${duration.p99}ms` : 'no duration',
			problems: problems.length > 0 ? s.red(problems.join('  ')) : s.green('no errors'),
		};
	});
	const width = (text: (row: (typeof rows)[number]) => string) => Math.max(0, ...rows.map((row) => text(row).length));
	const widths = {
		name: width((row) => row.name),
		count: width((row) => row.count),
		cold: width((row) => row.cold),
		duration: width((row) => row.duration),
	};
	return rows.map((row) =>
		[row.name.padEnd(widths.name), row.count.padEnd(widths.count), row.cold.padStart(widths.cold), row.duration.padEnd(widths.duration), row.problems].join('  '),
	);
}
