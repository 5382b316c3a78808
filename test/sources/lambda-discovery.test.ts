// Lambda discovery with real SDK clients (createAwsClients) against the emulator: the functions behind
// each API type's integrations and authorizers, their log groups, and every way a function can be out
// of reach (unresolved stage variable, another account or region, denied, missing) as a warning.

import {describe, expect, it} from 'vitest';
import {lambdaInvocationUri} from '../../source/emulator/apigw-standard-fixtures.js';
import {lambdaFunctionArn} from '../../source/emulator/lambda-functions.js';
import {logGroupArn} from '../../source/emulator/logs-store.js';
import {discoverStage} from '../../source/sources/discovery/discovery.js';
import {discoverLambdaFunctions, findLambdaLogGroups, lambdaLogGroupMap} from '../../source/sources/discovery/lambda-functions.js';
import {readLambdaUri} from '../../source/sources/discovery/lambda-uris.js';
import {useEmulatedAws} from '../helpers/emulated-aws.js';

const aws = useEmulatedAws('apigw-tail-lambda-discovery-');

async function lambdasOf(api: string, stage: string) {
	const {clients} = await aws.standard();
	const found = await discoverStage(clients, api, stage);
	return discoverLambdaFunctions(clients, found);
}

describe('readLambdaUri', () => {
	const arn = 'arn:aws:lambda:eu-west-1:123456789012:function:orders';
	it.each([
		['the API Gateway invocation path', `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${arn}/invocations`, {}, {arn, qualifier: undefined}],
		['a plain function ARN', arn, {}, {arn, qualifier: undefined}],
		['an alias', `${arn}:live`, {}, {arn, qualifier: 'live'}],
		['a version in the path', `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${arn}:7/invocations`, {}, {arn, qualifier: '7'}],
		['a stage variable for the alias', `${arn}:\${stageVariables.alias}`, {alias: 'blue'}, {arn, qualifier: 'blue'}],
		['a stage variable for the name', 'arn:aws:lambda:eu-west-1:123456789012:function:${stageVariables.fn}', {fn: 'orders'}, {arn, qualifier: undefined}],
		['GovCloud', 'arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:x', {}, {arn: 'arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:x', qualifier: undefined}],
	])('%s', (_, uri, variables, expected) => {
		const reading = readLambdaUri(uri, variables);
		expect(reading.kind === 'function' ? {arn: reading.function.arn, qualifier: reading.function.qualifier} : reading).toEqual(expected);
	});

	it('an undefined stage variable is unresolved; HTTP and service integrations are not Lambdas', () => {
		expect(readLambdaUri(`arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/\${stageVariables.fn}/invocations`, {})).toEqual({
			kind: 'unresolved',
			variables: ['fn'],
		});
		expect(readLambdaUri(`${'arn:aws:lambda:us-east-1:123456789012:function:a'}:\${stageVariables.alias}`, {})).toEqual({kind: 'unresolved', variables: ['alias']});
		expect(readLambdaUri('https://example.com/${stageVariables.host}', {})).toEqual({kind: 'other'});
		expect(readLambdaUri('arn:aws:apigateway:us-east-1:sqs:path/123456789012/queue', {})).toEqual({kind: 'other'});
		expect(readLambdaUri(undefined, {})).toEqual({kind: 'other'});
	});
});

describe('discoverLambdaFunctions on the standard APIs', () => {
	it('the demo chat API: four integrations and the $connect authorizer, chat-default in its custom group', async () => {
		const {functions, warnings} = await lambdasOf('chat-demo', 'prod');
		expect(warnings).toEqual([]);
		expect(functions).toEqual([
			{functionName: 'chat-authorizer', functionArn: lambdaFunctionArn('chat-authorizer'), role: 'authorizer', routeKeys: ['$connect'], logGroup: '/aws/lambda/chat-authorizer'},
			{functionName: 'chat-connect', functionArn: lambdaFunctionArn('chat-connect'), role: 'integration', routeKeys: ['$connect'], logGroup: '/aws/lambda/chat-connect'},
			{functionName: 'chat-default', functionArn: lambdaFunctionArn('chat-default'), role: 'integration', routeKeys: ['$default'], logGroup: '/chat-demo/functions'},
			{functionName: 'chat-disconnect', functionArn: lambdaFunctionArn('chat-disconnect'), role: 'integration', routeKeys: ['$disconnect'], logGroup: '/aws/lambda/chat-disconnect'},
			{functionName: 'chat-sendmessage', functionArn: lambdaFunctionArn('chat-sendmessage'), role: 'integration', routeKeys: ['sendmessage'], logGroup: '/aws/lambda/chat-sendmessage'},
		]);
		expect(lambdaLogGroupMap(functions).get('/chat-demo/functions')).toBe('chat-default');
	});

	it('HTTP: a plain function ARN; the JWT authorizer has no function', async () => {
		const {functions, warnings} = await lambdasOf('orders-http', '$default');
		expect(warnings).toEqual([]);
		expect(functions.map((f) => [f.functionName, f.role, f.routeKeys, f.logGroup])).toEqual([['orders-create', 'integration', ['POST /orders'], '/aws/lambda/orders-create']]);
	});

	it('REST: the alias comes from the stage variable; a stage without it warns and keeps the authorizer', async () => {
		const prod = await lambdasOf('payments-rest', 'prod');
		expect(prod.warnings).toEqual([]);
		expect(prod.functions.map((f) => [f.functionName, f.role, f.routeKeys])).toEqual([
			['payments-auth', 'authorizer', ['POST /payments']],
			['payments-charge', 'integration', ['POST /payments']],
		]);
		const dev = await lambdasOf('payments-rest', 'dev');
		expect(dev.warnings).toEqual(['the integration of POST /payments calls a Lambda through ${stageVariables.chargeAlias}, which the stage does not define: its function is unknown']);
		expect(dev.functions.map((f) => f.functionName)).toEqual(['payments-auth']);
	});
});

describe('functions out of reach are warnings, never a stop', () => {
	it('another account, another region, denied, missing: each says why; a shared group names both functions', async () => {
		const {emulator, clients} = await aws.standard();
		const uri = (arn: string): string => lambdaInvocationUri(arn);
		emulator.apis.functions.add({name: 'locked', runtime: 'nodejs22.x', denied: true});
		emulator.apis.functions.add({name: 'shared-a', runtime: 'nodejs22.x', logGroup: '/team/shared'});
		emulator.apis.functions.add({name: 'shared-b', runtime: 'python3.13', logGroup: '/team/shared'});
		const integrations = [
			['i1', 'arn:aws:lambda:us-east-1:999999999999:function:theirs'],
			['i2', 'arn:aws:lambda:eu-west-1:123456789012:function:far'],
			['i3', lambdaFunctionArn('locked')],
			['i4', lambdaFunctionArn('gone')],
			['i5', lambdaFunctionArn('shared-a')],
			['i6', lambdaFunctionArn('shared-b')],
		].map(([integrationId = '', arn = '']) => ({integrationId, integrationType: 'AWS_PROXY', integrationUri: uri(arn)}));
		integrations.push({integrationId: 'i7', integrationType: 'HTTP_PROXY', integrationUri: 'https://example.com/{proxy}'});
		const apiId = emulator.apis.addHttpApi({
			name: 'edge',
			stages: [{stageName: 'prod'}],
			integrations,
			routes: integrations.map(({integrationId}) => ({routeKey: `GET /${integrationId}`, integrationId})),
		});
		const {functions, warnings} = await discoverLambdaFunctions(clients, {apiId, apiType: 'HTTP', stageVariables: {}, account: '123456789012'});
		expect(warnings).toEqual([
			"integration theirs is in account 999999999999, not the API's account 123456789012: its logs cannot be read from here",
			'integration far is in eu-west-1, not us-east-1: tail its log group with --region eu-west-1 --log-group',
			expect.stringMatching(/^integration locked could not be read \(GetFunctionConfiguration was denied in us-east-1 \(AccessDeniedException\): the identity needs lambda:GetFunctionConfiguration: .*\): assuming its log group is \/aws\/lambda\/locked$/),
			expect.stringMatching(/^integration gone does not exist \(.*Function not found.*\): not tailed$/),
		]);
		expect(functions.map((f) => f.functionName)).toEqual(['locked', 'shared-a', 'shared-b']);
		const groups = lambdaLogGroupMap(functions);
		expect(groups).toEqual(new Map([['/aws/lambda/locked', 'locked'], ['/team/shared', 'shared-a, shared-b']]));

		emulator.logs.createLogGroup('/team/shared');
		const found = await findLambdaLogGroups(clients, [...groups.keys()]);
		expect(found.found).toEqual([{name: '/team/shared', arn: logGroupArn('/team/shared')}]);
		expect(found.warnings).toEqual([
			'Lambda log group /aws/lambda/locked does not exist in us-east-1 (the function has not logged yet, or logs elsewhere): not tailed',
		]);
	});

	it('without a known API account, another account is asked, and its refusal is the warning', async () => {
		const {emulator, clients} = await aws.standard();
		const apiId = emulator.apis.addWebSocketApi({
			name: 'edge-ws',
			stages: [{stageName: 'prod'}],
			integrations: [{integrationId: 'i1', integrationType: 'AWS', integrationUri: lambdaInvocationUri('arn:aws:lambda:us-east-1:999999999999:function:theirs')}],
			routes: [{routeKey: '$default', integrationId: 'i1'}],
		});
		const {functions, warnings} = await discoverLambdaFunctions(clients, {apiId, apiType: 'WEBSOCKET', stageVariables: {}, account: undefined});
		expect(warnings).toEqual([expect.stringMatching(/^integration theirs could not be read \(.*AccessDeniedException.*\): assuming its log group is \/aws\/lambda\/theirs$/)]);
		expect(functions.map((f) => f.logGroup)).toEqual(['/aws/lambda/theirs']);
	});
});
