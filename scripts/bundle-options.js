// The esbuild options of the CLI's bundle (scripts/bundle.js), shared with the bench, which bundles a minimal
// Ink app the same way to measure the first frame any Ink program can reach (bench/startup.js).

import {readFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import {patchMeowDependencies, patchSignalExit, patchStringWidth, patchTerminalSize, patchYogaLoader} from './bundle-patches.js';

// Dependencies' sources with their start-up work moved out of module loading (scripts/bundle-patches.js).
// Only the project's own copy of a package (one node_modules in its path): a copy another package pins
// (wrap-ansi's string-width 7) is another version, which the patch was not written for.
const patches = [
	{filter: /yoga-layout[/\\]dist[/\\]binaries[/\\].*\.js$/, patch: patchYogaLoader},
	{filter: /[/\\]node_modules[/\\]string-width[/\\]index\.js$/, patch: patchStringWidth},
	{filter: /[/\\]node_modules[/\\]meow[/\\]build[/\\]dependencies\.js$/, patch: patchMeowDependencies},
	{filter: /[/\\]node_modules[/\\]terminal-size[/\\]index\.js$/, patch: patchTerminalSize},
	{filter: /[/\\]node_modules[/\\]signal-exit[/\\]index\.js$/, patch: patchSignalExit},
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

// An ES import of node:util makes Node evaluate every lazily loaded export of util to build the module's
// namespace (parseArgs, diff, colours, worker threads, streams...): 5-7 ms before the first frame, where a
// require of it takes 0.3 ms. Bundled modules get util from one module that requires it (the banner's
// require) and exports the names they import, each read once: a new name imported from util fails the
// build ("No matching export") until it is listed here. (esbuild's own CommonJS interop would copy every
// property and evaluate them all the same.)
const UTIL_NAMES = ['format', 'stripVTControlCharacters', 'types'];
const utilThroughRequire = {
	name: 'util-through-require',
	setup(build) {
		build.onResolve({filter: /^(node:)?util$/}, ({kind}) => (kind === 'require-call' ? undefined : {path: 'node:util', namespace: 'util-through-require'}));
		build.onLoad({filter: /.*/, namespace: 'util-through-require'}, () => ({
			contents: `const util = require('node:util');\nexport default util;\nexport const {${UTIL_NAMES.join(', ')}} = util;\n`,
			loader: 'js',
		}));
	},
};

export const BUNDLE_OPTIONS = {
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	// The CLI always runs React in production (source/cli.ts): drop the development builds of React and
	// its reconciler, which were most of what the terminal UI had to parse before its first frame.
	define: {'process.env.NODE_ENV': '"production"', 'Intl.Segmenter': 'GraphemeSegmenter'},
	minifySyntax: true,
	minifyWhitespace: true,
	logLevel: 'warning',
	plugins: [patchedDependencies, utilThroughRequire],
	// Every module's Intl.Segmenter is the UI's lazy one (source/ui/terminal/grapheme-segmenter.ts, compiled by
	// tsc before bundling): Ink and its text libraries build one as they load, and the first costs ~20 ms.
	inject: [fileURLToPath(new URL('../dist/ui/terminal/grapheme-segmenter.js', import.meta.url))],
	// Ink loads React DevTools only when DEV=true; it is not installed.
	external: ['react-devtools-core'],
	// CommonJS dependencies bundled into ESM call require() for Node's built-in modules.
	banner: {js: "import {createRequire as createRequireForBundle} from 'node:module'; const require = createRequireForBundle(import.meta.url);"},
};
