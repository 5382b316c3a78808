// `--connection` pushed down to CloudWatch: only that connection's access lines and the execution
// lines of its requests come back, through filter patterns (checked on the wire), including execution
// lines written before their access line, and request ids beyond one pattern's 1024 characters.

import {afterEach, describe, expect, it} from 'vitest';
import type {LogEvent} from '../../source/core/types.js';
import type {Emulator} from '../../source/emulator/server.js';
import {waitFor} from '../helpers/wait.js';
import {
	ACCESS,
	callCount,
	EventWriter,
	EXECUTION,
	expectExactlyOnce,
	expectSameEvents,
	moreCalls,
	recordingClients,
	startEmulator,
	startTail,
	stopEverythingStarted,
	type TailRun,
	type WrittenEvent,
} from './cloudwatch-harness.js';

let emulator: Emulator | undefined;
let run: TailRun | undefined;

afterEach(stopEverythingStarted);

const MINE = 'L0SM9cOFvHcCIhw=';
const OTHER = 'K9xQ2aBcDeFgHiJ=';

/** The access format's requestId, as the lead's parser reads it; undefined for anything else. */
function requestIdOf(event: LogEvent): string | undefined {
	try {
		const fields = JSON.parse(event.message) as {requestId?: unknown};
		return typeof fields.requestId === 'string' ? fields.requestId : undefined;
	} catch {
		return undefined;
	}
}

class Traffic {
	private serial = 0;
	constructor(private readonly writer: EventWriter) {}

	/** One request of `connectionId`: execution lines, then (unless `accessLater`) its access line. */
	request(connectionId: string, options: {timestamp?: number; accessLater?: boolean} = {}): {requestId: string; access: () => WrittenEvent[]} {
		const requestId = `rid-${connectionId.slice(0, 4)}-${String(this.serial++).padStart(4, '0')}-f9e8d7c6-b5a4`;
		const timestamp = options.timestamp ?? Date.now();
		this.writer.write(EXECUTION, 'exec-a', 1, {timestamp, message: () => `(${requestId}) Extended Request Id: ${requestId}X=`});
		this.writer.write(EXECUTION, 'exec-a', 1, {timestamp: timestamp + 2, message: () => `(${requestId}) Method completed with status: 200`});
		const access = (): WrittenEvent[] =>
			this.writer.write(ACCESS, 'access-b', 1, {timestamp: timestamp + 5, message: () => JSON.stringify({requestId, connectionId, eventType: 'MESSAGE', status: '200'})});
		if (!options.accessLater) access();
		return {requestId, access};
	}
}

function mine(written: readonly WrittenEvent[], requestIds: ReadonlySet<string>): WrittenEvent[] {
	return written.filter((event) => event.message.includes(MINE) || [...requestIds].some((requestId) => event.message.startsWith(`(${requestId})`)));
}

describe('tailCloudWatch with a connection push-down', () => {
	it("returns only the connection's access and execution lines, found with filter patterns", async () => {
		emulator = await startEmulator();
		const writer = new EventWriter(emulator);
		const traffic = new Traffic(writer);
		const myRequests = new Set<string>();
		for (let index = 0; index < 5; index++) {
			myRequests.add(traffic.request(MINE, {timestamp: Date.now() - 5000 + index * 10}).requestId);
			traffic.request(OTHER, {timestamp: Date.now() - 5000 + index * 10 + 3});
		}
		// An execution line that names the connection without its request id prefix.
		writer.write(EXECUTION, 'exec-b', 1, {message: () => `(rid-unrelated) Client [Connection Id: ${MINE}] disconnected`});
		const {inputs, ...clients} = recordingClients(emulator.endpoint);
		run = startTail(emulator, {...clients, connection: {connectionId: MINE, requestIdOf}});
		await waitFor(() => run!.statuses.at(-1)?.phase === 'polling', 5000, 'the polling phase');

		for (let index = 0; index < 3; index++) {
			myRequests.add(traffic.request(MINE).requestId);
			traffic.request(OTHER);
		}
		// Execution lines first; the access line only after two more polls have run.
		const late = traffic.request(MINE, {accessLater: true});
		myRequests.add(late.requestId);
		await waitFor(moreCalls(emulator, 'FilterLogEvents', 4), 5000, 'two polls');
		late.access();

		await expectExactlyOnce(run, mine(writer.written, myRequests), moreCalls(emulator, 'FilterLogEvents', 4));
		expect(run.events.filter((event) => event.logGroup === ACCESS)).toHaveLength(9);
		expect(run.events.filter((event) => event.message.includes(OTHER))).toEqual([]);
		expect(callCount(emulator, 'StartLiveTail')).toBe(0);

		// Every read was narrowed on the server: the backfill's and every poll's.
		expect(inputs.length).toBeGreaterThanOrEqual(callCount(emulator, 'FilterLogEvents'));
		for (const input of inputs) {
			if (input.logGroupName === ACCESS) expect(input.filterPattern).toBe(`"${MINE}"`);
			else expect(input.filterPattern).toMatch(new RegExp(`^(\\?"\\(rid-[^"]+\\)" )*\\?"${MINE.replace('=', '\\=')}"$`));
		}
		expect(inputs.some((input) => input.filterPattern?.includes(`?"(${late.requestId})"`))).toBe(true);
	});

	it('chunks many request ids into patterns under 1024 characters, and with --no-follow ends after the backfill', async () => {
		emulator = await startEmulator();
		const writer = new EventWriter(emulator);
		const traffic = new Traffic(writer);
		const myRequests = new Set<string>();
		for (let index = 0; index < 80; index++) {
			myRequests.add(traffic.request(MINE, {timestamp: Date.now() - 30_000 + index * 100}).requestId);
			traffic.request(OTHER, {timestamp: Date.now() - 30_000 + index * 100 + 50});
		}
		const {inputs, ...clients} = recordingClients(emulator.endpoint);
		run = startTail(emulator, {...clients, follow: false, connection: {connectionId: MINE, requestIdOf}});
		await run.done;
		expectSameEvents(run.events, mine(writer.written, myRequests));
		const executionPatterns = inputs.filter((input) => input.logGroupName === EXECUTION).map((input) => input.filterPattern ?? '');
		expect(executionPatterns.length).toBeGreaterThan(2);
		for (const pattern of executionPatterns) expect(pattern.length).toBeLessThanOrEqual(1024);
	});
});
