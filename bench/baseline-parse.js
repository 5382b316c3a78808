// The bare baseline for replay throughput: read the file as a stream and JSON.parse every line.
import {createReadStream} from 'node:fs';

let parsed = 0;
let rest = '';
for await (const chunk of createReadStream(process.argv[2], {encoding: 'utf8', highWaterMark: 1 << 20})) {
	const lines = (rest + chunk).split('\n');
	rest = lines.pop() ?? '';
	for (const line of lines) {
		if (line !== '') {
			JSON.parse(line);
			parsed++;
		}
	}
}

if (rest !== '') {
	JSON.parse(rest);
	parsed++;
}

console.error(`parsed ${parsed} lines`);
