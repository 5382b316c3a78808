// Real AWS SDK clients against the project's emulator, isolated from the user's ~/.aws and from the
// network: static keys, a temporary HOME, instance metadata off. Registers its own cleanup hooks.
import {mkdtempSync, rmSync} from 'node:fs';
import type {Server} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll} from 'vitest';
import {addStandardApis} from '../../source/emulator/apigw-standard-fixtures.js';
import {Emulator} from '../../source/emulator/server.js';
import {createAwsClients, type AwsClients} from '../../source/sources/cloudwatch/clients.js';

export const EMULATED_REGION = 'us-east-1';

export interface EmulatedAws {
	/** Clients for `endpoint`; `extraEnv` adds or overrides variables (e.g. AWS_MAX_ATTEMPTS). */
	clientsFor(endpoint: string, extraEnv?: Record<string, string>): Promise<AwsClients>;
	/** A started emulator with the standard APIs (and their log groups), and clients for it. */
	standard(options?: {cloudwatchRole?: boolean}): Promise<{emulator: Emulator; clients: AwsClients}>;
	/** Stopped after the test. */
	track(resource: Emulator | Server): void;
}

export function useEmulatedAws(prefix: string, baseEnv: Record<string, string> = {}): EmulatedAws {
	let home: string;
	const savedEnv = process.env;
	const emulators: Emulator[] = [];
	const opened: AwsClients[] = [];
	const servers: Server[] = [];

	beforeAll(() => {
		home = mkdtempSync(join(tmpdir(), prefix));
	});

	afterEach(async () => {
		for (const clients of opened.splice(0)) clients.destroy();
		for (const emulator of emulators.splice(0)) await emulator.stop();
		for (const server of servers.splice(0)) {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		}

		process.env = savedEnv;
	});

	afterAll(() => {
		rmSync(home, {recursive: true, force: true});
	});

	const clientsFor = async (endpoint: string, extraEnv: Record<string, string> = {}): Promise<AwsClients> => {
		process.env = {
			HOME: home,
			AWS_CONFIG_FILE: join(home, 'config'),
			AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
			AWS_EC2_METADATA_DISABLED: 'true',
			AWS_ACCESS_KEY_ID: 'AKIATEST000000000001',
			AWS_SECRET_ACCESS_KEY: 'test-secret-not-printed-0123456789',
			...baseEnv,
			...extraEnv,
		};
		const clients = await createAwsClients({region: EMULATED_REGION, endpointUrl: endpoint}, process.env);
		opened.push(clients);
		return clients;
	};

	return {
		clientsFor,
		async standard(options = {}) {
			const emulator = await Emulator.start();
			emulators.push(emulator);
			addStandardApis({apis: emulator.apis, logs: emulator.logs}, options);
			return {emulator, clients: await clientsFor(emulator.endpoint)};
		},
		track(resource) {
			if (resource instanceof Emulator) emulators.push(resource);
			else servers.push(resource);
		},
	};
}
