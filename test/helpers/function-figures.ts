// The engine's per-function figures (core/lambda/function-stats.ts) in the shape `stats` reports them
// (function-stats), for tests that compare the two ways of counting.
import type {FunctionFigures} from '../../source/core/lambda/function-stats.js';

export function asStatsFunctionFigures(figures: FunctionFigures): Record<string, unknown> {
	return {
		invocations: figures.invocations,
		coldStarts: figures.coldStarts,
		errors: figures.errors,
		timeouts: figures.timeouts,
		failures: figures.failures,
		durationMs: {p50: figures.duration.p50, p95: figures.duration.p95, p99: figures.duration.p99},
	};
}
