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

	it('redraws at the new size on resize', async () => {
		const app = await renderApp({model: chatModel()});
		expect(app.lastFrame().split('\n')).toHaveLength(23);
		const frame = await app.resize(80, 16);
		expect(frame.split('\n')).toHaveLength(15);
		expect(Math.max(...frame.split('\n').map((line) => line.length))).toBeLessThanOrEqual(80);
		app.unmount();
	});
});
