// Dependencies' sources as scripts/bundle.js bundles them: each change keeps what the code does and moves
// work that the terminal UI's first frame does not need out of module loading. Each patch throws when
// its dependency no longer has the text it replaces (the dependency changed: look again).
// test/package/bundle-patches.test.ts holds each patched module to the original's results.

/**
 * Yoga's Emscripten loader asks `typeof fetch` before it decodes its inlined (base64) WebAssembly. In Node
 * that question alone loads undici, the fetch implementation: about 50 ms before the terminal UI's first
 * frame, for a fetch that is never made. The answer is fixed at build time instead. It then decodes the
 * 95 KB of base64 with atob and a loop over every byte (3-6 ms); Node's Buffer decodes it in a tenth of a
 * millisecond.
 */
export function patchYogaLoader(source) {
	const withoutFetch = replaceAll(source, 'typeof fetch', '"undefined"');
	return replaceOnce(
		withoutFetch,
		'var b=xa(a.slice(37)),c=new Uint8Array(b.length);for(a=0;a<b.length;++a)c[a]=b.charCodeAt(a);var d=c',
		'var d=new Uint8Array(Buffer.from(a.slice(37),"base64"))',
	);
}

/**
 * string-width builds `/^\p{RGI_Emoji}$/v` when it loads: V8 expands that set of emoji sequences as it
 * parses the pattern, about 35-40 ms before the first frame. For one code point the set is the code points
 * with Emoji_Presentation but the regional indicators (held to that over every code point by the test);
 * the pattern is built only for a cluster of several code points (a flag, a ZWJ sequence, a keycap).
 * (Its Intl.Segmenter stays: Ink, slice-ansi, cli-truncate and wrap-ansi build their own when they load,
 * and only the first one costs, loading ICU's break rules.)
 */
export function patchStringWidth(source) {
	const declared = replaceOnce(
		source,
		'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;',
		`let rgiEmojiRegex;
const emojiPresentationRegex = /^\\p{Emoji_Presentation}$/u;

function isRgiEmoji(segment) {
	const codePoint = segment.codePointAt(0);
	if (segment.length === (codePoint > 0xFFFF ? 2 : 1)) {
		return emojiPresentationRegex.test(segment) && !(codePoint >= 0x1F1E6 && codePoint <= 0x1F1FF);
	}

	rgiEmojiRegex ??= new RegExp('^\\\\p{RGI_Emoji}$', 'v');
	return rgiEmojiRegex.test(segment);
}`,
	);
	return replaceOnce(declared, 'rgiEmojiRegex.test(segment) ||', 'isRgiEmoji(segment) ||');
}

/**
 * meow's bundled dependencies run normalize-package-data's setup (SPDX licence tables and their sorting)
 * when they load, and import child_process for a call whose result is dropped: 10-25 ms before any
 * command runs. meow only normalizes package.json when `cli.pkg` is read, so the setup waits for that.
 */
export function patchMeowDependencies(source) {
	const lazy = replaceOnce(
		source,
		'var normalizeExports = requireNormalize();\nconst normalizePackageData = getDefaultExportFromCjs(normalizeExports);',
		'const normalizePackageData = (...parameters) => getDefaultExportFromCjs(requireNormalize())(...parameters);',
	);
	const withoutExecFile = replaceOnce(lazy, '\npromisify(execFile);\n', '\n');
	return replaceOnce(withoutExecFile, "import { execFile } from 'node:child_process';\n", '');
}

/**
 * terminal-size imports child_process for its last fallbacks (`tput`, `resize`), which a terminal that
 * reports its size never reaches: loading child_process (and dgram with it) is ~3 ms of every start of the
 * terminal UI. It is loaded on the first call that runs a command instead.
 */
export function patchTerminalSize(source) {
	return replaceOnce(
		source,
		"import {execFileSync} from 'node:child_process';\n",
		"import {createRequire} from 'node:module';\n\nconst execFileSync = (...parameters) => createRequire(import.meta.url)('node:child_process').execFileSync(...parameters);\n",
	);
}

/**
 * signal-exit 3 (Ink's and restore-cursor's) loads Node's assert module, ~3 ms of every start of the
 * terminal UI, for one check that its callback is a function. The check stays, with the same
 * AssertionError; assert is loaded only when it fails.
 */
export function patchSignalExit(source) {
	return replaceOnce(
		source,
		"var assert = require('assert')",
		"var assert = {equal: function (actual, expected, message) { if (actual != expected) require('assert').equal(actual, expected, message) }}",
	);
}

function replaceOnce(source, text, replacement) {
	const at = source.indexOf(text);
	if (at === -1 || source.includes(text, at + 1)) throw new Error(`expected one ${JSON.stringify(text.slice(0, 60))} (the dependency changed)`);
	return source.slice(0, at) + replacement + source.slice(at + text.length);
}

function replaceAll(source, text, replacement) {
	if (!source.includes(text)) throw new Error(`no ${JSON.stringify(text)} to replace (the dependency changed)`);
	return source.replaceAll(text, replacement);
}
