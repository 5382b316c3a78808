// The emulator's API Gateway control-plane data: WebSocket and HTTP APIs (apigatewayv2), REST APIs
// (api-gateway v1) with their stages' logging settings, and the account's CloudWatch role.

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
	/** Per route key overrides (`$connect`, `sendMessage`). */
	routeSettings?: Record<string, RouteLoggingSettings>;
}

/** HTTP APIs have access logs only: no logging level, no data trace. */
export interface HttpStageFixture {
	stageName: string;
	accessLogSettings?: AccessLogSettings;
	detailedMetricsEnabled?: boolean;
}

/** A REST stage; its logging settings are the `*\/*` method settings. */
export interface RestStageFixture extends RouteLoggingSettings {
	stageName: string;
	accessLogSettings?: AccessLogSettings;
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
}

export interface RestApiFixture {
	id: string;
	name: string;
	createdDate: number;
	stages: Map<string, StoredStage>;
}

export interface AccountFixture {
	/** Without it, execution logging writes nothing: a common cause of "no logs". */
	cloudwatchRoleArn?: string;
}

export class ApiGatewayFixtures {
	readonly #v2 = new Map<string, V2ApiFixture>();
	readonly #rest = new Map<string, RestApiFixture>();
	#accountSettings: AccountFixture = {};
	#generated = 0;

	readonly #clock: () => number;

	constructor(clock: () => number = Date.now) {
		this.#clock = clock;
	}

	addWebSocketApi(input: ApiFixtureInput<WebSocketStageFixture>): string {
		return this.#addV2Api('WEBSOCKET', input);
	}

	addHttpApi(input: ApiFixtureInput<HttpStageFixture>): string {
		return this.#addV2Api('HTTP', input);
	}

	addRestApi(input: ApiFixtureInput<RestStageFixture>): string {
		const id = this.#newId(input.id);
		this.#rest.set(id, {id, name: input.name, createdDate: this.#clock(), stages: this.#stageMap(input.stages)});
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

	#addV2Api(protocolType: 'WEBSOCKET' | 'HTTP', input: ApiFixtureInput<WebSocketStageFixture | HttpStageFixture>): string {
		const apiId = this.#newId(input.id);
		this.#v2.set(apiId, {apiId, name: input.name, protocolType, createdDate: this.#clock(), stages: this.#stageMap(input.stages)});
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
