// What a stats run has scanned and what that costs, in the words the `stats` progress line and the terminal
// UI's stats window share. Apart from stats-run.ts so that the UI can word a run's progress without loading
// the CloudWatch Logs client that runs the queries (most of the code before the UI's first frame).

export const USD_PER_GB = 0.005;
export const GB = 1024 ** 3;

export interface StatsProgress {
	queriesDone: number;
	queriesPlanned: number;
	recordsScanned: number;
	bytesScanned: number;
}

export function estimatedCostUsd(bytes: number): number {
	return (bytes / GB) * USD_PER_GB;
}

export function gigabytes(bytes: number): string {
	return `${(bytes / GB).toFixed(bytes < GB ? 2 : 1)} GB`;
}

/** "3/8 queries, 1,234 records, 0.01 GB scanned, about $0.0001": the `stats` progress line and the UI's. */
export function describeStatsProgress(progress: StatsProgress): string {
	const {queriesDone, queriesPlanned, recordsScanned, bytesScanned} = progress;
	return `${queriesDone}/${queriesPlanned} queries, ${recordsScanned.toLocaleString('en-US')} records, ${gigabytes(bytesScanned)} scanned, about $${estimatedCostUsd(bytesScanned).toFixed(4)}`;
}
