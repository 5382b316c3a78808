import {describe, expect, it} from 'vitest';
import type {LogEvent} from '../../source/core/types.js';
import {SwitchableSource} from '../../source/modes/switchable-source.js';

const event = (message: string): LogEvent => ({timestamp: 0, message});

describe('SwitchableSource', () => {
	it('reopens the source with the new setting when switched, and ends when the source ends', async () => {
		const opened: Array<string | undefined> = [];
		const source = new SwitchableSource<string | undefined>(async function* (setting, signal) {
			opened.push(setting);
			yield [event(`first under ${setting ?? 'all'}`)];
			// A live source: waits until told to stop, unless it is the narrowed one, which ends.
			if (setting === undefined) await new Promise((resolve) => signal.addEventListener('abort', resolve, {once: true}));
		}, undefined);

		const received: string[] = [];
		for await (const batch of source.batches(new AbortController().signal)) {
			received.push(...batch.map((item) => item.message));
			if (received.length === 1) source.switchTo('Iq8gj1UmIAMCKpA=');
		}

		expect(opened).toEqual([undefined, 'Iq8gj1UmIAMCKpA=']);
		expect(received).toEqual(['first under all', 'first under Iq8gj1UmIAMCKpA=']);
	});

	it('stops when its signal aborts', async () => {
		const stop = new AbortController();
		const source = new SwitchableSource<undefined>(async function* (_setting, signal) {
			yield [event('one')];
			await new Promise((resolve) => signal.addEventListener('abort', resolve, {once: true}));
			yield [event('never')];
		}, undefined);
		const received: string[] = [];
		for await (const batch of source.batches(stop.signal)) {
			received.push(...batch.map((item) => item.message));
			stop.abort();
		}

		expect(received).toEqual(['one']);
	});
});
