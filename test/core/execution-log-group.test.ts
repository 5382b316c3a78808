import {describe, expect, it} from 'vitest';
import {executionLogGroupName, isExecutionLogGroup, parseExecutionLogGroup} from '../../source/core/execution-log-group.js';

describe('execution-log group names', () => {
	it('reads back the API and stage it was built from', () => {
		const name = executionLogGroupName('z1ctxygne5', 'production');
		expect(name).toBe('API-Gateway-Execution-Logs_z1ctxygne5/production');
		expect(isExecutionLogGroup(name)).toBe(true);
		expect(parseExecutionLogGroup(name)).toEqual({apiId: 'z1ctxygne5', stage: 'production'});
	});

	it.each([
		{name: 'API-Gateway-Execution-Logs_abc/prod/v2', parsed: {apiId: 'abc', stage: 'prod/v2'}, execution: true},
		{name: 'API-Gateway-Execution-Logs_abc', parsed: undefined, execution: true},
		{name: 'API-Gateway-Execution-Logs_/prod', parsed: undefined, execution: true},
		{name: '/aws/apigateway/abc/prod/access', parsed: undefined, execution: false},
		{name: 'x-API-Gateway-Execution-Logs_abc/prod', parsed: undefined, execution: false},
	])('$name', ({name, parsed, execution}) => {
		expect(isExecutionLogGroup(name)).toBe(execution);
		expect(parseExecutionLogGroup(name)).toEqual(parsed);
	});
});
