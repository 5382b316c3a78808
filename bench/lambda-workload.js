// Writes the Lambda variant of a workload: access lines name a Lambda invocation (their
// `integrationRequestId`, $context.integration.requestId in the demo's format, is replaced) and that
// invocation's own log lines are added before it, until Lambda lines are SHARE of all lines. Half the functions log in the Text format
// (START, a console line, a print() line without an id, END, REPORT), half in the JSON format.
//   node bench/lambda-workload.js IN.ndjson OUT.ndjson [SHARE=0.3]

import {once} from 'node:events';
import {createReadStream, createWriteStream} from 'node:fs';
import {createInterface} from 'node:readline';

const USAGE = 'usage: node bench/lambda-workload.js IN.ndjson OUT.ndjson [SHARE=0.3]';
const FLUSH_AT = 1 << 20;
const ENVIRONMENTS = 32;

const [inPath, outPath, shareArgument = '0.3'] = process.argv.slice(2);
const share = Number(shareArgument);
if (!inPath || !outPath || !(share >= 0 && share < 1)) {
	console.error(USAGE);
	process.exit(2);
}

const out = createWriteStream(outPath);
let pending = '';
let apiLines = 0;
let lambdaLines = 0;
let invocations = 0;

async function write(line) {
	pending += line + '\n';
	if (pending.length >= FLUSH_AT) {
		const ready = out.write(pending);
		pending = '';
		if (!ready) await once(out, 'drain');
	}
}

function invocationEvents(access) {
	const number = invocations++;
	const id = `00000000-0000-4000-8000-${number.toString(16).padStart(12, '0')}`;
	const json = number % 2 === 1;
	const name = json ? 'bench-json' : 'bench-text';
	const group = `/aws/lambda/${name}`;
	const stream = `2024/01/15/[$LATEST]${(number % ENVIRONMENTS).toString(16).padStart(32, '0')}`;
	const start = access.timestamp - 40;
	const at = (offset) => ({logGroupName: group, logStreamName: stream, timestamp: start + offset});
	const iso = (offset) => new Date(start + offset).toISOString();
	const cold = number % 50 === 0;
	if (json) {
		return {id, events: [
			{...at(0), message: JSON.stringify({time: iso(0), type: 'platform.start', record: {requestId: id, functionArn: `arn:aws:lambda:us-east-1:123456789012:function:${name}`, version: '$LATEST'}})},
			{...at(2), message: JSON.stringify({timestamp: iso(2), level: 'INFO', requestId: id, message: `handled message ${number}`})},
			{...at(30), message: JSON.stringify({time: iso(30), type: 'platform.report', record: {requestId: id, metrics: {durationMs: 28.5, billedDurationMs: 29, memorySizeMB: 256, maxMemoryUsedMB: 90, ...(cold ? {initDurationMs: 310.2} : {})}, status: 'success'}})},
		]};
	}

	return {id, events: [
		{...at(0), message: `START RequestId: ${id} Version: $LATEST\n`},
		{...at(1), message: `${iso(1)}\t${id}\tINFO\thandled message ${number}\n`},
		{...at(2), message: `printed without an id ${number}\n`},
		{...at(29), message: `END RequestId: ${id}\n`},
		{...at(30), message: `REPORT RequestId: ${id}\tDuration: 28.50 ms\tBilled Duration: 29 ms\tMemory Size: 128 MB\tMax Memory Used: 70 MB\t${cold ? 'Init Duration: 250.10 ms\t' : ''}\n`},
	]};
}

function parsedAccess(message) {
	try {
		const fields = JSON.parse(message);
		return typeof fields === 'object' && fields !== null && !Array.isArray(fields) ? fields : undefined;
	} catch {
		return undefined;
	}
}

for await (const line of createInterface({input: createReadStream(inPath), crlfDelay: Number.POSITIVE_INFINITY})) {
	if (line === '') continue;
	const event = JSON.parse(line);
	apiLines++;
	const wanted = lambdaLines < (share / (1 - share)) * apiLines;
	if (!String(event.logGroupName).endsWith('-access') || !event.message.endsWith('}') || !wanted) {
		await write(line);
		continue;
	}

	// The demo's format already logs $context.integration.requestId (as integrationRequestId): the line's
	// own value is replaced, so that the access line names the invocation written before it.
	const fields = parsedAccess(event.message);
	if (fields === undefined || !('integrationRequestId' in fields)) {
		await write(line);
		continue;
	}

	const {id, events} = invocationEvents(event);
	for (const lambdaEvent of events) await write(JSON.stringify(lambdaEvent));
	lambdaLines += events.length;
	await write(JSON.stringify({...event, message: JSON.stringify({...fields, integrationRequestId: id})}));
}

if (pending.length > 0) out.write(pending);
out.end();
await once(out, 'finish');
console.log(`${apiLines} API lines, ${lambdaLines} Lambda lines (${Math.round((100 * lambdaLines) / (apiLines + lambdaLines))}%, ${invocations} invocations) written to ${outPath}`);
