// The shapes of the incident export, apart from the code that builds and renders it (export.ts builds
// the JSON and hands the Markdown renderer these shapes; neither imports the other's types).

import type {ErrorCategory, RequestView} from '../core/types.js';
import type {TimeZoneChoice} from '../presentation/time-format.js';

export interface ExportInput {
	/** In time order. */
	requests: RequestView[];
	/** What was exported, e.g. "connection Iq8g… on chat-demo/prod". */
	title: string;
	/** Where the lines came from (a stage, a file). */
	source: string;
	generatedAt: number;
	/** The log groups the Insights query should run over. */
	logGroups: string[];
	timezone: TimeZoneChoice;
}

export interface IncidentExport {
	json: string;
	markdown: string;
}

export interface ExportedError {
	requestId: string;
	category: ErrorCategory;
	message: string;
	explanation: string;
}

export interface InsightsQuery {
	query: string;
	idsInQuery: number;
	/** Ids that were not put in the query: beyond the cap, or not safe to put in a query at all. */
	idsLeftOut: number;
}
