// A time window of one log group as a sequence of FilterLogEvents pages: every page (a short or EMPTY
// page with a nextToken is not the end), all streams, a failed page retried with the same token by the
// request budget. What a page holds is not yet delivered: the caller decides when (filter-window.ts
// delivers at once, sliced-window.ts in time order across concurrent slices).

import {FilterLogEventsCommand, type FilteredLogEvent} from '@aws-sdk/client-cloudwatch-logs';
import type {LogEvent} from '../../core/types.js';
import {classifyFailure, fatalCallError} from './call-failures.js';
import type {TailContext} from './tail-context.js';
import type {TailedGroup} from './types.js';

export interface FilterWindow {
	group: TailedGroup;
	startTime: number;
	/** Exclusive in the emulator, inclusive in AWS's docs; callers pass one past what they need. Open when undefined. */
	endTime?: number | undefined;
	filterPattern?: string | undefined;
}

export interface WindowPage {
	events: LogEvent[];
	/** The service said there is more (a nextToken): another page follows unless the reader stops. */
	more: boolean;
}

/**
 * The window's pages, each once it arrived; `beforePage` is awaited before each call (back-pressure).
 * Ends quietly when stopped or when the group does not exist (yet); other failures throw one line.
 */
export async function* windowPages(context: TailContext, window: FilterWindow, beforePage: () => Promise<void>): AsyncGenerator<WindowPage> {
	const {group} = window;
	try {
		let nextToken: string | undefined;
		do {
			await beforePage();
			const input = {
				logGroupName: group.name,
				startTime: window.startTime,
				...(window.endTime === undefined ? {} : {endTime: window.endTime}),
				...(window.filterPattern === undefined ? {} : {filterPattern: window.filterPattern}),
				...(nextToken === undefined ? {} : {nextToken}),
			};
			const page = await context.call((signal) => context.logs.send(new FilterLogEventsCommand(input), {abortSignal: signal}));
			nextToken = page.nextToken;
			yield {events: (page.events ?? []).map((event) => fromFilteredEvent(group, event, context.now)), more: nextToken !== undefined};
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
