// Where an API may call a Lambda: each integration and each authorizer with its URI and the routes
// (WebSocket/HTTP route keys, REST `VERB /path`) it serves. apigatewayv2 answers with GetRoutes,
// GetIntegrations and GetAuthorizers; api-gateway with GetResources (methods embedded) and GetAuthorizers.

import {GetAuthorizersCommand as GetRestAuthorizersCommand, GetResourcesCommand} from '@aws-sdk/client-api-gateway';
import {GetAuthorizersCommand, GetIntegrationsCommand, GetRoutesCommand} from '@aws-sdk/client-apigatewayv2';
import type {AwsClients} from '../cloudwatch/clients.js';
import {nextToken, type FoundApi} from './apis.js';
import {callAws} from './errors.js';

export type LambdaRole = 'integration' | 'authorizer';

export interface LambdaUse {
	role: LambdaRole;
	/** IntegrationUri / AuthorizerUri as the API holds it (stage variables unresolved). */
	uri: string;
	/** The routes it serves, sorted. */
	routeKeys: string[];
	/** How a warning names it: `integration of sendmessage`, `authorizer chat-auth`. */
	label: string;
}

const call = (operation: string) => ({operation, permission: 'apigateway:GET'});
const V2_PAGE_SIZE = '500';
const REST_PAGE_SIZE = 500;

export interface LambdaUses {
	uses: LambdaUse[];
	/** A listing that failed (the authorizers, when only they cannot be read): what is missing and why. */
	warnings: string[];
}

/** Throws UserError when routes, integrations or resources cannot be read; authorizers that cannot be listed are a warning. */
export async function readLambdaUses(clients: AwsClients, api: Pick<FoundApi, 'apiId' | 'apiType'>): Promise<LambdaUses> {
	const wiring: Wiring = {integrations: new Map(), authorizers: new Map()};
	const warnings: string[] = [];
	const readAuthorizers = api.apiType === 'REST' ? readRestAuthorizers : readV2Authorizers;
	try {
		await readAuthorizers(clients, api.apiId, wiring);
	} catch (error) {
		warnings.push(`the API's authorizers could not be listed (${error instanceof Error ? error.message : String(error)}): authorizer functions are not tailed`);
	}
	if (api.apiType === 'REST') await readRestResources(clients, api.apiId, wiring);
	else await readV2Routes(clients, api.apiId, wiring);
	return {uses: usesOf(wiring), warnings};
}

interface Wiring {
	integrations: Map<string, {uri: string; routeKeys: Set<string>}>;
	authorizers: Map<string, {uri: string; name: string; routeKeys: Set<string>}>;
}

function usesOf(wiring: Wiring): LambdaUse[] {
	const uses: LambdaUse[] = [];
	for (const integration of wiring.integrations.values()) {
		const routeKeys = [...integration.routeKeys].sort();
		uses.push({role: 'integration', uri: integration.uri, routeKeys, label: `integration of ${routeKeys.join(', ') || 'no route'}`});
	}
	for (const authorizer of wiring.authorizers.values()) {
		uses.push({role: 'authorizer', uri: authorizer.uri, routeKeys: [...authorizer.routeKeys].sort(), label: `authorizer ${authorizer.name}`});
	}
	return uses;
}

async function readV2Routes(clients: AwsClients, apiId: string, wiring: Wiring): Promise<void> {
	const integrations = await v2Items(clients, 'GetIntegrations', (page) => clients.apigwV2.send(new GetIntegrationsCommand({ApiId: apiId, ...page})));
	for (const item of integrations) {
		if (item.IntegrationId !== undefined && item.IntegrationUri) wiring.integrations.set(item.IntegrationId, {uri: item.IntegrationUri, routeKeys: new Set()});
	}
	for (const route of await v2Items(clients, 'GetRoutes', (page) => clients.apigwV2.send(new GetRoutesCommand({ApiId: apiId, ...page})))) {
		const routeKey = route.RouteKey ?? '';
		const integrationId = route.Target?.startsWith('integrations/') ? route.Target.slice('integrations/'.length) : undefined;
		if (integrationId !== undefined) wiring.integrations.get(integrationId)?.routeKeys.add(routeKey);
		if (route.AuthorizerId !== undefined) wiring.authorizers.get(route.AuthorizerId)?.routeKeys.add(routeKey);
	}
}

async function readV2Authorizers(clients: AwsClients, apiId: string, wiring: Wiring): Promise<void> {
	for (const item of await v2Items(clients, 'GetAuthorizers', (page) => clients.apigwV2.send(new GetAuthorizersCommand({ApiId: apiId, ...page})))) {
		// JWT authorizers run inside API Gateway: only REQUEST ones have a function.
		if (item.AuthorizerId !== undefined && item.AuthorizerUri) {
			wiring.authorizers.set(item.AuthorizerId, {uri: item.AuthorizerUri, name: item.Name ?? item.AuthorizerId, routeKeys: new Set()});
		}
	}
}

async function readRestAuthorizers(clients: AwsClients, restApiId: string, wiring: Wiring): Promise<void> {
	for (const item of await restItems(clients, 'GetAuthorizers', (page) => clients.apigwV1.send(new GetRestAuthorizersCommand({restApiId, ...page})))) {
		if (item.id !== undefined && item.authorizerUri) wiring.authorizers.set(item.id, {uri: item.authorizerUri, name: item.name ?? item.id, routeKeys: new Set()});
	}
}

async function readRestResources(clients: AwsClients, restApiId: string, wiring: Wiring): Promise<void> {
	const resources = await restItems(clients, 'GetResources', (page) => clients.apigwV1.send(new GetResourcesCommand({restApiId, embed: ['methods'], ...page})));
	for (const resource of resources) {
		for (const [verb, method] of Object.entries(resource.resourceMethods ?? {})) {
			const routeKey = `${verb} ${resource.path ?? ''}`;
			const uri = method.methodIntegration?.uri;
			// One REST "integration" per method: keyed by its URI, so methods sharing a function share a use.
			if (uri) {
				const integration = wiring.integrations.get(uri) ?? {uri, routeKeys: new Set<string>()};
				integration.routeKeys.add(routeKey);
				wiring.integrations.set(uri, integration);
			}
			if (method.authorizerId !== undefined) wiring.authorizers.get(method.authorizerId)?.routeKeys.add(routeKey);
		}
	}
}

/** Every item of an apigatewayv2 listing (MaxResults/NextToken paging). */
async function v2Items<T>(
	clients: AwsClients,
	operation: string,
	send: (page: {MaxResults: string; NextToken?: string}) => Promise<{Items?: T[]; NextToken?: string}>,
): Promise<T[]> {
	const items: T[] = [];
	let token: string | undefined;
	do {
		const output = await callAws(call(operation), clients.region, () => send({MaxResults: V2_PAGE_SIZE, ...(token === undefined ? {} : {NextToken: token})}));
		items.push(...(output.Items ?? []));
		token = nextToken(token, output.NextToken);
	} while (token !== undefined);
	return items;
}

/** Every item of an api-gateway listing (limit/position paging). */
async function restItems<T>(
	clients: AwsClients,
	operation: string,
	send: (page: {limit: number; position?: string}) => Promise<{items?: T[]; position?: string}>,
): Promise<T[]> {
	const items: T[] = [];
	let position: string | undefined;
	do {
		const output = await callAws(call(operation), clients.region, () => send({limit: REST_PAGE_SIZE, ...(position === undefined ? {} : {position})}));
		items.push(...(output.items ?? []));
		position = nextToken(position, output.position);
	} while (position !== undefined);
	return items;
}
