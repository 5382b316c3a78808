import {describe, expect, it} from 'vitest';
import {buildConfig, type Environment} from '../source/config.js';
import {parseDuration} from '../source/flag-values.js';
import {UsageError} from '../source/exit-codes.js';

const terminal: Environment = {env: {}, stdinIsTTY: true, stdoutIsTTY: true};
const piped: Environment = {env: {}, stdinIsTTY: false, stdoutIsTTY: false};

describe('buildConfig', () => {
	it('has sensible defaults for replay', () => {
		const config = buildConfig({input: ['replay', 'a.log'], flags: {}}, terminal);
		expect(config).toMatchObject({
			command: 'replay',
			inputs: ['a.log'],
			output: 'text',
			colour: true,
			timezone: 'local',
			limits: {settleMs: 300_000, maxConnections: 10_000, maxRequests: 100_000},
		});
		expect(Object.isFrozen(config)).toBe(true);
	});

	it('opens the terminal UI only on a terminal without --output', () => {
		expect(buildConfig({input: ['replay', 'f'], flags: {}}, terminal)).toMatchObject({interactive: true});
		expect(buildConfig({input: ['replay', 'f'], flags: {output: 'text'}}, terminal)).toMatchObject({interactive: false});
		expect(buildConfig({input: ['replay', 'f'], flags: {}}, {...terminal, stdoutIsTTY: false})).toMatchObject({interactive: false});
		expect(buildConfig({input: ['replay', 'f'], flags: {}}, {...terminal, stdinIsTTY: false})).toMatchObject({interactive: false});
		expect(buildConfig({input: ['replay', 'f'], flags: {debugLog: '/tmp/d.log'}}, terminal)).toMatchObject({debugLog: '/tmp/d.log'});
	});

	it('reads stdin when nothing is named and input is piped', () => {
		expect(buildConfig({input: ['replay'], flags: {}}, piped)).toMatchObject({inputs: ['-']});
	});

	it('turns colour off for NO_COLOR, JSON and pipes', () => {
		expect(buildConfig({input: ['replay', 'f'], flags: {}}, {...terminal, env: {NO_COLOR: '1'}})).toMatchObject({colour: false});
		expect(buildConfig({input: ['doctor'], flags: {api: 'a', stage: 's'}}, {...terminal, env: {NO_COLOR: '1'}})).toMatchObject({colour: false});
		expect(buildConfig({input: ['replay', 'f'], flags: {output: 'json'}}, terminal)).toMatchObject({colour: false});
		expect(buildConfig({input: ['replay', 'f'], flags: {}}, piped)).toMatchObject({colour: false});
	});

	it('keeps colour when NO_COLOR is set but empty (https://no-color.org: empty means unset)', () => {
		expect(buildConfig({input: ['replay', 'f'], flags: {}}, {...terminal, env: {NO_COLOR: ''}})).toMatchObject({colour: true});
		expect(buildConfig({input: ['doctor'], flags: {api: 'a', stage: 's'}}, {...terminal, env: {NO_COLOR: ''}})).toMatchObject({colour: true});
	});

	it('maps every filter and limit', () => {
		const config = buildConfig(
			{
				input: ['replay', 'f'],
				flags: {
					connection: 'Iq8gj1UmIAMCKpA=',
					request: 'r1',
					route: '$connect',
					errorsOnly: true,
					maxConnections: '5',
					maxRequests: '7',
					settle: '90s',
					timezone: 'utc',
					accessLogFormat: '$context.requestId',
				},
			},
			terminal,
		);
		expect(config).toMatchObject({
			filter: {connectionId: 'Iq8gj1UmIAMCKpA=', requestId: 'r1', routeKey: '$connect', errorsOnly: true},
			limits: {maxConnections: 5, maxRequests: 7, settleMs: 90_000},
			timezone: 'utc',
			accessLogFormat: {template: '$context.requestId'},
		});
	});

	it.each([
		[['replay', 'f'], {bogus: 'x'}, 'unknown flag --bogus'],
		[['replay', 'f'], {output: 'xml'}, '--output must be text or json (got "xml")'],
		[['replay', 'f'], {timezone: 'mars'}, '--timezone must be local or utc'],
		[['replay', 'f'], {maxRequests: '0'}, '--max-requests must be a whole number of at least 1'],
		[['replay', 'f'], {maxConnections: 'many'}, '--max-connections must be a whole number'],
		[['replay', 'f'], {settle: 'soon'}, '--settle must be a duration'],
		[['replay', 'f'], {connection: ''}, '--connection needs a value'],
		[['replay', 'f'], {accessLogFormat: 'a', accessLogFormatFile: 'b'}, 'not both'],
		[['replay'], {}, 'replay needs a FILE'],
		[[], {}, 'nothing to tail'],
		[[], {api: 'chat'}, '--api and --stage go together'],
		[[], {stage: 'prod'}, '--api and --stage go together'],
		[[], {api: 'chat', stage: 'prod', logGroup: ['g']}, 'not both'],
		[[], {api: 'chat', stage: 'prod', since: 'yesterday'}, '--since must be a span'],
		[[], {api: 'chat', stage: 'prod', transport: 'carrier-pigeon'}, '--transport must be auto or live or poll'],
		[[], {api: 'chat', stage: 'prod', endpointUrl: 'localhost:4566'}, '--endpoint-url must be'],
		[[], {api: 'chat', stage: 'prod', endpointUrl: 'ftp://127.0.0.1'}, '--endpoint-url must be an http or https URL'],
		[[], {logGroup: ['']}, '--log-group needs a value'],
		[[], {api: 'chat', stage: 'prod', lambdaLogGroup: ['']}, '--lambda-log-group needs a value'],
		[[], {api: 'chat', stage: 'prod', lambdaLogGroup: ['/aws/lambda/x'], lambda: false}, '--lambda-log-group and --no-lambda contradict each other: drop one'],
		[[], {lambdaLogGroup: ['/aws/lambda/x']}, '--lambda-log-group adds to --api ID --stage NAME or --log-group NAME: give one of them too'],
		[[], {logGroup: ['g'], lambdaLogGroup: ['g']}, 'log group "g" is given with both --log-group and --lambda-log-group: keep one'],
		[['replay', 'f'], {lambdaLogGroup: ['g']}, '--lambda-log-group does not apply to replay'],
		[['emulator'], {port: '70000x'}, '--port must be a whole number'],
		[[], {api: 'chat', stage: 'prod', requestRate: '0'}, '--request-rate must be a whole number of at least 1'],
		[['tail'], {}, 'unknown command "tail"'],
		[['demo', 'x'], {}, 'demo takes no arguments'],
		[['demo'], {rate: '-3'}, '--rate must be a whole number'],
	])('rejects %j %j', (input, flags, message) => {
		expect(() => buildConfig({input, flags}, terminal)).toThrow(UsageError);
		expect(() => buildConfig({input, flags}, terminal)).toThrow(message);
	});
});

describe('live configuration', () => {
	it('defaults to a 10 minute backfill, following, automatic transport', () => {
		expect(buildConfig({input: [], flags: {api: 'chat', stage: 'prod'}}, terminal)).toMatchObject({
			command: 'live',
			api: {api: 'chat', stage: 'prod'},
			logGroups: [],
			lambda: true,
			lambdaLogGroups: [],
			since: {beforeNowMs: 600_000},
			follow: true,
			transport: 'auto',
			requestRate: 3,
			aws: {region: undefined, profile: undefined, endpointUrl: undefined},
		});
	});

	it('takes log groups, an ISO since, no-follow and AWS settings', () => {
		const config = buildConfig(
			{
				input: [],
				flags: {
					logGroup: ['a', 'b'],
					since: '2024-05-01T10:00:00Z',
					follow: false,
					transport: 'poll',
					region: 'eu-west-1',
					profile: 'ops',
					endpointUrl: 'http://127.0.0.1:4566',
				},
			},
			piped,
		);
		expect(config).toMatchObject({
			logGroups: ['a', 'b'],
			since: {epochMs: Date.parse('2024-05-01T10:00:00Z')},
			follow: false,
			transport: 'poll',
			aws: {region: 'eu-west-1', profile: 'ops', endpointUrl: 'http://127.0.0.1:4566'},
		});
	});

	it('takes Lambda groups by hand, with --log-group or --api, and --no-lambda', () => {
		expect(buildConfig({input: [], flags: {logGroup: ['a'], lambdaLogGroup: ['/aws/lambda/x', '/aws/lambda/y']}}, piped)).toMatchObject({
			logGroups: ['a'],
			lambda: true,
			lambdaLogGroups: ['/aws/lambda/x', '/aws/lambda/y'],
		});
		expect(buildConfig({input: [], flags: {api: 'chat', stage: 'prod', lambda: false}}, piped)).toMatchObject({lambda: false, lambdaLogGroups: []});
	});

	it('configures the doctor command', () => {
		expect(buildConfig({input: ['doctor'], flags: {api: 'chat-demo', stage: 'prod', output: 'json'}}, terminal)).toMatchObject({
			command: 'doctor',
			api: 'chat-demo',
			stage: 'prod',
			output: 'json',
			aws: {region: undefined, profile: undefined, endpointUrl: undefined},
		});
		expect(() => buildConfig({input: ['doctor'], flags: {api: 'chat-demo'}}, terminal)).toThrow('doctor needs --api ID|NAME and --stage NAME');
	});

	it('takes an export path for every mode', () => {
		expect(buildConfig({input: ['replay', 'f'], flags: {export: 'incident'}}, terminal)).toMatchObject({exportPath: 'incident'});
		expect(buildConfig({input: [], flags: {api: 'a', stage: 's', export: 'x'}}, terminal)).toMatchObject({exportPath: 'x'});
	});

	it('configures the emulator command', () => {
		expect(buildConfig({input: ['emulator'], flags: {port: '0'}}, terminal)).toEqual({command: 'emulator', port: 0});
	});
});

describe('parseDuration', () => {
	it.each([
		['250ms', 250],
		['30s', 30_000],
		['30', 30_000],
		['5m', 300_000],
		['1.5h', 5_400_000],
		['1d', 86_400_000],
		['5 m', undefined],
		['-1s', undefined],
		['', undefined],
	])('%s', (text, expected) => {
		expect(parseDuration(text)).toBe(expected);
	});
});
