// The one way an incident export is made, for the CLI's `--export FILE` and the terminal UI's `x`: the
// filters the user chose pick the requests (a view's filter and its export never disagree), the export
// is named after them, and FILE.json and FILE.md are written.

import {resolve} from 'node:path';
import {requestMatches, type EmissionFilter} from '../core/emission-filter.js';
import type {ErrorCategory, RequestView} from '../core/types.js';
import {buildIncidentExport, writeIncidentExport} from './export.js';
import {counted} from './text.js';
import type {TimeZoneChoice} from '../presentation/time-format.js';

/** The command line's filters, and the terminal UI's error category. */
export interface ExportFilter extends EmissionFilter {
	category?: ErrorCategory | undefined;
}

export interface RequestsExport {
	/** FILE; undefined names the files after the connection (or "requests") and the time. */
	path: string | undefined;
	/** Candidates, in any order: the filter chooses among them. */
	requests: Iterable<RequestView>;
	filter: ExportFilter;
	/** Said instead of the filter when the view knows better ("requests with errors (as of the pause)"). */
	title?: string | undefined;
	/** Where the lines came from (a stage, a file). */
	source: string;
	timezone: TimeZoneChoice;
	/** Connection ids are mostly in access lines: the Insights query must search the access groups too. */
	accessLogGroups: Iterable<string>;
	generatedAt: number;
}

/** Writes the export; resolves to the one line that says what was written. Failures are one-line UserErrors. */
export async function exportRequests(job: RequestsExport): Promise<string> {
	const {filter} = job;
	const requests = [...job.requests].filter(
		(request) =>
			requestMatches(filter, request) &&
			(filter.category === undefined || request.errors.some((error) => error.category === filter.category)),
	);
	const logGroups = new Set([...job.accessLogGroups, ...requests.flatMap((request) => request.execution.map((line) => line.event.logGroup ?? ''))]);
	logGroups.delete('');
	const written = await writeIncidentExport(
		job.path ?? defaultPath(filter, job.generatedAt),
		buildIncidentExport({
			requests,
			title: job.title ?? titleFor(filter),
			source: job.source,
			generatedAt: job.generatedAt,
			logGroups: [...logGroups],
			timezone: job.timezone,
		}),
	);
	// The full path: the UI may have been started anywhere (inside the clone under `npm run demo`).
	return `exported ${counted(requests.length, 'request')} to ${resolve(written.json)} and ${resolve(written.markdown)}`;
}

/** "connection Iq8g…, errors only", or "all requests". */
function titleFor(filter: ExportFilter): string {
	const parts = [
		filter.connectionId === undefined ? undefined : `connection ${filter.connectionId}`,
		filter.requestId === undefined ? undefined : `request ${filter.requestId}`,
		filter.routeKey === undefined ? undefined : `route ${filter.routeKey}`,
		filter.category === undefined ? undefined : `${filter.category} errors`,
		filter.errorsOnly && filter.category === undefined ? 'errors only' : undefined,
	].filter((part) => part !== undefined);
	return parts.length === 0 ? 'all requests' : parts.join(', ');
}

/** apigw-tail-<connection>-20240102T030405 in the working directory. */
function defaultPath(filter: ExportFilter, generatedAt: number): string {
	const stamp = new Date(generatedAt).toISOString().replaceAll(':', '').replace(/\..*/, '');
	const subject = filter.connectionId === undefined ? 'requests' : filter.connectionId.replaceAll(/[^\w-]/g, '');
	return `apigw-tail-${subject}-${stamp}`;
}
