// How the built CLI ends a run on its own terms: the demo after --duration (every line the simulator
// wrote has landed and joined its request), and the emulator on Ctrl+C with a connection still open.
import {connect, type Socket} from 'node:net';
import {describe, expect, it} from 'vitest';
import {parseNdjson, runCli} from './helpers/cli.js';
import {waitFor} from './helpers/wait.js';

describe('demo --duration', () => {
	it('lets the lagging access lines land before it ends: every CONNECT has its connection, every request its status', async () => {
		const result = await runCli(['demo', '--duration', '3s', '--output', 'json']);
		expect(result.code).toBe(0);
		const requests = parseNdjson(result.stdout).filter((line) => line['type'] === 'request');
		expect(requests.length).toBeGreaterThan(5);
		const connects = requests.filter((request) => request['eventType'] === 'CONNECT');
		expect(connects.length).toBeGreaterThan(0);
		expect(connects.filter((request) => request['connectionId'] === null)).toEqual([]);
		expect(requests.filter((request) => request['status'] === null)).toEqual([]);
		expect(requests.filter((request) => request['access'] === null)).toEqual([]);
	}, 60_000);
});

describe('emulator', () => {
	it('stops at once on SIGINT with a client still connected, and says so', async () => {
		let stdout = '';
		let socket: Socket | undefined;
		const result = await runCli(['emulator', '--port', '0'], {
			onSpawn(child) {
				child.stdout?.on('data', (chunk: Buffer) => {
					stdout += chunk.toString('utf8');
				});
				void (async () => {
					await waitFor(() => /listening on http:\/\/127\.0\.0\.1:\d+/.test(stdout), 20_000, 'the listening line');
					const port = Number(/:(\d+)\n/.exec(stdout)?.[1]);
					socket = connect(port, '127.0.0.1');
					socket.on('error', () => undefined);
					await new Promise((resolve) => socket?.once('connect', resolve));
					child.kill('SIGINT');
				})();
			},
		});
		socket?.destroy();
		expect(result.code).toBe(130);
		expect(result.stdout).toMatch(/^emulator listening on http:\/\/127\.0\.0\.1:\d+\nemulator stopped\n$/);
		expect(result.stderr).toBe('');
	});
});
