// doctor through the built CLI: its paste-ready fixes act where it looked, so they repeat the --profile and
// --endpoint-url given (pasted without them, they would change the default profile's account).
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {addStandardApis} from '../../source/emulator/apigw-standard-fixtures.js';
import {Emulator} from '../../source/emulator/server.js';
import {runCli} from '../helpers/cli.js';

describe('apigw-tail doctor --profile --endpoint-url', () => {
	let emulator: Emulator;
	let home: string;

	beforeAll(async () => {
		emulator = await Emulator.start();
		addStandardApis(emulator);
		home = mkdtempSync(join(tmpdir(), 'apigw-tail-doctor-cli-'));
		mkdirSync(join(home, '.aws'));
		writeFileSync(join(home, '.aws', 'credentials'), '[dev]\naws_access_key_id = AKIADOCTORDEV0000001\naws_secret_access_key = doctor-dev\n');
	});

	afterAll(async () => {
		await emulator.stop();
		rmSync(home, {recursive: true, force: true});
	});

	it('puts both into every fix command', async () => {
		const env = {
			HOME: home,
			AWS_CONFIG_FILE: undefined,
			AWS_SHARED_CREDENTIALS_FILE: undefined,
			AWS_ACCESS_KEY_ID: undefined,
			AWS_SECRET_ACCESS_KEY: undefined,
			AWS_SESSION_TOKEN: undefined,
			AWS_PROFILE: undefined,
			AWS_ENDPOINT_URL: undefined,
			AWS_EC2_METADATA_DISABLED: 'true',
			AWS_MAX_ATTEMPTS: '1',
		};
		const args = ['doctor', '--api', 'a1b2c3d4e5', '--stage', 'staging', '--profile', 'dev', '--endpoint-url', emulator.endpoint, '--region', 'us-east-1'];
		const result = await runCli(args, {env});
		expect(result.stderr).toBe('');
		const commands = result.stdout.split('\n').filter((line) => line.trimStart().startsWith('aws '));
		expect(commands.length).toBeGreaterThan(1);
		for (const command of commands) expect(command).toMatch(new RegExp(` --profile dev --endpoint-url ${emulator.endpoint.replaceAll('.', '\\.')}$`));

		const json = await runCli([...args, '--output', 'json'], {env});
		const fixes = (JSON.parse(json.stdout) as {checks: Array<{fix?: string}>}).checks.flatMap((item) => item.fix?.split('\n') ?? []);
		expect(fixes.filter((line) => line.startsWith('aws ')).every((line) => line.endsWith(`--profile dev --endpoint-url ${emulator.endpoint}`))).toBe(true);
	});
});
