import {describe, expect, it} from 'vitest';
import {transportNotices} from '../../source/modes/transport-notices.js';
import type {TransportStatus} from '../../source/sources/cloudwatch/transport.js';

const base: TransportStatus = {phase: 'backfill', sampled: false, throttled: false, lagMs: undefined, eventsPerSecond: 0};

describe('transportNotices', () => {
	it('says every phase change, and when sampling or throttling starts, once each', () => {
		const said: string[] = [];
		const report = transportNotices((text) => said.push(text));
		for (const status of [
			base,
			{...base, phase: 'live'},
			{...base, phase: 'live', eventsPerSecond: 40},
			{...base, phase: 'live', sampled: true},
			{...base, phase: 'live', sampled: true},
			{...base, phase: 'live', throttled: true},
			{...base, phase: 'reconnecting'},
			{...base, phase: 'polling', notice: 'live tail not allowed (AccessDeniedException): polling every 2s'},
			{...base, phase: 'stopped'},
		] satisfies TransportStatus[]) {
			report(status);
		}

		expect(said).toEqual([
			'following with live tail',
			'live tail sampled an update (over 500 events/s): re-reading that window with FilterLogEvents',
			'AWS is throttling requests: slowing down, nothing is skipped',
			'live tail session ended: reconnecting and re-reading the gap',
			'live tail not allowed (AccessDeniedException): polling every 2s',
			'following by polling FilterLogEvents',
		]);
	});
});
