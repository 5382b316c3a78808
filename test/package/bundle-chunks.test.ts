// What the bundle loads before the terminal UI's first frame of a replay: the chunks `replay` and the UI
// import statically (an `import()` inside them loads only when it runs). The AWS SDK is most of the bundle;
// one value imported from a module that also imports the SDK put all of it in front of the first frame.
import {spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {describe, expect, it} from 'vitest';

const bundle = fileURLToPath(new URL('../../dist/bundle/', import.meta.url));

/** The chunk cli.js imports for `name` (its file name carries a content hash). */
function entryChunk(name: string): string {
	const cli = readFileSync(`${bundle}cli.js`, 'utf8');
	const found = new RegExp(`import\\("\\./(${name}-[A-Z0-9]+\\.js)"\\)`).exec(cli);
	if (!found) throw new Error(`cli.js imports no ${name} chunk`);
	return found[1]!;
}

/** Every chunk `entry` loads before it runs: itself and its static imports, transitively. */
function staticClosure(entry: string): string[] {
	const seen = new Set<string>();
	const pending = [entry];
	while (pending.length > 0) {
		const chunk = pending.pop()!;
		if (seen.has(chunk)) continue;
		seen.add(chunk);
		const code = readFileSync(`${bundle}${chunk}`, 'utf8');
		// esbuild writes static imports as `import{a}from"./chunk-X.js"` or `import"./chunk-X.js"`.
		for (const match of code.matchAll(/\bimport\s*(?:\{[^}]*\}\s*from\s*|[\w$]+\s*from\s*)?"\.\/([^"]+\.js)"/g)) pending.push(match[1]!);
	}
	return [...seen];
}

/** The npm packages whose code a chunk holds, from its source map. */
function packagesIn(chunk: string): string[] {
	const {sources} = JSON.parse(readFileSync(`${bundle}${chunk}.map`, 'utf8')) as {sources: string[]};
	return sources.flatMap((source) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source)?.[1] ?? []);
}

describe('the bundle, before the first frame of a replay', () => {
	for (const name of ['replay', 'run-tui']) {
		it(`loads no AWS SDK with the ${name} chunk`, () => {
			const chunks = staticClosure(entryChunk(name));
			const packages = new Set(chunks.flatMap((chunk) => packagesIn(chunk)));
			expect([...packages].filter((name) => /^@(aws-sdk|smithy|aws-crypto)\//.test(name))).toEqual([]);
		});
	}

	// Each costs ~3 ms to load (`node -e "require('zlib')"` after tty and stream): zlib (gzip input), v8 (the
	// heap cap of text/NDJSON runs), child_process (terminal-size's last fallback), assert (signal-exit's check).
	it('loads none of the Node built-ins only other paths use', () => {
		const chunks = [...new Set([...staticClosure(entryChunk('replay')), ...staticClosure(entryChunk('run-tui'))])];
		const builtins = new Set(
			chunks.flatMap((chunk) =>
				[...readFileSync(`${bundle}${chunk}`, 'utf8').matchAll(/(?:\bfrom\s*|\bimport\s*|[\w$]=__require\()"(?:node:)?([a-z0-9_/]+)"/g)].map((match) => match[1]!),
			),
		);
		// ES imports, and CommonJS's `x = require("x")` as esbuild writes it (`x=__require("x")`); a require
		// inside a function (signal-exit's patched check) loads only when called. Read right: Ink's
		// `from"node:tty"` and signal-exit's `EE=__require("events")` are seen.
		expect(builtins).toContain('tty');
		expect(builtins).toContain('events');
		expect([...builtins].filter((name) => ['zlib', 'v8', 'child_process', 'assert'].includes(name))).toEqual([]);
	});

	// The first Intl.Segmenter costs ~20 ms; Ink, string-width, slice-ansi, wrap-ansi and cli-truncate build
	// theirs as they load. The bundle gives them the lazy one (scripts/bundle-options.js: define and inject).
	it("builds no Intl.Segmenter as it loads: every module's is the UI's lazy one", () => {
		const code = staticClosure(entryChunk('run-tui')).map((chunk) => readFileSync(`${bundle}${chunk}`, 'utf8'));
		const direct = code.flatMap((source) => [...source.matchAll(/(?<!globalThis\.)Intl\.Segmenter\b/g)]);
		expect(direct).toEqual([]);
		expect(code.join('').match(/new GraphemeSegmenter\b/g)?.length).toBeGreaterThanOrEqual(5);
	});

	// An ES import of node:util builds its whole namespace, loading every lazy part of util (diff, colours,
	// worker threads, streams: 5-7 ms); the bundle requires it instead (scripts/bundle-options.js).
	it('loads the command line, replay and UI chunks without building node:util whole', () => {
		const script = 'for (const url of process.argv.slice(1)) await import(url); process.stdout.write(JSON.stringify(process.moduleLoadList));';
		const urls = ['build', 'replay', 'run-tui'].map((name) => pathToFileURL(`${bundle}${entryChunk(name)}`).href);
		const child = spawnSync(process.execPath, ['--input-type=module', '-e', script, ...urls], {encoding: 'utf8'});
		expect(child.status).toBe(0);
		const loaded = JSON.parse(child.stdout) as string[];
		expect(loaded).toContain('NativeModule tty');
		expect(loaded.filter((name) => /^NativeModule (internal\/util\/diff|internal\/util\/colors|worker_threads|internal\/util\/parse_args)/.test(name))).toEqual([]);
	});

	it('finds the packages the terminal UI does load (the check above reads the right chunks)', () => {
		const packages = new Set(staticClosure(entryChunk('run-tui')).flatMap((chunk) => packagesIn(chunk)));
		expect(packages).toContain('ink');
		expect(packages).toContain('react-reconciler');
	});
});
