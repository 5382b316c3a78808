#!/usr/bin/env node
// Bundles the compiled CLI (dist/cli.js, from tsc) and its dependencies into a few files in dist/bundle/,
// which bin/apigw-tail.js runs. Why: Node 20 has no compile cache, and loading Ink, React and the AWS SDK
// as hundreds of small modules cost more than half of the time to the terminal UI's first frame.
// Code splitting keeps each command's modules lazy (replay to a pipe never loads Ink or the SDK).

import {readFile} from 'node:fs/promises';
import {rmSync} from 'node:fs';
import {build} from 'esbuild';

// Yoga's Emscripten loader asks `typeof fetch` before it decodes its inlined (base64) WebAssembly. In Node
// that question alone loads undici, the fetch implementation: about 50 ms before the terminal UI's first
// frame, for a fetch that is never made. The answer is fixed at build time instead.
const yogaWithoutFetch = {
	name: 'yoga-without-fetch',
	setup(build) {
		build.onLoad({filter: /yoga-layout[/\\]dist[/\\]binaries[/\\].*\.js$/}, async ({path}) => {
			const source = await readFile(path, 'utf8');
			if (!source.includes('typeof fetch')) throw new Error(`${path}: no \`typeof fetch\` to replace (yoga-layout changed)`);
			return {contents: source.replaceAll('typeof fetch', '"undefined"'), loader: 'js'};
		});
	},
};

// Chunk names carry content hashes: clear out the last build's, which nothing would load any more.
rmSync('dist/bundle', {recursive: true, force: true});

await build({
	// The demo's emulator runs on a worker thread, loaded by URL from beside the code that starts it
	// (source/modes/demo-emulator.ts): its own entry, next to the chunks.
	entryPoints: {cli: 'dist/cli.js', 'demo-emulator-worker': 'dist/modes/demo-emulator-worker.js'},
	outdir: 'dist/bundle',
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	sourcemap: 'linked',
	// The CLI always runs React in production (source/cli.ts): drop the development builds of React and
	// its reconciler, which were most of what the terminal UI had to parse before its first frame.
	define: {'process.env.NODE_ENV': '"production"'},
	minifySyntax: true,
	minifyWhitespace: true,
	logLevel: 'warning',
	plugins: [yogaWithoutFetch],
	// Ink loads React DevTools only when DEV=true; it is not installed.
	external: ['react-devtools-core'],
	// CommonJS dependencies bundled into ESM call require() for Node's built-in modules.
	banner: {js: "import {createRequire as createRequireForBundle} from 'node:module'; const require = createRequireForBundle(import.meta.url);"},
});
