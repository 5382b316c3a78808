// Model-wide figures over every request seen: per route metrics (the engine's own definitions, but live:
// pending requests count too), per Lambda function figures of their invocations, latency shapes, the
// routes seen and the latest time. A
// request's newer view takes its old contribution out first; requests dropped from memory keep counting.

import {FunctionStats, type FunctionFigures} from '../../core/lambda/function-stats.js';
import {MetricsCollector, type MetricsSnapshot} from '../../core/stats.js';
import type {RequestView} from '../../core/types.js';
import {compareIds} from './entries.js';
import {LatencyShapes} from './latency-shape.js';

export class Figures {
	readonly #metrics = new MetricsCollector();
	readonly #functions = new FunctionStats();
	readonly #shapes = new LatencyShapes();
	readonly #routes = new Set<string>();
	#sortedRoutes: string[] | undefined;
	#latestTime = Number.NEGATIVE_INFINITY;

	tally(request: RequestView, sign: 1 | -1): void {
		if (sign === 1) this.#metrics.add(request);
		else this.#metrics.remove(request);
		for (const invocation of request.invocations) {
			if (sign === 1) this.#functions.add(invocation);
			else this.#functions.remove(invocation);
		}

		this.#shapes.tally(request, sign);
		if (sign === -1) return;
		if (request.routeKey !== undefined && !this.#routes.has(request.routeKey)) {
			this.#routes.add(request.routeKey);
			this.#sortedRoutes = undefined;
		}

		if (Number.isFinite(request.lastTimestamp)) this.#latestTime = Math.max(this.#latestTime, request.lastTimestamp);
	}

	get latestTime(): number | undefined {
		return Number.isFinite(this.#latestTime) ? this.#latestTime : undefined;
	}

	routes(): readonly string[] {
		this.#sortedRoutes ??= [...this.#routes].sort(compareIds);
		return this.#sortedRoutes;
	}

	metrics(): MetricsSnapshot {
		return this.#metrics.snapshot();
	}

	functions(): FunctionFigures[] {
		return this.#functions.snapshot();
	}

	latencyShape(stageKey: string, routeKey: string): number[] {
		return this.#shapes.shape(stageKey, routeKey);
	}
}
