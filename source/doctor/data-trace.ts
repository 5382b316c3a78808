// Where a stage logs full payloads (data trace). Discovery's stage reader does not need this, so the
// doctor reads the stage once more for it.

import {GetStageCommand as GetRestStageCommand} from '@aws-sdk/client-api-gateway';
import {GetStageCommand} from '@aws-sdk/client-apigatewayv2';
import type {AwsClients} from '../sources/cloudwatch/clients.js';
import type {FoundApi} from '../sources/discovery/apis.js';
import {callAws} from '../sources/discovery/errors.js';
import type {DataTraceSources} from './fixes.js';

const GET_STAGE = {operation: 'GetStage', permission: 'apigateway:GET'};

/** Undefined for HTTP APIs, which have no data trace. */
export async function readDataTrace(clients: AwsClients, api: FoundApi, stage: string): Promise<DataTraceSources | undefined> {
	if (api.apiType === 'HTTP') return undefined;
	if (api.apiType === 'REST') {
		const output = await callAws(GET_STAGE, clients.region, () => clients.apigwV1.send(new GetRestStageCommand({restApiId: api.apiId, stageName: stage})));
		const keys = Object.entries(output.methodSettings ?? {}).flatMap(([key, method]) => (method.dataTraceEnabled === true ? [key] : []));
		return {keys, defaultRoute: false};
	}
	const output = await callAws(GET_STAGE, clients.region, () => clients.apigwV2.send(new GetStageCommand({ApiId: api.apiId, StageName: stage})));
	const keys = Object.entries(output.RouteSettings ?? {}).flatMap(([key, route]) => (route.DataTraceEnabled === true ? [key] : []));
	return {keys, defaultRoute: output.DefaultRouteSettings?.DataTraceEnabled === true};
}

export const tracesData = (sources: DataTraceSources | undefined): boolean => sources !== undefined && (sources.defaultRoute || sources.keys.length > 0);
