// `--export FILE` is checked before anything is read or tailed: a path that cannot be written would
// otherwise fail only at the end of a long run, after the incident it was meant to capture.
// Nothing is created here (an interrupted run leaves no empty export behind); the files are written at the end.

import {constants} from 'node:fs';
import {access, stat} from 'node:fs/promises';
import {dirname} from 'node:path';
import {UserError} from '../exit-codes.js';

/** Throws a one-line UserError when FILE.json or FILE.md could not be written where `path` says. */
export async function checkExportTarget(path: string): Promise<void> {
	const {exportPaths} = await import('../output/export.js');
	const {json, markdown} = exportPaths(path);
	for (const file of [json, markdown]) {
		const problem = await whyNotWritable(file);
		if (problem !== undefined) throw new UserError(`cannot write the export to ${oneLine(file)}: ${oneLine(problem)}`);
	}
}

async function whyNotWritable(file: string): Promise<string | undefined> {
	const existing = await statOrCode(file);
	if (typeof existing !== 'string') {
		if (existing.isDirectory()) return 'is a directory';
		return (await canWrite(file)) ? undefined : 'permission denied';
	}
	if (existing !== 'ENOENT' && existing !== 'ENOTDIR') return existing;

	// The file is new: its directory must exist, be a directory and take new files.
	const directory = dirname(file);
	const parent = await statOrCode(directory);
	if (parent === 'ENOENT' || parent === 'ENOTDIR') return `no such directory ${directory}`;
	if (typeof parent === 'string') return parent;
	if (!parent.isDirectory()) return `${directory} is not a directory`;
	return (await canWrite(directory)) ? undefined : `permission denied in ${directory}`;
}

async function statOrCode(path: string): Promise<Awaited<ReturnType<typeof stat>> | string> {
	try {
		return await stat(path);
	} catch (error) {
		return (error as NodeJS.ErrnoException).code ?? String(error);
	}
}

async function canWrite(path: string): Promise<boolean> {
	try {
		await access(path, constants.W_OK);
		return true;
	} catch {
		return false;
	}
}

function oneLine(text: string): string {
	return text.replace(/\s*[\r\n]+\s*/g, ' ');
}
