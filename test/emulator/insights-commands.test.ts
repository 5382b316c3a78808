// Logs Insights query semantics over real-shaped WebSocket access log lines (and one execution log
// line), through the real SDK client: every command, every filter operator, stats functions, bins,
// discovered JSON fields and the result shape.

import type {CloudWatchLogsClient} from '@aws-sdk/client-cloudwatch-logs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {Emulator} from '../../source/emulator/server.js';
import {loadFixture, runQuery} from './insights-client.js';
import {logsClient} from './server-clients.js';

let emulator: Emulator;
let client: CloudWatchLogsClient;

beforeAll(async () => {
	emulator = await Emulator.start();
	client = logsClient(emulator.endpoint, {maxAttempts: 1});
	loadFixture(emulator);
});

afterAll(async () => {
	client.destroy();
	await emulator.stop();
});

async function rows(query: string): Promise<Array<Record<string, string>>> {
	const run = await runQuery(client, query);
	expect(run.statuses.at(-1)).toBe('Complete');
	return run.rows;
}

describe('Logs Insights commands', () => {
	it('answers the system fields by default, every value a string, @timestamp as YYYY-MM-DD HH:MM:SS.mmm, and @ptr', async () => {
		const run = await runQuery(client, 'filter requestId = "Rq05gwFDNoAMFo1A="');
		expect(run.last.results?.[0]?.map((field) => field.field)).toEqual(['@timestamp', '@message', '@logStream', '@log', '@ptr']);
		expect(run.rows[0]).toMatchObject({
			'@timestamp': '2023-11-14 23:13:20.000',
			'@logStream': '8df3ad472b0a0797bd8a03566d991c2a',
			'@log': '123456789012:/aws/apigateway/websocket-access',
		});
		expect(run.rows[0]?.['@message']).toContain('"authorizer":{"error":"Unauthorized"');
		expect(run.rows[0]?.['@ptr']).toMatch(/^[A-Za-z0-9+/=]+$/);
	});

	it('fields: aliases and expressions, shown with @ptr; a missing value leaves its field out of the row', async () => {
		const result = await rows('fields routeKey as route, integrationLatency * 2 as doubled, integration.error | filter eventType = "MESSAGE" | sort @timestamp asc | limit 3');
		expect(result).toEqual([
			{route: 'sendMessage', doubled: '80', '@ptr': expect.any(String)},
			{route: 'sendMessage', doubled: '240', 'integration.error': 'Lambda timed out', '@ptr': expect.any(String)},
			{route: 'sendMessage', doubled: '70', '@ptr': expect.any(String)},
		]);
	});

	const filters: Array<[string, number]> = [
		['status = 200', 8],
		['status != 200', 4],
		['status >= 500', 2],
		['status < 400', 8],
		['status > 401 and status <= 500', 2],
		['integrationLatency > 50', 4],
		['eventType = "CONNECT" or eventType = "DISCONNECT"', 5],
		['not eventType = "MESSAGE"', 6],
		['status in [401, "429", 502]', 3],
		['status not in [200]', 4],
		['routeKey like "Message"', 5],
		['routeKey like /^get/', 2],
		['routeKey =~ /(?i)SENDMESSAGE/', 5],
		['@message like /Execution failed/', 1],
		['@message not like /MESSAGE/', 6],
		['ispresent(integration.error)', 2],
		['ispresent(authorizer.error) and authorizer.status = 401', 1],
		['(eventType = "MESSAGE" and status >= 500) or routeKey = "$connect"', 5],
	];
	it.each(filters)('filter %s matches %i events', async (condition, expected) => {
		const run = await runQuery(client, `filter ${condition} | stats count(*) as n`);
		expect(run.rows).toEqual([{n: String(expected)}]);
		expect(run.last.statistics).toMatchObject({recordsMatched: expected, recordsScanned: 13});
	});

	it('parse with a glob: wildcards in order, the last takes the rest', async () => {
		const result = await rows('filter @logStream = "execution-stream" | parse @message "(*) Execution failed due to a * error" as id, reason | display id, reason');
		expect(result).toEqual([{id: 'Rq02gwFDNoAMFo1A=', reason: 'timeout', '@ptr': expect.any(String)}]);
	});

	it('parse with a regex: named groups become fields; an event it does not match stays, without them', async () => {
		const result = await rows('parse @message /"routeKey":"(?<route>[^"]+)"/ | stats count(*) as n by route | sort route');
		expect(result).toEqual([
			{route: '$connect', n: '3'},
			{route: '$disconnect', n: '2'},
			{route: 'getHistory', n: '2'},
			{route: 'sendMessage', n: '5'},
			{n: '1'},
		]);
	});

	it('stats: count, count(field), sum, avg, min, max, count_distinct, pct (nearest rank) by a field', async () => {
		const result = await rows(
			'filter eventType = "MESSAGE" | stats count(*) as n, count(integration.error) as errors, sum(integrationLatency) as total, avg(integrationLatency) as mean, min(integrationLatency) as low, max(integrationLatency) as high, count_distinct(routeKey) as routes, pct(integrationLatency, 50) as p50, pct(integrationLatency, 95) as p95 by eventType',
		);
		expect(result).toEqual([{eventType: 'MESSAGE', n: '7', errors: '2', total: '535', mean: '76.42857142857143', low: '0', high: '200', routes: '2', p50: '60', p95: '200'}]);
	});

	it('stats by bin(): buckets aligned to the epoch, newest first, named as written', async () => {
		expect(await rows('stats count(*) as n by bin(1h)')).toEqual([
			{'bin(1h)': '2023-11-15 00:00:00.000', n: '3'},
			{'bin(1h)': '2023-11-14 23:00:00.000', n: '4'},
			{'bin(1h)': '2023-11-14 22:00:00.000', n: '6'},
		]);
		expect(await rows('stats count(*) as n by bin(1d) as day')).toEqual([
			{day: '2023-11-15 00:00:00.000', n: '3'},
			{day: '2023-11-14 00:00:00.000', n: '10'},
		]);
		expect(await rows('filter eventType = "MESSAGE" | stats count(*) by bin(30m), routeKey | sort routeKey | limit 1')).toEqual([
			{'bin(30m)': '2023-11-14 23:00:00.000', routeKey: 'getHistory', 'count(*)': '1'},
		]);
	});

	it('stats items may use earlier aliases; big numbers print as the service prints them', async () => {
		expect(await rows('stats count(*) as n, count(integration.error) as e, e * 100 / n as errorPercent, sum(integrationLatency * 100000) as big')).toEqual([
			{n: '13', e: '2', errorPercent: String((2 * 100) / 13), big: '5.35E7'},
		]);
	});

	it('a comparison counts as 1 or 0 in stats, so one query can count several kinds of error', async () => {
		expect(await rows('stats sum(status >= 500) as gateway, sum(status = 429) as throttled, sum(ispresent(authorizer.error)) as denied')).toEqual([
			{gateway: '2', throttled: '1', denied: '1'},
		]);
	});

	it('sort compares numbers as numbers, limit cuts, display picks the columns', async () => {
		expect(await rows('filter eventType = "MESSAGE" | sort integrationLatency desc | limit 3 | display requestId, integrationLatency')).toEqual([
			{requestId: 'Rq08gwFDNoAMFo1A=', integrationLatency: '200', '@ptr': expect.any(String)},
			{requestId: 'Rq02gwFDNoAMFo1A=', integrationLatency: '120', '@ptr': expect.any(String)},
			{requestId: 'Rq04gwFDNoAMFo1A=', integrationLatency: '80', '@ptr': expect.any(String)},
		]);
	});

	it('sorts by several keys and after stats', async () => {
		expect(await rows('stats count(*) as n by eventType, routeKey | sort n desc, routeKey asc | limit 2')).toEqual([
			{eventType: 'MESSAGE', routeKey: 'sendMessage', n: '5'},
			{eventType: 'CONNECT', routeKey: '$connect', n: '3'},
		]);
	});

	it('dedup keeps the first row of each value', async () => {
		expect(await rows('filter ispresent(connectionId) | sort @timestamp asc | dedup connectionId | display connectionId')).toEqual(
			['AAAAconn1=', 'BBBBconn2=', 'CCCCconn3='].map((connectionId) => ({connectionId, '@ptr': expect.any(String)})),
		);
	});

	it('without sort, rows come newest first', async () => {
		const result = await rows('fields @timestamp | limit 2');
		expect(result.map((row) => row['@timestamp'])).toEqual(['2023-11-15 00:18:20.000', '2023-11-15 00:16:40.000']);
	});
});
