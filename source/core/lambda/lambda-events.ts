// Decides which events are a Lambda function's, and which function's, before the stage's parsers see
// them: a Lambda line must never become a request, an access line or an unparsed record.

import {isExecutionLogGroup} from '../execution-log-group.js';
import type {LogEvent} from '../types.js';
import {lambdaFunctionOfGroup} from './lambda-log-group.js';
import {looksLikeLambdaLine} from './parse-lambda-line.js';

/** The name an invocation gets when neither its group nor its lines say which function wrote it. */
const UNKNOWN_FUNCTION = 'unknown';

export class LambdaEvents {
	readonly #customGroups: ReadonlyMap<string, string>;
	readonly #accessLogGroups: ReadonlySet<string>;

	/** `customGroups`: log group -> function, for groups not named /aws/lambda/NAME (LoggingConfig.LogGroup). */
	constructor(customGroups: ReadonlyMap<string, string>, accessLogGroups: ReadonlySet<string>) {
		this.#customGroups = customGroups;
		this.#accessLogGroups = accessLogGroups;
	}

	/**
	 * The function an event's group says wrote it, or undefined when the event is not a Lambda's. A source's
	 * `log` decides; then the group; an event of no known group is a Lambda's when its text has a Lambda shape.
	 */
	functionOf(event: LogEvent): string | undefined {
		const group = event.logGroup;
		if (event.log !== undefined) {
			return event.log === 'lambda' ? lambdaFunctionOfGroup(group, this.#customGroups) ?? group ?? UNKNOWN_FUNCTION : undefined;
		}

		const byGroup = lambdaFunctionOfGroup(group, this.#customGroups);
		if (byGroup !== undefined) return byGroup;
		if (group !== undefined && (this.#accessLogGroups.has(group) || isExecutionLogGroup(group))) return undefined;
		return looksLikeLambdaLine(event.message) ? group ?? UNKNOWN_FUNCTION : undefined;
	}
}
