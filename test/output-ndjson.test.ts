import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {isoTime, stringifySafely} from '../source/output/ndjson.js';

describe('isoTime', () => {
	it('formats exactly like Date#toISOString', () => {
		fc.assert(
			fc.property(fc.integer({min: -62_000_000_000_000, max: 253_402_300_799_999}), (epochMs) => {
				expect(isoTime(epochMs)).toBe(new Date(epochMs).toISOString());
			}),
			{numRuns: 5000},
		);
	});

	it('is null for unknown times', () => {
		expect(isoTime(undefined)).toBeNull();
		expect(isoTime(Number.NaN)).toBeNull();
		expect(isoTime(1e20)).toBeNull();
	});
});

describe('stringifySafely', () => {
	it('escapes every C0 and C1 control character and the line separators', () => {
		const text = stringifySafely({message: 'a\u001B[2J\u0007\u007F\u009B\u2028b'});
		expect(text).toBe('{"message":"a\\u001b[2J\\u0007\\u007f\\u009b\\u2028b"}');
		expect(JSON.parse(text)).toEqual({message: 'a\u001B[2J\u0007\u007F\u009B\u2028b'});
	});

	it('escapes the bidi overrides and isolates, so a log line cannot reorder what the terminal shows', () => {
		const message = 'invoice\u202Efdp.exe\u202C \u2066x\u2069 \u202A\u202B\u202D\u2067\u2068';
		const text = stringifySafely({message});
		expect(text).toBe('{"message":"invoice\\u202efdp.exe\\u202c \\u2066x\\u2069 \\u202a\\u202b\\u202d\\u2067\\u2068"}');
		expect(JSON.parse(text)).toEqual({message});
	});

	it('never emits a raw control character and always round-trips', () => {
		fc.assert(
			fc.property(fc.string({unit: 'binary'}), (message) => {
				const text = stringifySafely({message});
				expect(text).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/);
				expect(JSON.parse(text)).toEqual({message});
			}),
		);
	});
});
