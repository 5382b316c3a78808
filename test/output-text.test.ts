// The text printer's columns, decided from the API's type when discovery knows it.
import {describe, expect, it} from 'vitest';
import type {RequestView} from '../source/core/types.js';
import {TextPrinter} from '../source/output/text.js';

const request = (requestId: string, connectionId?: string): RequestView => ({
	requestId,
	aliases: [],
	connectionId,
	eventType: connectionId === undefined ? undefined : 'MESSAGE',
	routeKey: 'sendmessage',
	status: 200,
	firstTimestamp: Date.UTC(2024, 4, 1, 10),
	lastTimestamp: Date.UTC(2024, 4, 1, 10),
	integrationLatencyMs: 12,
	access: null,
	accessGuessed: false,
	invocations: [],
	execution: [],
	errors: [],
	apiId: undefined,
	stage: undefined,
});

function printed(printer: TextPrinter, ...requests: RequestView[]): string[] {
	return requests.flatMap((view) => printer.format({type: 'request', request: view, revision: 0, partial: false})).slice(1);
}

describe('TextPrinter: connection and event columns', () => {
	it('a WebSocket API has them from the first row, even when that request names no connection', () => {
		const printer = new TextPrinter({colour: false, timezone: 'utc', apiType: 'WEBSOCKET'});
		expect(printed(printer, request('Aaaaaaaaaaaaaaa='), request('Bbbbbbbbbbbbbbb=', 'Cccccccccccccc1='))).toEqual([
			'10:00:00.000  -                 -           sendmessage       200  12ms     Aaaaaaaaaaaaaaa=',
			'10:00:00.000  Cccccccccccccc1=  MESSAGE     sendmessage       200  12ms     Bbbbbbbbbbbbbbb=',
		]);
	});

	it('without a known type, the first request decides', () => {
		const printer = new TextPrinter({colour: false, timezone: 'utc'});
		expect(printed(printer, request('Aaaaaaaaaaaaaaa='))).toEqual(['10:00:00.000  sendmessage       200  12ms     Aaaaaaaaaaaaaaa=']);
	});
});
