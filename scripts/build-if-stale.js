#!/usr/bin/env node
// `npm run demo` (and anyone else who wants a current build) runs this first: it runs `npm run build` only
// when something the build reads is newer than the bundle it ends with, so an unchanged clone starts the
// demo at once instead of spending seconds in tsc and esbuild.

import {spawnSync} from 'node:child_process';
import {readdirSync, statSync} from 'node:fs';
import {join} from 'node:path';

// What the build reads: the sources, its own script and the settings of both steps.
const INPUTS = ['source', 'scripts/bundle.js', 'scripts/bundle-patches.js', 'scripts/bundle-options.js', 'package.json', 'package-lock.json', 'tsconfig.json'];
// The bundle's entry is written last (tsc, then esbuild): when it is there, the whole build is.
const OUTPUT = 'dist/bundle/cli.js';

const built = modifiedAt(OUTPUT);
const stale = built === undefined || INPUTS.some((input) => newestUnder(input) > built);
if (stale) {
	process.stderr.write(`building… (${built === undefined ? 'no build yet' : 'sources changed since the last build'})\n`);
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	const result = spawnSync(npm, ['run', '--silent', 'build'], {stdio: 'inherit'});
	process.exitCode = result.status ?? 1;
}

function modifiedAt(path) {
	try {
		return statSync(path).mtimeMs;
	} catch {
		return undefined;
	}
}

/** The latest modification time of a file, or of any file under a directory; 0 when absent. */
function newestUnder(path) {
	let stats;
	try {
		stats = statSync(path);
	} catch {
		return 0;
	}
	if (!stats.isDirectory()) return stats.mtimeMs;
	let newest = stats.mtimeMs;
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestUnder(join(path, entry)));
	return newest;
}
