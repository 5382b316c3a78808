// The soak (bench/soak-run.js, `npm run soak`) for two minutes: the built CLI follows the emulator's
// `chat-demo` stage at 500 events/s while throttling, resets, 5xx, every kind of live tail session end,
// sampled seconds, late ingestion and new streams hit it; every written request must come out whole,
// and nothing twice. One cycle of the fault schedule is two minutes: its sampled seconds and its
// reconnects lie more than the overlap window apart, so a miss of either repair shows (see
// bench/soak-faults.js). On a loaded machine the CLI only lags: the soak waits for its output.

import {describe, expect, it} from 'vitest';
import {runSoak} from '../bench/soak-run.js';

describe('soak: two minutes of live tailing under faults', () => {
	it('loses nothing, duplicates nothing, and its memory does not grow grossly', async () => {
		const progress: string[] = [];
		const figures = await runSoak({minutes: 2, eventsPerSecond: 500, log: (text) => progress.push(text)});
		const context = JSON.stringify({...figures, progress}, null, 1);

		expect(figures.writtenEvents, context).toBeGreaterThan(50_000);
		expect(figures.exitCode, context).toBe(130);
		expect(
			{
				lostRequests: figures.lostRequests,
				lostEvents: figures.lostEvents,
				duplicatedRequests: figures.duplicatedRequests,
				duplicatedEvents: figures.duplicatedEvents,
				foreign: figures.foreign,
				unparsed: figures.unparsed,
			},
			context,
		).toEqual({lostRequests: 0, lostEvents: 0, duplicatedRequests: 0, duplicatedEvents: 0, foreign: 0, unparsed: 0});
		// Every fault happened and was noticed by the CLI: a reconnect per session end, a sampled update.
		expect(Object.keys(figures.faults).length, context).toBeGreaterThanOrEqual(20);
		const notices = Object.entries(figures.notices);
		const reconnects = notices.filter(([notice]) => notice.startsWith('live tail ended')).reduce((sum, [, count]) => sum + count, 0);
		expect(reconnects, context).toBeGreaterThanOrEqual(4);
		expect(notices.some(([notice]) => notice.startsWith('live tail sampled an update')), context).toBe(true);

		// Memory. What the CLI keeps is bounded by time (exactly-once keys for the last one to three
		// minutes; requests for their settle window and 20,000 arrivals, about 40 s here) and by counts a
		// two-minute run does not reach (--max-requests, --max-connections). Its live heap levels off at
		// 60-75 MB (heap snapshots of an 8-minute soak: 62 MB at 2.5 min, 72 MB at 7 min). RSS, though,
		// follows V8's heap, which collects the old generation lazily (letting it reach 2-3 times the live
		// set) and seldom returns pages: samples swing by about 50 MB either way, and the first minute
		// still fills the time windows. Measured on the 2-core machine: start ~105, middle ~240, end ~290
		// MB. So "flat after warm-up" can only be asked coarsely here: the end may exceed the middle by
		// half plus 50 MB (~170 MB in the second minute, several KB per event read), which catches a
		// gross leak. Smaller ones (keeping every raw event, or every printed request: 20-60 MB a minute,
		// tried) are within the noise of two minutes; `npm run soak -- --minutes 10` shows those.
		const {start, middle, end} = figures.rssMb;
		if (process.platform === 'linux') {
			expect(start, context).toBeGreaterThan(0);
			expect(end!, context).toBeLessThan(middle! * 1.5 + 50);
		}
	}, 360_000);
});
