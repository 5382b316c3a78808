import {describe, expect, it} from 'vitest';
import {detach, StringPool} from '../../source/core/retained-strings.js';

describe('detach', () => {
	it('keeps the text exactly, whatever its length or characters', () => {
		const line = '(Y8I7FpLnCuvo7rI=) AWS Integration Endpoint RequestId : 763d88cf-f070-44f6-a859-d2fc692d70be 😀\uD800';
		for (let start = 0; start < line.length; start += 7) {
			for (const end of [start, start + 1, start + 12, start + 13, start + 36, line.length]) {
				expect(detach(line.slice(start, end))).toBe(line.slice(start, end));
			}
		}
	});
});

describe('StringPool', () => {
	it('gives back equal text, undefined for undefined, past its bound too', () => {
		const pool = new StringPool(2);
		for (const text of ['sendmessage', '$connect', '$default', 'sendmessage', 'a route key longer than thirteen']) {
			expect(pool.get(text)).toBe(text);
		}

		expect(pool.get(undefined)).toBeUndefined();
	});
});
