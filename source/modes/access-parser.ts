// Chooses the access-log parser: the user's template (flag or file) when given, else key-name guessing.

import {readFile, stat} from 'node:fs/promises';
import {
	AccessFormatError,
	compileAccessFormat,
	createGuessingAccessParser,
	type AccessLineParser,
} from '../core/parse/access-format.js';
import type {CommonConfig} from '../config.js';
import {UsageError, UserError} from '../exit-codes.js';
import {describeReadError} from '../sources/replay/input-errors.js';

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

export async function templateOf(config: Pick<CommonConfig, 'accessLogFormat'>): Promise<string | undefined> {
	const format = config.accessLogFormat;
	if (format === undefined) return undefined;
	if ('template' in format) return format.template;
	const refuse = (reason: string) => new UserError(`cannot read access-log format file ${format.file}: ${reason}`);
	try {
		// Checked first: reading a named pipe nobody writes to would block (in a thread Ctrl+C cannot end),
		// and a directory would only say EISDIR.
		const stats = await stat(format.file);
		if (stats.isDirectory()) throw refuse('is a directory');
		if (!stats.isFile()) throw refuse('is not a regular file');
		// The AWS console and CLI both hand the format out as one line; a file may end with a newline.
		return (await readFile(format.file, 'utf8')).trim();
	} catch (error) {
		if (error instanceof UserError) throw error;
		throw refuse(describeReadError(error));
	}
}
