// Logs Insights through the real SDK client: start a query and poll it to its end, counting polls
// rather than sleeping (the emulator moves a query on per GetQueryResults call).

import {readFileSync} from 'node:fs';
import {
	GetQueryResultsCommand,
	StartQueryCommand,
	type CloudWatchLogsClient,
	type GetQueryResultsCommandOutput,
	type StartQueryCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import type {Emulator} from '../../source/emulator/server.js';

export const GROUP = '/aws/apigateway/websocket-access';
/** The fixture's first event: 2023-11-14 22:13:20 UTC. */
export const T0 = 1_700_000_000_000;
const FIXTURE = new URL('../fixtures/insights/websocket-access-events.jsonl', import.meta.url);

/** Loads the fixture's access and execution log lines into GROUP. */
export function loadFixture(emulator: Emulator): void {
	const lines = readFileSync(FIXTURE, 'utf8').trim().split('\n');
	const events = lines.map((line) => JSON.parse(line) as {logStreamName: string; timestamp: number; message: string});
	for (const stream of new Set(events.map((event) => event.logStreamName))) {
		emulator.logs.ensureLogStream(GROUP, stream);
		const own = events.filter((event) => event.logStreamName === stream).sort((a, b) => a.timestamp - b.timestamp);
		emulator.logs.putLogEvents(GROUP, stream, own);
	}
}

export interface QueryRun {
	queryId: string;
	statuses: string[];
	last: GetQueryResultsCommandOutput;
	/** Each row as {field: value}, in the service's order. */
	rows: Array<Record<string, string>>;
}

const ENDED = new Set(['Complete', 'Failed', 'Cancelled', 'Timeout']);

/** Starts a query over the whole fixture day (unless told otherwise) and polls it until it ends (or `maxPolls`). */
export async function runQuery(client: CloudWatchLogsClient, queryString: string, input: Partial<StartQueryCommandInput> = {}, maxPolls = 50): Promise<QueryRun> {
	const {queryId = ''} = await client.send(
		new StartQueryCommand({logGroupName: GROUP, startTime: T0 / 1000 - 3600, endTime: T0 / 1000 + 86_400, queryString, ...input}),
	);
	const statuses: string[] = [];
	let last: GetQueryResultsCommandOutput;
	do {
		last = await client.send(new GetQueryResultsCommand({queryId}));
		statuses.push(last.status ?? '?');
	} while (!ENDED.has(last.status ?? '') && statuses.length < maxPolls);
	return {queryId, statuses, last, rows: rowsOf(last)};
}

export function rowsOf(output: Pick<GetQueryResultsCommandOutput, 'results'>): Array<Record<string, string>> {
	return (output.results ?? []).map((row) => Object.fromEntries(row.map((field) => [field.field ?? '', field.value ?? ''])));
}
