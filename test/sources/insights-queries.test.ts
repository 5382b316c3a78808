// The Logs Insights queries `stats` sends, built from each access-log format: what each one counts, that
// rules about fields a format does not log fold away, and that text formats get a `parse` that reads their lines.
import {describe, expect, it} from 'vitest';
import {ACCESS_LOG_PRESETS} from '../../source/core/parse/access-format.js';
import {DEMO_ACCESS_LOG_FORMAT} from '../../source/emulator/traffic.js';
import {accessQueryFields} from '../../source/sources/insights/access-query-fields.js';
import {binUnit, buildStatsQueries, quote} from '../../source/sources/insights/stats-queries.js';
import {parseInsightsQuery} from '../../source/emulator/insights-parser.js';

const PRESETS = Object.entries(ACCESS_LOG_PRESETS).flatMap(([api, formats]) =>
	Object.entries(formats).map(([name, template]) => ({label: `${api} ${name}`, template})),
);

describe('access fields for a query', () => {
	it('reads JSON keys as Insights fields, nested keys with dots and odd keys in backticks', () => {
		const fields = accessQueryFields('{"requestId":"$context.requestId","error":{"type":"$context.error.responseType"},"a-b":"$context.status"}');
		expect(fields.parse).toBeUndefined();
		expect(fields.field('requestId')).toBe('requestId');
		expect(fields.field('error.responseType')).toBe('error.type');
		expect(fields.field('status')).toBe('`a-b`');
		expect(fields.field('routeKey')).toBeUndefined();
	});

	it.each(PRESETS.filter(({label}) => !label.endsWith('json')))('$label: the parse regex reads a line of the format', ({template}) => {
		const fields = accessQueryFields(template);
		const source = /^parse @message \/(.*)\/$/.exec(fields.parse ?? '')?.[1];
		expect(source).toBeDefined();
		const line = template.replace(/\$context\.([A-Za-z.]+)/g, (_, variable: string) => (variable === 'requestTime' ? '05/Dec/2026:12:00:00 +0000' : `v-${variable}`));
		const groups = new RegExp(source!.replaceAll('\\/', '/')).exec(line)?.groups ?? {};
		for (const variable of fields.variables) {
			const name = fields.field(variable)!;
			expect(groups[name], variable).toBe(variable === 'requestTime' ? '05/Dec/2026:12:00:00 +0000' : `v-${variable}`);
		}
	});
});

describe('stats queries', () => {
	it('counts events and statuses for a format without error fields, and says which categories it cannot tell apart', () => {
		const plan = buildStatsQueries(ACCESS_LOG_PRESETS.websocket.json, {binMs: 3_600_000});
		expect(plan.queries.map((query) => query.name)).toEqual(['events', 'errors:integration', 'errors:throttle', 'errors:client', 'errors:gateway']);
		expect(plan.queries[0]!.queryString).toBe('stats count(*) as requests by bin(1h), routeKey, eventType');
		expect(plan.queries.find((query) => query.name === 'errors:throttle')!.queryString).toBe(
			'filter status = 429 | stats count(*) as requests by bin(1h), routeKey',
		);
		expect(plan.blindSpots.join('\n')).toMatch(/authorizer denials count as client errors/);
		expect(plan.blindSpots.join('\n')).toMatch(/WAF blocks count as client errors/);
	});

	it('gives every category a query when the format logs every error field, with latency and --top', () => {
		const plan = buildStatsQueries(DEMO_ACCESS_LOG_FORMAT, {binMs: 300_000, top: 3, route: 'send"x'});
		expect(plan.queries.map((query) => query.name)).toEqual([
			'events',
			'errors:authorizer',
			'errors:waf',
			'errors:integration',
			'errors:throttle',
			'errors:client',
			'errors:gateway',
			'latency-bins',
			'latency-histogram',
			'top-connections',
			'top-errors',
			'top-latency',
		]);
		for (const query of plan.queries) {
			expect(query.queryString).toContain('routeKey = "send\\"x"');
			expect(query.queryString.length).toBeLessThanOrEqual(10_000);
		}

		expect(plan.queries.find((query) => query.name === 'latency-histogram')!.queryString).toMatch(/stats count\(\*\) as requests by routeKey, integrationLatency$/);
		expect(plan.blindSpots).toEqual([]);
	});

	it('groups REST requests by method and path', () => {
		const plan = buildStatsQueries(ACCESS_LOG_PRESETS.rest.clf, {binMs: 86_400_000, route: 'GET /pets'});
		expect(plan.columns.route).toEqual(['ctx_httpMethod', 'ctx_resourcePath']);
		expect(plan.queries[0]!.queryString).toMatch(/^parse @message \/.+\/ \| filter \(ctx_httpMethod = "GET"\) and \(ctx_resourcePath = "\/pets"\) \| stats count\(\*\) as requests by bin\(1d\), ctx_httpMethod, ctx_resourcePath$/);
	});

	it('names bins in the largest unit that divides them and quotes strings', () => {
		expect([binUnit(3_600_000), binUnit(90_000), binUnit(86_400_000 * 2), binUnit(1500)]).toEqual(['1h', '90s', '2d', '1500ms']);
		expect(quote('a\\b"c')).toBe('"a\\\\b\\"c"');
	});
});

describe('the emulator reads every query stats can send', () => {
	const formats = [...PRESETS, {label: 'demo (every error field)', template: DEMO_ACCESS_LOG_FORMAT}];
	it.each(formats)('$label', ({template}) => {
		for (const options of [{binMs: 3_600_000}, {binMs: 300_000, route: '$connect', top: 5}, {binMs: 86_400_000, route: 'GET /pets', top: 1}]) {
			for (const query of buildStatsQueries(template, options).queries) {
				expect(() => parseInsightsQuery(query.queryString), query.queryString).not.toThrow();
			}
		}
	});
});
