// Fault injection as the real SDK clients experience it: error names and statuses, what the SDK
// retries, and faults armed while clients stay connected.

import {GetApisCommand} from '@aws-sdk/client-apigatewayv2';
import {GetAccountCommand} from '@aws-sdk/client-api-gateway';
import {DescribeLogGroupsCommand, FilterLogEventsCommand, StartLiveTailCommand, type CloudWatchLogsClient} from '@aws-sdk/client-cloudwatch-logs';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {Emulator} from '../../source/emulator/server.js';
import {apigatewayClient, apigatewayV2Client, logsClient} from './server-clients.js';

let emulator: Emulator;
const clients: Array<{destroy: () => void}> = [];

function logs(maxAttempts: number): CloudWatchLogsClient {
	const client = logsClient(emulator.endpoint, {maxAttempts});
	clients.push(client);
	return client;
}

beforeEach(async () => {
	emulator = await Emulator.start({liveTailTickMs: 50});
	emulator.logs.ensureLogStream('g', 's');
	emulator.logs.putLogEvents('g', 's', [{timestamp: 1, message: 'hello'}]);
});

afterEach(async () => {
	for (const client of clients.splice(0)) client.destroy();
	await emulator.stop();
});

type AwsError = Error & {$metadata?: {httpStatusCode?: number; attempts?: number}; $fault?: string};

async function failureOf(promise: Promise<unknown>): Promise<AwsError> {
	try {
		await promise;
	} catch (error) {
		return error as AwsError;
	}
	throw new Error('expected the call to fail');
}

describe('throttling', () => {
	it('throttles the next N calls of one operation with ThrottlingException', async () => {
		const client = logs(1);
		emulator.faults.throttleNext(2, {operation: 'FilterLogEvents'});
		await expect(client.send(new DescribeLogGroupsCommand({}))).resolves.toBeDefined();
		for (let attempt = 0; attempt < 2; attempt++) {
			const error = await failureOf(client.send(new FilterLogEventsCommand({logGroupName: 'g'})));
			expect(error.name).toBe('ThrottlingException');
			expect(error.$metadata?.httpStatusCode).toBe(400);
		}
		const page = await client.send(new FilterLogEventsCommand({logGroupName: 'g'}));
		expect(page.events?.map((event) => event.message)).toEqual(['hello']);
	});

	it('throttles an exact share of calls, spread evenly', async () => {
		const client = logs(1);
		emulator.faults.throttleShare(0.25, {operation: 'DescribeLogGroups'});
		const outcomes: string[] = [];
		for (let call = 0; call < 12; call++) {
			outcomes.push(await client.send(new DescribeLogGroupsCommand({})).then(() => 'ok', (error: Error) => error.name));
		}
		expect(outcomes.filter((outcome) => outcome === 'ThrottlingException')).toHaveLength(3);
		expect(outcomes.slice(0, 4)).toEqual(['ok', 'ok', 'ok', 'ThrottlingException']);
		emulator.faults.throttleShare(0, {operation: 'DescribeLogGroups'});
		await expect(client.send(new DescribeLogGroupsCommand({}))).resolves.toBeDefined();
	});

	it('throttles API Gateway calls with TooManyRequestsException (429)', async () => {
		const v2 = apigatewayV2Client(emulator.endpoint, 1);
		const v1 = apigatewayClient(emulator.endpoint, 1);
		clients.push(v2, v1);
		emulator.faults.throttleNext(1, {service: 'apigatewayv2'});
		emulator.faults.throttleNext(1, {service: 'apigateway'});
		for (const call of [v2.send(new GetApisCommand({})), v1.send(new GetAccountCommand({}))]) {
			const error = await failureOf(call);
			expect(error.name).toBe('TooManyRequestsException');
			expect(error.$metadata?.httpStatusCode).toBe(429);
		}
		await expect(v2.send(new GetApisCommand({}))).resolves.toBeDefined();
	});
});

describe('server errors and connection resets', () => {
	it('answers 503 ServiceUnavailableException for the next N calls', async () => {
		emulator.faults.serviceUnavailableNext(1);
		const error = await failureOf(logs(1).send(new DescribeLogGroupsCommand({})));
		expect(error.name).toBe('ServiceUnavailableException');
		expect(error.$metadata?.httpStatusCode).toBe(503);
		expect(error.$fault).toBe('server');
	});

	it('lets the SDK retry a 5xx and succeed', async () => {
		emulator.faults.serviceUnavailableNext(2);
		const result = await logs(3).send(new DescribeLogGroupsCommand({}));
		expect(result.logGroups?.map((group) => group.logGroupName)).toEqual(['g']);
		expect(result.$metadata.attempts).toBe(3);
	});

	it('resets the connection mid-response: an error without retries, a success with them', async () => {
		emulator.faults.resetConnectionNext(1, {operation: 'FilterLogEvents'});
		const error = await failureOf(logs(1).send(new FilterLogEventsCommand({logGroupName: 'g'})));
		// What the SDK reports for a body cut short: the response was 200, the socket died under it.
		expect((error as AwsError & {code?: string}).code).toBe('ECONNRESET');
		expect(error.$metadata?.httpStatusCode).toBe(200);

		emulator.faults.resetConnectionNext(1, {operation: 'FilterLogEvents'});
		const page = await logs(3).send(new FilterLogEventsCommand({logGroupName: 'g'}));
		expect(page.events?.map((event) => event.message)).toEqual(['hello']);
		expect(page.$metadata.attempts).toBe(2);
	});

	it('resets a StartLiveTail stream in its first frame', async () => {
		emulator.faults.resetConnectionNext(1, {operation: 'StartLiveTail'});
		const abort = new AbortController();
		const client = logs(1);
		const outcome = await client
			.send(new StartLiveTailCommand({logGroupIdentifiers: ['g']}), {abortSignal: abort.signal})
			.then(async (response) => {
				for await (const event of response.responseStream ?? []) if (event.sessionStart !== undefined) return 'started';
				return 'ended';
			})
			.catch((error: Error) => `failed: ${error.name}`);
		abort.abort();
		// send() resolves on the first frame; a frame cut in half means it rejects instead.
		expect(outcome).toMatch(/^failed: /);
		expect(emulator.liveTailSessionCount).toBe(0);
	});

	it('applies faults armed while a client keeps its connection, then serves normally', async () => {
		const client = logs(1);
		await client.send(new DescribeLogGroupsCommand({}));
		emulator.faults.serviceUnavailableNext(1);
		emulator.faults.throttleNext(1);
		// Count-down faults apply in the order they were armed.
		expect((await failureOf(client.send(new DescribeLogGroupsCommand({})))).name).toBe('ServiceUnavailableException');
		expect((await failureOf(client.send(new DescribeLogGroupsCommand({})))).name).toBe('ThrottlingException');
		await expect(client.send(new DescribeLogGroupsCommand({}))).resolves.toBeDefined();
		emulator.faults.throttleNext(5);
		emulator.faults.clear();
		await expect(client.send(new DescribeLogGroupsCommand({}))).resolves.toBeDefined();
	});
});

describe('call log', () => {
	it('records every call with its service and operation, faulted or not', async () => {
		const client = logs(1);
		emulator.faults.throttleNext(1);
		await failureOf(client.send(new DescribeLogGroupsCommand({})));
		await client.send(new FilterLogEventsCommand({logGroupName: 'g'}));
		const v2 = apigatewayV2Client(emulator.endpoint, 1);
		clients.push(v2);
		await v2.send(new GetApisCommand({}));
		expect(emulator.calls.map(({service, operation}) => `${service}.${operation}`)).toEqual([
			'logs.DescribeLogGroups',
			'logs.FilterLogEvents',
			'apigatewayv2.GetApis',
		]);
		expect(emulator.calls.every((call) => typeof call.at === 'number')).toBe(true);
	});
});
