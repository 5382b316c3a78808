// The API Gateway control plane reads discovery needs: which API a user means (by id or name, among
// WebSocket/HTTP APIs of apigatewayv2 and REST APIs of api-gateway) and how one of its stages logs.

import {GetRestApisCommand, GetStageCommand as GetRestStageCommand, GetStagesCommand as GetRestStagesCommand} from '@aws-sdk/client-api-gateway';
import {GetApisCommand, GetStageCommand, GetStagesCommand} from '@aws-sdk/client-apigatewayv2';
import {sanitizeLine} from '../../core/sanitize.js';
import {UserError} from '../../exit-codes.js';
import type {AwsClients} from '../cloudwatch/clients.js';
import {awsCallError, callAws, isNotFound, type AwsCall} from './errors.js';

export type ApiType = 'WEBSOCKET' | 'HTTP' | 'REST';

export interface FoundApi {
	apiId: string;
	apiName: string;
	apiType: ApiType;
}

export type LoggingLevel = 'OFF' | 'ERROR' | 'INFO';

export interface StageLogSettings {
	/** The most verbose execution logging level of the stage (default and per-route/method); undefined for HTTP APIs. */
	executionLogging: LoggingLevel | undefined;
	accessLog: {destinationArn: string; format: string | undefined} | undefined;
	/** `${stageVariables.NAME}` in integration and authorizer URIs resolves from these. */
	stageVariables: Record<string, string>;
}

const APIGATEWAY_GET = 'apigateway:GET';
const call = (operation: string): AwsCall => ({operation, permission: APIGATEWAY_GET});
// Listing pages are cheap; the largest the services allow keeps the call count (and throttling) down.
const V2_PAGE_SIZE = '500';
const REST_PAGE_SIZE = 500;

/** The one API whose id, or else whose name, is `wanted`; a UserError when there is none or the name is ambiguous. */
export async function findApi(clients: AwsClients, wanted: string): Promise<FoundApi> {
	const [v2Apis, restApis] = await Promise.all([listV2Apis(clients), listRestApis(clients)]);
	const all = [...v2Apis, ...restApis];
	const byId = all.find((api) => api.apiId === wanted);
	if (byId !== undefined) return byId;
	const byName = all.filter((api) => api.apiName === wanted);
	const [only] = byName;
	if (only !== undefined && byName.length === 1) return only;
	if (byName.length > 1) {
		const ids = byName.map((api) => `${api.apiId} (${api.apiType})`).join(', ');
		throw new UserError(`API name ${show(wanted)} matches ${byName.length} APIs in ${clients.region}: ${ids}: pass the id instead`);
	}
	const lower = wanted.toLowerCase();
	const similar = all.filter((api) => api.apiName.toLowerCase() === lower).map((api) => `${show(api.apiName)} (${api.apiId})`);
	throw new UserError(
		`no API with id or name ${show(wanted)} in ${clients.region} (searched ${v2Apis.length} WebSocket/HTTP and ${restApis.length} REST APIs)` +
			(similar.length > 0 ? `: did you mean ${similar.join(', ')}?` : ': check --region and --profile'),
	);
}

export async function readStageLogSettings(clients: AwsClients, api: FoundApi, stage: string): Promise<StageLogSettings> {
	try {
		return api.apiType === 'REST' ? await readRestStage(clients, api, stage) : await readV2Stage(clients, api, stage);
	} catch (error) {
		if (!isNotFound(error)) throw awsCallError(call('GetStage'), clients.region, error);
	}
	const stages = await listStageNames(clients, api);
	const available = stages.length === 0 ? 'the API has no stages' : `available stages: ${stages.map(sanitizeLine).join(', ')}`;
	throw new UserError(`no stage ${show(stage)} on API ${show(api.apiName)} (${api.apiId}): ${available}`);
}

async function readV2Stage(clients: AwsClients, api: FoundApi, stage: string): Promise<StageLogSettings> {
	const output = await clients.apigwV2.send(new GetStageCommand({ApiId: api.apiId, StageName: stage}));
	const levels = [output.DefaultRouteSettings?.LoggingLevel, ...Object.values(output.RouteSettings ?? {}).map((route) => route.LoggingLevel)];
	const destinationArn = output.AccessLogSettings?.DestinationArn;
	return {
		executionLogging: api.apiType === 'WEBSOCKET' ? mostVerbose(levels) : undefined,
		accessLog: destinationArn ? {destinationArn, format: output.AccessLogSettings?.Format || undefined} : undefined,
		stageVariables: output.StageVariables ?? {},
	};
}

async function readRestStage(clients: AwsClients, api: FoundApi, stage: string): Promise<StageLogSettings> {
	const output = await clients.apigwV1.send(new GetRestStageCommand({restApiId: api.apiId, stageName: stage}));
	const levels = Object.values(output.methodSettings ?? {}).map((method) => method.loggingLevel);
	const destinationArn = output.accessLogSettings?.destinationArn;
	return {
		executionLogging: mostVerbose(levels),
		accessLog: destinationArn ? {destinationArn, format: output.accessLogSettings?.format || undefined} : undefined,
		stageVariables: output.variables ?? {},
	};
}

/** A stage logs a route or method when any setting says so; an unset level is OFF, as on a fresh stage. */
function mostVerbose(levels: ReadonlyArray<string | undefined>): LoggingLevel {
	if (levels.includes('INFO')) return 'INFO';
	if (levels.includes('ERROR')) return 'ERROR';
	return 'OFF';
}

async function listV2Apis(clients: AwsClients): Promise<FoundApi[]> {
	const apis: FoundApi[] = [];
	let token: string | undefined;
	do {
		const output = await callAws(call('GetApis'), clients.region, () =>
			clients.apigwV2.send(new GetApisCommand({MaxResults: V2_PAGE_SIZE, ...(token === undefined ? {} : {NextToken: token})})),
		);
		for (const item of output.Items ?? []) {
			if (item.ApiId === undefined) continue;
			apis.push({apiId: item.ApiId, apiName: item.Name ?? '', apiType: item.ProtocolType === 'WEBSOCKET' ? 'WEBSOCKET' : 'HTTP'});
		}
		token = nextToken(token, output.NextToken);
	} while (token !== undefined);
	return apis;
}

async function listRestApis(clients: AwsClients): Promise<FoundApi[]> {
	const apis: FoundApi[] = [];
	let position: string | undefined;
	do {
		const output = await callAws(call('GetRestApis'), clients.region, () =>
			clients.apigwV1.send(new GetRestApisCommand({limit: REST_PAGE_SIZE, ...(position === undefined ? {} : {position})})),
		);
		for (const item of output.items ?? []) {
			if (item.id !== undefined) apis.push({apiId: item.id, apiName: item.name ?? '', apiType: 'REST'});
		}
		position = nextToken(position, output.position);
	} while (position !== undefined);
	return apis;
}

async function listStageNames(clients: AwsClients, api: FoundApi): Promise<string[]> {
	if (api.apiType === 'REST') {
		const output = await callAws(call('GetStages'), clients.region, () => clients.apigwV1.send(new GetRestStagesCommand({restApiId: api.apiId})));
		return (output.item ?? []).flatMap((stage) => (stage.stageName === undefined ? [] : [stage.stageName]));
	}
	const names: string[] = [];
	let token: string | undefined;
	do {
		const output = await callAws(call('GetStages'), clients.region, () =>
			clients.apigwV2.send(new GetStagesCommand({ApiId: api.apiId, MaxResults: V2_PAGE_SIZE, ...(token === undefined ? {} : {NextToken: token})})),
		);
		for (const stage of output.Items ?? []) if (stage.StageName !== undefined) names.push(stage.StageName);
		token = nextToken(token, output.NextToken);
	} while (token !== undefined);
	return names;
}

/** The next page's token; a service that hands back the same token again would otherwise loop forever. */
export function nextToken(previous: string | undefined, next: string | undefined): string | undefined {
	return next === undefined || next === '' || next === previous ? undefined : next;
}

function show(text: string): string {
	return JSON.stringify(sanitizeLine(text));
}
