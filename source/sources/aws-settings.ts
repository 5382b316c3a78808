// Region, profile and credentials for the AWS clients, resolved once before anything else runs, so a
// machine that is not set up gets one line that says how to fix it instead of an SDK error (or a hang
// on instance metadata) in the middle of the terminal UI.
//
// `env` decides what this module decides (region, profile, file locations). The SDK's own lookups
// (AWS_ACCESS_KEY_ID..., the SSO token cache under HOME, AWS_EC2_METADATA_DISABLED, endpoint overrides)
// read process.env, so callers pass process.env.

import {defaultProvider} from '@aws-sdk/credential-provider-node';
import {loadSharedConfigFiles} from '@smithy/core/config';
import {UserError} from '../exit-codes.js';
import {sanitizeLine} from '../core/sanitize.js';

export interface AwsSettings {
	region?: string;
	profile?: string;
	endpointUrl?: string;
}

export type CredentialProvider = ReturnType<typeof defaultProvider>;

export interface ResolvedAwsSettings {
	region: string;
	/** The profile asked for (option or AWS_PROFILE); undefined means the SDK's default chain without one. */
	profile: string | undefined;
	endpointUrl: string | undefined;
	/** Memoized: it has answered once already, clients reuse its answer until it nears expiry. */
	credentials: CredentialProvider;
}

/** Anything the SDK would print (deprecation notes, credential warnings) goes nowhere. */
export const SILENT_LOGGER = {
	trace: (): void => {},
	debug: (): void => {},
	info: (): void => {},
	warn: (): void => {},
	error: (): void => {},
};

// A laptop has no instance metadata service: a connect attempt there must give up quickly.
const METADATA_TIMEOUT_MS = 1000;
const METADATA_RETRIES = 0;

const NO_CREDENTIALS = /Could not load credentials from any providers/i;
const SSO_LOGIN_NEEDED = /\bsso\b.*\b(expired|invalid|login)\b|token is expired/i;
const CHAIN_LINK = /defaultProvider::(\w+)/;
const LINK_REASON = /^@smithy\/property-provider -> ([\s\S]*)$/;
const REGION_SHAPE = /^[a-z0-9]+(-[a-z0-9]+)+$/;

type SharedConfigFiles = Awaited<ReturnType<typeof loadSharedConfigFiles>>;

/** Silences the SDK's Node-version warning (printed to stderr) before any client or provider exists. */
export function quietSdkWarnings(): void {
	process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
}

export async function resolveAwsSettings(settings: AwsSettings, env: Record<string, string | undefined>): Promise<ResolvedAwsSettings> {
	quietSdkWarnings();
	const endpointUrl = checkedEndpointUrl(nonEmpty(settings.endpointUrl));
	const fromOption = nonEmpty(settings.profile);
	const profile = fromOption ?? nonEmpty(env['AWS_PROFILE']);
	const files = {filepath: nonEmpty(env['AWS_SHARED_CREDENTIALS_FILE']), configFilepath: nonEmpty(env['AWS_CONFIG_FILE'])};
	const shared = await readSharedConfig(files, env);
	if (profile !== undefined && !profileExists(shared, profile)) {
		const source = fromOption === undefined ? ' (from AWS_PROFILE)' : '';
		throw new UserError(
			`AWS profile ${quoted(profile)}${source} is not in ${describeFiles(env)}: check the name, or create it with \`aws configure --profile ${sanitizeLine(profile)}\``,
		);
	}
	const region = resolveRegion(settings, env, shared, profile);
	const diagnostics = new ChainDiagnostics();
	const credentials = defaultProvider({
		...(profile === undefined ? {} : {profile}),
		...(files.filepath === undefined ? {} : {filepath: files.filepath}),
		...(files.configFilepath === undefined ? {} : {configFilepath: files.configFilepath}),
		logger: diagnostics.logger,
		timeout: METADATA_TIMEOUT_MS,
		maxRetries: METADATA_RETRIES,
	});
	try {
		await credentials();
	} catch (error) {
		throw credentialsError(error, profile, diagnostics, shared, secretsIn(env, shared));
	} finally {
		diagnostics.stop();
	}
	return {region, profile, endpointUrl, credentials};
}

/**
 * The chain ends with "Could not load credentials from any providers" whatever went wrong; why each
 * link gave up is only told to the logger. Kept during the first resolution, to name the real cause
 * for a profile (a failing credential_process, a missing source_profile).
 */
class ChainDiagnostics {
	private readonly reasons: Array<{link: string; reason: string}> = [];
	private link = '';
	private recording = true;

	readonly logger = {
		...SILENT_LOGGER,
		debug: (...parts: unknown[]): void => {
			if (this.recording) this.record(parts.map(String).join(' '));
		},
	};

	stop(): void {
		this.recording = false;
		this.reasons.length = 0;
	}

	/** The first reason the given link (`fromIni`, `fromProcess`, ...) gave for passing. */
	reasonFrom(link: string): string | undefined {
		return this.reasons.find((entry) => entry.link === link)?.reason;
	}

	private record(line: string): void {
		const link = CHAIN_LINK.exec(line)?.[1];
		if (link !== undefined) {
			this.link = link;
			return;
		}
		const reason = LINK_REASON.exec(line)?.[1];
		if (reason !== undefined) this.reasons.push({link: this.link, reason});
	}
}

function resolveRegion(settings: AwsSettings, env: Record<string, string | undefined>, shared: SharedConfigFiles, profile: string | undefined): string {
	const profileName = profile ?? 'default';
	// The AWS CLI honours AWS_DEFAULT_REGION and the JS SDK does not; users expect the CLI's behaviour.
	const region =
		nonEmpty(settings.region) ??
		nonEmpty(env['AWS_REGION']) ??
		nonEmpty(env['AWS_DEFAULT_REGION']) ??
		nonEmpty(shared.configFile[profileName]?.['region']) ??
		nonEmpty(shared.credentialsFile[profileName]?.['region']);
	if (region === undefined) {
		throw new UserError(
			`no AWS region: pass --region, set AWS_REGION, or set one for profile ${profileName} (\`aws configure set region REGION${profile === undefined ? '' : ` --profile ${profile}`}\`)`,
		);
	}
	if (!REGION_SHAPE.test(region)) throw new UserError(`${quoted(region)} is not an AWS region name (like us-east-1)`);
	return region;
}

async function readSharedConfig(files: {filepath: string | undefined; configFilepath: string | undefined}, env: Record<string, string | undefined>): Promise<SharedConfigFiles> {
	try {
		return await loadSharedConfigFiles({
			...(files.filepath === undefined ? {} : {filepath: files.filepath}),
			...(files.configFilepath === undefined ? {} : {configFilepath: files.configFilepath}),
			ignoreCache: true,
		});
	} catch (error) {
		throw new UserError(`could not read ${describeFiles(env)}: ${firstLine(error, [])}`);
	}
}

function profileExists(shared: SharedConfigFiles, profile: string): boolean {
	return Object.hasOwn(shared.configFile, profile) || Object.hasOwn(shared.credentialsFile, profile);
}

function checkedEndpointUrl(url: string | undefined): string | undefined {
	if (url === undefined) return undefined;
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new UserError(`${quoted(url)} is not an endpoint URL: expected http(s)://HOST[:PORT]`);
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		throw new UserError(`${quoted(url)} is not an endpoint URL: expected http(s)://HOST[:PORT]`);
	}
	return url;
}

function credentialsError(error: unknown, profile: string | undefined, diagnostics: ChainDiagnostics, shared: SharedConfigFiles, secrets: string[]): UserError {
	const profileName = profile ?? 'default';
	const loginCommand = `aws sso login${profile === undefined ? '' : ` --profile ${profile}`}`;
	const message = firstLine(error, secrets);
	if (SSO_LOGIN_NEEDED.test(message)) {
		return new UserError(`the SSO session for profile ${profileName} has expired or was never started: run \`${loginCommand}\``);
	}
	const profileProblem = profile === undefined ? undefined : profileFailure(profile, diagnostics.reasonFrom('fromIni'), secrets);
	if (profileProblem !== undefined) return new UserError(`could not load AWS credentials for profile ${profile}: ${profileProblem}`);
	if (NO_CREDENTIALS.test(message)) {
		const tried = profile === undefined ? 'environment variables, profile default' : `profile ${profile}`;
		// `aws sso login` only helps a profile set up for SSO; for any other, it fails with another riddle.
		const fix = usesSso(shared, profileName) ? `\`${loginCommand}\`` : `\`aws configure${profile === undefined ? '' : ` --profile ${profile}`}\``;
		return new UserError(`no AWS credentials found (tried ${tried}, SSO, web identity, container and instance metadata): run ${fix}`);
	}
	return new UserError(`could not load AWS credentials for profile ${profileName}: ${message}`);
}

/** The profile is in ~/.aws/config with SSO settings (an sso-session, or the legacy start URL). */
function usesSso(shared: SharedConfigFiles, profile: string): boolean {
	const settings = shared.configFile[profile];
	return settings !== undefined && ['sso_session', 'sso_start_url', 'sso_account_id'].some((key) => nonEmpty(settings[key]) !== undefined);
}

/** Why a named profile gave no credentials, when the reason says more than "it has none". */
function profileFailure(profile: string, reason: string | undefined, secrets: string[]): string | undefined {
	if (reason === undefined || reason.includes(`using profile: [${profile}] in`)) return undefined;
	// The message goes on with the command's stderr, which may hold anything, secrets included.
	if (reason.startsWith('Command failed')) return 'its credential_process command failed';
	return firstLine(reason, secrets);
}

/** Values that must never be printed, whatever an SDK message happens to quote. */
function secretsIn(env: Record<string, string | undefined>, shared: SharedConfigFiles): string[] {
	const secretKeys = ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token'];
	const values = [env['AWS_ACCESS_KEY_ID'], env['AWS_SECRET_ACCESS_KEY'], env['AWS_SESSION_TOKEN']];
	for (const section of [...Object.values(shared.configFile), ...Object.values(shared.credentialsFile)]) {
		for (const key of secretKeys) values.push(section[key]);
	}
	return values.filter((value): value is string => value !== undefined && value.length >= 4);
}

/** The first line of an error message, without secrets or terminal control characters, at most 300 characters. */
export function firstLine(error: unknown, secrets: readonly string[]): string {
	const raw = error instanceof Error ? error.message : String(error);
	let line = (raw.split(/\r?\n/).find((candidate) => candidate.trim() !== '') ?? '').trim();
	for (const secret of secrets) line = line.split(secret).join('****');
	line = sanitizeLine(line);
	return line.length > 300 ? `${line.slice(0, 299)}…` : line || 'no details';
}

function describeFiles(env: Record<string, string | undefined>): string {
	return `${nonEmpty(env['AWS_CONFIG_FILE']) ?? '~/.aws/config'} or ${nonEmpty(env['AWS_SHARED_CREDENTIALS_FILE']) ?? '~/.aws/credentials'}`;
}

function quoted(text: string): string {
	return JSON.stringify(sanitizeLine(text));
}

function nonEmpty(value: string | undefined): string | undefined {
	const trimmed = value?.trim();
	return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
