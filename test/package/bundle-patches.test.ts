// scripts/bundle-patches.js changes dependencies' sources as they are bundled, to start faster: each
// patched module must answer exactly as the original does. Both are bundled here by esbuild, with and
// without the patch, and asked the same questions.
import {spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {build, type Plugin} from 'esbuild';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
// @ts-expect-error the build script is plain JavaScript
import {patchMeowDependencies, patchSignalExit, patchStringWidth, patchTerminalSize, patchYogaLoader} from '../../scripts/bundle-patches.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
let directory: string;

beforeAll(() => {
	directory = mkdtempSync(join(tmpdir(), 'apigw-patches-'));
});

afterAll(() => {
	rmSync(directory, {recursive: true, force: true});
});

/** `entry` bundled into one module, the files matching `filter` changed by `patch` when given. */
async function bundled<T>(entry: string, name: string, patch?: {filter: RegExp; apply: (source: string) => string}): Promise<T> {
	const plugins: Plugin[] = [];
	if (patch) {
		plugins.push({
			name: 'patch',
			setup(pluginBuild) {
				pluginBuild.onLoad({filter: patch.filter}, async ({path}) => {
					const {readFile} = await import('node:fs/promises');
					return {contents: patch.apply(await readFile(path, 'utf8')), loader: 'js'};
				});
			},
		});
	}

	const outfile = join(directory, `${name}.mjs`);
	await build({entryPoints: [entry], outfile, bundle: true, format: 'esm', platform: 'node', absWorkingDir: root, logLevel: 'silent', plugins});
	return (await import(pathToFileURL(outfile).href)) as T;
}

type StringWidth = {default: (text: string) => number};

describe('string-width, patched', () => {
	let original: StringWidth['default'];
	let patched: StringWidth['default'];

	beforeAll(async () => {
		original = (await bundled<StringWidth>('string-width', 'string-width-original')).default;
		patched = (await bundled<StringWidth>('string-width', 'string-width-patched', {filter: /[/\\]string-width[/\\]index\.js$/, apply: patchStringWidth})).default;
	}, 60_000);

	it('measures every code point as the original does', () => {
		const differences: string[] = [];
		for (let codePoint = 0; codePoint <= 0x10_ffff; codePoint++) {
			if (codePoint >= 0xd8_00 && codePoint <= 0xdf_ff) continue;
			// The patch answers for clusters of one code point; longer clusters take the original's path.
			const text = String.fromCodePoint(codePoint);
			if (patched(text) !== original(text)) differences.push(codePoint.toString(16));
		}

		expect(differences).toEqual([]);
	}, 120_000);

	it('measures emoji sequences, flags, keycaps and the UI glyphs as the original does', () => {
		const samples = [
			'🇩🇪',
			'🇩',
			'👍🏽',
			'👩‍💻',
			'👨‍👩‍👧',
			'🏴󠁧󠁢󠁳󠁣󠁴󠁿',
			'#️⃣',
			'1⃣',
			'☺',
			'☺️',
			'⚡ integration 0  ⏳ throttle 0  ✋ client 0  ⊘ authorizer  ⛨ waf  ✖ gateway',
			'中文 テスト 한국어 가',
			'e\u0301 \u0915\u094d\u0937',
			'\u001B[31m⚡\u001B[39m',
		];
		expect(samples.map((text) => patched(text))).toEqual(samples.map((text) => original(text)));
	});
});

type Meow = {default: (options: Record<string, unknown>) => {input: string[]; flags: Record<string, unknown>; pkg: Record<string, unknown>}};

describe('meow, patched', () => {
	it('parses a command line and reads package.json as the original does', async () => {
		const original = (await bundled<Meow>('meow', 'meow-original')).default;
		const patched = (await bundled<Meow>('meow', 'meow-patched', {filter: /[/\\]meow[/\\]build[/\\]dependencies\.js$/, apply: patchMeowDependencies})).default;
		const options = {
			importMeta: {url: pathToFileURL(join(root, 'source', 'cli.ts')).href},
			argv: ['replay', 'a.jsonl', '--timezone', 'utc', '--log-group', 'x', '--log-group', 'y', '--no-follow'],
			autoHelp: false,
			allowUnknownFlags: true,
			flags: {timezone: {type: 'string'}, logGroup: {type: 'string', isMultiple: true}, follow: {type: 'boolean', default: true}},
		};
		const answer = (meow: Meow['default']) => {
			const cli = meow(options);
			return {input: cli.input, flags: cli.flags, pkg: cli.pkg};
		};

		const expected = answer(original);
		expect(expected.pkg).toMatchObject({name: 'apigw-tail', version: expect.any(String)});
		expect(answer(patched)).toEqual(expected);
	}, 60_000);
});

type YogaNode = {setWidth(w: number): void; setHeight(h: number): void; setFlexGrow(g: number): void; insertChild(c: YogaNode, i: number): void; calculateLayout(): void; getComputedLayout(): unknown};
type Yoga = {default: {Node: {create(): YogaNode}}};

describe('yoga-layout, patched', () => {
	it('loads its WebAssembly and lays out a box as the original does', async () => {
		const layout = async (yoga: Yoga) => {
			const root = yoga.default.Node.create();
			root.setWidth(120);
			root.setHeight(40);
			const child = yoga.default.Node.create();
			child.setFlexGrow(1);
			root.insertChild(child, 0);
			root.calculateLayout();
			return [root.getComputedLayout(), child.getComputedLayout()];
		};

		const original = await bundled<Yoga>('yoga-layout', 'yoga-original');
		const patched = await bundled<Yoga>('yoga-layout', 'yoga-patched', {filter: /yoga-layout[/\\]dist[/\\]binaries[/\\].*\.js$/, apply: patchYogaLoader});
		expect(await layout(patched)).toEqual(await layout(original));
		expect(await layout(patched)).toContainEqual(expect.objectContaining({width: 120, height: 40}));
	}, 60_000);
});

type TerminalSize = {default: () => {columns: number; rows: number}};

describe('terminal-size, patched', () => {
	it('answers as the original does through its command fallback, with child_process loaded only then', async () => {
		await bundled<TerminalSize>('terminal-size', 'terminal-size-original');
		await bundled<TerminalSize>('terminal-size', 'terminal-size-patched', {filter: /[/\\]terminal-size[/\\]index\.js$/, apply: patchTerminalSize});
		// In a process of its own with no terminal at all (setsid: no /dev/tty, piped output, no COLUMNS/LINES),
		// terminal-size runs `tput`: a stand-in on PATH answers 133x41, which only a working execFileSync returns.
		const bin = join(directory, 'bin');
		mkdirSync(bin, {recursive: true});
		writeFileSync(join(bin, 'tput'), '#!/bin/sh\ncase "$1" in cols) echo 133;; lines) echo 41;; esac\n', {mode: 0o755});
		const {COLUMNS: _columns, LINES: _lines, ...env} = process.env;
		const sizeFrom = (name: string) => {
			const script = 'const {default: terminalSize} = await import(process.argv[1]); process.stdout.write(JSON.stringify(terminalSize()));';
			const child = spawnSync('setsid', [process.execPath, '--input-type=module', '-e', script, pathToFileURL(join(directory, `${name}.mjs`)).href], {
				env: {...env, PATH: `${bin}:${env.PATH ?? ''}`},
				encoding: 'utf8',
			});
			expect(child.stderr).toBe('');
			return JSON.parse(child.stdout) as unknown;
		};

		expect(sizeFrom('terminal-size-original')).toEqual({columns: 133, rows: 41});
		expect(sizeFrom('terminal-size-patched')).toEqual({columns: 133, rows: 41});
		expect(readFileSync(join(directory, 'terminal-size-patched.mjs'), 'utf8')).not.toMatch(/from\s*["']node:child_process["']/);
		expect(readFileSync(join(directory, 'terminal-size-original.mjs'), 'utf8')).toMatch(/from\s*["']node:child_process["']/);
	}, 60_000);
});

type SignalExit = {default: (callback: unknown) => () => void};

describe('signal-exit, patched', () => {
	it('registers and removes a handler, and rejects a missing callback with the same AssertionError', async () => {
		const original = (await bundled<SignalExit>('signal-exit', 'signal-exit-original')).default;
		const patched = (await bundled<SignalExit>('signal-exit', 'signal-exit-patched', {filter: /[/\\]signal-exit[/\\]index\.js$/, apply: patchSignalExit})).default;
		const failure = (onExit: SignalExit['default']) => {
			try {
				onExit('not a function');
			} catch (error) {
				return {name: (error as Error).name, message: (error as Error).message, code: (error as {code?: string}).code};
			}
			return undefined;
		};

		expect(failure(patched)).toEqual(failure(original));
		expect(failure(patched)).toMatchObject({code: 'ERR_ASSERTION', message: 'a callback must be provided for exit handler'});
		const remove = patched(() => {});
		expect(typeof remove).toBe('function');
		remove();
		expect(readFileSync(join(directory, 'signal-exit-patched.mjs'), 'utf8')).not.toMatch(/require\(["']assert["']\)\s*[,;\n]/);
	}, 60_000);
});
