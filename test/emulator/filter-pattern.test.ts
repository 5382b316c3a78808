import {describe, expect, it} from 'vitest';
import {compileFilterPattern, FilterPatternError, parseFilterPattern} from '../../source/emulator/filter-pattern.js';

const ACCESS = JSON.stringify({
	requestId: 'Iq9gwFDNoAMFo1A=',
	connectionId: 'Iq8gj1UmIAMCKpA=',
	eventType: 'MESSAGE',
	routeKey: 'sendMessage',
	status: '502',
	integrationLatency: 29001,
	authorizer: {error: '-', status: 200},
	tags: ['blue', 'green'],
	cached: false,
	note: null,
	path: '/chat/rooms/42',
});

const EXECUTION = '(Iq9gwFDNoAMFo1A=) Lambda execution failed with status 200 due to customer function error: Task timed out.';

describe('filter patterns over unstructured text', () => {
	const cases: Array<[pattern: string, message: string, matches: boolean]> = [
		['', EXECUTION, true],
		['   ', EXECUTION, true],
		['Lambda', EXECUTION, true],
		['lambda', EXECUTION, false],
		['Lambda failed', EXECUTION, true],
		['Lambda succeeded', EXECUTION, false],
		['"execution failed"', EXECUTION, true],
		['"failed execution"', EXECUTION, false],
		['?timeout ?Task', EXECUTION, true],
		['?timeout ?throttle', EXECUTION, false],
		['Lambda ?Task ?nothing', EXECUTION, true],
		['Lambda -Task', EXECUTION, false],
		['Lambda -Throttled', EXECUTION, true],
		['-"timed out"', EXECUTION, false],
		['-"timed in"', EXECUTION, true],
		['%status [0-9]{3}%', EXECUTION, true],
		['%^\\(Iq9g%', EXECUTION, true],
		['%^Lambda%', EXECUTION, false],
		['"quote \\" inside"', 'a quote " inside b', true],
		['ERROR', '[ERROR] caught', true],
	];
	it.each(cases)('%j on the execution line -> %s', (pattern, message, matches) => {
		expect(compileFilterPattern(pattern)(message)).toBe(matches);
	});
});

describe('filter patterns over JSON events', () => {
	const cases: Array<[pattern: string, matches: boolean]> = [
		['{ $.eventType = "MESSAGE" }', true],
		['{ $.eventType = MESSAGE }', true],
		['{ $.eventType = "CONNECT" }', false],
		['{ $.eventType != "CONNECT" }', true],
		['{ $.routeKey = "send*" }', true],
		['{ $.routeKey = "*Message" }', true],
		['{ $.routeKey = "s*M*e" }', true],
		['{ $.routeKey = "send" }', false],
		['{ $.path = "/chat/*" }', true],
		// Numbers compare numerically, numeric strings too (API Gateway quotes every value).
		['{ $.status >= 500 }', true],
		['{ $.status > 502 }', false],
		['{ $.status = 502 }', true],
		['{ $.status = 502.0 }', true],
		['{ $.status < 500 }', false],
		['{ $.integrationLatency > 29000 }', true],
		['{ $.integrationLatency <= 29000 }', false],
		['{ $.authorizer.status = 200 }', true],
		['{ $.authorizer.error = "-" }', true],
		['{ $.tags[1] = "green" }', true],
		['{ $.tags[2] = "green" }', false],
		['{ $.cached IS FALSE }', true],
		['{ $.cached IS TRUE }', false],
		['{ $.note IS NULL }', true],
		['{ $.missing NOT EXISTS }', true],
		['{ $.eventType NOT EXISTS }', false],
		// A missing field matches no comparison, not even !=.
		['{ $.missing != "x" }', false],
		['{ $.eventType = "MESSAGE" && $.status >= 500 }', true],
		['{ $.eventType = "CONNECT" && $.status >= 500 }', false],
		['{ $.eventType = "CONNECT" || $.status >= 500 }', true],
		['{ ($.eventType = "CONNECT" || $.eventType = "MESSAGE") && $.status = 502 }', true],
		['{ $.eventType = "CONNECT" || $.eventType = "MESSAGE" && $.status = 200 }', false],
		['{$.status>=500&&$.routeKey="sendMessage"}', true],
		['{ $.requestId = %^Iq9g% }', true],
		['{ $.eventType = "message" }', false],
	];
	it.each(cases)('%s -> %s', (pattern, matches) => {
		expect(compileFilterPattern(pattern)(ACCESS)).toBe(matches);
	});

	it.each(['not json at all', '"a json string"', '42', '{"eventType": "MESSAGE"'])('a JSON pattern never matches the non-object %j', (message) => {
		expect(compileFilterPattern('{ $.eventType = "MESSAGE" }')(message)).toBe(false);
		expect(compileFilterPattern('{ $.eventType NOT EXISTS }')(message)).toBe(false);
	});

	it('parses && tighter than ||', () => {
		const parsed = parseFilterPattern('{ $.a = 1 || $.b = 2 && $.c = 3 }');
		expect(parsed.kind === 'json' && parsed.expression.kind).toBe('or');
	});
});

describe('malformed patterns', () => {
	it.each([
		'"unterminated',
		'?',
		'ERROR -',
		'ab"cd',
		'%unterminated',
		'%(group)%',
		'%[a-%',
		'{ $.a = 1',
		'{ $.a = 1 } trailing',
		'{ a = 1 }',
		'{ $ = 1 }',
		'{ $.a == 1 }',
		'{ $.a >= "text" }',
		'{ $.a = }',
		'{ $.a IS MAYBE }',
		'{ $.a NOT THERE }',
		'{ $.a = 1 && }',
		'{ ($.a = 1 }',
		'{ $.a = 1 ; }',
		'[ip, user, status=500]',
	])('%j is rejected', (pattern) => {
		expect(() => compileFilterPattern(pattern)).toThrow(FilterPatternError);
	});

	it('never throws anything but FilterPatternError, whatever the input', () => {
		const alphabet = ['{', '}', '(', ')', '$', '.', 'a', '=', '!', '<', '>', '"', '%', '?', '-', '&&', '||', ' ', '1', '[', ']', '*', '\\'];
		let seed = 7;
		for (let round = 0; round < 2000; round++) {
			let pattern = '';
			const length = round % 17;
			for (let index = 0; index < length; index++) {
				seed = (seed * 1103515245 + 12345) % 2147483648;
				pattern += alphabet[seed % alphabet.length];
			}
			try {
				compileFilterPattern(pattern)(ACCESS);
			} catch (error) {
				expect(error, pattern).toBeInstanceOf(FilterPatternError);
			}
		}
	});
});
