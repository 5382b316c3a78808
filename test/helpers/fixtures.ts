import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import type {LogEvent} from '../../source/core/types.js';

export function fixturePath(relative: string): string {
	return fileURLToPath(new URL(`../fixtures/${relative}`, import.meta.url));
}

/** Reads a fixture of CloudWatch events, one JSON object per line, as a source would deliver them. */
export function loadEvents(relative: string): LogEvent[] {
	return readFileSync(fixturePath(relative), 'utf8')
		.split('\n')
		.filter((line) => line.trim() !== '')
		.map((line) => {
			const raw = JSON.parse(line) as Record<string, unknown>;
			return {
				timestamp: Number(raw['timestamp']),
				message: String(raw['message']),
				logGroup: (raw['logGroupName'] ?? raw['logGroup']) as string | undefined,
				logStream: (raw['logStreamName'] ?? raw['logStream']) as string | undefined,
			};
		});
}
