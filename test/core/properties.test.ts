// Hostile input, as properties: any text, any template, any arrival order and any duplication. The parsers
// never throw and keep every line; generated lines of every known shape parse back to what was written;
// the engine's final result does not depend on arrival order, batching or duplicates, and counts every line.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import type {ConnectionView} from '../../source/core/connection-timeline.js';
import {DEFAULT_LIMITS, Engine, type EngineOptions, type EngineOutput, type EngineSummary} from '../../source/core/engine.js';
import {ACCESS_LOG_PRESETS, compileAccessFormat, createGuessingAccessParser} from '../../source/core/parse/access-format.js';
import {guessVariable} from '../../source/core/parse/access-guess.js';
import {KNOWN_VARIABLES, shapeOf} from '../../source/core/parse/access-variables.js';
import {EXECUTION_PHASE_RANK, looksLikeExecutionLine, parseExecutionMessage} from '../../source/core/parse/execution.js';
import type {ExecutionFields, ExecutionKind, LogEvent, RequestView} from '../../source/core/types.js';
import {EXECUTION_SHAPES} from '../fixtures/execution/shapes.js';

/** Text the execution parser looks for inside a line. */
const MARKERS = [
	'Connection Id: ',
	'[Connection Id: ',
	'for request: ',
	'Unauthorized request: ',
	', SourceIp: ',
	'] is connecting to WebSocket API [',
	'. Lambda request id: ',
	'due to customer function error: ',
	' [TRUNCATED]',
	'Status: ',
	'Integration latency: ',
	'API Stage ',
	"method '",
	"route '",
];
/** Generous: the heaviest properties take seconds alone, and CI runs files in parallel on 2 cores. */
const SLOW_UNDER_LOAD = 120_000;
const PRESETS = Object.values(ACCESS_LOG_PRESETS).flatMap((formats) => Object.values(formats));
const KINDS = new Set(Object.keys(EXECUTION_PHASE_RANK));
/** What the parser may cut off the front of a message: a copied timestamp and the `(id) ` prefix, nothing else. */
const CUT_HEAD =
	/^(?:\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}(?::?\d{2})?)?[ \t]+)?(?:\([^ \t\r\n()]{1,128}\)[ \t]?)?$/;
// An id made only of '-', '_' and '=' reads as a redaction (`(----------------)`), as the parser means it to;
// a real base64url id of 15 random characters has at least one letter or digit.
// A redaction (only X, x, *, #, ., =, _ and -) is no id (execution.ts), so a generated id has some other letter or digit.
const id = fc.oneof(fc.uuid(), fc.stringMatching(/^[A-Za-z\d_-]{15}=$/).filter((value) => /[A-WYZa-wyz\d]/.test(value)));
const hostileUnit = fc.constantFrom(...' ()[]:,.\'"=-_/+{}XZT0129\n\r\t\u0000\u0007\u001b\u009b\u00a0\u2028\uD800\uDFFF\uFEFF'.split(''));
/** Any text at all: UTF-16 units (lone surrogates too), whole graphemes, and runs of the characters the parsers look for. */
const anyText = fc.oneof(
	fc.string({unit: 'binary', maxLength: 300}),
	fc.string({unit: 'grapheme', maxLength: 80}),
	fc.string({unit: hostileUnit, maxLength: 200}),
);

/** Text clients and customer code write (user agents, close reasons, error messages), full of the parser's own markers. */
const customerText = fc.oneof(
	anyText,
	fc
		.array(
			fc.oneof(
				fc.string({unit: hostileUnit, maxLength: 6}),
				id,
				fc.constantFrom(...MARKERS),
				fc.constantFrom(...EXECUTION_SHAPES.map((row) => row.text)),
			),
			{maxLength: 8},
		)
		.map((pieces) => pieces.join('')),
);

describe('execution parser: any text', () => {
	const stamp = fc
		.date({min: new Date('1970-01-01T00:00:00Z'), max: new Date('2999-12-31T23:59:59Z'), noInvalidDate: true})
		.map((date) => `${date.toISOString()} `);
	// Strings shaped like real lines: copied timestamps, prefixes and shape beginnings, cut anywhere, with
	// hostile text spliced in.
	const realistic = fc
		.tuple(
			fc.option(stamp, {nil: ''}),
			fc.oneof(fc.constant(''), id.map((value) => `(${value}) `), fc.constantFrom('(XXX) ', '(', '()', '( x) ', '(a)b')),
			fc.constantFrom(...EXECUTION_SHAPES.map((row) => row.text)),
			fc.nat(),
			customerText,
			fc.constantFrom('', ' [TRUNCATED]', ' [TRUNCATED]\n', '[TRUNCATED]', ' [TRUNCATED] \r\n\t'),
		)
		.map(([time, prefix, text, cut, inserted, marker]) => {
			const at = cut % (text.length + 1);
			return time + prefix + text.slice(0, at) + inserted + text.slice(at) + marker;
		});

	function checkKeepsEverything(message: string): void {
		const parsed = parseExecutionMessage(message);
		expect(KINDS.has(parsed.kind)).toBe(true);
		// Nothing is dropped: the text is the whole message after a copied timestamp and the prefix.
		expect(message.endsWith(parsed.text)).toBe(true);
		expect(message.slice(0, message.length - parsed.text.length)).toMatch(CUT_HEAD);
		expect(parsed.truncated).toBe(/ \[TRUNCATED\][ \t\r\n]*$/.test(parsed.text));
		// Nothing is invented: ids and texts are read from the message.
		if (parsed.requestId !== undefined) expect(message).toContain(parsed.requestId);
		for (const [name, value] of Object.entries(parsed.fields) as Array<[keyof ExecutionFields, string | number]>) {
			if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
			// The key-throttle line names api and stage apart; apiStage joins them as `{api}/{stage}`.
			else if (name !== 'apiStage') expect(parsed.text).toContain(value);
		}

		if (parsed.leadingTimestamp !== undefined) expect(Number.isFinite(parsed.leadingTimestamp)).toBe(true);
		expect(typeof looksLikeExecutionLine(message)).toBe('boolean');
	}

	it('never throws and keeps the whole text of any string', () => {
		fc.assert(fc.property(anyText, checkKeepsEverything), {numRuns: 1500});
	});

	it('never throws and keeps the whole text of strings shaped like real lines', () => {
		fc.assert(fc.property(realistic, checkKeepsEverything), {numRuns: 1500});
	});
});

interface GeneratedShape {
	text: string;
	kind: ExecutionKind;
	fields: ExecutionFields;
	/** The request id the text itself names, read when the line has no prefix. */
	named?: string;
}

describe('execution parser: generated lines of every known shape', () => {
	const word = fc.stringMatching(/^[A-Za-z\d]{1,12}$/);
	const status = fc.integer({min: 100, max: 599});
	const latency = fc.nat({max: 30_000});
	const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'ANY');
	// Route keys and resource paths are the API owner's configuration, not client data.
	const routeKey = fc.oneof(fc.constantFrom('$connect', '$disconnect', '$default'), fc.stringMatching(/^[\w.:$-]{1,30}$/));
	const resourcePath = fc.stringMatching(/^(?:\/(?:[\w.-]{1,8}|\{[a-z]{1,5}\+?\})){0,4}$/).map((path) => path || '/');
	const maskedKey = fc.stringMatching(/^(?:\*{4,34}[A-Za-z\d]{6})?$/);
	const apiId = fc.stringMatching(/^[a-z\d]{10}$/);
	const stage = fc.stringMatching(/^[\w-]{1,12}$/);
	const clientLine = customerText.map((text) => text.replaceAll('\n', ' '));
	const gatewayReason = fc.oneof(
		fc.constantFrom('Malformed Lambda proxy response', 'Invalid permissions on Lambda function', 'Rate Exceeded.'),
		fc.stringMatching(/^[A-Z][a-z]{1,10}(?: [a-z]{1,10}){0,5}$/).filter((text) => !/^(?:Could not parse policy|Authorizer error)/.test(text)),
	);

	const shapes: fc.Arbitrary<GeneratedShape> = fc.oneof(
		id.map((value) => ({text: `Extended Request Id: ${value}`, kind: 'extended-request-id' as const, fields: {extendedRequestId: value}})),
		fc.tuple(word, id).map(([authorizer, value]) => ({
			text: `Starting authorizer: ${authorizer} for request: ${value}`,
			kind: 'authorizer-start' as const,
			fields: {authorizerId: authorizer},
			named: value,
		})),
		id.map((value) => ({text: `Starting execution for request: ${value}`, kind: 'execution-start' as const, fields: {}, named: value})),
		id.map((value) => ({
			text: `Unauthorized request: ${value}`,
			kind: 'authorizer-unauthorized' as const,
			fields: {errorText: `Unauthorized request: ${value}`},
			named: value,
		})),
		fc.tuple(id, maskedKey, apiId, stage).map(([value, key, api, name]) => ({
			text: `Verifying Usage Plan for request: ${value}. API Key: ${key} API Stage: ${api}/${name}`,
			kind: 'usage-plan' as const,
			fields: key === '' ? {apiStage: `${api}/${name}`} : {apiKey: key, apiStage: `${api}/${name}`},
			named: value,
		})),
		fc.tuple(apiId, stage, word, method).map(([api, name, resource, verb]) => {
			const text = `Key throttle limit exceeded for RestApi ${api}, Stage ${name}, Resource ${resource}, HttpMethod ${verb}. Limit: 10.00 Burst: 5`;
			return {text, kind: 'throttle-limit-exceeded' as const, fields: {apiStage: `${api}/${name}`, httpMethod: verb, errorText: text}};
		}),
		routeKey.map((route) => ({text: `WebSocket Request Route: [${route}]`, kind: 'websocket-route' as const, fields: {routeKey: route}})),
		fc.tuple(method, resourcePath).map(([verb, path]) => ({
			text: `HTTP Method: ${verb}, Resource Path: ${path}`,
			kind: 'http-method' as const,
			fields: {httpMethod: verb, resourcePath: path},
		})),
		fc.tuple(fc.option(status, {nil: undefined}), latency).map(([code, ms]) => ({
			text: `Received response. ${code === undefined ? '' : `Status: ${code}, `}Integration latency: ${ms} ms`,
			kind: 'integration-response' as const,
			fields: code === undefined ? {integrationLatencyMs: ms} : {status: code, integrationLatencyMs: ms},
		})),
		status.map((code) => ({text: `Method completed with status: ${code}`, kind: 'method-completed' as const, fields: {status: code}})),
		fc.tuple(status, customerText, fc.uuid()).map(([code, message, lambdaId]) => ({
			text: `Lambda execution failed with status ${code} due to customer function error: ${message}. Lambda request id: ${lambdaId}`,
			kind: 'lambda-function-error' as const,
			fields: {status: code, errorText: message.trim(), integrationRequestId: lambdaId},
		})),
		fc.tuple(status, fc.uuid()).map(([code, lambdaId]) => {
			const text = `Lambda invocation failed with status: ${code}. Lambda request id: ${lambdaId}`;
			return {text, kind: 'lambda-invocation-failed' as const, fields: {status: code, integrationRequestId: lambdaId, errorText: text}};
		}),
		gatewayReason.map((reason) => ({
			text: `Execution failed due to configuration error: ${reason}`,
			kind: 'configuration-error' as const,
			fields: {errorText: reason},
		})),
		customerText.map((detail) => {
			const text = `Request body does not match model schema for content type application/json: ${detail}`;
			return {text, kind: 'validation-error' as const, fields: {errorText: text.trim()}};
		}),
		// The user agent is the client's own text: whatever it says, it names no connection and no request.
		fc.tuple(clientLine, fc.oneof(fc.ipV4(), fc.ipV6()), apiId).map(([agent, ip, api]) => ({
			text: `Client [UserAgent: ${agent}, SourceIp: ${ip}] is connecting to WebSocket API [${api}].`,
			kind: 'websocket-connecting' as const,
			// An empty value is absent, never '' (withField).
			fields: agent === '' ? {sourceIp: ip} : {userAgent: agent, sourceIp: ip},
		})),
		fc.tuple(apiId, id).map(([api, connection]) => ({
			text: `WebSocket API [${api}] received message from client [Connection Id: ${connection}].`,
			kind: 'websocket-connection' as const,
			fields: {connectionId: connection},
		})),
		// The close reason is the client's text too.
		fc.tuple(apiId, id, fc.integer({min: 1000, max: 4999}), customerText).map(([api, connection, code, reason]) => ({
			text: `Client [Connection Id: ${connection}] disconnected from API [${api}]. Close reason: [${code}: ${reason}]`,
			kind: 'websocket-connection' as const,
			fields: {connectionId: connection},
		})),
		fc.uuid().map((value) => ({
			text: `AWS Integration Endpoint RequestId : ${value}`,
			kind: 'integration-endpoint-request-id' as const,
			fields: {integrationRequestId: value},
		})),
		fc.stringMatching(/^1-[\da-f]{8}-[\da-f]{24}$/).map((trace) => ({
			text: `X-ray Tracing ID : ${trace}`,
			kind: 'xray-trace-id' as const,
			fields: {xrayTraceId: trace},
		})),
		// Every row of the shape table, including body lines whose text is client data.
		fc.constantFrom(...EXECUTION_SHAPES).map((row) => ({text: row.text, kind: row.kind, fields: row.fields, named: row.namedRequestId})),
	)
	// A line that ends with ` [TRUNCATED]` is one the gateway cut, whoever wrote the words before it.
	.filter((shape) => !/ \[TRUNCATED\][ \t\r\n]*$/.test(shape.text));

	const copiedTime = fc.option(
		fc.date({min: new Date('1970-01-01T00:00:00Z'), max: new Date('2999-12-31T23:59:59Z'), noInvalidDate: true}),
		{nil: undefined},
	);
	const marker = fc.constantFrom('', ' [TRUNCATED]', ' [TRUNCATED]\n');

	it('reads back the request id, kind and facts written into a prefixed line', () => {
		fc.assert(
			fc.property(shapes, id, copiedTime, fc.constantFrom(' ', '\t'), marker, (shape, requestId, time, space, cut) => {
				const message = `${time === undefined ? '' : `${time.toISOString()} `}(${requestId})${space}${shape.text}${cut}`;
				const parsed = parseExecutionMessage(message);
				expect(parsed).toStrictEqual({
					requestId,
					kind: shape.kind,
					fields: shape.fields,
					truncated: cut !== '',
					text: shape.text + cut,
					leadingTimestamp: time?.getTime(),
				});
				expect(looksLikeExecutionLine(message)).toBe(true);
			}),
			{numRuns: 3000},
		);
	});

	it('reads the id a prefix-less line names in gateway text, and never one from client text', () => {
		fc.assert(
			fc.property(shapes, (shape) => {
				const parsed = parseExecutionMessage(shape.text);
				expect([parsed.requestId, parsed.kind, parsed.fields]).toStrictEqual([shape.named, shape.kind, shape.fields]);
			}),
			{numRuns: 2000},
		);
	});
});

type Values = Record<string, string>;

/** A template, a line as API Gateway writes it with some values, and those values. */
interface RenderedLine {
	template: string;
	line: string;
	values: Values;
}

/** Lines of one template: each placeholder replaced by a value the format can carry unambiguously. */
function renderedLines(template: string, values: fc.Arbitrary<Values>, render: (values: Values) => string): fc.Arbitrary<RenderedLine> {
	return values.map((generated) => ({template, line: render(generated), values: generated}));
}

/** What a parser returns for rendered values: `-` means "no value". */
function present(values: Values): Values {
	return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== '-'));
}

describe('access parser: generated templates', () => {
	const others = KNOWN_VARIABLES.filter((name) => name !== 'requestId');
	/** A random subset of the documented variables in random order, always with the request id. */
	const variables = fc
		.tuple(fc.uniqueArray(fc.constantFrom(...others), {maxLength: 8}), fc.nat())
		.map(([names, at]) => names.toSpliced(at % (names.length + 1), 0, 'requestId'));
	const dash = fc.constant('-');
	const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
	const clfTime = fc
		.tuple(fc.date({min: new Date('1970-01-01T00:00:00Z'), max: new Date('2999-12-31T23:59:59Z'), noInvalidDate: true}), fc.constantFrom('+0000', '-0700', '+0530'))
		.map(([date, zone]) => {
			const [day, month, year, time] = [date.getUTCDate(), date.getUTCMonth(), date.getUTCFullYear(), date.toISOString().slice(11, 19)];
			return `${String(day).padStart(2, '0')}/${months[month]!}/${year}:${time} ${zone}`;
		});
	const isNumberShaped = (variable: string): boolean => {
		const shape = shapeOf(variable);
		return shape?.kind === 'class' && shape.chars.startsWith('\\d');
	};
	/** Values in the shape the gateway writes each variable with a known shape (access-variables.ts). */
	function shapedValue(variable: string): fc.Arbitrary<string> | undefined {
		const shape = shapeOf(variable);
		if (shape === undefined) return undefined;
		if (variable === 'requestTime') return fc.oneof(clfTime, dash);
		if (variable === 'identity.sourceIp') return fc.oneof(fc.ipV4(), fc.ipV6(), fc.constant('test-invoke-source-ip'), dash);
		if (variable === 'protocol') return fc.constantFrom('HTTP/1.1', 'HTTP/2.0', '-');
		if (isNumberShaped(variable)) return fc.oneof(fc.nat().map(String), fc.constantFrom('5.00', '-'));
		if (shape.kind === 'class' && shape.chars.startsWith('\\w=')) return fc.oneof(id, fc.stringMatching(/^[\w=+/-]{1,24}$/));
		return fc.oneof(fc.stringMatching(/^[A-Z_]{1,12}$/), dash);
	}

	// JSON: any value at all, escaped as the gateway escapes it; number-shaped values may be written bare.
	const jsonLine: fc.Arbitrary<RenderedLine> = fc
		.tuple(variables, fc.constantFrom('', ' '), fc.constantFrom('', ' '), fc.array(fc.boolean(), {minLength: 10, maxLength: 10}))
		.chain(([names, inner, outer, bareChoices]) => {
			const bare = names.map((name, index) => bareChoices[index]! && isNumberShaped(name));
			const member = (name: string, index: number, value: string): string => {
				const written = bare[index] ? value : `"${value}"`;
				return `"${name.replaceAll('.', '_')}":${inner}${written}`;
			};
			const build = (valueOf: (name: string, index: number) => string): string =>
				`{${outer}${names.map((name, index) => member(name, index, valueOf(name, index))).join(`,${inner}`)}${outer}}`;
			const record = Object.fromEntries(
				names.map((name, index) => [name, bare[index] ? fc.oneof(fc.nat().map(String), dash) : fc.oneof(anyText, dash, fc.constantFrom('', ' '))]),
			);
			return renderedLines(build((name) => `$context.${name}`), fc.record(record), (values) =>
				build((name, index) => (bare[index] ? values[name]! : JSON.stringify(values[name]!).slice(1, -1))),
			);
		});

	// Text formats (CLF, CSV, custom): separators, `key=` labels, quotes and brackets around values. A value
	// written in such a format cannot hold the characters that delimit it (access-regex.ts): free text here
	// is anything without the template's own characters; values of a known shape keep their shape.
	const textLine: fc.Arbitrary<RenderedLine> = fc
		.tuple(
			variables,
			fc.constantFrom(' ', ',', ';', '|', ' | ', ', ', '\t', ' - ', ' ; ', ' / '),
			fc.array(fc.tuple(fc.constantFrom('', '', 'k=', 'rid=', 'Status: '), fc.constantFrom('', '', '""', '[]', '()', '<>', "''")), {minLength: 10, maxLength: 10}),
			fc.constantFrom('', 'log ', '>> ', 'apigw: '),
			fc.constantFrom('', ' end', ' .', ' |', ']'),
		)
		.chain(([names, separator, decorations, lead, tail]) => {
			const slot = (index: number, text: string): string => {
				const [label, around] = decorations[index]!;
				return `${label}${around.charAt(0)}${text}${around.charAt(1)}`;
			};
			const build = (valueOf: (name: string) => string): string =>
				`${lead}${names.map((name, index) => slot(index, valueOf(name))).join(separator)}${tail}`;
			const template = build((name) => `$context.${name}`);
			const literalCharacters = new Set(build(() => '').replaceAll(/\s/g, ''));
			const spaced = /\s/.test(build(() => ''));
			const free = fc
				.string({unit: fc.oneof(fc.string({unit: 'binary', minLength: 1, maxLength: 1}), hostileUnit), minLength: 1, maxLength: 30})
				.map((text) => [...text].filter((char) => !literalCharacters.has(char) && !(spaced && /\s/.test(char))).join('').trim())
				.filter((text) => text !== '');
			const values = fc.record(Object.fromEntries(names.map((name) => [name, shapedValue(name) ?? fc.oneof(free, dash)])));
			return renderedLines(template, values, (generated) => build((name) => generated[name]!));
		});

	it('text: reads back values of every shape between any separators', {timeout: SLOW_UNDER_LOAD}, () => {
		fc.assert(
			fc.property(textLine, ({template, line, values}) => {
				expect(compileAccessFormat(template).parse(line)).toStrictEqual({ok: true, fields: present(values)});
			}),
			{numRuns: 500},
		);
	});

	it('JSON: reads back any values, whatever characters they hold', () => {
		fc.assert(
			fc.property(jsonLine, ({template, line, values}) => {
				expect(compileAccessFormat(template).parse(line)).toStrictEqual({ok: true, fields: present(values)});
			}),
			{numRuns: 400},
		);
	});

	const anyTemplateAndLine = fc
		.tuple(fc.oneof(jsonLine, textLine, fc.constantFrom(...PRESETS).map((template) => ({template, line: '', values: {}}))), anyText, fc.nat(), fc.nat())
		.map(([{template, line}, text, cut, at]) => {
			// A rendered line cut short, or with any text spliced in anywhere; or any text at all.
			const kept = line.slice(0, cut % (line.length + 1));
			const spliced = kept.slice(0, at % (kept.length + 1)) + text + kept.slice(at % (kept.length + 1));
			return {template, line: cut % 3 === 0 ? text : spliced};
		});

	it('any line against any template: never throws, and a line it cannot read is kept as unparsed', {timeout: SLOW_UNDER_LOAD}, () => {
		fc.assert(
			fc.property(anyTemplateAndLine, fc.integer({min: -1e15, max: 1e15}), ({template, line}, timestamp) => {
				const parser = compileAccessFormat(template);
				const variables = new Set([...template.matchAll(/\$\{?context\.([\w.]*\w)/g)].map((match) => match[1]));
				const result = parser.parse(line);
				if (result.ok) {
					for (const [name, value] of Object.entries(result.fields)) {
						expect(variables.has(name)).toBe(true);
						expect(typeof value).toBe('string');
					}
				} else {
					expect(result.reason).toMatch(/^[^\n]+$/);
				}

				// Through the engine: the line is counted once, and kept as unparsed when it names no request.
				const engine = new Engine({...DEFAULT_LIMITS, accessParser: parser, accessLogGroups: new Set(['access'])});
				const event: LogEvent = {timestamp, message: line, logGroup: 'access', logStream: 's'};
				const outputs = [...engine.ingest([event]), ...engine.finish()];
				const summary = engine.summary();
				const named = result.ok && (result.fields['requestId'] ?? result.fields['extendedRequestId']) !== undefined;
				expect([summary.events, summary.accessEvents, summary.unparsed]).toStrictEqual([1, named ? 1 : 0, named ? 0 : 1]);
				const kept = outputs.flatMap((output) => (output.type === 'unparsed' ? [output.record.event] : []));
				expect(kept).toStrictEqual(named ? [] : [event]);
			}),
			{numRuns: 600},
		);
	});

	it('the guessing parser: never throws on any line, and reads back any JSON object of strings', () => {
		const guessing = createGuessingAccessParser();
		fc.assert(
			fc.property(fc.oneof(anyText, fc.json()), (line) => {
				const result = guessing.parse(line);
				expect(result.ok ? typeof result.fields : result.reason).toMatch(/^(?:object|[^\n]+)$/);
			}),
			{numRuns: 600},
		);
		// Two keys that name one variable (`ip`, `sourceIp`) keep the first value: keys here name different ones.
		const entries = fc.uniqueArray(fc.tuple(fc.stringMatching(/^[a-z]\w{0,10}$/), fc.oneof(anyText, dash)), {
			selector: ([key]) => guessVariable(key),
		});
		fc.assert(
			fc.property(entries, (pairs) => {
				const object = Object.fromEntries(pairs);
				const result = guessing.parse(JSON.stringify(object));
				expect(result.ok).toBe(true);
				const values = result.ok ? Object.values(result.fields).sort() : [];
				expect(values).toStrictEqual(Object.values(present(object)).sort());
			}),
			{numRuns: 300},
		);
	});
});

// A generated capture: WebSocket connections ($connect, messages, $disconnect) and REST requests, each request
// written as the gateway writes it (execution lines with the `(id) ` prefix, then an access line that lags by
// up to 7 minutes, past the 5-minute settle window). Every line has its prefix: a prefix-less line belongs to
// the nearest earlier line of its stream (reference §3), which depends on arrival order by design.
const WS_API = 'z1ctxygne5';
const REST_API = 'a1b2c3d4e5';
const WS_GROUP = `API-Gateway-Execution-Logs_${WS_API}/production`;
const REST_GROUP = `API-Gateway-Execution-Logs_${REST_API}/prod`;
const ACCESS_GROUP = '/aws/apigateway/access';
/** The stage's access-log format: JSON key, `$context` variable. */
const ACCESS_FIELDS: ReadonlyArray<readonly [string, string]> = [
	...['requestId', 'extendedRequestId', 'connectionId', 'eventType', 'routeKey', 'status', 'integrationLatency', 'connectedAt'].map(
		(name) => [name, name] as const,
	),
	['closeCode', 'disconnectStatusCode'],
	['closeReason', 'disconnectReason'],
	['error', 'error.message'],
	['method', 'httpMethod'],
	['path', 'resourcePath'],
];
const ACCESS_TEMPLATE = `{${ACCESS_FIELDS.map(([key, variable]) => `"${key}":"$context.${variable}"`).join(',')}}`;
const T0 = Date.UTC(2024, 0, 2, 3, 4, 5);
const LAMBDA = 'https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:chat/invocations';

type Outcome = 'ok' | 'lambda-error' | 'timeout' | 'denied' | 'throttled';

interface RequestPlan {
	outcome: Outcome;
	route: string;
	/** Time since the previous request of the connection. */
	gapMs: number;
	accessLagMs: number;
	/** Which of its logs the capture holds. */
	logs: 'both' | 'execution' | 'access';
	extendedIdLine: boolean;
	latencyMs: number;
	stream: number;
	/** Client or customer text: a Lambda error message, a close reason. */
	text: string;
}

interface Capture {
	events: LogEvent[];
	/** What every request must end up with, keyed by the id it is known by. */
	expected: Map<string, {execution: string[]; access: Values | null}>;
}

const requestPlan: fc.Arbitrary<RequestPlan> = fc.record({
	outcome: fc.constantFrom<Outcome>('ok', 'ok', 'ok', 'lambda-error', 'timeout', 'denied', 'throttled'),
	route: fc.oneof(fc.constantFrom('sendmessage', '$default', 'join'), fc.stringMatching(/^[\w.:$-]{1,12}$/)),
	gapMs: fc.oneof(fc.constant(0), fc.nat({max: 180_000})),
	accessLagMs: fc.oneof(fc.nat({max: 2000}), fc.nat({max: 420_000})),
	logs: fc.constantFrom<RequestPlan['logs']>('both', 'both', 'both', 'execution', 'access'),
	extendedIdLine: fc.boolean(),
	latencyMs: fc.nat({max: 3000}),
	stream: fc.nat({max: 2}),
	text: fc.oneof(fc.constantFrom('Going away', 'boom'), customerText),
});
const connectionPlan = fc.record({
	startMs: fc.nat({max: 20 * 60_000}),
	requests: fc.array(requestPlan, {minLength: 1, maxLength: 5}),
	disconnects: fc.boolean(),
});
const restPlan = fc.record({
	startMs: fc.nat({max: 20 * 60_000}),
	plan: requestPlan,
	path: fc.constantFrom('/orders', '/orders/{id}', '/'),
	/** The stage's access-log format has only `$context.extendedRequestId`: the access line names the alias. */
	accessNamesAlias: fc.boolean(),
});

function websocketId(prefix: string, index: number): string {
	return `${prefix}${String(index).padStart(14, '0')}=`;
}

/** Execution lines (offset from the request's start, text) for one request's outcome. */
function integrationLines(requestId: string, plan: RequestPlan, status: {value: number}): Array<[number, string]> {
	const lines: Array<[number, string]> = [];
	if (plan.outcome === 'throttled') {
		status.value = 429;
		return [[31, 'Method completed with status: 429']];
	}

	lines.push([32, `Sending request to ${LAMBDA}`]);
	const done = 32 + (plan.outcome === 'timeout' ? 29_000 : plan.latencyMs);
	if (plan.outcome === 'timeout') {
		status.value = 504;
		lines.push([done, 'Execution failed due to a timeout error']);
	} else {
		lines.push([done, `Received response. Status: 200, Integration latency: ${plan.latencyMs} ms`]);
		if (plan.outcome === 'lambda-error') {
			status.value = 502;
			lines.push([done, `Lambda execution failed with status 200 due to customer function error: ${plan.text}. Lambda request id: L-${requestId}`]);
		} else {
			lines.push([done, 'Successfully completed execution']);
		}
	}

	lines.push([done, `Method completed with status: ${status.value}`], [done, `AWS Integration Endpoint RequestId : L-${requestId}`]);
	return lines;
}

type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

function buildCapture(connections: Array<ValueOf<typeof connectionPlan>>, rest: Array<ValueOf<typeof restPlan>>): Capture {
	const events: LogEvent[] = [];
	const expected: Capture['expected'] = new Map();
	let counter = 0;
	const add = (
		key: string,
		plan: RequestPlan,
		start: number,
		group: string,
		execution: Array<[number, string]>,
		prefix: string,
		access: Values,
	): void => {
		const kept = {execution: [] as string[], access: null as Values | null};
		if (plan.logs !== 'access') {
			for (const [offset, text] of execution) {
				const event = {timestamp: start + offset, message: `(${prefix}) ${text}`, logGroup: group, logStream: `stream-${plan.stream}`};
				events.push(event);
				kept.execution.push(`${event.timestamp} ${event.message}`);
			}
		}

		if (plan.logs !== 'execution') {
			const line = Object.fromEntries(ACCESS_FIELDS.map(([key, variable]) => [key, access[variable] ?? '-']));
			events.push({timestamp: start + plan.accessLagMs, message: JSON.stringify(line), logGroup: ACCESS_GROUP, logStream: 'access'});
			kept.access = present(access);
		}

		expected.set(key, kept);
	};

	for (const [connectionIndex, connection] of connections.entries()) {
		const connectionId = websocketId('C', connectionIndex);
		let time = T0 + connection.startMs;
		const types = connection.requests.map((_plan, index) =>
			index === 0 ? 'CONNECT' : connection.disconnects && index === connection.requests.length - 1 ? 'DISCONNECT' : 'MESSAGE',
		);
		for (const [index, plan] of connection.requests.entries()) {
			time += index === 0 ? 0 : plan.gapMs;
			const requestId = websocketId('R', counter++);
			const type = types[index]!;
			const route = type === 'CONNECT' ? '$connect' : type === 'DISCONNECT' ? '$disconnect' : plan.route;
			const status = {value: 200};
			const lines: Array<[number, string]> = [];
			if (plan.extendedIdLine) lines.push([0, `Extended Request Id: ${requestId}`]);
			if (type === 'CONNECT') {
				lines.push(
					[0, `Client [UserAgent: ${plan.text.replaceAll('\n', ' ')}, SourceIp: 198.51.100.7] is connecting to WebSocket API [${WS_API}].`],
					[1, `Starting authorizer: 4ikbd1 for request: ${requestId}`],
				);
			} else if (type === 'MESSAGE') {
				lines.push([0, `WebSocket API [${WS_API}] received message from client [Connection Id: ${connectionId}].`]);
			} else {
				lines.push([0, `Client [Connection Id: ${connectionId}] disconnected from API [${WS_API}]. Close reason: [1001: ${plan.text}]`]);
			}

			if (type === 'CONNECT' && plan.outcome === 'denied') {
				status.value = 403;
				lines.push([30, `Unauthorized request: ${requestId}`], [30, 'Method completed with status: 403']);
			} else {
				if (type === 'CONNECT') lines.push([30, 'Successfully completed authorizer execution']);
				lines.push([31, `Starting execution for request: ${requestId}`], [31, `WebSocket Request Route: [${route}]`]);
				lines.push(...integrationLines(requestId, plan, status));
			}

			add(requestId, plan, time, WS_GROUP, lines, requestId, {
				requestId,
				extendedRequestId: requestId,
				connectionId,
				eventType: type,
				routeKey: route,
				status: String(status.value),
				integrationLatency: plan.outcome === 'ok' ? String(plan.latencyMs) : '-',
				connectedAt: String(T0 + connection.startMs),
				disconnectStatusCode: type === 'DISCONNECT' ? '1001' : '-',
				disconnectReason: type === 'DISCONNECT' ? plan.text : '-',
				'error.message': status.value >= 400 ? plan.text : '-',
			});
		}
	}

	for (const {startMs, plan, path, accessNamesAlias} of rest) {
		const index = counter++;
		const requestId = `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
		const extendedId = websocketId('X', index);
		const status = {value: 200};
		const lines: Array<[number, string]> = [
			[0, `Extended Request Id: ${extendedId}`],
			[0, `Verifying Usage Plan for request: ${requestId}. API Key:  API Stage: ${REST_API}/prod`],
			[31, `Starting execution for request: ${requestId}`],
			[31, `HTTP Method: POST, Resource Path: ${path}`],
			[31, `Method request body before transformations: ${plan.text}`],
			...integrationLines(requestId, plan.outcome === 'denied' ? {...plan, outcome: 'ok'} : plan, status),
		];
		// Known by its own id once an execution line is seen; an access line alone names it by its alias.
		const key = accessNamesAlias && plan.logs === 'access' ? extendedId : requestId;
		add(key, plan, T0 + startMs, REST_GROUP, lines, requestId, {
			requestId: accessNamesAlias ? '-' : requestId,
			extendedRequestId: extendedId,
			status: String(status.value),
			httpMethod: 'POST',
			resourcePath: path,
		});
	}

	return {events, expected};
}

const capture = fc
	.tuple(fc.array(connectionPlan, {minLength: 1, maxLength: 4}), fc.array(restPlan, {maxLength: 3}))
	.map(([connections, rest]) => buildCapture(connections, rest));

interface Run {
	outputs: EngineOutput[];
	summary: EngineSummary;
	/** Requests in memory before the end of input. */
	live: number;
}

function run(input: readonly LogEvent[], options: Partial<EngineOptions> = {}, batchSizes: readonly number[] = []): Run {
	const engine = new Engine({
		...DEFAULT_LIMITS,
		accessParser: compileAccessFormat(ACCESS_TEMPLATE),
		accessLogGroups: new Set([ACCESS_GROUP]),
		...options,
	});
	const outputs: EngineOutput[] = [];
	for (let at = 0, batch = 0; at < input.length; batch++) {
		const size = batchSizes.length === 0 ? input.length : batchSizes[batch % batchSizes.length]!;
		outputs.push(...engine.ingest(input.slice(at, at + size)));
		at += size;
	}

	const live = [...engine.liveRequests()].length;
	outputs.push(...engine.finish());
	return {outputs, summary: engine.summary(), live};
}

/** What a consumer keeps: the last revision of every request and connection, in a comparable form. */
function finalState(outputs: readonly EngineOutput[]) {
	const requests = new Map<string, RequestView>();
	const connections = new Map<string, ConnectionView>();
	for (const output of outputs) {
		if (output.type === 'request') requests.set(output.request.requestId, output.request);
		if (output.type === 'connection') connections.set(output.connection.connectionId, output.connection);
	}

	// A REST access line that names only the extended id, arriving and settling before the execution line
	// that links the two ids, is printed under the extended id first; the merged request lists it in its
	// aliases, and nothing withdraws the first print from the output (the figures do withdraw it). A consumer
	// drops it by the alias (see the report of issue 6).
	const aliases = new Set([...requests.values()].flatMap((request) => request.aliases));
	for (const alias of aliases) requests.delete(alias);
	const byKey = <T>(map: Map<string, T>): Array<[string, T]> => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
	return {
		requests: byKey(requests).map(([key, request]) => [key, {...request, execution: request.execution.map(lineKey)}] as const),
		connections: byKey(connections),
	};
}

/** JSON with sorted keys, to compare field sets written in any key order. */
function canonical(fields: Values): string {
	return JSON.stringify(Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function lineKey(line: {timestamp: number; event: LogEvent}): string {
	return `${line.timestamp} ${line.event.message}`;
}

/**
 * The figures that must not depend on how the input arrived (event counts do: duplicates are events), as
 * JSON: routes are keys, and a route named `constructor` defeats toStrictEqual's type check.
 */
function outcome(summary: EngineSummary): string {
	const {requests, connections, evicted, metrics} = summary;
	return JSON.stringify({requests, connections, evicted, metrics}, undefined, 1);
}

describe('engine: any order, any duplication, any batching', () => {
	// Garbage no parser can read: text after a `#` (no prefix, no JSON), on the access group, on no group,
	// or on an execution stream no request line is on (a prefix-less line there names no request).
	const garbage = fc
		.tuple(anyText, fc.constantFrom<Array<string | undefined>>([ACCESS_GROUP, 'access'], [undefined, undefined], [WS_GROUP, 'garbage']), fc.integer({min: 0, max: 2 * T0}))
		.filter(([text]) => !text.includes('request: '))
		.map(([text, [logGroup, logStream], timestamp]): LogEvent => ({timestamp, message: `#${text}`, logGroup, logStream}));

	const hostileDelivery = capture.chain((generated) =>
		fc.record({
			capture: fc.constant(generated),
			shuffled: fc.shuffledSubarray(generated.events, {minLength: generated.events.length, maxLength: generated.events.length}),
			duplicates: fc.array(fc.tuple(fc.nat(generated.events.length - 1), fc.nat()), {maxLength: 12}),
			garbage: fc.array(fc.tuple(garbage, fc.nat()), {maxLength: 6}),
			batchSizes: fc.array(fc.integer({min: 1, max: 25}), {maxLength: 6}),
			settleMs: fc.constantFrom(0, 1000, 30_000, 5 * 60_000),
		}),
	);

	/** Inserts each item at its position (modulo the length so far). */
	function insertAll(into: LogEvent[], items: ReadonlyArray<readonly [LogEvent, number]>): LogEvent[] {
		const result = [...into];
		for (const [item, at] of items) result.splice(at % (result.length + 1), 0, item);
		return result;
	}

	it('in time order: every request has every line written for it, and nothing else exists', {timeout: SLOW_UNDER_LOAD}, () => {
		fc.assert(
			fc.property(capture, ({events, expected}) => {
				const inOrder = [...events].sort((a, b) => a.timestamp - b.timestamp);
				const {outputs, summary} = run(inOrder);
				const {requests} = finalState(outputs);
				expect(requests.map(([key]) => key)).toStrictEqual([...expected.keys()].sort());
				for (const [key, request] of requests) {
					const wanted = expected.get(key)!;
					expect([...request.execution].sort()).toStrictEqual([...wanted.execution].sort());
					expect(request.access).toStrictEqual(wanted.access);
				}

				const executionLines = [...expected.values()].reduce((sum, request) => sum + request.execution.length, 0);
				const accessLines = [...expected.values()].filter((request) => request.access !== null).length;
				expect(summary).toMatchObject({events: events.length, executionEvents: executionLines, accessEvents: accessLines, unparsed: 0});
				expect(summary.requests).toBe(expected.size);
			}),
			{numRuns: 150},
		);
	});

	it('shuffled, duplicated, batched, settled early and mixed with garbage: the same final result, every line counted', {timeout: SLOW_UNDER_LOAD}, () => {
		fc.assert(
			fc.property(hostileDelivery, ({capture: {events}, shuffled, duplicates, garbage: junk, batchSizes, settleMs}) => {
				const reference = run([...events].sort((a, b) => a.timestamp - b.timestamp));
				const withDuplicates = insertAll(shuffled, duplicates.map(([index, at]) => [events[index]!, at] as const));
				const input = insertAll(withDuplicates, junk);
				const hostile = run(input, {settleMs}, batchSizes);

				expect(finalState(hostile.outputs)).toStrictEqual(finalState(reference.outputs));
				expect(outcome(hostile.summary)).toBe(outcome(reference.summary));
				// Every event is counted once per delivery; garbage is counted as unparsed and printed as such.
				const garbageEvents = new Set(junk.map(([event]) => event));
				const isExecution = (event: LogEvent) => event.logGroup !== ACCESS_GROUP;
				const real = input.filter((event) => !garbageEvents.has(event));
				expect(hostile.summary).toMatchObject({
					events: input.length,
					executionEvents: real.filter(isExecution).length,
					accessEvents: real.filter((event) => !isExecution(event)).length,
					unparsed: junk.length,
				});
				// Each once; in time order among the requests, so not necessarily in input order.
				const printed = hostile.outputs.flatMap((output) => (output.type === 'unparsed' ? [output.record.event] : []));
				expect(new Set(printed)).toStrictEqual(garbageEvents);
				expect(printed).toHaveLength(junk.length);
			}),
			{numRuns: 250},
		);
	});

	it('unparsed lines in time order: after every request that began before them, oldest first', {timeout: SLOW_UNDER_LOAD}, () => {
		const delivery = capture.chain((generated) =>
			fc.tuple(fc.constant(generated.events), fc.array(garbage, {maxLength: 8}), fc.array(fc.integer({min: 1, max: 25}), {maxLength: 6}), fc.constantFrom(0, 1000, 30_000, 5 * 60_000)),
		);
		fc.assert(
			fc.property(delivery, ([events, junk, batchSizes, settleMs]) => {
				const input = [...events, ...junk].sort((a, b) => a.timestamp - b.timestamp);
				const {outputs} = run(input, {settleMs}, batchSizes);
				const emitted = new Set<string>();
				let newestUnparsed = Number.NEGATIVE_INFINITY;
				for (const output of outputs) {
					if (output.type === 'unparsed') {
						const time = output.record.timestamp;
						// A line without a time (0) is printed at once, wherever it is.
						if (time <= 0) continue;
						expect(time).toBeGreaterThanOrEqual(newestUnparsed);
						newestUnparsed = time;
					} else if (output.type === 'request') {
						const {request} = output;
						// A first print (not a revision, nor the merge of a request printed under its alias before).
						if ([request.requestId, ...request.aliases].some((id) => emitted.has(id))) continue;
						expect(request.firstTimestamp).toBeGreaterThanOrEqual(newestUnparsed);
						emitted.add(request.requestId);
						for (const alias of request.aliases) emitted.add(alias);
					}
				}

				expect(outputs.filter((output) => output.type === 'unparsed')).toHaveLength(junk.length);
			}),
			{numRuns: 200},
		);
	});

	it('memory bounds: tiny limits never throw, every eviction is counted, and every line is printed at least once', {timeout: SLOW_UNDER_LOAD}, () => {
		const limits = fc.record({
			maxRequests: fc.integer({min: 1, max: 6}),
			maxConnections: fc.integer({min: 1, max: 3}),
			maxRequestsPerConnection: fc.integer({min: 1, max: 4}),
			settleMs: fc.constantFrom(0, 30_000, 5 * 60_000),
		});
		const delivery = capture.chain((generated) =>
			fc.tuple(
				fc.constant(generated),
				fc.shuffledSubarray(generated.events, {minLength: generated.events.length, maxLength: generated.events.length}),
				fc.array(fc.integer({min: 1, max: 25}), {maxLength: 6}),
				limits,
			),
		);
		fc.assert(
			fc.property(delivery, ([{events, expected}, shuffled, batchSizes, options]) => {
				const {outputs, summary, live} = run(shuffled, options, batchSizes);
				// Nothing is lost silently: every request begun is in memory or counted as evicted.
				expect(live).toBeLessThanOrEqual(options.maxRequests);
				expect(live + summary.evicted.requests).toBe(summary.requests);
				expect(summary.evicted.connections).toBeGreaterThanOrEqual(summary.connections - options.maxConnections);
				expect(summary).toMatchObject({events: events.length, unparsed: 0});
				expect(summary.executionEvents + summary.accessEvents).toBe(events.length);
				// Every line reaches the output in some revision of its request.
				const printedLines = new Set<string>();
				const printedAccess = new Set<string>();
				for (const output of outputs) {
					if (output.type === 'connection') {
						// The cap never omits the CONNECT or the DISCONNECT: they make the connection's state.
						const {requests} = output.connection;
						const kept = requests.filter((ref) => ref.eventType === 'CONNECT' || ref.eventType === 'DISCONNECT').length;
						expect(requests.length).toBeLessThanOrEqual(Math.max(options.maxRequestsPerConnection, kept));
					}

					if (output.type !== 'request') continue;
					for (const line of output.request.execution) printedLines.add(lineKey(line));
					if (output.request.access) printedAccess.add(canonical(output.request.access));
				}

				for (const request of expected.values()) {
					for (const line of request.execution) expect(printedLines.has(line)).toBe(true);
					if (request.access) expect(printedAccess.has(canonical(request.access))).toBe(true);
				}
			}),
			{numRuns: 200},
		);
	});

	it('the per-connection cap: counts of omitted requests do not depend on arrival order', {timeout: SLOW_UNDER_LOAD}, () => {
		const delivery = capture.chain((generated) =>
			fc.tuple(
				fc.constant(generated.events),
				fc.shuffledSubarray(generated.events, {minLength: generated.events.length, maxLength: generated.events.length}),
				fc.integer({min: 1, max: 3}),
				fc.constantFrom(0, 30_000, 5 * 60_000),
			),
		);
		fc.assert(
			fc.property(delivery, ([events, shuffled, maxRequestsPerConnection, settleMs]) => {
				const reference = run([...events].sort((a, b) => a.timestamp - b.timestamp), {maxRequestsPerConnection});
				const hostile = run(shuffled, {maxRequestsPerConnection, settleMs});
				const counts = (outputs: EngineOutput[]) =>
					finalState(outputs).connections.map(([id, view]) => [id, view.messageCount, view.omittedRequests, view.state, view.errorCounts]);
				expect(counts(hostile.outputs)).toStrictEqual(counts(reference.outputs));
			}),
			{numRuns: 200},
		);
	});
});

// Each of these was found by a property above; they stay as plain examples of what was fixed.
describe('counter-examples the properties found', () => {
	it('a user agent that spells a connection id names no connection', () => {
		const parsed = parseExecutionMessage(
			'(Iq9gwFDNoAMFo1A=) Client [UserAgent: x Connection Id: VICTIMxxxxxxxx0=, SourceIp: 0.0.0.0] is connecting to WebSocket API [z1ctxygne5].',
		);
		expect(parsed.fields).toStrictEqual({userAgent: 'x Connection Id: VICTIMxxxxxxxx0=', sourceIp: '0.0.0.0'});
	});

	it('a close reason that spells a request id names no request', () => {
		const parsed = parseExecutionMessage('Client [Connection Id: Iq8gj1UmIAMCKpA=] disconnected from API [z1ctxygne5]. Close reason: [1000: for request: X]');
		expect([parsed.requestId, parsed.kind, parsed.fields]).toStrictEqual([undefined, 'websocket-connection', {connectionId: 'Iq8gj1UmIAMCKpA='}]);
	});

	it.each([
		['$context.requestId - $context.status', '515f1e99-39db-11e9-9e96-01e5c04505b9 - 200', {requestId: '515f1e99-39db-11e9-9e96-01e5c04505b9', status: '200'}],
		[
			'$context.requestTime - $context.requestId - $context.status',
			'26/Jul/2023:12:20:46 -0700 - Iq9gwFDNoAMFo1A= - 200',
			{requestTime: '26/Jul/2023:12:20:46 -0700', requestId: 'Iq9gwFDNoAMFo1A=', status: '200'},
		],
		[
			'$context.requestId $context.customDomain.basePathMatched $context.requestTime',
			'Iq9gwFDNoAMFo1A= - 01/Jan/1970:00:00:00 +0000',
			{requestId: 'Iq9gwFDNoAMFo1A=', requestTime: '01/Jan/1970:00:00:00 +0000'},
		],
	])('the access format %j reads %j', (template, line, fields) => {
		expect(compileAccessFormat(template).parse(line)).toStrictEqual({ok: true, fields});
	});

	const restGroup = 'API-Gateway-Execution-Logs_abc/prod';
	const restId = '515f1e99-39db-11e9-9e96-01e5c04505b9';
	const time = 1_700_000_000_000;
	const linked: LogEvent = {timestamp: time, message: `(${restId}) Extended Request Id: Vts2pH6ArPEFcuQ=`, logGroup: restGroup, logStream: 's'};
	const completed: LogEvent = {timestamp: time + 5, message: `(${restId}) Method completed with status: 200`, logGroup: restGroup, logStream: 's'};
	const accessByAlias: LogEvent = {
		timestamp: time + 10,
		message: JSON.stringify({extendedRequestId: 'Vts2pH6ArPEFcuQ=', status: '200'}),
		logGroup: 'access',
		logStream: 'a',
	};
	const anHourLater: LogEvent = {timestamp: time + 3_600_000, message: '(other) Method completed with status: 200', logGroup: restGroup, logStream: 's2'};

	it('figures count a REST request once when its access line settled under the extended id before the link came', () => {
		const figures = (order: LogEvent[]) => {
			const engine = new Engine({...DEFAULT_LIMITS, accessParser: createGuessingAccessParser(), accessLogGroups: new Set(['access'])});
			for (const event of order) engine.ingest([event]);
			engine.finish();
			return engine.summary().metrics;
		};
		const inOrder = figures([linked, completed, accessByAlias, anHourLater]);
		expect(inOrder.stages['abc/prod']?.requests).toBe(2);
		expect(figures([completed, accessByAlias, anHourLater, linked])).toStrictEqual(inOrder);
	});

	it('the per-connection cap counts a revised request once and keeps the DISCONNECT', () => {
		const group = 'API-Gateway-Execution-Logs_z1ctxygne5/production';
		const line = (id: string, at: number, text: string): LogEvent => ({timestamp: time + at, message: `(${id}) ${text}`, logGroup: group, logStream: 's'});
		const access = (id: string, at: number, eventType: string, routeKey: string): LogEvent => ({
			timestamp: time + at,
			message: JSON.stringify({requestId: id, connectionId: 'C0000000000000A=', eventType, routeKey, status: '200'}),
			logGroup: 'access',
			logStream: 'a',
		});
		const events = [
			access('R000000000000000', 0, 'DISCONNECT', '$disconnect'),
			access('R000000000000001', 0, 'CONNECT', '$connect'),
			access('R000000000000002', 0, 'MESSAGE', 'sendmessage'),
			access('R000000000000003', 0, 'MESSAGE', 'sendmessage'),
			// Comes after R2 was printed and omitted by the cap: a revision of an omitted request.
			line('R000000000000002', 600_000, 'Method completed with status: 200'),
		];
		const engine = new Engine({
			...DEFAULT_LIMITS,
			settleMs: 0,
			maxRequestsPerConnection: 1,
			accessParser: compileAccessFormat(ACCESS_TEMPLATE),
			accessLogGroups: new Set(['access']),
		});
		const outputs = [...engine.ingest(events), ...engine.finish()];
		const [[, connection]] = finalState(outputs).connections as [[string, ConnectionView]];
		expect([connection.state, connection.messageCount, connection.omittedRequests]).toStrictEqual(['closed', 2, 2]);
		expect(connection.requests.map((ref) => ref.eventType)).toStrictEqual(['DISCONNECT', 'CONNECT']);
	});
});
