// The emulator's API Gateway control-plane data: WebSocket and HTTP APIs (apigatewayv2), REST APIs
// (api-gateway v1) with their stages' logging settings, their routes, integrations and authorizers
// (what calls a Lambda), the Lambda functions themselves and the account's CloudWatch role.

import {LambdaFunctions} from './lambda-functions.js';

export type LoggingLevel = 'OFF' | 'ERROR' | 'INFO';

export interface AccessLogSettings {
	/** A log group ARN, without `:*`. */
	destinationArn: string;
	format: string;
}

export interface RouteLoggingSettings {
	loggingLevel?: LoggingLevel;
	dataTraceEnabled?: boolean;
	detailedMetricsEnabled?: boolean;
}

/** A WebSocket stage: execution logging (default route and per route) and access logging. */
export interface WebSocketStageFixture extends RouteLoggingSettings {
	stageName: string;
	accessLogSettings?: AccessLogSettings;
	/** What `${stageVariables.NAME}` in an integration or authorizer URI becomes. */
	stageVariables?: Record<string, string>;
	/** Per route key overrides (`$connect`, `sendMessage`). */
	routeSettings?: Record<string, RouteLoggingSettings>;
}

/** HTTP APIs have access logs only: no logging level, no data trace. */
export interface HttpStageFixture {
	stageName: string;
	accessLogSettings?: AccessLogSettings;
	stageVariables?: Record<string, string>;
	detailedMetricsEnabled?: boolean;
}

/** A REST stage; its logging settings are the `*\/*` method settings. */
export interface RestStageFixture extends RouteLoggingSettings {
	stageName: string;
	accessLogSettings?: AccessLogSettings;
	stageVariables?: Record<string, string>;
}

/** An apigatewayv2 route: its integration (`Target: integrations/ID`) and authorizer. */
export interface RouteFixture {
	routeKey: string;
	integrationId?: string;
	authorizerId?: string;
}

export interface IntegrationFixture {
	integrationId: string;
	/** AWS_PROXY for a Lambda; HTTP_PROXY, MOCK... for the rest. */
	integrationType: string;
	/** A Lambda invocation URI or function ARN, possibly with `${stageVariables.NAME}`. */
	integrationUri?: string;
}

export interface AuthorizerFixture {
	authorizerId: string;
	name: string;
	/** REQUEST (v2, REST) and TOKEN (REST) call a Lambda; JWT (HTTP) does not. */
	authorizerType: 'REQUEST' | 'TOKEN' | 'JWT';
	authorizerUri?: string;
}

/** A REST method: its integration URI and authorizer. */
export interface RestMethodFixture {
	integrationType: string;
	uri?: string;
	authorizerId?: string;
}

export interface RestResourceFixture {
	id: string;
	path: string;
	/** Keyed by verb (`GET`, `POST`, `ANY`). */
	methods: Record<string, RestMethodFixture>;
}

/** How an API calls its Lambdas (all optional: an API without them calls none). */
export interface V2WiringFixture {
	routes?: RouteFixture[];
	integrations?: IntegrationFixture[];
	authorizers?: AuthorizerFixture[];
}

export interface RestWiringFixture {
	resources?: RestResourceFixture[];
	authorizers?: AuthorizerFixture[];
}

export interface ApiFixtureInput<Stage> {
	name: string;
	/** Defaults to a generated 10-character id, as API Gateway's. */
	id?: string;
	stages: Stage[];
}

export interface StoredStage extends WebSocketStageFixture {
	createdDate: number;
}

export interface V2ApiFixture {
	apiId: string;
	name: string;
	protocolType: 'WEBSOCKET' | 'HTTP';
	createdDate: number;
	stages: Map<string, StoredStage>;
	routes: RouteFixture[];
	integrations: IntegrationFixture[];
	authorizers: AuthorizerFixture[];
}

export interface RestApiFixture {
	id: string;
	name: string;
	createdDate: number;
	stages: Map<string, StoredStage>;
	resources: RestResourceFixture[];
	authorizers: AuthorizerFixture[];
}

export interface AccountFixture {
	/** Without it, execution logging writes nothing: a common cause of "no logs". */
	cloudwatchRoleArn?: string;
}

export class ApiGatewayFixtures {
	readonly #v2 = new Map<string, V2ApiFixture>();
	readonly #rest = new Map<string, RestApiFixture>();
	#accountSettings: AccountFixture = {};
	/** GetFunctionConfiguration's answers. */
	readonly functions = new LambdaFunctions();
	#generated = 0;

	readonly #clock: () => number;

	constructor(clock: () => number = Date.now) {
		this.#clock = clock;
	}

	addWebSocketApi(input: ApiFixtureInput<WebSocketStageFixture> & V2WiringFixture): string {
		return this.#addV2Api('WEBSOCKET', input);
	}

	addHttpApi(input: ApiFixtureInput<HttpStageFixture> & V2WiringFixture): string {
		return this.#addV2Api('HTTP', input);
	}

	addRestApi(input: ApiFixtureInput<RestStageFixture> & RestWiringFixture): string {
		const id = this.#newId(input.id);
		this.#rest.set(id, {
			id,
			name: input.name,
			createdDate: this.#clock(),
			stages: this.#stageMap(input.stages),
			resources: structuredClone(input.resources ?? []),
			authorizers: structuredClone(input.authorizers ?? []),
		});
		return id;
	}

	setAccount(account: AccountFixture): void {
		this.#accountSettings = {...account};
	}

	get account(): AccountFixture {
		return this.#accountSettings;
	}

	v2Apis(): V2ApiFixture[] {
		return [...this.#v2.values()];
	}

	v2Api(apiId: string): V2ApiFixture | undefined {
		return this.#v2.get(apiId);
	}

	restApis(): RestApiFixture[] {
		return [...this.#rest.values()];
	}

	restApi(id: string): RestApiFixture | undefined {
		return this.#rest.get(id);
	}

	#addV2Api(protocolType: 'WEBSOCKET' | 'HTTP', input: ApiFixtureInput<WebSocketStageFixture | HttpStageFixture> & V2WiringFixture): string {
		const apiId = this.#newId(input.id);
		this.#v2.set(apiId, {
			apiId,
			name: input.name,
			protocolType,
			createdDate: this.#clock(),
			stages: this.#stageMap(input.stages),
			routes: structuredClone(input.routes ?? []),
			integrations: structuredClone(input.integrations ?? []),
			authorizers: structuredClone(input.authorizers ?? []),
		});
		return apiId;
	}

	#stageMap(stages: ReadonlyArray<WebSocketStageFixture | HttpStageFixture>): Map<string, StoredStage> {
		const createdDate = this.#clock();
		const map = new Map<string, StoredStage>();
		for (const stage of stages) {
			if (map.has(stage.stageName)) throw new Error(`duplicate stage name ${stage.stageName}`);
			map.set(stage.stageName, {...structuredClone(stage), createdDate});
		}
		return map;
	}

	#newId(requested: string | undefined): string {
		const taken = (id: string): boolean => this.#v2.has(id) || this.#rest.has(id);
		if (requested !== undefined) {
			if (taken(requested)) throw new Error(`an API with id ${requested} already exists`);
			return requested;
		}
		let id: string;
		do {
			this.#generated++;
			id = `emu${this.#generated.toString(36).padStart(7, '0')}`;
		} while (taken(id));
		return id;
	}
}
