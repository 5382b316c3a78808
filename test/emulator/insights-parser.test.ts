// The emulator's Logs Insights grammar: every example of the AWS query-syntax pages parses; what the
// subset does not know, and what the service rejects, is a MalformedQueryError with a position.

import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {MalformedQueryError, parseInsightsQuery} from '../../source/emulator/insights-parser.js';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/insights/aws-query-syntax-examples.json', import.meta.url), 'utf8')) as {
	examples: Array<{source: string; query: string}>;
};

describe('parseInsightsQuery', () => {
	it.each(fixture.examples.map((example) => [example.query, example.source]))('parses the AWS example %j (%s)', (query) => {
		expect(parseInsightsQuery(query).commands.length).toBeGreaterThan(0);
	});

	it('reads commands, aliases, written names and operators', () => {
		const {commands} = parseInsightsQuery(
			'fields @timestamp, status as s | filter (s >= 500 or s in [429, "403"]) and not ispresent(`error.message`) and path like /^\\/v1/ | stats count(*) as n, pct(integrationLatency, 95) by routeKey, bin(1h) | sort n desc, routeKey | limit 5 | dedup routeKey',
		);
		expect(commands.map((command) => command.kind)).toEqual(['fields', 'filter', 'stats', 'sort', 'limit', 'dedup']);
		const stats = commands[2];
		expect(stats?.kind === 'stats' && [...stats.groups, ...stats.items].map((item) => item.name)).toEqual(['routeKey', 'bin(1h)', 'n', 'pct(integrationLatency, 95)']);
		const sort = commands[3];
		expect(sort?.kind === 'sort' && sort.keys.map((key) => key.descending)).toEqual([true, false]);
	});

	it('reads a glob parse into a regex whose last wildcard takes the rest', () => {
		const [parse] = parseInsightsQuery('parse @message "* [*] *" as a, b, c').commands;
		expect(parse?.kind === 'parse' && parse.pattern.exec('x y [WARN] rest of it')?.slice(1)).toEqual(['x y', 'WARN', 'rest of it']);
	});

	it('tells division from a regex', () => {
		const [stats] = parseInsightsQuery('stats sum(bytes / 2) as half, max(@duration/1000) as s').commands;
		expect(stats?.kind === 'stats' && stats.slots).toBe(2);
		const [parse] = parseInsightsQuery('parse @message /id=(?<id>\\w+)/').commands;
		expect(parse?.kind === 'parse' && parse.names).toEqual(['id']);
	});

	const malformed: Array<[string, RegExp]> = [
		['', /empty/],
		['fields @message | limit 0', /limit must be between 1 and 10000/],
		['limit 10001', /limit must be between 1 and 10000/],
		['limit 2.5', /whole number/],
		['frobnicate x', /unknown command 'frobnicate'/],
		['unnest items into item', /'unnest' is not supported/],
		['filter count(*) > 1', /only be used in stats/],
		['fields nosuch(x)', /unknown function 'nosuch'/],
		['parse @message "* *" as a', /2 wildcards but 1 field names/],
		['parse @message /no groups/', /named capturing group/],
		['parse @message "x=*"', /'as'/],
		['stats routeKey by status', /inside an aggregate function/],
		['stats count(*) by bin(5w)', /time unit 'w'/],
		['stats pct(latency, 101)', /between 0 and 100/],
		['stats count(*) by bin(status)', /time period/],
		['filter status =', /unexpected symbol found end of query/],
		['filter status in [a]', /a string or a number/],
		['filter path like', /a string or a \/regular expression\//],
		['fields "unterminated', /unterminated string/],
		['filter @message like /open', /unterminated regular expression/],
		['filter x like /(?<bad/', /invalid regular expression/],
		['fields a b', /'\|' or the end of the query/],
		['sort', /unexpected symbol found end of query/],
		['fields @message ||', /a command/],
		['fields x | stats', /unexpected symbol/],
		['stats count(*) as', /a field name/],
		[`fields ${'x'.repeat(10_001)}`, /longer than 10000/],
	];
	it.each(malformed)('rejects %j', (query, message) => {
		let error: unknown;
		try {
			parseInsightsQuery(query);
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(MalformedQueryError);
		expect((error as Error).message).toMatch(message);
		expect((error as MalformedQueryError).offset).toBeGreaterThanOrEqual(0);
	});
});
