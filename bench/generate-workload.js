// Writes a synthetic WebSocket workload as NDJSON, one CloudWatch event a line, in ingestion order:
//   node bench/generate-workload.js OUT.ndjson [EVENTS=1000000] [SEED=1]
// Needs `npm run build` first (it imports the compiled simulator). Streams: memory stays flat at any size.

import {once} from 'node:events';
import {createWriteStream} from 'node:fs';
import {executionLogGroupName} from '../dist/core/execution-log-group.js';
import {generateTraffic} from '../dist/emulator/traffic.js';

const USAGE = 'usage: node bench/generate-workload.js OUT.ndjson [EVENTS=1000000] [SEED=1]';
const FLUSH_AT = 1 << 20;

const [outPath, eventsArgument = '1000000', seedArgument = '1'] = process.argv.slice(2);
const events = Number(eventsArgument);
const seed = Number(seedArgument);
if (!outPath || !Number.isSafeInteger(events) || events < 0 || !Number.isSafeInteger(seed)) {
	console.error(USAGE);
	process.exit(2);
}

const apiId = 'a1b2c3d4e5';
const stage = 'prod';
const traffic = generateTraffic({
	seed,
	apiId,
	stage,
	executionLogGroup: executionLogGroupName(apiId, stage),
	accessLogGroup: `/aws/apigateway/${apiId}-${stage}-access`,
	// A fixed start keeps the file identical from run to run for one seed.
	startTime: Date.UTC(2024, 0, 15, 12),
	eventsPerSecond: 500,
});

const out = createWriteStream(outPath);
let pending = '';
let bytes = 0;
let written = 0;

async function flush() {
	bytes += Buffer.byteLength(pending);
	const ready = out.write(pending);
	pending = '';
	if (!ready) await once(out, 'drain');
}

for (const {event} of traffic) {
	if (written === events) break;
	pending +=
		JSON.stringify({
			timestamp: event.timestamp,
			message: event.message,
			logGroupName: event.logGroup,
			logStreamName: event.logStream,
			ingestionTime: event.ingestionTime,
		}) + '\n';
	written++;
	if (pending.length >= FLUSH_AT) await flush();
}
if (pending.length > 0) await flush();
out.end();
await once(out, 'finish');

console.log(`${written} events, ${bytes} bytes written to ${outPath}`);
