// The Lambda fixtures' stage (test/fixtures/lambda/): the chat API's access lines and its functions' logs
// in the three runtimes' formats, and the access format that names both join keys.
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fixturePath} from './fixtures.js';

export const LAMBDA_FIXTURES = ['chat-api', 'node-text', 'node-json', 'python-text'] as const;

export const LAMBDA_ACCESS_FORMAT =
	'{"requestId":"$context.requestId","eventType":"$context.eventType","routeKey":"$context.routeKey","status":"$context.status","connectionId":"$context.connectionId","integrationRequestId":"$context.integration.requestId","authorizerRequestId":"$context.authorizer.requestId"}';

/** One replay file of the stage's and the functions' lines; `edit` may change the lines first (a hostile line). */
export function lambdaStageFile(edit: (lines: string[]) => string[] = (lines) => lines): string {
	const file = join(mkdtempSync(join(tmpdir(), 'apigw-tail-lambda-')), 'stage-and-lambdas.jsonl');
	const lines = LAMBDA_FIXTURES.flatMap((name) => readFileSync(fixturePath(`lambda/${name}.jsonl`), 'utf8').split('\n')).filter((line) => line.trim() !== '');
	writeFileSync(file, `${edit(lines).join('\n')}\n`);
	return file;
}
