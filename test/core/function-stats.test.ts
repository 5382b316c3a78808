import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {FunctionStats} from '../../source/core/lambda/function-stats.js';
import type {Invocation} from '../../source/core/lambda/types.js';
import {authorizerAllowed, invocation, threwOnColdStart, timedOut} from '../ui/invocation-fixtures.js';

function statsOf(invocations: Invocation[]): FunctionStats {
	const stats = new FunctionStats();
	for (const each of invocations) stats.add(each);
	return stats;
}

describe('FunctionStats', () => {
	it('counts invocations, joins, cold starts and outcomes per function, sorted by name', () => {
		const stats = statsOf([
			threwOnColdStart(),
			timedOut(),
			invocation({role: null, durationMs: 2}),
			invocation({outcome: 'failure', durationMs: null}),
			authorizerAllowed(),
		]);
		expect(stats.snapshot()).toEqual([
			{
				function: 'chat-authorizer',
				invocations: 1,
				joined: 1,
				coldStarts: 0,
				errors: 0,
				timeouts: 0,
				failures: 0,
				duration: {count: 1, p50: 4, p95: 4, p99: 4, max: 4},
			},
			{
				function: 'chat-sendmessage',
				invocations: 4,
				joined: 3,
				coldStarts: 1,
				errors: 1,
				timeouts: 1,
				failures: 1,
				// 2, 1234 and 30,030.41 (above 10 s: its log bucket's bound, never lower and within 2%).
				duration: expect.objectContaining({count: 3, p50: 1234}),
			},
		]);
		const p99 = stats.snapshot()[1]!.duration.p99!;
		expect(p99).toBeGreaterThanOrEqual(30_031);
		expect(p99).toBeLessThanOrEqual(30_031 * 1.02 + 1);
	});

	it('reads exact whole-millisecond percentiles (rounded up) for a small sample', () => {
		const durations = [3.2, 7, 12.01, 40, 41, 99.99, 250, 800, 1200, 9000.5];
		const stats = statsOf(durations.map((durationMs) => invocation({durationMs})));
		const {duration} = stats.snapshot()[0]!;
		expect(duration).toEqual({count: 10, p50: 41, p95: 9001, p99: 9001, max: 9001});
	});

	it('takes a revised invocation back out exactly, and forgets a function nothing counts for', () => {
		const stats = new FunctionStats();
		const first = invocation({outcome: 'unknown', durationMs: null});
		const revised = threwOnColdStart();
		stats.add(authorizerAllowed());
		stats.add(first);
		stats.remove(first);
		stats.add(revised);
		expect(stats.snapshot()).toEqual(statsOf([authorizerAllowed(), revised]).snapshot());
		stats.remove(revised);
		expect(stats.snapshot().map((figures) => figures.function)).toEqual(['chat-authorizer']);
		stats.remove(invocation({function: 'never-added'}));
		expect(stats.snapshot()).toHaveLength(1);
	});

	it('keeps a function named like a prototype key as any other', () => {
		const stats = statsOf([invocation({function: '__proto__'}), invocation({function: 'constructor'})]);
		expect(stats.snapshot().map((figures) => [figures.function, figures.invocations])).toEqual([
			['__proto__', 1],
			['constructor', 1],
		]);
	});

	it('gives the same figures for any arrival order, with any removed ones taken back', () => {
		const shapes = fc.record({
			function: fc.constantFrom('chat-connect', 'chat-default', 'chat-sendmessage'),
			role: fc.constantFrom('integration' as const, 'authorizer' as const, null),
			outcome: fc.constantFrom('success' as const, 'error' as const, 'timeout' as const, 'failure' as const, 'unknown' as const),
			coldStart: fc.boolean(),
			durationMs: fc.option(fc.double({min: 0, max: 40_000, noNaN: true}), {nil: null}),
		});
		fc.assert(
			fc.property(fc.array(shapes, {maxLength: 30}), fc.array(shapes, {maxLength: 10}), fc.infiniteStream(fc.nat()), (kept, removed, seeds) => {
				const all = [...kept, ...removed].map((shape) => invocation(shape));
				const shuffled = all
					.map((each) => ({each, key: seeds.next().value as number}))
					.sort((a, b) => a.key - b.key)
					.map(({each}) => each);
				const stats = statsOf(shuffled);
				for (const each of all.slice(kept.length)) stats.remove(each);
				expect(stats.snapshot()).toEqual(statsOf(all.slice(0, kept.length)).snapshot());
			}),
		);
	});
});
