// Reads one log group's time window with FilterLogEvents, every page (a short or EMPTY page with a
// nextToken is not the end), all streams (filtering by group picks up streams created meanwhile),
// and delivers what was not delivered before. A failed page is retried with the same token, so a
// retry resumes where it stopped instead of starting over.

import {FilterLogEventsCommand, type FilteredLogEvent} from '@aws-sdk/client-cloudwatch-logs';
import type {LogEvent} from '../../core/types.js';
import {classifyFailure, fatalCallError} from './call-failures.js';
import type {TailContext} from './tail-context.js';
import type {TailedGroup} from './types.js';

/** Pages read ahead of the consumer; beyond this the backfill waits (bounded memory, ~10,000 events a page). */
const MAX_QUEUED_PAGES = 4;

export interface FilterWindow {
	group: TailedGroup;
	startTime: number;
	/** Exclusive in the emulator, inclusive in AWS's docs; callers pass one past what they need. Open when undefined. */
	endTime?: number | undefined;
	filterPattern?: string | undefined;
}

/** Every event of the window, page by page, through exactly-once delivery; `onPage` sees each page first. */
export async function readWindow(context: TailContext, window: FilterWindow, onPage?: (events: LogEvent[]) => void): Promise<void> {
	const {group} = window;
	// Keys of this group at or after the window's start must outlive the read (it may return them).
	const release = context.remember(group.name, window.startTime);
	try {
		let nextToken: string | undefined;
		do {
			await context.waitForRoom(MAX_QUEUED_PAGES);
			const input = {
				logGroupName: group.name,
				startTime: window.startTime,
				...(window.endTime === undefined ? {} : {endTime: window.endTime}),
				...(window.filterPattern === undefined ? {} : {filterPattern: window.filterPattern}),
				...(nextToken === undefined ? {} : {nextToken}),
			};
			const page = await context.call((signal) => context.logs.send(new FilterLogEventsCommand(input), {abortSignal: signal}));
			const events = (page.events ?? []).map((event) => fromFilteredEvent(group, event, context.now));
			onPage?.(events);
			context.emit(events);
			nextToken = page.nextToken;
		} while (nextToken !== undefined && !context.stopped);
	} catch (error) {
		const kind = classifyFailure(error, context.signal);
		if (kind === 'aborted') return;
		if (kind === 'missing') {
			// A stage's execution log group appears with its first logged request; keep looking.
			context.noticeOnce(`log group ${group.name} does not exist (yet): waiting for it`);
			return;
		}
		throw fatalCallError('FilterLogEvents', group.name, error);
	} finally {
		release();
	}
}

export function fromFilteredEvent(group: TailedGroup, event: FilteredLogEvent, now: () => number): LogEvent {
	return {
		timestamp: event.timestamp ?? event.ingestionTime ?? now(),
		message: event.message ?? '',
		logGroup: group.name,
		logStream: event.logStreamName,
		eventId: event.eventId,
		ingestionTime: event.ingestionTime,
		log: group.log,
	};
}
