// Reads one log group's time window with FilterLogEvents (window-pages.ts) and delivers what was not
// delivered before, page by page as the pages come.

import type {LogEvent} from '../../core/types.js';
import type {TailContext} from './tail-context.js';
import {windowPages, type FilterWindow} from './window-pages.js';

/** Pages read ahead of the consumer; beyond this the backfill waits (bounded memory, ~10,000 events a page). */
export const MAX_QUEUED_PAGES = 4;

/** Every event of the window, page by page, through exactly-once delivery; `onPage` sees each page first. */
export async function readWindow(context: TailContext, window: FilterWindow, onPage?: (events: LogEvent[]) => void): Promise<void> {
	// Keys of this group at or after the window's start must outlive the read (it may return them).
	const release = context.remember(window.group.name, window.startTime);
	try {
		for await (const {events} of windowPages(context, window, () => context.waitForRoom(MAX_QUEUED_PAGES))) {
			onPage?.(events);
			context.emit(events);
		}
	} finally {
		release();
	}
}
