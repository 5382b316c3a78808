// Turns the transport's status into one-line notices on stderr for text and NDJSON output: every
// change of phase, and every start of sampling or throttling, so nothing is slowed or re-read silently.

import type {TransportStatus} from '../sources/cloudwatch/transport.js';

const PHASE_NOTICE: Readonly<Record<TransportStatus['phase'], string | undefined>> = {
	backfill: undefined,
	live: 'following with live tail',
	polling: 'following by polling FilterLogEvents',
	reconnecting: 'live tail session ended: reconnecting and re-reading the gap',
	stopped: undefined,
};

export function transportNotices(write: (text: string) => void): (status: TransportStatus) => void {
	let previous: TransportStatus | undefined;
	return (status) => {
		if (status.notice !== undefined && status.notice !== previous?.notice) write(status.notice);
		if (status.phase !== previous?.phase) {
			const text = PHASE_NOTICE[status.phase];
			if (text !== undefined) write(text);
		}

		if (status.sampled && !previous?.sampled) {
			write('live tail sampled an update (over 500 events/s): re-reading that window with FilterLogEvents');
		}

		if (status.throttled && !previous?.throttled) write('AWS is throttling requests: slowing down, nothing is skipped');
		previous = status;
	};
}
