// The category filters `stats` sends say what the classifier says: for any access line (any mix of
// statuses, response types, messages and step fields), a line passes a category's filter exactly when the
// engine gives its request an error of that category. The filters are read here by a reader of just the
// comparisons the builder writes; the emulator's own query engine checks them again end to end.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {errorCategoriesOf} from '../../source/core/error-counts.js';
import {buildRequestView} from '../../source/core/request-view.js';
import {ERROR_CATEGORIES, type AccessFields} from '../../source/core/types.js';
import {accessQueryFields} from '../../source/sources/insights/access-query-fields.js';
import {anyErrorPredicate, categoryPredicates} from '../../source/sources/insights/error-predicates.js';
import type {Expression} from '../../source/sources/insights/query-expression.js';

const VARIABLES = [
	'status',
	'error.responseType',
	'error.message',
	'authorizer.error',
	'authorizer.status',
	'authorizer.principalId',
	'authorizer.latency',
	'waf.status',
	'waf.error',
	'wafResponseCode',
	'integration.error',
	'integration.status',
	'integrationLatency',
	'integrationErrorMessage',
	'error.validationErrorString',
	'routeKey',
];
const STATUSES = ['200', '400', '401', '403', '404', '429', '500', '502', '503', '504', '-', ''];
const VALUES: Record<string, string[]> = {
	'error.responseType': ['UNAUTHORIZED', 'waf_filtered', 'INTEGRATION_TIMEOUT', 'THROTTLED', 'BAD_REQUEST_BODY', 'API_CONFIGURATION_ERROR', 'DEFAULT_4XX', 'DEFAULT_5XX', '-'],
	'error.message': ['Unauthorized', ' Limit Exceeded', 'Endpoint request timed out', 'Missing Authentication Token', 'Internal server error', 'Forbidden', 'bad signature here', '-'],
	'wafResponseCode': ['WAF_BLOCK', 'waf_allow', '-'],
};

/** Reads the comparisons the builder writes: `field = 429`, `field < 400`, `field >= 500`, `field =~ /re/`. */
function matches(expression: Expression, fields: AccessFields, name: (field: string) => string): boolean {
	switch (expression.kind) {
		case 'constant':
			return expression.value;
		case 'not':
			return !matches(expression.operand, fields, name);
		case 'all':
			return expression.operands.every((operand) => matches(operand, fields, name));
		case 'any':
			return expression.operands.some((operand) => matches(operand, fields, name));
		case 'term': {
			const [, field, operator, operand] = /^(\S+) (=~|=|<|>=) (.*)$/.exec(expression.text)!;
			const value = fields[name(field!)];
			if (value === undefined) return false;
			if (operator === '=~') {
				const [, source, ] = /^\/(.*)\/$/.exec(operand!)!;
				const insensitive = source!.startsWith('(?i)');
				return new RegExp(insensitive ? source!.slice(4) : source!, insensitive ? 'i' : '').test(value);
			}

			const number = Number(value);
			if (value.trim() === '' || Number.isNaN(number)) return false;
			return operator === '=' ? number === Number(operand) : operator === '<' ? number < Number(operand) : number >= Number(operand);
		}
	}
}

const accessLine = fc
	.record(
		Object.fromEntries(
			VARIABLES.map((variable) => [
				variable,
				fc.option(
					variable === 'status' || variable.endsWith('.status')
						? fc.constantFrom(...STATUSES)
						: fc.constantFrom(...(VALUES[variable] ?? ['some text', '-', '12'])),
					{nil: undefined},
				),
			]),
		),
	)
	.map((record) => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as AccessFields);

describe('category filters', () => {
	it.each([
		['every field', VARIABLES],
		['status only', ['status', 'routeKey']],
		['no status', VARIABLES.filter((variable) => variable !== 'status')],
		['response type and status', ['status', 'error.responseType', 'routeKey']],
	])('%s: a line passes a category filter exactly when the classifier gives it that category', (_, logged) => {
		const template = `{"requestId":"$context.requestId",${logged.map((variable) => `"${variable.replace('.', '_')}":"$context.${variable}"`).join(',')}}`;
		const fields = accessQueryFields(template);
		const predicates = categoryPredicates(fields);
		const anyError = anyErrorPredicate(fields);
		const variableOf = new Map(logged.map((variable) => [fields.field(variable)!, variable]));
		fc.assert(
			fc.property(accessLine, (all) => {
				// -: AWS's "no value", dropped by the parser as it reads a line (core/parse/access-fields.ts).
				const access = Object.fromEntries(Object.entries(all).filter(([variable, value]) => logged.includes(variable) && value !== '-'));
				const view = buildRequestView({
					requestId: 'r1',
					aliases: new Set(),
					execution: [],
					access: [{type: 'access', requestId: 'r1', fields: access, guessed: false, timestamp: 0, event: {timestamp: 0, message: ''}}],
				});
				const expected = errorCategoriesOf(view);
				const name = (field: string) => variableOf.get(field)!;
				const got = ERROR_CATEGORIES.filter((category) => matches(predicates[category], access, name));
				expect(got, JSON.stringify(access)).toEqual(expected);
				expect(matches(anyError, access, name), JSON.stringify(access)).toBe(expected.length > 0);
			}),
			{numRuns: 3000},
		);
	});
});
