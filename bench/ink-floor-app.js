// The smallest Ink program with apigw-tail's first frame in shape: a header line and a bordered pane named
// `[Connections]`, full height, quitting on `q`. bench/startup.js bundles it as the CLI is bundled
// (scripts/bundle-options.js) and times its first frame in the same harness: what Ink, React and Yoga
// cost before any program of ours runs.
import {Box, Text, render, useApp, useInput} from 'ink';
import {createElement} from 'react';

function App() {
	const {exit} = useApp();
	useInput((input) => {
		if (input === 'q') exit();
	});
	return createElement(
		Box,
		{flexDirection: 'column', height: process.stdout.rows},
		createElement(Text, {bold: true, color: 'cyan'}, 'apigw-tail'),
		createElement(Box, {borderStyle: 'round', flexGrow: 1}, createElement(Text, null, '[Connections]')),
	);
}

// The alternate screen, as the UI enters it.
process.stdout.write('\u001B[?1049h');
const app = render(createElement(App));
await app.waitUntilExit();
process.stdout.write('\u001B[?1049l');
