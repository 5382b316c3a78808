// A read holding nothing but ESC is the Escape key, handed to Ink complete so it is handled at once;
// every other read (an arrow key's sequence, Alt+key, text) reaches Ink unchanged.
import {Text, useInput, type Key} from 'ink';
import {render} from 'ink-testing-library';
import {createElement} from 'react';
import {describe, expect, it} from 'vitest';
import {asEscapeKey, escapeKeyAtOnce} from '../../source/ui/terminal/escape-key.js';
import {waitFor} from '../helpers/wait.js';

describe('asEscapeKey', () => {
	it('turns a lone ESC, as bytes or as text, into the Escape key\'s complete sequence', () => {
		expect(asEscapeKey(Buffer.from([0x1b]))).toEqual(Buffer.from('\u001B[27u'));
		expect(asEscapeKey('\u001B')).toBe('\u001B[27u');
	});

	it('leaves every other read alone', () => {
		for (const chunk of ['\u001B[A', '\u001Bq', '\u001B\u001B', 'q', '?', '']) {
			expect(asEscapeKey(chunk)).toBe(chunk);
			const bytes = Buffer.from(chunk);
			expect(asEscapeKey(bytes)).toBe(bytes);
		}

		expect(asEscapeKey(null)).toBeNull();
	});
});

describe('escapeKeyAtOnce', () => {
	it('Ink handles Escape within the read that brought it (no wait for the rest of a sequence), and other keys as before', async () => {
		const seen: Array<{input: string; escape: boolean; upArrow: boolean}> = [];
		function Probe() {
			useInput((input: string, key: Key) => seen.push({input, escape: key.escape, upArrow: key.upArrow}));
			return createElement(Text, null, 'keys');
		}

		const app = render(createElement(Probe));
		const restore = escapeKeyAtOnce(app.stdin);
		try {
			await waitFor(() => app.stdin.listenerCount('readable') > 0, 5000, 'Ink to read stdin');
			// stdin.write emits 'readable' and Ink reads at once: whatever it handles is in `seen` when write returns.
			app.stdin.write('\u001B');
			expect(seen).toEqual([{input: '', escape: true, upArrow: false}]);
			app.stdin.write('\u001B[A');
			app.stdin.write('q');
			expect(seen.slice(1)).toEqual([
				{input: '', escape: false, upArrow: true},
				{input: 'q', escape: false, upArrow: false},
			]);
		} finally {
			restore();
			app.unmount();
		}
	});

	it('puts the stream\'s own read back', () => {
		const read = () => '\u001B';
		const input = {read};
		const restore = escapeKeyAtOnce(input);
		expect(input.read()).toBe('\u001B[27u');
		restore();
		expect(input.read).toBe(read);
	});
});
