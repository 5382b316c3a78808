import {spawn} from 'node:child_process';
import {fileURLToPath} from 'node:url';

export const CLI = fileURLToPath(new URL('../../bin/apigw-tail.js', import.meta.url));

/** The environment of a CLI run against the emulator: keys it accepts, a region, no profile or metadata service. */
export const EMULATOR_AWS_ENV = {
	AWS_ACCESS_KEY_ID: 'AKIDEMULATOR',
	AWS_SECRET_ACCESS_KEY: 'emulator-secret',
	AWS_REGION: 'us-east-1',
	AWS_EC2_METADATA_DISABLED: 'true',
	AWS_PROFILE: undefined,
};

export interface CliResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

export interface CliOptions {
	stdin?: string | Buffer;
	env?: Record<string, string | undefined>;
	/** Called once the process runs, e.g. to send it a signal. */
	onSpawn?: (child: ReturnType<typeof spawn>) => void;
}

/** Runs the built CLI the way a user's shell does (stdin a pipe unless given, no terminal). */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [CLI, ...args], {
			env: {...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env},
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			stdout += chunk;
		});
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
			stderr += chunk;
		});
		child.on('error', reject);
		child.on('close', (code, signal) => resolve({code, signal, stdout, stderr}));
		if (options.stdin === undefined) {
			if (!options.onSpawn) child.stdin.end();
		} else {
			child.stdin.end(options.stdin);
		}

		options.onSpawn?.(child);
	});
}

export function parseNdjson(stdout: string): Array<Record<string, unknown>> {
	return stdout
		.split('\n')
		.filter((line) => line !== '')
		.map((line) => JSON.parse(line) as Record<string, unknown>);
}
