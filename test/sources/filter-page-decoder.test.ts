// FilterLogEvents pages decoded by one JSON.parse (filter-page-decoder.ts), with the real SDK against the
// emulator: every page, its nextToken and every error are what the SDK alone returns, and clients carry
// no logger middleware (it copied each page for a silent logger).

import {FilterLogEventsCommand, type FilterLogEventsCommandOutput} from '@aws-sdk/client-cloudwatch-logs';
import {afterEach, describe, expect, it} from 'vitest';
import {decodeFilterPagesDirectly} from '../../source/sources/cloudwatch/filter-page-decoder.js';
import {createAwsClients} from '../../source/sources/cloudwatch/clients.js';
import {logsClient} from '../emulator/server-clients.js';
import {EventWriter, EXECUTION, startEmulator, stopEverythingStarted} from './cloudwatch-harness.js';

afterEach(stopEverythingStarted);

describe('FilterLogEvents pages decoded directly', () => {
	it('returns every page as the SDK alone does, token, empty pages and errors included', async () => {
		const emulator = await startEmulator({filterScanLimit: 700});
		const writer = new EventWriter(emulator);
		writer.write(EXECUTION, 'exec-a', 1500, {timestamp: Date.now() - 60_000, message: (serial) => `line ${serial} "quoted" \u00e9 \u2028 end`});
		const plain = logsClient(emulator.endpoint, {maxAttempts: 1});
		const direct = logsClient(emulator.endpoint, {maxAttempts: 1});
		decodeFilterPagesDirectly(direct);
		try {
			const read = async (client: typeof plain): Promise<Array<Omit<FilterLogEventsCommandOutput, '$metadata'>>> => {
				const pages = [];
				// The first answer is an empty page that carries a token, as AWS may answer.
				emulator.faults.emptyFilterPagesNext(1);
				let nextToken: string | undefined;
				do {
					const {$metadata, ...page} = await client.send(new FilterLogEventsCommand({logGroupName: EXECUTION, limit: 600, ...(nextToken === undefined ? {} : {nextToken})}));
					expect($metadata.httpStatusCode).toBe(200);
					pages.push(page);
					nextToken = page.nextToken;
				} while (nextToken !== undefined);
				return pages;
			};
			const expected = await read(plain);
			const pages = await read(direct);
			expect(pages).toEqual(expected);
			expect(pages[0]!.events).toEqual([]);
			expect(pages.flatMap((page) => page.events ?? [])).toHaveLength(1500);
			await expect(direct.send(new FilterLogEventsCommand({logGroupName: 'no-such-group'}))).rejects.toMatchObject({name: 'ResourceNotFoundException'});
		} finally {
			plain.destroy();
			direct.destroy();
		}
	});

	it('leaves no logger middleware on the clients apigw-tail builds', async () => {
		const emulator = await startEmulator();
		// The SDK's credential chain reads process.env itself.
		const saved = process.env;
		const env = {...saved, AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'test-secret', AWS_EC2_METADATA_DISABLED: 'true'};
		process.env = env;
		const clients = await createAwsClients({region: 'us-east-1', endpointUrl: emulator.endpoint}, env).finally(() => {
			process.env = saved;
		});
		try {
			for (const client of [clients.logs, clients.liveTailLogs, clients.apigwV1, clients.apigwV2, clients.lambda]) {
				expect(client.middlewareStack.identify().filter((name) => name.startsWith('loggerMiddleware'))).toEqual([]);
			}
			const page = await clients.logs.send(new FilterLogEventsCommand({logGroupName: EXECUTION}));
			expect(page.events).toEqual([]);
		} finally {
			clients.destroy();
		}
	});
});
