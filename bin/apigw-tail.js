#!/usr/bin/env node
// `--version` alone is answered here, before anything else loads: scripts and shell prompts call it.
import {existsSync, readFileSync} from 'node:fs';
import module from 'node:module';
import {fileURLToPath} from 'node:url';

const bundle = new URL('../dist/bundle/cli.js', import.meta.url);

if (process.argv.length === 3 && process.argv[2] === '--version') {
	const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
	process.stdout.write(`${manifest.version}\n`);
} else if (existsSync(bundle)) {
	// Node 22+ keeps V8's compiled code of the bundle between runs (in the temp directory): about 35 ms of
	// the terminal UI's first frame. Node 20 has no compile cache (nor the function).
	module.enableCompileCache?.();
	// The bundle of dist/cli.js (scripts/bundle.js): one file to load instead of hundreds of modules.
	await import(bundle.href);
} else {
	// A clone linked (`npm link`, `npm install -g .`) before it was built: say so, not ERR_MODULE_NOT_FOUND.
	const root = fileURLToPath(new URL('..', import.meta.url));
	process.stderr.write(`apigw-tail: not built yet: run \`npm run build\` in ${root}\n`);
	process.exitCode = 1;
}
