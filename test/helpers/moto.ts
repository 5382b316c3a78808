// moto_server (a Python AWS emulator nobody on this project wrote) for tests that check our AWS calls
// against an independent reading of the APIs. It is optional on a laptop and required in CI; a missing
// moto is reported by a test of its own rather than by skipping, because skipped tests hide it.

import {spawn, type ChildProcess} from 'node:child_process';
import {accessSync, constants} from 'node:fs';
import {createServer} from 'node:net';
import {delimiter, join} from 'node:path';
import {describe, it} from 'vitest';
import {waitFor} from './wait.js';

const INSTALL_HINT = 'pip install "moto[server]"';
const STARTUP_TIMEOUT_MS = 25_000;
const KILL_AFTER_MS = 5000;
// Enough of moto's own output to explain a failed start, without keeping every request it logs.
const OUTPUT_TAIL_CHARS = 2000;

export interface MotoServer {
	/** Base URL for SDK clients, e.g. http://127.0.0.1:PORT. */
	endpoint: string;
	/** Stops moto and everything it started; resolves once it has exited. Safe to call twice. */
	stop(): Promise<void>;
}

/** The executable moto_server on PATH, or undefined where it is not installed. */
export function motoServerPath(): string | undefined {
	for (const directory of (process.env['PATH'] ?? '').split(delimiter)) {
		if (directory === '') continue;
		const candidate = join(directory, 'moto_server');
		try {
			accessSync(candidate, constants.X_OK);
			return candidate;
		} catch {
			// Absent or not executable here; keep looking.
		}
	}
	return undefined;
}

/** test/setup.ts deletes CI (Ink renders differently with it) after copying it to APIGW_TAIL_CI. */
export function runningInCi(): boolean {
	const truthy = (value: string | undefined): boolean => value !== undefined && !['', 'false', '0'].includes(value.toLowerCase());
	return truthy(process.env['APIGW_TAIL_CI']) || truthy(process.env['CI']);
}

/**
 * Declares `declareTests` under `title` where moto_server is installed. Where it is not, declares one
 * test instead: on a laptop it passes with a visible warning, in CI it fails.
 */
export function describeWithMoto(title: string, declareTests: () => void): void {
	describe(title, () => {
		if (motoServerPath() !== undefined) {
			declareTests();
			return;
		}
		it('moto_server is required in CI', () => {
			if (runningInCi()) throw new Error(`moto_server is required in CI and is not on PATH (${INSTALL_HINT})`);
			console.warn(`moto_server not found: "${title}" skipped (${INSTALL_HINT} to run it; CI requires it)`);
		});
	});
}

/** An AWS environment of its own under `home` (no files, no profile, no metadata service) with the dummy keys moto accepts. */
export function motoEnvironment(home: string): Record<string, string> {
	return {
		HOME: home,
		AWS_CONFIG_FILE: join(home, 'config'),
		AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
		AWS_EC2_METADATA_DISABLED: 'true',
		AWS_ACCESS_KEY_ID: 'testing',
		AWS_SECRET_ACCESS_KEY: 'testing',
	};
}

/** Starts moto_server on a free port of 127.0.0.1 and resolves once it answers. */
export async function startMoto(): Promise<MotoServer> {
	const path = motoServerPath();
	if (path === undefined) throw new Error(`moto_server is not on PATH (${INSTALL_HINT})`);
	const port = await freePort();
	const endpoint = `http://127.0.0.1:${port}`;
	// Its own process group, so stopping it also stops whatever a shim (pyenv) started in its place.
	const child = spawn(path, ['-H', '127.0.0.1', '-p', String(port)], {stdio: ['ignore', 'pipe', 'pipe'], detached: true});
	let output = '';
	const keep = (chunk: Buffer): void => {
		output = (output + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
	};
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
	const stop = (): Promise<void> => stopProcessGroup(child);
	try {
		await waitUntilAnswering(`${endpoint}/moto-api/`, child);
	} catch (error) {
		await stop();
		throw new Error(`${(error as Error).message}; its output: ${output === '' ? '(none)' : output}`);
	}
	return {endpoint, stop};
}

async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	await new Promise((resolve) => server.close(resolve));
	if (address === null || typeof address === 'string') throw new Error('no free port on 127.0.0.1');
	return address.port;
}

async function waitUntilAnswering(url: string, child: ChildProcess): Promise<void> {
	const answering = async (): Promise<boolean> => {
		if (hasExited(child)) throw new Error(`moto_server exited (code ${child.exitCode}, signal ${child.signalCode}) before answering`);
		return fetch(url).then(
			(response) => response.ok,
			() => false, // Not listening yet.
		);
	};
	await waitFor(answering, STARTUP_TIMEOUT_MS, `moto_server to answer ${url}`, 100);
}

/** SIGTERM to the child's process group, SIGKILL if it lingers; resolves once the child has exited (and is reaped). */
async function stopProcessGroup(child: ChildProcess): Promise<void> {
	const pid = child.pid;
	if (pid === undefined || hasExited(child)) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	signalGroup(pid, 'SIGTERM');
	const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), KILL_AFTER_MS);
	await exited;
	clearTimeout(timer);
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// The group is already gone.
	}
}

function hasExited(child: ChildProcess): boolean {
	return child.exitCode !== null || child.signalCode !== null;
}
