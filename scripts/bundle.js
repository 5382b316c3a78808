#!/usr/bin/env node
// Bundles the compiled CLI (dist/cli.js, from tsc) and its dependencies into a few files in dist/bundle/,
// which bin/apigw-tail.js runs. Why: Node 20 has no compile cache, and loading Ink, React and the AWS SDK
// as hundreds of small modules cost more than half of the time to the terminal UI's first frame.
// Code splitting keeps each command's modules lazy (replay to a pipe never loads Ink or the SDK).

import {readFile} from 'node:fs/promises';
import {rmSync} from 'node:fs';
import {build} from 'esbuild';
import {patchMeowDependencies, patchStringWidth, patchYogaLoader} from './bundle-patches.js';

// Dependencies' sources with their start-up work moved out of module loading (scripts/bundle-patches.js).
// Only the project's own copy of a package (one node_modules in its path): a copy another package pins
// (wrap-ansi's string-width 7) is another version, which the patch was not written for.
const patches = [
	{filter: /yoga-layout[/\\]dist[/\\]binaries[/\\].*\.js$/, patch: patchYogaLoader},
	{filter: /[/\\]node_modules[/\\]string-width[/\\]index\.js$/, patch: patchStringWidth},
	{filter: /[/\\]node_modules[/\\]meow[/\\]build[/\\]dependencies\.js$/, patch: patchMeowDependencies},
];
const patchedDependencies = {
	name: 'patched-dependencies',
	setup(build) {
		for (const {filter, patch} of patches) {
			build.onLoad({filter}, async ({path}) => {
				if (path.split(/[/\\]node_modules[/\\]/).length !== 2) return undefined;
				try {
					return {contents: patch(await readFile(path, 'utf8')), loader: 'js'};
				} catch (error) {
					throw new Error(`${path}: ${error.message}`);
				}
			});
		}
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
	plugins: [patchedDependencies],
	// Ink loads React DevTools only when DEV=true; it is not installed.
	external: ['react-devtools-core'],
	// CommonJS dependencies bundled into ESM call require() for Node's built-in modules.
	banner: {js: "import {createRequire as createRequireForBundle} from 'node:module'; const require = createRequireForBundle(import.meta.url);"},
});
