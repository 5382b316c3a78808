// The four example formats the API Gateway console offers for each API type, as one line each
// (the documentation breaks them with ` \ ` continuation marks, which are not part of the format).

export type AccessApiType = 'websocket' | 'rest' | 'http';
export type AccessPresetName = 'clf' | 'json' | 'xml' | 'csv';

export const ACCESS_LOG_PRESETS: Readonly<Record<AccessApiType, Readonly<Record<AccessPresetName, string>>>> = Object.freeze({
	websocket: Object.freeze({
		clf: '$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] "$context.eventType $context.routeKey $context.connectionId" $context.status $context.requestId',
		json: '{ "requestId":"$context.requestId", "ip": "$context.identity.sourceIp", "caller":"$context.identity.caller", "user":"$context.identity.user", "requestTime":"$context.requestTime", "eventType":"$context.eventType", "routeKey":"$context.routeKey", "status":"$context.status", "connectionId":"$context.connectionId" }',
		xml: '<request id="$context.requestId"> <ip>$context.identity.sourceIp</ip> <caller>$context.identity.caller</caller> <user>$context.identity.user</user> <requestTime>$context.requestTime</requestTime> <eventType>$context.eventType</eventType> <routeKey>$context.routeKey</routeKey> <status>$context.status</status> <connectionId>$context.connectionId</connectionId> </request>',
		csv: '$context.identity.sourceIp,$context.identity.caller,$context.identity.user,$context.requestTime,$context.eventType,$context.routeKey,$context.connectionId,$context.status,$context.requestId',
	}),
	rest: Object.freeze({
		clf: '$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] "$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength $context.requestId',
		json: '{ "requestId":"$context.requestId", "ip": "$context.identity.sourceIp", "caller":"$context.identity.caller", "user":"$context.identity.user", "requestTime":"$context.requestTime", "httpMethod":"$context.httpMethod", "resourcePath":"$context.resourcePath", "status":"$context.status", "protocol":"$context.protocol", "responseLength":"$context.responseLength" }',
		xml: '<request id="$context.requestId"> <ip>$context.identity.sourceIp</ip> <caller>$context.identity.caller</caller> <user>$context.identity.user</user> <requestTime>$context.requestTime</requestTime> <httpMethod>$context.httpMethod</httpMethod> <resourcePath>$context.resourcePath</resourcePath> <status>$context.status</status> <protocol>$context.protocol</protocol> <responseLength>$context.responseLength</responseLength> </request>',
		csv: '$context.identity.sourceIp,$context.identity.caller,$context.identity.user,$context.requestTime,$context.httpMethod,$context.resourcePath,$context.protocol,$context.status,$context.responseLength,$context.requestId',
	}),
	http: Object.freeze({
		clf: '$context.identity.sourceIp - - [$context.requestTime] "$context.httpMethod $context.routeKey $context.protocol" $context.status $context.responseLength $context.requestId',
		json: '{ "requestId":"$context.requestId", "ip": "$context.identity.sourceIp", "requestTime":"$context.requestTime", "httpMethod":"$context.httpMethod","routeKey":"$context.routeKey", "status":"$context.status","protocol":"$context.protocol", "responseLength":"$context.responseLength" }',
		xml: '<request id="$context.requestId"> <ip>$context.identity.sourceIp</ip> <requestTime>$context.requestTime</requestTime> <httpMethod>$context.httpMethod</httpMethod> <routeKey>$context.routeKey</routeKey> <status>$context.status</status> <protocol>$context.protocol</protocol> <responseLength>$context.responseLength</responseLength> </request>',
		csv: '$context.identity.sourceIp,$context.requestTime,$context.httpMethod,$context.routeKey,$context.protocol,$context.status,$context.responseLength,$context.requestId',
	}),
});

/**
 * The access-log fields apigw-tail recommends for a WebSocket stage (JSON key, `$context` variable): ids,
 * event and route, status and timing, and every error field. `doctor` suggests it; the demo logs with it.
 */
export const RECOMMENDED_WEBSOCKET_ACCESS_FIELDS = [
	['requestId', 'requestId'],
	['extendedRequestId', 'extendedRequestId'],
	['connectionId', 'connectionId'],
	['eventType', 'eventType'],
	['routeKey', 'routeKey'],
	['status', 'status'],
	['requestTime', 'requestTime'],
	['requestTimeEpoch', 'requestTimeEpoch'],
	['connectedAt', 'connectedAt'],
	['messageId', 'messageId'],
	['sourceIp', 'identity.sourceIp'],
	['userAgent', 'identity.userAgent'],
	['integrationLatency', 'integrationLatency'],
	['integrationStatus', 'integration.status'],
	['integrationError', 'integration.error'],
	['integrationErrorMessage', 'integrationErrorMessage'],
	['authorizerError', 'authorizer.error'],
	['authorizerStatus', 'authorizer.status'],
	['authorizerLatency', 'authorizer.latency'],
	['wafError', 'waf.error'],
	['wafStatus', 'waf.status'],
	['errorMessage', 'error.message'],
	['errorResponseType', 'error.responseType'],
	['disconnectStatusCode', 'disconnectStatusCode'],
	['disconnectReason', 'disconnectReason'],
	['apiId', 'apiId'],
	['stage', 'stage'],
] as const;

/** The access variables naming a Lambda invocation (the integration's, the authorizer's): they join a request to its Lambda logs. */
export const LAMBDA_REQUEST_ID_FIELDS = [
	['integrationRequestId', 'integration.requestId'],
	['authorizerRequestId', 'authorizer.requestId'],
] as const;
