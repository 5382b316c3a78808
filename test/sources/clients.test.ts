// createAwsClients with the real SDK: region and profile precedence, the credential chain over temp
// config files (never the network: instance metadata is disabled, HOME is a temp directory), the
// one-line errors, and clients that reach an endpoint override (the emulator) and close cleanly.

import {createHash} from 'node:crypto';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {GetRestApisCommand} from '@aws-sdk/client-api-gateway';
import {GetApisCommand} from '@aws-sdk/client-apigatewayv2';
import {DescribeLogGroupsCommand, StartLiveTailCommand} from '@aws-sdk/client-cloudwatch-logs';
import {afterAll, afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import {Emulator} from '../../source/emulator/server.js';
import {addStandardApis} from '../../source/emulator/apigw-standard-fixtures.js';
import {UserError} from '../../source/exit-codes.js';
import {createAwsClients, type AwsClients, type AwsSettings} from '../../source/sources/cloudwatch/clients.js';
import {waitFor} from '../helpers/wait.js';

const ENV_SECRET = 'envSECRETvalue/0123456789abcdefghijklmn';
const FILE_SECRET = 'fileSECRETvalue/0123456789abcdefghijklm';
const SSO_TOKEN = 'ssoTOKENvalue0123456789';

let home: string;
const opened: AwsClients[] = [];
const savedEnv = process.env;

beforeAll(() => {
	home = mkdtempSync(join(tmpdir(), 'apigw-tail-clients-'));
});

afterEach(() => {
	for (const clients of opened.splice(0)) clients.destroy();
	process.env = savedEnv;
});

afterAll(() => {
	rmSync(home, {recursive: true, force: true});
});

/** A fresh HOME with these config/credentials files; the SDK caches files by path, so every test gets new paths. */
function machine(files: {config?: string; credentials?: string} = {}): {home: string; env: Record<string, string>} {
	const dir = mkdtempSync(join(home, 'home-'));
	mkdirSync(join(dir, '.aws', 'sso', 'cache'), {recursive: true});
	const configFile = join(dir, '.aws', 'config');
	const credentialsFile = join(dir, '.aws', 'credentials');
	if (files.config !== undefined) writeFileSync(configFile, files.config);
	if (files.credentials !== undefined) writeFileSync(credentialsFile, files.credentials);
	return {
		home: dir,
		env: {
			HOME: dir,
			PATH: savedEnv['PATH'] ?? '/usr/bin:/bin',
			AWS_EC2_METADATA_DISABLED: 'true',
			AWS_CONFIG_FILE: configFile,
			AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
		},
	};
}

/** The SDK's credential chain reads process.env, so each test runs in exactly the environment it passes. */
async function create(settings: AwsSettings, env: Record<string, string | undefined>): Promise<AwsClients> {
	process.env = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
	const clients = await createAwsClients(settings, process.env);
	opened.push(clients);
	return clients;
}

async function failure(settings: AwsSettings, env: Record<string, string | undefined>): Promise<UserError> {
	const error = await create(settings, env).then(
		() => undefined,
		(caught: unknown) => caught,
	);
	expect(error).toBeInstanceOf(UserError);
	const userError = error as UserError;
	expect(userError.exitCode).toBe(1);
	expect(userError.message).not.toContain('\n');
	for (const secret of [ENV_SECRET, FILE_SECRET, SSO_TOKEN]) expect(userError.message).not.toContain(secret);
	return userError;
}

const ENV_KEYS = {AWS_ACCESS_KEY_ID: 'AKIAENVKEY0000000001', AWS_SECRET_ACCESS_KEY: ENV_SECRET};
const PROFILES = {
	config: ['[default]', 'region = ap-southeast-2', '', '[profile dev]', 'region = eu-central-1', '', '[profile noregion]', 'output = json', ''].join('\n'),
	credentials: [
		'[default]',
		'aws_access_key_id = AKIADEFAULT000000001',
		`aws_secret_access_key = ${FILE_SECRET}`,
		'',
		'[dev]',
		'aws_access_key_id = AKIADEV0000000000001',
		`aws_secret_access_key = ${FILE_SECRET}`,
		'',
		'[noregion]',
		'aws_access_key_id = AKIANOREGION00000001',
		`aws_secret_access_key = ${FILE_SECRET}`,
		'',
	].join('\n'),
};

describe('region', () => {
	it.each([
		{case: 'option beats everything', settings: {region: 'us-west-1', profile: 'dev'}, env: {AWS_REGION: 'us-east-2', AWS_DEFAULT_REGION: 'sa-east-1'}, expected: 'us-west-1'},
		{case: 'AWS_REGION beats AWS_DEFAULT_REGION and the profile', settings: {profile: 'dev'}, env: {AWS_REGION: 'us-east-2', AWS_DEFAULT_REGION: 'sa-east-1'}, expected: 'us-east-2'},
		{case: 'AWS_DEFAULT_REGION (which the SDK ignores) beats the profile', settings: {profile: 'dev'}, env: {AWS_DEFAULT_REGION: 'sa-east-1'}, expected: 'sa-east-1'},
		{case: "the option's profile region", settings: {profile: 'dev'}, env: {}, expected: 'eu-central-1'},
		{case: "AWS_PROFILE's region", settings: {}, env: {AWS_PROFILE: 'dev'}, expected: 'eu-central-1'},
		{case: "the default profile's region", settings: {}, env: {}, expected: 'ap-southeast-2'},
	])('$case', async ({settings, env, expected}) => {
		const clients = await create(settings, {...machine(PROFILES).env, ...env});
		expect(clients.region).toBe(expected);
		for (const client of [clients.logs, clients.liveTailLogs, clients.apigwV2, clients.apigwV1]) {
			expect(await client.config.region()).toBe(expected);
		}
	});

	it('without any region says how to set one', async () => {
		const error = await failure({profile: 'noregion'}, machine(PROFILES).env);
		expect(error.message).toBe('no AWS region: pass --region, set AWS_REGION, or set one for profile noregion (`aws configure set region REGION --profile noregion`)');
	});

	it('without files or variables says how to set one for the default profile', async () => {
		const error = await failure({}, {...machine().env, ...ENV_KEYS});
		expect(error.message).toMatch(/^no AWS region: pass --region, set AWS_REGION, or set one for profile default/);
	});

	it('rejects a region that cannot be one', async () => {
		const error = await failure({region: 'us east 1'}, {...machine().env, ...ENV_KEYS});
		expect(error.message).toBe('"us east 1" is not an AWS region name (like us-east-1)');
	});
});

describe('credentials', () => {
	it('takes static keys from the environment', async () => {
		const clients = await create({region: 'us-east-1'}, {...machine().env, ...ENV_KEYS});
		const identity = await clients.logs.config.credentials();
		expect(identity.accessKeyId).toBe(ENV_KEYS.AWS_ACCESS_KEY_ID);
	});

	it.each([
		{case: 'the option', settings: {profile: 'dev'}, env: {}},
		{case: 'AWS_PROFILE', settings: {}, env: {AWS_PROFILE: 'dev'}},
		{case: 'the option over AWS_PROFILE', settings: {profile: 'dev'}, env: {AWS_PROFILE: 'noregion'}},
	])("takes a profile's keys from the credentials file, named by $case", async ({settings, env}) => {
		const clients = await create(settings, {...machine(PROFILES).env, ...env});
		for (const client of [clients.logs, clients.liveTailLogs, clients.apigwV2, clients.apigwV1]) {
			expect((await client.config.credentials()).accessKeyId).toBe('AKIADEV0000000000001');
		}
	});

	it('names an unknown profile and where it looked', async () => {
		const {env} = machine(PROFILES);
		const error = await failure({profile: 'prod', region: 'us-east-1'}, env);
		expect(error.message).toBe(
			`AWS profile "prod" is not in ${env.AWS_CONFIG_FILE} or ${env.AWS_SHARED_CREDENTIALS_FILE}: check the name, or create it with \`aws configure --profile prod\``,
		);
	});

	it('says an unknown profile came from AWS_PROFILE', async () => {
		const error = await failure({region: 'us-east-1'}, {...machine(PROFILES).env, AWS_PROFILE: 'stale', ...ENV_KEYS});
		expect(error.message).toMatch(/^AWS profile "stale" \(from AWS_PROFILE\) is not in /);
	});

	// `aws sso login` is no fix for a profile that is not set up for SSO (or, for default, does not exist).
	it('without any credentials says what it tried and how to fix it', async () => {
		const error = await failure({region: 'us-east-1'}, machine().env);
		expect(error.message).toBe(
			'no AWS credentials found (tried environment variables, profile default, SSO, web identity, container and instance metadata): run `aws configure`',
		);
	});

	it('for a profile without keys says which profile to configure', async () => {
		const error = await failure({profile: 'empty'}, machine({config: '[profile empty]\nregion = us-west-2\n'}).env);
		expect(error.message).toBe(
			'no AWS credentials found (tried profile empty, SSO, web identity, container and instance metadata): run `aws configure --profile empty`',
		);
	});

	it('asks for `aws sso login` when the SSO token has expired', async () => {
		const {home: dir, env} = machine({
			config: [
				'[profile work]',
				'sso_session = corp',
				'sso_account_id = 123456789012',
				'sso_role_name = Developer',
				'region = eu-west-1',
				'',
				'[sso-session corp]',
				'sso_start_url = https://corp.awsapps.com/start',
				'sso_region = us-east-1',
				'',
			].join('\n'),
		});
		// The SDK's token cache file for session `corp`; no refresh token, so nothing is asked of the network.
		const cacheFile = join(dir, '.aws', 'sso', 'cache', `${createHash('sha1').update('corp').digest('hex')}.json`);
		writeFileSync(
			cacheFile,
			JSON.stringify({accessToken: SSO_TOKEN, expiresAt: new Date(Date.now() - 3_600_000).toISOString(), region: 'us-east-1', startUrl: 'https://corp.awsapps.com/start'}),
		);
		const error = await failure({profile: 'work'}, env);
		expect(error.message).toBe('the SSO session for profile work has expired or was never started: run `aws sso login --profile work`');
	});

	it('names a failing credential_process without printing what it wrote', async () => {
		const config = `[profile tool]\nregion = us-east-1\ncredential_process = /bin/sh -c "echo ${FILE_SECRET} >&2; exit 3"\n`;
		const error = await failure({profile: 'tool'}, machine({config}).env);
		expect(error.message).toBe('could not load AWS credentials for profile tool: its credential_process command failed');
	});

	it('names a missing source_profile of a role profile', async () => {
		const config = '[profile admin]\nregion = us-east-1\nrole_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = base\n';
		const error = await failure({profile: 'admin'}, machine({config}).env);
		expect(error.message).toBe(
			'could not load AWS credentials for profile admin: Could not resolve credentials using profile: [base] in configuration/credentials file(s).',
		);
	});
});

describe('endpoint and clients', () => {
	let emulator: Emulator;

	beforeAll(async () => {
		emulator = await Emulator.start({liveTailTickMs: 50});
		addStandardApis({apis: emulator.apis, logs: emulator.logs});
	});

	afterAll(async () => {
		await emulator.stop();
	});

	it('points every client at the endpoint override and closes their connections on destroy', async () => {
		const clients = await create({region: 'us-east-1', endpointUrl: emulator.endpoint}, {...machine().env, ...ENV_KEYS});
		const groups = await clients.logs.send(new DescribeLogGroupsCommand({logGroupNamePrefix: 'API-Gateway-Execution-Logs_a1b2c3d4e5/prod'}));
		expect(groups.logGroups?.map((group) => group.logGroupName)).toEqual(['API-Gateway-Execution-Logs_a1b2c3d4e5/prod']);
		expect((await clients.apigwV2.send(new GetApisCommand({}))).Items?.map((api) => api.ApiId)).toContain('a1b2c3d4e5');
		expect((await clients.apigwV1.send(new GetRestApisCommand({}))).items?.map((api) => api.id)).toEqual(['r1e2s3t4a5']);

		// StartLiveTail carries a host prefix: it reaches 127.0.0.1 only because the live tail client drops it.
		const abort = new AbortController();
		const arn = groups.logGroups?.[0]?.logGroupArn ?? '';
		const response = await clients.liveTailLogs.send(new StartLiveTailCommand({logGroupIdentifiers: [arn]}), {abortSignal: abort.signal});
		const first = await response.responseStream?.[Symbol.asyncIterator]().next();
		expect(first?.value?.sessionStart?.logGroupIdentifiers).toEqual([arn]);
		abort.abort();

		expect(emulator.connectionCount).toBeGreaterThan(0);
		clients.destroy();
		await waitFor(() => emulator.connectionCount === 0, 5000, 'the emulator to see every connection close');
	});

	it.each([
		{case: 'the endpoint option', settings: {endpointUrl: 'http://127.0.0.1:4566'}, env: {}, liveTailPrefixDropped: true},
		{case: 'AWS_ENDPOINT_URL', settings: {}, env: {AWS_ENDPOINT_URL: 'http://127.0.0.1:4566'}, liveTailPrefixDropped: true},
		{case: 'AWS_ENDPOINT_URL_CLOUDWATCH_LOGS', settings: {}, env: {AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: 'http://127.0.0.1:4566'}, liveTailPrefixDropped: true},
		{case: 'ignored endpoint variables', settings: {}, env: {AWS_ENDPOINT_URL: 'http://127.0.0.1:4566', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true'}, liveTailPrefixDropped: false},
		{case: 'real AWS', settings: {}, env: {}, liveTailPrefixDropped: false},
	])('keeps the live tail host prefix only against AWS ($case)', async ({settings, env, liveTailPrefixDropped}) => {
		const clients = await create({region: 'us-east-1', ...settings}, {...machine().env, ...ENV_KEYS, ...env});
		expect(clients.liveTailLogs.config.disableHostPrefix).toBe(liveTailPrefixDropped);
		expect(clients.logs.config.disableHostPrefix).toBe(false);
	});

	it.each(['localhost:4566', 'ftp://127.0.0.1/', 'not a url'])('rejects the endpoint %j', async (endpointUrl) => {
		const error = await failure({region: 'us-east-1', endpointUrl}, {...machine().env, ...ENV_KEYS});
		expect(error.message).toBe(`${JSON.stringify(endpointUrl)} is not an endpoint URL: expected http(s)://HOST[:PORT]`);
	});

	it('keeps the SDK quiet: no Node version warning, nothing on stderr', async () => {
		const stderr = vi.spyOn(process.stderr, 'write');
		const emitWarning = vi.spyOn(process, 'emitWarning');
		const warn = vi.spyOn(console, 'warn');
		try {
			const env = {...machine(PROFILES).env, ...ENV_KEYS, AWS_PROFILE: 'dev'};
			// Profile and static keys together make the SDK warn about "multiple credential sources".
			const clients = await create({endpointUrl: emulator.endpoint}, env);
			expect(process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED']).toBe('true');
			expect((await clients.apigwV2.send(new GetApisCommand({}))).Items).toHaveLength(2);
			expect(emitWarning).not.toHaveBeenCalled();
			expect(warn).not.toHaveBeenCalled();
			expect(stderr).not.toHaveBeenCalled();
		} finally {
			stderr.mockRestore();
			emitWarning.mockRestore();
			warn.mockRestore();
		}
	});
});
