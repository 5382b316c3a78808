// The one way the tests wait: check a condition until it holds, and fail, saying what was awaited, after
// a generous timeout. Nothing here sleeps for a fixed time first: a loaded machine only makes a wait
// longer, and a broken expectation fails instead of hanging.

const POLL_MS = 10;

/** What was awaited, for the timeout error; a function is called then (the latest screen, stderr...). */
export type Awaited = string | (() => string | Promise<string>);

/**
 * Resolves once `condition` holds. Rejects after `timeoutMs` with "timed out after N ms waiting for
 * WHAT". A condition that throws (say, the program it waits on ended) stops the wait with its error.
 */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5000, what: Awaited = 'condition', pollMs = POLL_MS): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) {
			const described = typeof what === 'string' ? what : await what();
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${described}`);
		}
		await new Promise((resolve) => setTimeout(resolve, pollMs));
	}
}
