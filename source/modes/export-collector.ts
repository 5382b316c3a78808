// `--export FILE` outside the terminal UI: keeps the last revision of every request that was printed (the
// filters already chose them), then writes them as FILE.json and FILE.md for the incident ticket.

import type {EmissionFilter} from '../core/emission-filter.js';
import type {RequestView} from '../core/types.js';
import type {TimeZoneChoice} from '../presentation/time-format.js';

export class ExportCollector {
	readonly #requests = new Map<string, RequestView>();
	readonly #limit: number;

	constructor(limit: number) {
		this.#limit = limit;
	}

	add(request: RequestView): void {
		this.#requests.delete(request.requestId);
		this.#requests.set(request.requestId, request);
		// Bounded like the engine: the oldest requests give way (the export says how many it holds).
		if (this.#requests.size > this.#limit) this.#requests.delete(this.#requests.keys().next().value!);
	}

	async write(
		path: string,
		options: {filter: EmissionFilter; source: string; timezone: TimeZoneChoice; accessLogGroups: Iterable<string>},
	): Promise<string> {
		const {buildIncidentExport, writeIncidentExport} = await import('../output/export.js');
		const requests = [...this.#requests.values()].sort((a, b) => a.firstTimestamp - b.firstTimestamp);
		// Connection ids are mostly in access lines: the query must search the access groups too.
		const logGroups = new Set([
			...options.accessLogGroups,
			...requests.flatMap((request) => request.execution.map((line) => line.event.logGroup ?? '')),
		]);
		logGroups.delete('');
		const written = await writeIncidentExport(
			path,
			buildIncidentExport({
				requests,
				title: titleFor(options.filter),
				source: options.source,
				generatedAt: Date.now(),
				logGroups: [...logGroups],
				timezone: options.timezone,
			}),
		);
		return `exported ${requests.length} requests to ${written.json} and ${written.markdown}`;
	}
}

function titleFor(filter: EmissionFilter): string {
	const parts = [
		filter.connectionId === undefined ? undefined : `connection ${filter.connectionId}`,
		filter.requestId === undefined ? undefined : `request ${filter.requestId}`,
		filter.routeKey === undefined ? undefined : `route ${filter.routeKey}`,
		filter.errorsOnly ? 'errors only' : undefined,
	].filter((part) => part !== undefined);
	return parts.length === 0 ? 'all requests' : parts.join(', ');
}
