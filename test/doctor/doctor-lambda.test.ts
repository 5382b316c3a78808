// The doctor and the API's Lambda functions, with real SDK clients against the emulator: their log
// groups must exist and be readable, and every function out of reach is said in the check.

import {describe, expect, it} from 'vitest';
import {runDoctorChecks, type DoctorReport} from '../../source/doctor/doctor.js';
import {lambdaInvocationUri} from '../../source/emulator/apigw-standard-fixtures.js';
import {lambdaFunctionArn} from '../../source/emulator/lambda-functions.js';
import {logGroupArn} from '../../source/emulator/logs-store.js';
import {useEmulatedAws} from '../helpers/emulated-aws.js';

const aws = useEmulatedAws('apigw-tail-doctor-lambda-');

const lambdaCheck = (report: DoctorReport) => report.checks.find((item) => item.id === 'lambda-log-groups');

describe('the lambda-log-groups check', () => {
	it('REST dev: the stage does not name the charge function; the authorizer group is readable', async () => {
		const {clients} = await aws.standard();
		const report = await runDoctorChecks(clients, 'payments-rest', 'dev');
		expect(lambdaCheck(report)).toEqual({
			id: 'lambda-log-groups',
			status: 'warn',
			title: 'Lambda log groups',
			detail: '1 of 1 group readable; the integration of POST /payments calls a Lambda through ${stageVariables.chargeAlias}, which the stage does not define: its function is unknown',
		});
	});

	it('a function that never ran has no group: a warning naming it; the stage stays healthy', async () => {
		const {emulator, clients} = await aws.standard();
		emulator.apis.functions.add({name: 'never-ran', runtime: 'python3.13'});
		const group = '/aws/apigateway/n1e2v3e4r5/prod/access';
		emulator.logs.createLogGroup(group);
		emulator.apis.addHttpApi({
			id: 'n1e2v3e4r5',
			name: 'fresh-http',
			stages: [{stageName: 'prod', accessLogSettings: {destinationArn: logGroupArn(group), format: '$context.requestId $context.integration.requestId'}}],
			integrations: [{integrationId: 'i1', integrationType: 'AWS_PROXY', integrationUri: lambdaInvocationUri(lambdaFunctionArn('never-ran'))}],
			routes: [{routeKey: 'GET /', integrationId: 'i1'}],
		});
		const report = await runDoctorChecks(clients, 'fresh-http', 'prod');
		expect(lambdaCheck(report)).toMatchObject({
			status: 'warn',
			detail: '0 of 1 group readable; /aws/lambda/never-ran (never-ran) does not exist: the function has not run since it was created, or logs elsewhere',
		});
		// The format already names the integration's request id: only the error fields are asked for.
		expect(report.checks.find((item) => item.id === 'access-format')?.detail).not.toContain('integration.requestId');
	});

	it('an API without Lambdas has no such check', async () => {
		const {emulator, clients} = await aws.standard();
		emulator.apis.addWebSocketApi({id: 'm1o2c3k4w5', name: 'mock-ws', stages: [{stageName: 'prod', loggingLevel: 'INFO'}], integrations: [{integrationId: 'i1', integrationType: 'MOCK'}], routes: [{routeKey: '$default', integrationId: 'i1'}]});
		const report = await runDoctorChecks(clients, 'mock-ws', 'prod');
		expect(lambdaCheck(report)).toBeUndefined();
	});
});
