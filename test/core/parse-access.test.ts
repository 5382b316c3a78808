import {readFileSync} from 'node:fs';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {
	ACCESS_LOG_PRESETS,
	AccessFormatError,
	compileAccessFormat,
	createGuessingAccessParser,
	type AccessApiType,
	type AccessParseResult,
	type AccessPresetName,
} from '../../source/core/parse/access-format.js';
import type {AccessFields} from '../../source/core/types.js';

const fixture = (path: string): string => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');

const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36, like Gecko';
const PLACEHOLDER = /\$\{context\.([\w.]+)\}|\$context\.([\w.]*\w)/g;

type Values = Readonly<Record<string, string>>;

/** Writes a line the way API Gateway does: each placeholder replaced by its value. */
function render(template: string, values: Values, escape: (value: string) => string = (value) => value): string {
	return template.replace(PLACEHOLDER, (_match, braced: string | undefined, bare: string | undefined) => {
		const name = braced ?? bare ?? '';
		const value = values[name];
		if (value === undefined) {
			throw new Error(`test has no value for $context.${name}`);
		}

		return escape(value);
	});
}

const jsonEscape = (value: string): string => JSON.stringify(value).slice(1, -1);

/** What a parser should return for rendered values: `-` means absent. */
function expected(values: Values): AccessFields {
	return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== '-'));
}

function fieldsOf(result: AccessParseResult): AccessFields {
	if (!result.ok) {
		throw new Error(`expected a parsed line, got: ${result.reason}`);
	}

	return result.fields;
}

const API_TYPES: AccessApiType[] = ['websocket', 'rest', 'http'];
const FORMATS: AccessPresetName[] = ['clf', 'json', 'xml', 'csv'];
const PRESET_CASES = API_TYPES.flatMap((api) => FORMATS.map((format) => ({api, format, template: ACCESS_LOG_PRESETS[api][format]})));

const TIME = '26/Jul/2023:12:20:46 +0000';
const VALUE_SETS: Record<AccessApiType, Record<string, Values>> = {
	websocket: {
		'failed $connect': {
			'identity.sourceIp': '203.0.113.7',
			'identity.caller': '-',
			'identity.user': '-',
			requestTime: TIME,
			eventType: 'CONNECT',
			routeKey: '$connect',
			connectionId: 'Iq8gj1UmIAMCKpA=',
			status: '500',
			requestId: 'Iq9gwFDNoAMFo1A=',
		},
		'message on a route with spaces and commas': {
			'identity.sourceIp': '2001:db8::8a2e:370:7334',
			'identity.caller': 'AIDACKCEVSQ6C2EXAMPLE',
			'identity.user': 'arn:aws:iam::123456789012:user/alice',
			requestTime: '01/Jan/2024:00:00:00 -0700',
			eventType: 'MESSAGE',
			routeKey: 'send message, then "ack"',
			connectionId: 'Iq8gj1UmIAMCKpA=',
			status: '200',
			requestId: 'VNRXVFJOywMF3-Q=',
		},
		'rejected before routing': {
			'identity.sourceIp': '1.128.0.0',
			'identity.caller': '-',
			'identity.user': '-',
			requestTime: '19/Jul/2023:16:17:17 +0000',
			eventType: '-',
			routeKey: '-',
			connectionId: '-',
			status: '403',
			requestId: '177a5660-9b20-4614-b620-51dd4d56fb4c',
		},
	},
	rest: {
		'GET with a path parameter': {
			'identity.sourceIp': '203.0.113.7',
			'identity.caller': '-',
			'identity.user': '-',
			requestTime: TIME,
			httpMethod: 'GET',
			resourcePath: '/pets/{petId}',
			protocol: 'HTTP/1.1',
			status: '200',
			responseLength: '1432',
			requestId: '177a5660-9b20-4614-b620-51dd4d56fb4c',
		},
		'test invocation, a path with spaces and commas': {
			'identity.sourceIp': 'test-invoke-source-ip',
			'identity.caller': 'AIDACKCEVSQ6C2EXAMPLE',
			'identity.user': '123456789012',
			requestTime: TIME,
			httpMethod: 'POST',
			resourcePath: '/search/{query}, then /more things',
			protocol: 'HTTP/1.1',
			status: '502',
			responseLength: '-',
			requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
		},
	},
	http: {
		'route key with a method': {
			'identity.sourceIp': '203.0.113.7',
			requestTime: TIME,
			httpMethod: 'GET',
			routeKey: 'GET /pets/{id}',
			protocol: 'HTTP/1.1',
			status: '200',
			responseLength: '12',
			requestId: 'VNRXVFJOywMF3-Q=',
		},
		'default route, no body': {
			'identity.sourceIp': '-',
			requestTime: TIME,
			httpMethod: 'POST',
			routeKey: '$default',
			protocol: 'HTTP/2.0',
			status: '404',
			responseLength: '-',
			requestId: 'VNRXVFJOywMF3-Q=',
		},
	},
};

/** The preset with the caller's user agent added the way people extend each format. */
function withUserAgent(format: AccessPresetName, template: string): string {
	switch (format) {
		case 'clf': {
			return `${template} "$context.identity.userAgent"`;
		}

		case 'csv': {
			return `${template},$context.identity.userAgent`;
		}

		case 'json': {
			return template.replace(/ }$/, ', "userAgent":"$context.identity.userAgent" }');
		}

		case 'xml': {
			return template.replace(' </request>', ' <userAgent>$context.identity.userAgent</userAgent> </request>');
		}
	}
}

describe('console presets', () => {
	it.each(PRESET_CASES)('$api $format preset names a request id', ({template}) => {
		expect(template).toMatch(/\$context\.requestId/);
		expect(template).not.toMatch(/\\|\n/);
	});

	describe.each(PRESET_CASES)('$api $format round-trips', ({api, format, template}) => {
		const parser = compileAccessFormat(template);
		const escape = format === 'json' ? jsonEscape : undefined;

		it.each(Object.entries(VALUE_SETS[api]))('%s', (_name, values) => {
			const line = render(template, values, escape);
			expect(parser.guessed).toBe(false);
			expect(fieldsOf(parser.parse(line))).toEqual(expected(values));
			expect(fieldsOf(parser.parse(`${line} \r\n`))).toEqual(expected(values));
		});

		it('with a user agent added', () => {
			const extended = withUserAgent(format, template);
			const values = {...Object.values(VALUE_SETS[api])[0]!, 'identity.userAgent': UA};
			expect(fieldsOf(compileAccessFormat(extended).parse(render(extended, values, escape)))).toEqual(expected(values));
		});
	});
});

describe('real WebSocket access lines (console JSON preset + apiId, stage, domainName)', () => {
	const template = ACCESS_LOG_PRESETS.websocket.json.replace(
		/ }$/,
		', "apiId":"$context.apiId", "stage":"$context.stage", "domainName":"$context.domainName" }',
	);
	const messages = fixture('samples/websocket-access.jsonl')
		.split('\n')
		.filter((line) => line.trim() !== '')
		.map((line) => (JSON.parse(line) as {message: string}).message);
	const stage = {apiId: 'z1ctxygne5', stage: 'production', domainName: 'z1ctxygne5.execute-api.us-east-1.amazonaws.com'};
	const want: AccessFields[] = [
		{
			requestId: 'Iq9gwFDNoAMFo1A=',
			'identity.sourceIp': '1.128.0.0',
			requestTime: '26/Jul/2023:12:20:46 +0000',
			eventType: 'CONNECT',
			routeKey: '$connect',
			status: '500',
			connectionId: 'Iq8gj1UmIAMCKpA=',
			...stage,
		},
		{
			requestId: 'Iq9gjE_aIAMFZTg=',
			'identity.sourceIp': '1.128.0.0',
			requestTime: '26/Jul/2023:12:20:44 +0000',
			eventType: 'CONNECT',
			routeKey: '$connect',
			status: '500',
			connectionId: 'Iq8gj1UmIAMCKpA=',
			...stage,
		},
		// Written before apiId, stage and domainName were added to the format.
		{
			requestId: '177a5660-9b20-4614-b620-51dd4d56fb4c',
			'identity.sourceIp': '1.128.0.0',
			requestTime: '19/Jul/2023:16:17:17 +0000',
			status: '403',
		},
	];

	it('has the three captured lines', () => {
		expect(messages).toHaveLength(3);
	});

	it.each([0, 1, 2])('line %i with the template', (index) => {
		expect(fieldsOf(compileAccessFormat(template).parse(messages[index]!))).toEqual(want[index]);
	});

	it.each([0, 1, 2])('line %i without a template', (index) => {
		const parser = createGuessingAccessParser();
		expect(parser.guessed).toBe(true);
		expect(fieldsOf(parser.parse(messages[index]!))).toEqual(want[index]);
	});
});

describe('JSON templates that are not quite JSON', () => {
	const numbers = '{"requestId":"$context.requestId","status":$context.status,"integrationLatency":$context.integrationLatency,"errorMessage":"$context.error.message"}';
	it.each([
		{
			name: 'unquoted numbers with values',
			template: numbers,
			line: '{"requestId":"Iq9gwFDNoAMFo1A=","status":502,"integrationLatency":29001,"errorMessage":"Endpoint request timed out"}',
			fields: {requestId: 'Iq9gwFDNoAMFo1A=', status: '502', integrationLatency: '29001', 'error.message': 'Endpoint request timed out'},
		},
		{
			name: 'unquoted numbers yielding -',
			template: numbers,
			line: '{"requestId":"Iq9gwFDNoAMFo1A=","status":403,"integrationLatency":-,"errorMessage":"Forbidden"}',
			fields: {requestId: 'Iq9gwFDNoAMFo1A=', status: '403', 'error.message': 'Forbidden'},
		},
		{
			name: 'unquoted numbers yielding -, spaced differently from the template',
			template: numbers,
			line: '{ "requestId": "Iq9gwFDNoAMFo1A=", "status" : - , "integrationLatency": -, "errorMessage": "Missing Authentication Token" }',
			fields: {requestId: 'Iq9gwFDNoAMFo1A=', 'error.message': 'Missing Authentication Token'},
		},
		{
			name: 'valid JSON spaced differently from the template',
			template: numbers,
			line: '{ "requestId" : "Iq9gwFDNoAMFo1A=" ,\t"status" : 200 , "integrationLatency" : 12, "errorMessage" : "-" }',
			fields: {requestId: 'Iq9gwFDNoAMFo1A=', status: '200', integrationLatency: '12'},
		},
		{
			name: 'bare-string member in an object',
			template: '{"requestId":"$context.requestId", "stage:$context.stage", "status":"$context.status"}',
			line: '{"requestId":"Iq9gwFDNoAMFo1A=", "stage:production", "status":"200"}',
			fields: {requestId: 'Iq9gwFDNoAMFo1A=', stage: 'production', status: '200'},
		},
		{
			name: 'missing comma',
			template: '{"requestId":"$context.requestId" "routeKey":"$context.routeKey", "status":"$context.status"}',
			line: '{"requestId":"Iq9gwFDNoAMFo1A=" "routeKey":"$default", "status":"200"}',
			fields: {requestId: 'Iq9gwFDNoAMFo1A=', routeKey: '$default', status: '200'},
		},
		{
			name: 'a value with an unescaped quote',
			template: ACCESS_LOG_PRESETS.websocket.json,
			line: render(ACCESS_LOG_PRESETS.websocket.json, {...VALUE_SETS.websocket['failed $connect']!, 'identity.user': 'bob "the admin"'}),
			fields: expected({...VALUE_SETS.websocket['failed $connect']!, 'identity.user': 'bob "the admin"'}),
		},
		{
			name: 'an escaped quote in a line JSON.parse rejects for another reason',
			template: '{"requestId":"$context.requestId","status":$context.status,"ua":"$context.identity.userAgent"}',
			line: '{"requestId":"Iq9gwFDNoAMFo1A=","status":-,"ua":"curl \\"7.0\\", like Gecko"}',
			fields: {requestId: 'Iq9gwFDNoAMFo1A=', 'identity.userAgent': 'curl "7.0", like Gecko'},
		},
		{
			name: 'quoted messageString',
			template: '{"requestId":"$context.requestId","message":$context.error.messageString,"status":$context.status}',
			line: '{"requestId":"Iq9gwFDNoAMFo1A=","message":"Unauthorized","status":401}',
			fields: {requestId: 'Iq9gwFDNoAMFo1A=', 'error.messageString': 'Unauthorized', status: '401'},
		},
		{
			name: 'quoted messageString in a line JSON.parse rejects',
			template: '{"requestId":"$context.requestId","message":$context.error.messageString,"status":$context.status}',
			line: '{"requestId":"Iq9gwFDNoAMFo1A=","message":"Internal server error","status":-}',
			fields: {requestId: 'Iq9gwFDNoAMFo1A=', 'error.messageString': 'Internal server error'},
		},
		{
			name: 'a duplicated key',
			template: '{"requestTime":"$context.identity.user","requestTime":"$context.requestTime","requestId":"$context.requestId"}',
			line: `{"requestTime":"alice","requestTime":"${TIME}","requestId":"Iq9gwFDNoAMFo1A="}`,
			fields: {'identity.user': 'alice', requestTime: TIME, requestId: 'Iq9gwFDNoAMFo1A='},
		},
	])('$name', ({template, line, fields}) => {
		expect(fieldsOf(compileAccessFormat(template).parse(line))).toEqual(fields);
	});
});

describe('custom templates', () => {
	const cases = JSON.parse(fixture('access/custom-formats.json')) as Array<{
		name: string;
		template: string;
		line: string;
		fields: AccessFields;
	}>;

	it.each(cases)('$name', ({template, line, fields}) => {
		expect(fieldsOf(compileAccessFormat(template).parse(line))).toEqual(fields);
	});

	it('keeps the first value when a variable appears twice', () => {
		const parser = compileAccessFormat('$context.requestId $context.status [$context.status]');
		expect(fieldsOf(parser.parse('Iq9gwFDNoAMFo1A= - [200]'))).toEqual({requestId: 'Iq9gwFDNoAMFo1A=', status: '200'});
		expect(fieldsOf(parser.parse('Iq9gwFDNoAMFo1A= 500 [200]'))).toEqual({requestId: 'Iq9gwFDNoAMFo1A=', status: '500'});
	});

	it('keeps a key named like an Object.prototype member as a plain value', () => {
		const parser = compileAccessFormat('$context.requestId $context.constructor $context.__proto__');
		const fields = fieldsOf(parser.parse('Iq9gwFDNoAMFo1A= a b'));
		expect(Object.hasOwn(fields, 'constructor') && Object.hasOwn(fields, '__proto__')).toBe(true);
		expect([fields['constructor'], fields['__proto__']]).toEqual(['a', 'b']);
	});
});

describe('lines that do not match', () => {
	it.each([
		{template: ACCESS_LOG_PRESETS.websocket.clf, line: 'hello world'},
		{template: ACCESS_LOG_PRESETS.websocket.clf, line: '{"requestId":"Iq9gwFDNoAMFo1A="}'},
		{template: ACCESS_LOG_PRESETS.websocket.csv, line: '203.0.113.7,-,-'},
		{template: ACCESS_LOG_PRESETS.rest.clf, line: `203.0.113.7 - - [${TIME}] "GET /pets HTTP/1.1" 200 12`},
		{
			template: ACCESS_LOG_PRESETS.rest.xml,
			line: render(ACCESS_LOG_PRESETS.rest.xml, VALUE_SETS.rest['GET with a path parameter']!).replace('</request>', ''),
		},
		{template: ACCESS_LOG_PRESETS.websocket.json, line: '{"foo":1,"bar":"baz"}'},
		{template: ACCESS_LOG_PRESETS.websocket.json, line: 'not json at all'},
		{template: ACCESS_LOG_PRESETS.http.json, line: '["Iq9gwFDNoAMFo1A="]'},
		{template: ACCESS_LOG_PRESETS.http.csv, line: ''},
		{template: ACCESS_LOG_PRESETS.http.clf, line: ' \t\r\n'},
	])('$line', ({template, line}) => {
		const result = compileAccessFormat(template).parse(line);
		expect(result.ok).toBe(false);
		expect(result.ok ? '' : result.reason).toMatch(/\w/);
	});
});

describe('unusable templates', () => {
	it.each([
		['', 'access-log format is empty'],
		[' \n ', 'access-log format is empty'],
		['\\n', 'access-log format is empty'],
		['no placeholders at all', 'access-log format has no $context.requestId or $context.extendedRequestId'],
		['$context.status $context.routeKey', 'access-log format has no $context.requestId or $context.extendedRequestId'],
		['{"status":"$context.status"}', 'access-log format has no $context.requestId or $context.extendedRequestId'],
		['$context.requestid $context.status', 'access-log format has no $context.requestId or $context.extendedRequestId'],
		['$context.requestIdentity', 'access-log format has no $context.requestId or $context.extendedRequestId'],
		[
			'$context.requestId $context.routeKey$context.status',
			'access-log format puts $context.status right after $context.routeKey with nothing between them, so their values cannot be told apart',
		],
	])('%j', (template, message) => {
		let thrown: unknown;
		try {
			compileAccessFormat(template);
		} catch (error) {
			thrown = error;
		}

		expect(thrown).toBeInstanceOf(AccessFormatError);
		expect((thrown as Error).message).toBe(message);
	});

	it('accepts a template with only an extended request id', () => {
		const parser = compileAccessFormat('$context.extendedRequestId $context.status');
		expect(fieldsOf(parser.parse('VNRXVFJOywMF3-Q= 200'))).toEqual({extendedRequestId: 'VNRXVFJOywMF3-Q=', status: '200'});
	});
});

describe('huge lines', () => {
	// Separators, quotes and pieces of the presets' own structure, repeated.
	const units = [' ', ',', 'a ', 'a,', '"', '" ', '<', '</ip> ', '[', '] "', '1 ', '","ip":"', '\\', ', ', 'x HTTP/1.1" 200 12 ', 'a" 1 b "'];

	it.each(PRESET_CASES)('$api $format preset rejects 100 KB lines that do not match', ({template}) => {
		const parser = compileAccessFormat(template);
		for (const unit of units) {
			const filler = unit.repeat(100_000 / unit.length);
			for (const line of [filler, `Iq9gwFDNoAMFo1A= ${filler} 200`, `{"requestId":"${filler}`]) {
				expect(parser.parse(line).ok).toBe(false);
			}
		}
	});

	it.each(PRESET_CASES)('$api $format preset reads a 1 MB value', ({api, format, template}) => {
		const extended = withUserAgent(format, template);
		const values = {...Object.values(VALUE_SETS[api])[0]!, 'identity.userAgent': `${UA} `.repeat(16_000).trim()};
		const line = render(extended, values, format === 'json' ? jsonEscape : undefined);
		expect(line.length).toBeGreaterThan(1_000_000);
		expect(fieldsOf(compileAccessFormat(extended).parse(line))).toEqual(expected(values));
	});
});

describe('reading JSON lines without a template', () => {
	const parser = createGuessingAccessParser();

	it.each([
		{
			name: 'well-known key names',
			line: JSON.stringify({
				requestId: 'Iq9gwFDNoAMFo1A=',
				extendedRequestId: 'Iq9gwFDNoAMFo1A=',
				connectionId: 'Iq8gj1UmIAMCKpA=',
				eventType: 'MESSAGE',
				routeKey: 'sendMessage',
				status: 502,
				requestTime: TIME,
				requestTimeEpoch: 1_690_374_046_000,
				connectedAt: 1_690_374_040_000,
				messageId: 'Iq9gxFDNoAMFo2B=',
				ip: '203.0.113.7',
				caller: '-',
				user: 'alice',
				userAgent: UA,
				integrationLatency: '29001',
				integrationStatus: '502',
				integrationError: 'boom',
				integrationErrorMessage: 'The Lambda function returned an error',
				errorMessage: 'Internal server error',
				errorResponseType: 'INTEGRATION_FAILURE',
				authorizerError: 'token expired',
				authorizerStatus: '401',
				wafError: '-',
				wafStatus: '200',
				wafResponseCode: 'WAF_ALLOW',
				disconnectStatusCode: 1001,
				disconnectReason: 'Going away',
				apiId: 'z1ctxygne5',
				stage: 'production',
				domainName: 'z1ctxygne5.execute-api.us-east-1.amazonaws.com',
			}),
			fields: {
				requestId: 'Iq9gwFDNoAMFo1A=',
				extendedRequestId: 'Iq9gwFDNoAMFo1A=',
				connectionId: 'Iq8gj1UmIAMCKpA=',
				eventType: 'MESSAGE',
				routeKey: 'sendMessage',
				status: '502',
				requestTime: TIME,
				requestTimeEpoch: '1690374046000',
				connectedAt: '1690374040000',
				messageId: 'Iq9gxFDNoAMFo2B=',
				'identity.sourceIp': '203.0.113.7',
				'identity.user': 'alice',
				'identity.userAgent': UA,
				integrationLatency: '29001',
				'integration.status': '502',
				'integration.error': 'boom',
				integrationErrorMessage: 'The Lambda function returned an error',
				'error.message': 'Internal server error',
				'error.responseType': 'INTEGRATION_FAILURE',
				'authorizer.error': 'token expired',
				'authorizer.status': '401',
				'waf.status': '200',
				wafResponseCode: 'WAF_ALLOW',
				disconnectStatusCode: '1001',
				disconnectReason: 'Going away',
				apiId: 'z1ctxygne5',
				stage: 'production',
				domainName: 'z1ctxygne5.execute-api.us-east-1.amazonaws.com',
			},
		},
		{
			name: 'nested objects',
			line: '{"context":{"requestId":"Iq9gwFDNoAMFo1A="},"authorizer":{"error":"Unauthorized","status":401},"error":{"message":"Unauthorized","responseType":"UNAUTHORIZED"},"identity":{"sourceIp":"203.0.113.7"},"integration":{"latency":12}}',
			fields: {
				requestId: 'Iq9gwFDNoAMFo1A=',
				'authorizer.error': 'Unauthorized',
				'authorizer.status': '401',
				'error.message': 'Unauthorized',
				'error.responseType': 'UNAUTHORIZED',
				'identity.sourceIp': '203.0.113.7',
				'integration.latency': '12',
			},
		},
		{
			name: 'keys spelled as variables',
			line: '{"$context.requestId":"Iq9gwFDNoAMFo1A=","authorizer.error":"denied","context.status":"403","${context.routeKey}":"$connect","waf.status":"403"}',
			fields: {requestId: 'Iq9gwFDNoAMFo1A=', 'authorizer.error': 'denied', status: '403', routeKey: '$connect', 'waf.status': '403'},
		},
		{
			name: 'other spellings of key names',
			line: '{"REQUEST_ID":"177a5660-9b20-4614-b620-51dd4d56fb4c","source_ip":"203.0.113.7","user-agent":"curl/8.0","HttpMethod":"GET","response_type":"THROTTLED"}',
			fields: {
				requestId: '177a5660-9b20-4614-b620-51dd4d56fb4c',
				'identity.sourceIp': '203.0.113.7',
				'identity.userAgent': 'curl/8.0',
				httpMethod: 'GET',
				'error.responseType': 'THROTTLED',
			},
		},
		{
			name: 'unknown keys kept under their own names',
			line: '{"requestId":"Iq9gwFDNoAMFo1A=","tenant":"acme","tags":["a","b"],"cached":true,"meta":{"region":"eu-west-1"},"nothing":null,"unset":"-"}',
			fields: {requestId: 'Iq9gwFDNoAMFo1A=', tenant: 'acme', tags: '["a","b"]', cached: 'true', 'meta.region': 'eu-west-1'},
		},
		{name: 'no request id', line: '{"status":"200","routeKey":"$default"}', fields: {status: '200', routeKey: '$default'}},
	])('$name', ({line, fields}) => {
		expect(fieldsOf(parser.parse(line))).toEqual(fields);
	});

	it('keeps keys named like Object.prototype members as plain values', () => {
		const fields = fieldsOf(parser.parse('{"__proto__":"x","constructor":"y","requestId":"Iq9gwFDNoAMFo1A="}'));
		expect(Object.hasOwn(fields, '__proto__') && Object.hasOwn(fields, 'constructor')).toBe(true);
		expect([fields['__proto__'], fields['constructor'], fields['requestId']]).toEqual(['x', 'y', 'Iq9gwFDNoAMFo1A=']);
	});

	it('keeps deeply nested values as JSON text', () => {
		const fields = fieldsOf(parser.parse(`{"requestId":"a",${'"n":{'.repeat(12)}"leaf":1${'}'.repeat(12)}}`));
		expect(fields['requestId']).toBe('a');
		expect(Object.keys(fields)).toHaveLength(2);
	});

	it.each([
		render(ACCESS_LOG_PRESETS.websocket.clf, VALUE_SETS.websocket['failed $connect']!),
		'["Iq9gwFDNoAMFo1A="]',
		'{"requestId": "Iq9gwFDNoAMFo1A="',
		'"Iq9gwFDNoAMFo1A="',
		'',
		`${'['.repeat(100_000)}${']'.repeat(100_000)}`,
		`{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
	])('rejects %j', (line) => {
		const result = parser.parse(line);
		expect(result.ok).toBe(false);
		expect(result.ok ? '' : result.reason).toMatch(/\w/);
	});
});

describe('properties', () => {
	const dash = fc.constant('-');
	const base64Id = fc.stringMatching(/^[A-Za-z\d_-]{15}=$/);
	const token = fc.stringMatching(/^[\w:/@.+=-]{1,40}$/);
	const freeText = fc
		.string({unit: 'binary', minLength: 1, maxLength: 40})
		// API Gateway writes `-` for empty values, and spacing around a value is not kept.
		.filter((text) => text === text.trim() && !/[\u0000-\u001F\u007F]/.test(text));
	const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
	const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
	const clfTime = fc
		.record({
			date: fc.date({min: new Date('1970-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true}),
			zone: fc.constantFrom('+0000', '-0700', '+0530'),
		})
		.map(
			({date, zone}) =>
				`${pad(date.getUTCDate())}/${months[date.getUTCMonth()]!}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} ${zone}`,
		);
	const number = fc.oneof(fc.nat({max: 9_999_999}).map(String), dash);

	const VALUE_ARBITRARIES: Record<string, fc.Arbitrary<string>> = {
		requestId: fc.oneof(fc.uuid(), base64Id),
		connectionId: fc.oneof(base64Id, dash),
		'identity.sourceIp': fc.oneof(fc.ipV4(), fc.ipV6(), dash),
		'identity.caller': fc.oneof(token, dash),
		'identity.user': fc.oneof(token, dash),
		requestTime: fc.oneof(clfTime, dash),
		eventType: fc.constantFrom('CONNECT', 'MESSAGE', 'DISCONNECT', '-'),
		httpMethod: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', '-'),
		protocol: fc.constantFrom('HTTP/1.1', 'HTTP/2.0', '-'),
		status: number,
		responseLength: number,
		routeKey: fc.oneof(freeText, dash),
		resourcePath: fc.oneof(freeText, dash),
	};

	function valuesFor(template: string): fc.Arbitrary<Record<string, string>> {
		const names = [...template.matchAll(PLACEHOLDER)].map((match) => match[2] ?? match[1] ?? '');
		return fc.record(Object.fromEntries(names.map((name) => [name, VALUE_ARBITRARIES[name] ?? freeText])));
	}

	it.each(PRESET_CASES)('$api $format preset returns random values', ({format, template}) => {
		const parser = compileAccessFormat(template);
		fc.assert(
			fc.property(valuesFor(template), (values) => {
				const line = render(template, values, format === 'json' ? jsonEscape : undefined);
				expect(fieldsOf(parser.parse(line))).toEqual(expected(values));
			}),
			{numRuns: 300},
		);
	});

	it.each(API_TYPES)('%s JSON preset returns random values written without escaping', (api) => {
		const template = ACCESS_LOG_PRESETS[api].json;
		const parser = compileAccessFormat(template);
		fc.assert(
			fc.property(valuesFor(template), (values) => {
				fc.pre(Object.values(values).every((value) => !value.includes('\\')));
				expect(fieldsOf(parser.parse(render(template, values)))).toEqual(expected(values));
			}),
			{numRuns: 500},
		);
	});

	const parsers = [
		...PRESET_CASES.map(({template}) => compileAccessFormat(template)),
		compileAccessFormat('{"requestId":"$context.requestId","status":$context.status,"stage:$context.stage"}'),
		compileAccessFormat('$context.requestId,$context.identity.userAgent,$context.status,$context.error.message'),
		createGuessingAccessParser(),
	];
	const anyLine = fc.oneof(
		fc.string({unit: 'binary', maxLength: 300}),
		fc.json(),
		fc.string({unit: fc.constantFrom(' ', ',', '"', '{', '}', '[', ']', '<', '>', '/', ':', '-', '\\', 'a', '1', '='), maxLength: 300}),
	);

	it('compiles any template with a request id, or says why not', () => {
		const piece = fc.oneof(
			fc.string({unit: 'binary', maxLength: 20}),
			fc.constantFrom('$context.', '${context.', '}', '$context.status', '${context.identity.sourceIp}', '\\n', '"', '$'),
		);
		fc.assert(
			fc.property(fc.array(piece, {maxLength: 8}), fc.array(piece, {maxLength: 8}), anyLine, (before, after, line) => {
				const template = `${before.join('')}$context.requestId ${after.join('')}`;
				let parser;
				try {
					parser = compileAccessFormat(template);
				} catch (error) {
					expect(error).toBeInstanceOf(AccessFormatError);
					expect((error as Error).message).not.toMatch(/\n/);
					return;
				}

				expect(typeof parser.parse(line).ok).toBe('boolean');
			}),
			{numRuns: 500},
		);
	});

	it('never throws, whatever the line', () => {
		fc.assert(
			fc.property(anyLine, (line) => {
				for (const parser of parsers) {
					const result = parser.parse(line);
					expect(result.ok ? typeof result.fields : typeof result.reason).toMatch(/object|string/);
				}
			}),
			{numRuns: 500},
		);
	});
});
