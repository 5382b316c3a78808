// A connection API Gateway closed for being idle, replayed through the built CLI: NDJSON and text say so.
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from './helpers/cli.js';

const FORMAT =
	'{"requestId":"$context.requestId","eventType":"$context.eventType","routeKey":"$context.routeKey","status":"$context.status","connectionId":"$context.connectionId"}';
const T0 = Date.UTC(2026, 11, 5, 2, 0, 0);

function accessFile(): string {
	const lines = [
		[0, 'c1', 'CONNECT', '$connect'],
		[30_000, 'm1', 'MESSAGE', 'sendmessage'],
		// 10 minutes and 1 second after the last message: API Gateway's idle timeout.
		[631_000, 'd1', 'DISCONNECT', '$disconnect'],
	].map(([offset, requestId, eventType, routeKey]) =>
		JSON.stringify({
			timestamp: T0 + Number(offset),
			logGroupName: '/aws/apigateway/chat-access',
			message: JSON.stringify({requestId, eventType, routeKey, status: '200', connectionId: 'Abc123DEFghiJKL='}),
		}),
	);
	const file = join(mkdtempSync(join(tmpdir(), 'apigw-tail-idle-')), 'access.jsonl');
	writeFileSync(file, `${lines.join('\n')}\n`);
	return file;
}

describe('apigw-tail replay of a connection closed as idle', () => {
	it('NDJSON: the connection carries closeExplanation', async () => {
		const result = await runCli(['replay', accessFile(), '--output', 'json', '--access-log-format', FORMAT]);
		expect(result.code).toBe(0);
		const connection = result.stdout
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line) as Record<string, unknown>)
			.find((line) => line['type'] === 'connection');
		expect(connection).toMatchObject({
			state: 'closed',
			closeExplanation: expect.stringMatching(/^closed as idle after 10 min 1 s without a message: API Gateway closes a connection idle for 10 minutes/),
		});
	});

	it('text: the connection line says it', async () => {
		const result = await runCli(['replay', accessFile(), '--access-log-format', FORMAT, '--timezone', 'utc']);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/── connection Abc123DEFghiJKL= · closed · 3 requests · 1 message · lasted 10m31s · closed as idle after 10 min 1 s without a message: /);
	});
});
