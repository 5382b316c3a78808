// The soak (bench/soak-run.js, `npm run soak`) for two minutes: the built CLI follows the emulator's
// `chat-demo` stage at 500 events/s while throttling, resets, 5xx, every kind of live tail session end,
// sampled seconds, late ingestion and new streams hit it; every written request must come out whole,
// and nothing twice. One cycle of the fault schedule is two minutes: its sampled seconds and its
// reconnects lie more than the overlap window apart, so a miss of either repair shows (see
// bench/soak-faults.js). On a loaded machine the CLI only lags: the soak waits for its output.
// Memory depends on timing and load, so its bound is checked by `npm run soak` (bench/soak.js), not here.

import {describe, expect, it} from 'vitest';
import {runSoak} from '../bench/soak-run.js';

describe('soak: two minutes of live tailing under faults', () => {
	it('loses nothing and duplicates nothing', async () => {
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
	}, 360_000);
});
