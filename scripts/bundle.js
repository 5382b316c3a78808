#!/usr/bin/env node
// Bundles the compiled CLI (dist/cli.js, from tsc) and its dependencies into a few files in dist/bundle/,
// which bin/apigw-tail.js runs. Why: Node 20 has no compile cache, and loading Ink, React and the AWS SDK
// as hundreds of small modules cost more than half of the time to the terminal UI's first frame.
// Code splitting keeps each command's modules lazy (replay to a pipe never loads Ink or the SDK).

import {rmSync} from 'node:fs';
import {build} from 'esbuild';
import {BUNDLE_OPTIONS} from './bundle-options.js';

// Chunk names carry content hashes: clear out the last build's, which nothing would load any more.
rmSync('dist/bundle', {recursive: true, force: true});

await build({
	...BUNDLE_OPTIONS,
	// The demo's emulator runs on a worker thread, loaded by URL from beside the code that starts it
	// (source/modes/demo-emulator.ts): its own entry, next to the chunks.
	entryPoints: {cli: 'dist/cli.js', 'demo-emulator-worker': 'dist/modes/demo-emulator-worker.js'},
	outdir: 'dist/bundle',
	sourcemap: 'linked',
});
