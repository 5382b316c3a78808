// The whole App driven by keys through Ink's stdin (test/helpers/ink-app.ts): each key is handled once
// the frame changes, never after a fixed delay.
import {describe, expect, it} from 'vitest';
import {KEYS, renderApp} from '../helpers/ink-app.js';
import {chatModel} from './state-fixtures.js';

const selected = (frame: string): string | undefined => /^›\s+(C\d\d)/m.exec(frame)?.[1];

describe('App: keys', () => {
	it('handles keys typed one at a time, each drawn before the next', async () => {
		const app = await renderApp({model: chatModel()});
		expect(selected(app.lastFrame())).toBe('C09');
		expect(selected(await app.press('j'))).toBe('C08');
		expect(selected(await app.press('j', 'j', 'k'))).toBe('C07');
		expect(selected(await app.press(KEYS.down))).toBe('C06');
		expect(await app.press(KEYS.tab)).toMatch(/\[Timeline\] C06/);
		expect(await app.press('?')).toMatch(/quit/);
		expect(await app.press(KEYS.escape)).toMatch(/\[Timeline\] C06/);
		app.unmount();
	});

	it('handles arrow keys that arrive in one read (auto-repeat)', async () => {
		const app = await renderApp({model: chatModel()});
		expect(selected(await app.pressTogether(KEYS.down, KEYS.down, KEYS.down))).toBe('C06');
		app.unmount();
	});

	it('handles every key of a run of letters that arrive in one read, in order', async () => {
		const app = await renderApp({model: chatModel()});
		expect(selected(await app.pressTogether('j', 'j', 'j'))).toBe('C06');
		expect(selected(await app.pressTogether('j', 'j', 'k'))).toBe('C05');
		// Keys mean what the keys before them made of the state: after Tab, k moves in C05's timeline (newest selected).
		const timeline = await app.pressTogether(KEYS.tab, 'k', 'k');
		expect(timeline).toMatch(/\[Timeline\] C05/);
		expect(timeline).toMatch(/^›\s+12:00:52\.000 MESSAGE/m);
		app.unmount();
	});

	it('a run of o presses steps the sort once per press', async () => {
		const app = await renderApp({model: chatModel()});
		expect(await app.pressTogether('o', 'o', 'o')).toMatch(/by messages/);
		app.unmount();
	});

	it('text pasted into the search prompt is typed whole, plain or bracketed', async () => {
		const app = await renderApp({model: chatModel()});
		await app.press('/');
		expect(await app.pressTogether('C03-m2')).toMatch(/^\/C03-m2/m);
		expect(await app.pressTogether(KEYS.enter)).toMatch(/\/C03-m2 1\/1/);
		await app.press(KEYS.escape);
		await app.press('/');
		expect(await app.pressTogether('\u001B[200~C07-m3\u001B[201~')).toMatch(/^\/C07-m3/m);
		app.unmount();
	});

	it('a bracketed paste outside the prompt searches for the text instead of running its letters as keys', async () => {
		const app = await renderApp({model: chatModel()});
		const frame = await app.pressTogether('\u001B[200~q C05\r\u001B[201~');
		expect(frame).toMatch(/^\/q C05 /m);
		app.unmount();
	});

	it('redraws at the new size on resize', async () => {
		const app = await renderApp({model: chatModel()});
		expect(app.lastFrame().split('\n')).toHaveLength(24);
		const frame = await app.resize(80, 16);
		expect(frame.split('\n')).toHaveLength(16);
		expect(Math.max(...frame.split('\n').map((line) => line.length))).toBeLessThanOrEqual(80);
		app.unmount();
	});
});
