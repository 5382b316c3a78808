// Chooses the access-log parser: the user's template (flag or file) when given, else key-name guessing.

import {readFile} from 'node:fs/promises';
import {
	AccessFormatError,
	compileAccessFormat,
	createGuessingAccessParser,
	type AccessLineParser,
} from '../core/parse/access-format.js';
import type {CommonConfig} from '../config.js';
import {UsageError, UserError} from '../exit-codes.js';

export async function accessParserFor(config: Pick<CommonConfig, 'accessLogFormat'>, fallbackTemplate?: string): Promise<AccessLineParser> {
	const template = await templateOf(config) ?? fallbackTemplate;
	if (template === undefined) return createGuessingAccessParser();
	try {
		return compileAccessFormat(template);
	} catch (error) {
		if (error instanceof AccessFormatError) throw new UsageError(error.message);
		throw error;
	}
}

async function templateOf(config: Pick<CommonConfig, 'accessLogFormat'>): Promise<string | undefined> {
	const format = config.accessLogFormat;
	if (format === undefined) return undefined;
	if ('template' in format) return format.template;
	try {
		// The AWS console and CLI both hand the format out as one line; a file may end with a newline.
		return (await readFile(format.file, 'utf8')).trim();
	} catch (error) {
		throw new UserError(`cannot read access-log format file ${format.file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
	}
}
