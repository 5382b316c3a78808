// What `npm pack` ships installs and runs on its own: the tarball is unpacked outside the project and run
// with no node_modules at all, so neither a devDependency nor anything else from the clone can be reached
// (the bundle holds every runtime dependency; a user's install adds the declared ones, which only helps).
// Why not `npm install ./apigw-tail-0.1.0.tgz`: it needs the registry's package documents, which the npm
// cache does not hold after `npm ci`, and tests use no network.
import {execFile} from 'node:child_process';
import {mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {parseNdjson} from '../helpers/cli.js';
import {fixturePath} from '../helpers/fixtures.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));

describe('the npm package', () => {
	let directory: string;
	let bin: string;

	beforeAll(async () => {
		directory = mkdtempSync(join(tmpdir(), 'apigw-pack-'));
		// --ignore-scripts: the tests run on the build already made; `prepare` would rebuild dist/ under the other tests.
		const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', directory], {cwd: root});
		const [tarball] = JSON.parse(packed.stdout) as Array<{filename: string}>;
		await run('tar', ['xzf', join(directory, tarball!.filename), '-C', directory]);
		bin = join(directory, 'package', 'bin', 'apigw-tail.js');
	}, 60_000);

	afterAll(() => {
		rmSync(directory, {recursive: true, force: true});
	});

	it('holds the shim, the bundle, package.json and README, and no sources, tests or unbundled modules', () => {
		const top = readdirSync(join(directory, 'package')).sort();
		expect(top).toEqual(['README.md', 'bin', 'dist', 'package.json']);
		expect(readdirSync(join(directory, 'package', 'dist'))).toEqual(['bundle']);
		expect(readdirSync(join(directory, 'package', 'dist', 'bundle'))).toContain('cli.js');
	});

	it('answers --version', async () => {
		const {stdout} = await run(process.execPath, [bin, '--version']);
		expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
	});

	it('runs a replay', async () => {
		const file = join(fixturePath('correlate'), 'websocket-chat.jsonl');
		const {stdout} = await run(process.execPath, [bin, 'replay', file, '--output', 'json'], {cwd: directory});
		const lines = parseNdjson(stdout);
		expect(lines.at(-1)).toMatchObject({type: 'summary'});
		expect(lines.some((line) => line['type'] === 'request')).toBe(true);
	});

	it('runs the demo', async () => {
		const {stdout} = await run(process.execPath, [bin, 'demo', '--duration', '3s', '--output', 'json'], {cwd: directory});
		const lines = parseNdjson(stdout);
		expect(lines.at(-1)).toMatchObject({type: 'summary'});
		expect(lines.filter((line) => line['type'] === 'request').length).toBeGreaterThan(0);
	}, 60_000);
});

describe('scripts/build-if-stale.js', () => {
	const script = join(root, 'scripts', 'build-if-stale.js');
	let project: string;

	beforeAll(() => {
		// A stand-in project whose "build" only writes the bundle's entry: the script's decision is under test, not tsc.
		project = mkdtempSync(join(tmpdir(), 'apigw-stale-'));
		const build = `node -e "require('fs').mkdirSync('dist/bundle',{recursive:true});require('fs').writeFileSync('dist/bundle/cli.js','')"`;
		writeFileSync(join(project, 'package.json'), JSON.stringify({name: 'stand-in', private: true, scripts: {build}}));
		writeFileSync(join(project, 'tsconfig.json'), '{}');
		mkdirSync(join(project, 'source', 'core'), {recursive: true});
		writeFileSync(join(project, 'source', 'core', 'a.ts'), 'export {};\n');
	});

	afterAll(() => {
		rmSync(project, {recursive: true, force: true});
	});

	it('builds when there is no build, not when nothing changed, and again once a source is newer', async () => {
		const first = await run(process.execPath, [script], {cwd: project});
		expect(first.stderr).toContain('building…');

		const second = await run(process.execPath, [script], {cwd: project});
		expect(second.stderr).toBe('');

		// A source written after the bundle (its time set ahead, so no clock resolution can hide it).
		const later = new Date(Date.now() + 60_000);
		const source = join(project, 'source', 'core', 'a.ts');
		writeFileSync(source, 'export const changed = 1;\n');
		utimesSync(source, later, later);
		const third = await run(process.execPath, [script], {cwd: project});
		expect(third.stderr).toContain('building…');
	});
});
