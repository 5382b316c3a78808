// `apigw-tail emulator [--port N]`: runs the emulator with the standard API fixtures (and their log
// groups) until aborted, so the CLI can be pointed at it with AWS_ENDPOINT_URL.

import {addStandardApis} from './apigw-standard-fixtures.js';
import {Emulator} from './server.js';

export async function runEmulatorCommand(port: number, signal: AbortSignal): Promise<void> {
	const emulator = await Emulator.start({port});
	try {
		addStandardApis(emulator);
		process.stdout.write(`emulator listening on ${emulator.endpoint}\n`);
		await new Promise<void>((resolve) => {
			if (signal.aborted) resolve();
			else signal.addEventListener('abort', () => resolve(), {once: true});
		});
	} finally {
		await emulator.stop();
	}
}
