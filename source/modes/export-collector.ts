// `--export FILE` outside the terminal UI: keeps the last revision of every request that was printed (the
// filters already chose them) until the run ends and the export is written.

import type {RequestView} from '../core/types.js';

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

	get requests(): Iterable<RequestView> {
		return this.#requests.values();
	}
}
