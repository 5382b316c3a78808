// The emulator's Lambda functions, as far as apigw-tail reads them: GetFunctionConfiguration, whose
// LoggingConfig says where a function logs (a custom LogGroup, else /aws/lambda/NAME) and in which
// format. Functions are named by name, qualified name, full or partial ARN, as the service accepts.

import type {JsonObject} from './logs-input.js';
import {EMULATOR_ACCOUNT_ID, EMULATOR_REGION} from './logs-store.js';
import {ServiceError} from './server-errors.js';

export interface LambdaFunctionFixture {
	name: string;
	runtime: string;
	/** Default Text. */
	logFormat?: 'Text' | 'JSON';
	/** A custom group; absent means the default /aws/lambda/NAME. */
	logGroup?: string;
	/** Aliases a URI may name (`:live`); `$LATEST` and version numbers are always accepted. */
	aliases?: string[];
	/** The caller may not read this function (AccessDeniedException), as with a missing IAM permission. */
	denied?: boolean;
	memorySize?: number;
	timeout?: number;
}

const FUNCTION_NAME = /^(?:arn:aws[a-z-]*:lambda:[^:]+:)?(?:(\d{12}):function:)?([A-Za-z0-9_-]+)(?::([A-Za-z0-9_$-]+))?$/;

export const lambdaFunctionArn = (name: string): string => `arn:aws:lambda:${EMULATOR_REGION}:${EMULATOR_ACCOUNT_ID}:function:${name}`;

export class LambdaFunctions {
	readonly #functions = new Map<string, LambdaFunctionFixture>();

	add(fixture: LambdaFunctionFixture): void {
		if (this.#functions.has(fixture.name)) throw new Error(`a function named ${fixture.name} already exists`);
		this.#functions.set(fixture.name, structuredClone(fixture));
	}

	get(name: string): LambdaFunctionFixture | undefined {
		return this.#functions.get(name);
	}

	/** GetFunctionConfiguration's 200 body, or the ServiceError the service answers. */
	configuration(functionName: string, qualifierParameter: string | null): JsonObject {
		const match = FUNCTION_NAME.exec(functionName);
		if (match === null) throw new ServiceError('ValidationException', `1 validation error detected: Value '${functionName}' at 'functionName' failed to satisfy constraint`, 400);
		const [, account = EMULATOR_ACCOUNT_ID, name = '', nameQualifier] = match;
		const arn = `arn:aws:lambda:${EMULATOR_REGION}:${account}:function:${name}`;
		// Another account's function: this caller has no grant to read it.
		if (account !== EMULATOR_ACCOUNT_ID) throw denied(arn);
		const fixture = this.#functions.get(name);
		if (fixture === undefined) throw new ServiceError('ResourceNotFoundException', `Function not found: ${arn}`, 404);
		if (fixture.denied === true) throw denied(arn);
		const qualifier = qualifierParameter ?? nameQualifier;
		if (qualifier !== undefined && qualifier !== '$LATEST' && !/^\d+$/.test(qualifier) && !(fixture.aliases ?? []).includes(qualifier)) {
			throw new ServiceError('ResourceNotFoundException', `Function not found: ${arn}:${qualifier}`, 404);
		}
		return configurationShape(fixture, qualifier);
	}
}

function denied(arn: string): ServiceError {
	return new ServiceError(
		'AccessDeniedException',
		`User: arn:aws:iam::${EMULATOR_ACCOUNT_ID}:user/emulator is not authorized to perform: lambda:GetFunctionConfiguration on resource: ${arn} because no identity-based policy allows the lambda:GetFunctionConfiguration action`,
		403,
	);
}

/** The wire body (Lambda's REST-JSON uses the member names as they are). */
function configurationShape(fixture: LambdaFunctionFixture, qualifier: string | undefined): JsonObject {
	const logFormat = fixture.logFormat ?? 'Text';
	const version = qualifier !== undefined && /^\d+$/.test(qualifier) ? qualifier : '$LATEST';
	const handler = fixture.runtime.startsWith('python') ? 'app.handler' : 'index.handler';
	return {
		FunctionName: fixture.name,
		FunctionArn: lambdaFunctionArn(fixture.name) + (qualifier === undefined ? '' : `:${qualifier}`),
		Runtime: fixture.runtime,
		Role: `arn:aws:iam::${EMULATOR_ACCOUNT_ID}:role/${fixture.name}-role`,
		Handler: handler,
		CodeSize: 1337,
		Description: '',
		Timeout: fixture.timeout ?? 30,
		MemorySize: fixture.memorySize ?? 256,
		LastModified: '2026-11-02T09:14:51.000+0000',
		CodeSha256: 'pXa3Q4Zc1hYjm2e2xVYQ1vG3oJtYl8v4S0b9b1q2w3E=',
		Version: version,
		TracingConfig: {Mode: 'PassThrough'},
		RevisionId: '6d3a1b9e-4c1f-4e8a-9a51-0e7b3c2d1f00',
		State: 'Active',
		LastUpdateStatus: 'Successful',
		PackageType: 'Zip',
		Architectures: ['arm64'],
		EphemeralStorage: {Size: 512},
		SnapStart: {ApplyOn: 'None', OptimizationStatus: 'Off'},
		LoggingConfig: {
			LogFormat: logFormat,
			// The levels exist only with the JSON format.
			...(logFormat === 'JSON' ? {ApplicationLogLevel: 'INFO', SystemLogLevel: 'INFO'} : {}),
			LogGroup: fixture.logGroup ?? `/aws/lambda/${fixture.name}`,
		},
	};
}
