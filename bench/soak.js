#!/usr/bin/env node
// `npm run soak -- --minutes N [--rate EVENTS_PER_S]`: the built CLI tails the emulator for N minutes
// (default 10) at 500 events/s (default) with faults injected throughout, then the soak compares what
// was written with what was printed. Prints the figures; exits 1 when anything was lost or duplicated,
// or when the CLI's memory grew past the bound (memoryBound below).

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

/**
 * Memory. What the CLI keeps is bounded by time (exactly-once keys for the last one to three minutes;
 * requests for their settle window and 20,000 arrivals, about 40 s at 500 events/s) and by counts a
 * short run does not reach (--max-requests, --max-connections). Its live heap levels off at 60-75 MB
 * (heap snapshots of an 8-minute soak: 62 MB at 2.5 min, 72 MB at 7 min). RSS, though, follows V8's
 * heap, which collects the old generation lazily (letting it reach 2-3 times the live set) and seldom
 * returns pages: samples swing by about 50 MB either way, and the first minute still fills the time
 * windows. Measured on the 2-core machine, 2 minutes: start ~105, middle ~240, end ~290 MB. So "flat
 * after warm-up" is asked coarsely: the end may exceed the middle by half plus 50 MB, which catches a
 * gross leak (~170 MB in the second half of a 2-minute run, several KB per event read). Smaller ones
 * (keeping every raw event, or every printed request: 20-60 MB a minute, tried) show in longer runs.
 * Returns undefined where RSS was not measured (off Linux).
 */
function memoryBound({start, middle, end}) {
	if (start === undefined || middle === undefined || end === undefined) return undefined;
	const limit = middle * 1.5 + 50;
	return {limit: Math.round(limit), over: end >= limit};
}

const started = Date.now();
const figures = await runSoak({minutes, eventsPerSecond: rate, log: (text) => console.error(`soak +${Math.round((Date.now() - started) / 1000)}s: ${text}`)});
const {rssMb} = figures;
const memory = memoryBound(rssMb);
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
		row('RSS end bound (middle x 1.5 + 50)', memory === undefined ? 'not measured (no /proc)' : `${memory.over ? 'OVER' : 'within'} (end ${rssMb.end} MB, bound ${memory.limit} MB)`),
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
const lostOrDoubled = figures.lostEvents > 0 || figures.lostRequests > 0 || figures.duplicatedRequests > 0 || figures.duplicatedEvents !== 0 || figures.foreign > 0;
if (memory?.over) console.error(`soak: RSS at the end (${rssMb.end} MB) is over the bound (${memory.limit} MB = middle ${rssMb.middle} MB x 1.5 + 50)`);
process.exitCode = lostOrDoubled || memory?.over ? 1 : 0;
