// The spread of each route's integration latency on a fixed scale, for the stats view's sparkline. The
// buckets are the same for every route so that two routes' shapes compare at a glance; counts are kept
// per bucket so a request's newer view can take its old latency back out.

import type {RequestView} from '../../core/types.js';

/** Upper bounds (exclusive, ms) of the first seven buckets; the eighth holds everything from 1 s. */
export const LATENCY_BUCKET_BOUNDS: readonly number[] = [10, 25, 50, 100, 250, 500, 1000];
const BUCKETS = LATENCY_BUCKET_BOUNDS.length + 1;
const TALLEST = 7;

/** The key metrics use for a request's stage and route (see core/stats.ts). */
function stageKeyOf(request: RequestView): string {
	return `${request.apiId ?? '-'}/${request.stage ?? '-'}`;
}

function routeKeyOf(request: RequestView): string {
	return request.routeKey ?? '-';
}

function bucketOf(latencyMs: number): number {
	const index = LATENCY_BUCKET_BOUNDS.findIndex((bound) => latencyMs < bound);
	return index === -1 ? BUCKETS - 1 : index;
}

/** Bucket counts scaled to 0..7 against the fullest bucket; a bucket with anything in it shows at least 1. */
function shapeHeights(counts: readonly number[]): number[] {
	const fullest = Math.max(0, ...counts);
	return counts.map((count) => (count <= 0 || fullest === 0 ? 0 : Math.max(1, Math.round((count / fullest) * TALLEST))));
}

export class LatencyShapes {
	readonly #counts = new Map<string, number[]>();

	tally(request: RequestView, sign: 1 | -1): void {
		const latency = request.integrationLatencyMs;
		if (latency === undefined || !Number.isFinite(latency) || latency < 0) return;
		const key = shapeKey(stageKeyOf(request), routeKeyOf(request));
		let counts = this.#counts.get(key);
		if (counts === undefined) {
			counts = Array.from({length: BUCKETS}, () => 0);
			this.#counts.set(key, counts);
		}

		counts[bucketOf(latency)]! += sign;
	}

	/** Heights 0..7, fastest bucket first. */
	shape(stageKey: string, routeKey: string): number[] {
		return shapeHeights(this.#counts.get(shapeKey(stageKey, routeKey)) ?? Array.from({length: BUCKETS}, () => 0));
	}
}

function shapeKey(stageKey: string, routeKey: string): string {
	return `${stageKey}\n${routeKey}`;
}
