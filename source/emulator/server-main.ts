// `apigw-tail emulator [--port N] [--latency 80-200ms]`: runs the emulator with the standard API fixtures (and their log
// groups) until aborted, so the CLI can be pointed at it with AWS_ENDPOINT_URL; it says when it stopped.

import {UserError} from '../exit-codes.js';
import {addStandardApis} from './apigw-standard-fixtures.js';
import {Emulator} from './server.js';

const HOST = '127.0.0.1';

export async function runEmulatorCommand(port: number, signal: AbortSignal, latencyMs?: readonly [number, number]): Promise<void> {
	const emulator = await startOn(port, latencyMs);
	try {
		addStandardApis(emulator);
		const answering = latencyMs === undefined ? '' : ` (every call answered after ${latencyMs[0]}-${latencyMs[1]} ms)`;
		process.stdout.write(`emulator listening on ${emulator.endpoint}${answering}\n`);
		await new Promise<void>((resolve) => {
			if (signal.aborted) resolve();
			else signal.addEventListener('abort', () => resolve(), {once: true});
		});
	} finally {
		// Open connections (a live tail session, keep-alive sockets) are cut, not waited for.
		await emulator.stop();
		process.stdout.write('emulator stopped\n');
	}
}

async function startOn(port: number, latencyMs: readonly [number, number] | undefined): Promise<Emulator> {
	try {
		return await Emulator.start({port, host: HOST, ...(latencyMs === undefined ? {} : {latencyMs})});
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		// The usual case: another emulator (or LocalStack) still runs; port 0 picks a free one.
		if (code === 'EADDRINUSE') throw new UserError(`port ${port} is already in use on ${HOST} (try --port 0)`);
		if (code === 'EACCES') throw new UserError(`port ${port} on ${HOST} needs more privileges (try a port above 1023, or --port 0)`);
		throw error;
	}
}
