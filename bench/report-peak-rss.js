// Preloaded into benchmarked processes (node --import): reports the process's own peak RSS on exit.
import {writeSync} from 'node:fs';
import process from 'node:process';

process.on('exit', () => {
	writeSync(2, `\npeak-rss-kb=${process.resourceUsage().maxRSS}\n`);
});
