// Compares the CLI's NDJSON with what the soak wrote. A request may be printed more than once, but only
// as a revision that carries news: a line that arrived after it was printed (a late access line), or,
// marked `partial`, a line for a request already forgotten. So, per written request:
// - lost: written lines (execution lines, the access line) that no printed version of it ever showed;
// - duplicated: a version printed again with the same revision, or a revision with no line the earlier
//   versions lacked (only a copy of an event already delivered can cause one);
// and per event: the summary's `events` (everything the engine took in, copies included) beyond the
// distinct events that reached the output counts as duplicated events.

export class SoakLedger {
	requestRecords = 0;
	revisions = 0;
	partial = 0;
	duplicatedEmissions = 0;
	/** Lines, requests or records nobody wrote. */
	foreign = 0;
	unparsed = 0;
	connectionRecords = 0;
	summary = undefined;
	examples = [];
	#expected;
	/** Request id -> {seen: Set of lines shown, access: shown, revisions: Set, whole: boolean}. */
	#shown = new Map();
	#whole = 0;

	constructor(expected) {
		this.#expected = expected;
	}

	/** Written requests not yet shown whole. */
	get outstanding() {
		return this.#expected.size - this.#whole;
	}

	/** One NDJSON line from the CLI. */
	line(text) {
		let record;
		try {
			record = JSON.parse(text);
		} catch {
			this.#example(`not JSON: ${text.slice(0, 120)}`);
			this.foreign++;
			return;
		}
		if (record.type === 'request') this.#request(record);
		else if (record.type === 'connection') this.connectionRecords++;
		else if (record.type === 'unparsed') this.unparsed++;
		else if (record.type === 'summary') this.summary = record;
	}

	/** The figures, once the CLI has exited. */
	figures(writtenEvents) {
		let lostRequests = 0;
		let lostEvents = 0;
		for (const [requestId, lines] of this.#expected) {
			const shown = this.#shown.get(requestId);
			if (shown === undefined) {
				lostRequests++;
				lostEvents += lines.length + 1;
				this.#example(`lost request ${requestId}`);
				continue;
			}
			const missing = lines.filter((line) => !shown.seen.has(line)).length + (shown.access ? 0 : 1);
			if (missing > 0) this.#example(`request ${requestId} lacks ${missing} line(s)`);
			lostEvents += missing;
		}
		const eventsIn = this.summary?.events;
		const distinctOut = writtenEvents - lostEvents;
		return {
			writtenRequests: this.#expected.size,
			writtenEvents,
			requestRecords: this.requestRecords,
			revisions: this.revisions,
			partial: this.partial,
			connectionRecords: this.connectionRecords,
			eventsIn,
			lostRequests,
			lostEvents,
			duplicatedRequests: this.duplicatedEmissions,
			duplicatedEvents: eventsIn === undefined ? undefined : Math.max(0, eventsIn - distinctOut),
			foreign: this.foreign,
			unparsed: this.unparsed,
			examples: this.examples,
		};
	}

	#request(record) {
		this.requestRecords++;
		const lines = this.#expected.get(record.requestId);
		if (lines === undefined) {
			this.foreign++;
			this.#example(`request nobody wrote: ${record.requestId}`);
			return;
		}
		let shown = this.#shown.get(record.requestId);
		if (shown === undefined) {
			shown = {seen: new Set(), access: false, revisions: new Set(), whole: false};
			this.#shown.set(record.requestId, shown);
		}
		let news = 0;
		for (const line of record.execution) {
			const key = `${line.time}|${line.message}`;
			if (shown.seen.has(key)) continue;
			if (!lines.includes(key)) {
				this.foreign++;
				this.#example(`line nobody wrote in ${record.requestId}: ${key.slice(0, 120)}`);
				continue;
			}
			shown.seen.add(key);
			news++;
		}
		if (record.access !== null && !shown.access) {
			shown.access = true;
			news++;
		}
		if (record.revision > 0) this.revisions++;
		if (record.partial) this.partial++;
		if (shown.revisions.has(record.revision) || news === 0) {
			this.duplicatedEmissions++;
			this.#example(`${record.requestId} printed again (revision ${record.revision}${record.partial ? ', partial' : ''}) with nothing new`);
		}
		shown.revisions.add(record.revision);
		if (!shown.whole && shown.access && shown.seen.size === lines.length) {
			shown.whole = true;
			this.#whole++;
		}
	}

	#example(text) {
		if (this.examples.length < 10) this.examples.push(text);
	}
}
