// The live transport's backfill alone, for bench/live.js: FilterLogEvents pages read in time slices at
// `--request-rate`, decoded and de-duplicated exactly as the CLI does (the same modules), the events then
// dropped. Run beside `apigw-tail replay` of the same events (the engine and printing alone), it gives the
// backfill's bound on this machine: both halves' work done at once on separate cores, with nothing spent
// passing events between them. Prints the number of events read.
// Usage: node bench/backfill-transport-only.js ENDPOINT GROUP SINCE_MS REQUESTS_PER_SECOND

import {createAwsClients} from '../dist/sources/cloudwatch/clients.js';
import {tailCloudWatch} from '../dist/sources/cloudwatch/transport.js';

const [endpointUrl, group, sinceMs, requestsPerSecond] = process.argv.slice(2);
const clients = await createAwsClients({endpointUrl, region: process.env.AWS_REGION ?? 'us-east-1'}, process.env);
let events = 0;
try {
	for await (const batch of tailCloudWatch({
		logs: clients.logs,
		liveTailLogs: clients.liveTailLogs,
		groups: [{name: group, arn: `arn:aws:logs:us-east-1:000000000000:log-group:${group}`, log: 'execution'}],
		startTime: Date.now() - Number(sinceMs),
		follow: false,
		mode: 'auto',
		requestsPerSecond: Number(requestsPerSecond),
		signal: new AbortController().signal,
	})) {
		events += batch.length;
	}
} finally {
	clients.destroy();
}
process.stdout.write(`${events}\n`);
