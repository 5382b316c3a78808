import {spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';

// README's picture of the screen is the UI's own output on the bundled sample: a change to what the UI draws
// must come with a new picture (npm run build && node scripts/readme-screen.js).
describe('README', () => {
	it('shows the screen the terminal UI draws now', () => {
		const run = spawnSync(process.execPath, ['scripts/readme-screen.js', '--check'], {encoding: 'utf8', timeout: 60_000});
		expect(run.stderr).toBe('');
		expect(run.status).toBe(0);
	}, 90_000);
});
