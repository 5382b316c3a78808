#!/usr/bin/env node
// `--version` alone is answered here, before anything else loads: scripts and shell prompts call it.
import {readFileSync} from 'node:fs';

if (process.argv.length === 3 && process.argv[2] === '--version') {
	const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
	process.stdout.write(`${manifest.version}\n`);
} else {
	// The bundle of dist/cli.js (scripts/bundle.js): one file to load instead of hundreds of modules.
	await import('../dist/bundle/cli.js');
}
