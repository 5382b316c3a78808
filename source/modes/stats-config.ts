// `apigw-tail stats` flags -> its settings (pure): where the access log is (an API and stage, or a group
// with its format), the Lambda functions' groups, the window, the bins and the limits on what the queries may cost.

import {UsageError} from '../exit-codes.js';
import type {SinceChoice} from '../flag-values.js';
import {readFlag} from '../flags.js';

const DEFAULT_WINDOW_MS = 86_400_000;

export interface StatsConfig {
	command: 'stats';
	api: {api: string; stage: string} | undefined;
	/** `--log-group`: access log groups queried instead of discovering the stage's. */
	logGroups: string[];
	accessLogFormat: {template: string} | {file: string} | undefined;
	/** Find the API's Lambda functions and query their groups (`--no-lambda`: off). */
	lambda: boolean;
	/** `--lambda-log-group`: Lambda groups named by hand, queried for function figures too. */
	lambdaLogGroups: string[];
	aws: {region: string | undefined; profile: string | undefined; endpointUrl: string | undefined};
	fromMs: number;
	toMs: number;
	binMs: number;
	route: string | undefined;
	top: number;
	maxQueries: number;
	maxScanBytes: number;
	output: 'text' | 'json';
	colour: boolean;
}

export function statsConfig(
	flags: Record<string, unknown>,
	common: {output: 'text' | 'json'; colour: boolean; accessLogFormat: StatsConfig['accessLogFormat']},
	nowMs: number,
): StatsConfig {
	const apiName = readFlag(flags, 'api');
	const stage = readFlag(flags, 'stage');
	const logGroups = readFlag(flags, 'logGroup');
	if ((apiName === undefined) !== (stage === undefined)) throw new UsageError('--api and --stage go together');
	if (apiName === undefined && logGroups.length === 0) throw new UsageError('stats needs --api ID|NAME --stage NAME, or --log-group NAME with --access-log-format');
	if (apiName !== undefined && logGroups.length > 0) throw new UsageError('use either --api/--stage or --log-group, not both');
	if (logGroups.length > 0 && common.accessLogFormat === undefined) {
		throw new UsageError('stats --log-group needs the stage\'s --access-log-format or --access-log-format-file (the queries are built from it)');
	}

	const lambda = readFlag(flags, 'lambda');
	const lambdaLogGroups = readFlag(flags, 'lambdaLogGroup');
	if (!lambda && lambdaLogGroups.length > 0) throw new UsageError('--lambda-log-group and --no-lambda contradict each other: drop one');
	const both = lambdaLogGroups.find((name) => logGroups.includes(name));
	if (both !== undefined) throw new UsageError(`log group ${JSON.stringify(both)} is given with both --log-group and --lambda-log-group: keep one`);

	const fromMs = flags['since'] === undefined ? nowMs - DEFAULT_WINDOW_MS : momentOf(readFlag(flags, 'since'), nowMs);
	const toMs = momentOf(readFlag(flags, 'until'), nowMs);
	if (!(fromMs < toMs)) throw new UsageError('--since must be before --until');
	const binMs = readFlag(flags, 'bin');
	if (binMs < 1000 || binMs % 1000 !== 0) throw new UsageError('--bin must be whole seconds, at least 1s');
	return {
		command: 'stats',
		api: apiName === undefined || stage === undefined ? undefined : {api: apiName, stage},
		logGroups,
		accessLogFormat: common.accessLogFormat,
		lambda,
		lambdaLogGroups,
		aws: {region: readFlag(flags, 'region'), profile: readFlag(flags, 'profile'), endpointUrl: readFlag(flags, 'endpointUrl')},
		fromMs,
		toMs,
		binMs,
		route: readFlag(flags, 'route'),
		top: readFlag(flags, 'top'),
		maxQueries: readFlag(flags, 'maxQueries'),
		maxScanBytes: readFlag(flags, 'maxScan'),
		output: common.output,
		colour: common.colour,
	};
}

function momentOf(choice: SinceChoice, nowMs: number): number {
	return 'epochMs' in choice ? choice.epochMs : nowMs - choice.beforeNowMs;
}
