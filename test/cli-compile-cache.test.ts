// bin/apigw-tail.js turns on Node's compile cache (V8's compiled code of the bundle, kept between runs). It
// lives in the temporary directory, never beside the package (which may be read-only), and a cache that
// cannot be written costs nothing but the time: same output, nothing on stderr.
import {existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {parseNdjson, runCli} from './helpers/cli.js';
import {fixturePath} from './helpers/fixtures.js';

const replay = ['replay', join(fixturePath('correlate'), 'websocket-chat.jsonl'), '--output', 'json'];
// Node's own settings for the cache would override where bin/ puts it.
const cacheSettings = {NODE_COMPILE_CACHE: undefined, NODE_DISABLE_COMPILE_CACHE: undefined};

describe('the compile cache', () => {
	let directory: string;

	beforeAll(() => {
		directory = mkdtempSync(join(tmpdir(), 'apigw-cache-'));
	});

	afterAll(() => {
		rmSync(directory, {recursive: true, force: true});
	});

	it('is written under the temporary directory', async () => {
		const temporary = join(directory, 'tmp');
		const result = await runCli(replay, {env: {...cacheSettings, TMPDIR: temporary}});
		expect(result.code).toBe(0);
		expect(parseNdjson(result.stdout).at(-1)).toMatchObject({type: 'summary'});
		expect(existsSync(join(temporary, 'node-compile-cache'))).toBe(true);
		expect(readdirSync(join(temporary, 'node-compile-cache')).length).toBeGreaterThan(0);
	}, 60_000);

	it('costs nothing else when it cannot be written (no temporary directory, no HOME)', async () => {
		const notADirectory = join(directory, 'a-file');
		writeFileSync(notADirectory, '');
		const withCache = await runCli(replay, {env: cacheSettings});
		const withoutCache = await runCli(replay, {env: {...cacheSettings, TMPDIR: join(notADirectory, 'tmp'), HOME: undefined}});
		expect(withoutCache.stderr).toBe('');
		expect(withoutCache.code).toBe(0);
		expect(withoutCache.stdout).toBe(withCache.stdout);
	}, 60_000);
});
