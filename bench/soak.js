#!/usr/bin/env node
// `npm run soak -- --minutes N [--rate EVENTS_PER_S]`: the built CLI tails the emulator for N minutes
// (default 10) at 500 events/s (default) with faults injected throughout, then the soak compares what
// was written with what was printed. Prints the figures; exits 1 when anything was lost or duplicated.

import {parseArgs} from 'node:util';
import {UNDER_THE_CAP} from './soak-faults.js';
import {runSoak} from './soak-run.js';

let values;
try {
	({values} = parseArgs({options: {minutes: {type: 'string', default: '10'}, rate: {type: 'string', default: '500'}}, strict: true}));
} catch (error) {
	console.error(`soak: ${error.message}; usage: npm run soak -- [--minutes N] [--rate EVENTS_PER_S]`);
	process.exit(2);
}
const minutes = Number(values.minutes);
const rate = Number(values.rate);
if (!(minutes > 0) || !(rate >= 5)) {
	console.error('soak: --minutes must be above 0 and --rate at least 5 (events per second)');
	process.exit(2);
}

const started = Date.now();
const figures = await runSoak({minutes, eventsPerSecond: rate, log: (text) => console.error(`soak +${Math.round((Date.now() - started) / 1000)}s: ${text}`)});
const {rssMb} = figures;
const row = (name, value) => `${name.padEnd(34)}${String(value ?? '-')}`;
console.log(
	[
		'',
		`apigw-tail soak: ${minutes} min at ${rate} events/s (${Math.round(rate * UNDER_THE_CAP)} between the sampling phases), faults throughout (node ${process.version})`,
		'',
		row('written requests / events', `${figures.writtenRequests} / ${figures.writtenEvents} (${Math.round(figures.writtenEvents / (minutes * 60))} events/s on average)`),
		row('events taken in by the CLI', figures.eventsIn),
		row('request records printed', `${figures.requestRecords} (${figures.revisions} revisions, ${figures.partial} partial)`),
		row('connection records printed', figures.connectionRecords),
		row('lost requests / events', `${figures.lostRequests} / ${figures.lostEvents}`),
		row('duplicated requests / events', `${figures.duplicatedRequests} / ${figures.duplicatedEvents}`),
		row('foreign / unparsed', `${figures.foreign} / ${figures.unparsed}`),
		row('RSS MB start / middle / end', `${rssMb.start} / ${rssMb.middle} / ${rssMb.end} (peak ${rssMb.peak})`),
		row('drain after writing (s)', figures.drainSeconds),
		row('CLI exit code', figures.exitCode),
		'',
		'faults injected:',
		...Object.entries(figures.faults).map(([name, count]) => `  ${String(count).padStart(4)}  ${name}`),
		'CLI notices (stderr):',
		...Object.entries(figures.notices).map(([notice, count]) => `  ${String(count).padStart(4)}  ${notice}`),
		...(figures.examples.length > 0 ? ['', 'examples:', ...figures.examples.map((example) => `  ${example}`)] : []),
		'',
	].join('\n'),
);
const failed = figures.lostEvents > 0 || figures.lostRequests > 0 || figures.duplicatedRequests > 0 || figures.duplicatedEvents !== 0 || figures.foreign > 0;
process.exitCode = failed ? 1 : 0;
