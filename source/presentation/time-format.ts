// Clock times, dates and durations as every view shows them (plain text, export, terminal UI); clock
// times and dates in the user's `--timezone`.

export type TimeZoneChoice = 'local' | 'utc';

export function clockTime(epochMs: number, zone: TimeZoneChoice): string {
	const date = new Date(epochMs);
	if (Number.isNaN(date.getTime())) return '--:--:--.---';
	const parts =
		zone === 'utc'
			? [date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()]
			: [date.getHours(), date.getMinutes(), date.getSeconds()];
	const millis = zone === 'utc' ? date.getUTCMilliseconds() : date.getMilliseconds();
	return `${parts.map((part) => String(part).padStart(2, '0')).join(':')}.${String(millis).padStart(3, '0')}`;
}

export function calendarDate(epochMs: number, zone: TimeZoneChoice): string {
	const date = new Date(epochMs);
	if (Number.isNaN(date.getTime())) return 'unknown date';
	if (zone === 'utc') return `${date.toISOString().slice(0, 10)} UTC`;
	const offsetMinutes = -date.getTimezoneOffset();
	const sign = offsetMinutes >= 0 ? '+' : '-';
	const offset = `${String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, '0')}:${String(Math.abs(offsetMinutes) % 60).padStart(2, '0')}`;
	const day = [date.getFullYear(), date.getMonth() + 1, date.getDate()]
		.map((part, index) => String(part).padStart(index === 0 ? 4 : 2, '0'))
		.join('-');
	return `${day} UTC${sign}${offset}`;
}

export function formatDuration(ms: number): string {
	if (!Number.isFinite(ms) || ms < 0) return '-';
	if (ms < 1000) return `${Math.round(ms)}ms`;
	const seconds = Math.round(ms / 1000);
	if (seconds < 60) return `${seconds}s`;
	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
	return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}
