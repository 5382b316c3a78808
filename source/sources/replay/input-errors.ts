// Why an input could not be read, in one line a user can act on.

/** Thrown for an input that cannot be read; the message names the file and the reason. */
export class ReplayInputError extends Error {
	constructor(
		readonly path: string,
		readonly reason: string,
	) {
		super(`cannot read ${path}: ${reason}`);
		this.name = 'ReplayInputError';
	}
}

const REASONS: Record<string, string> = {
	ENOENT: 'no such file',
	ENOTDIR: 'no such file',
	EISDIR: 'is a directory',
	EACCES: 'permission denied',
	EPERM: 'permission denied',
	EMFILE: 'too many open files',
	ENFILE: 'too many open files',
	ELOOP: 'too many symbolic links',
	ENAMETOOLONG: 'file name too long',
};

/** The one-line reason for a read or decompression failure. */
export function describeReadError(error: unknown): string {
	const code = typeof error === 'object' && error !== null ? (error as {code?: unknown}).code : undefined;
	const text = error instanceof Error ? error.message : String(error);
	const message = text.split('\n', 1)[0] ?? text;
	if (typeof code === 'string') {
		const reason = REASONS[code];
		if (reason) return reason;
		// zlib reports damaged data with Z_DATA_ERROR / Z_BUF_ERROR ("unexpected end of file").
		if (code.startsWith('Z_')) return `corrupt gzip data (${message})`;
	}
	return message;
}

export function replayInputError(path: string, error: unknown): ReplayInputError {
	return error instanceof ReplayInputError ? error : new ReplayInputError(path, describeReadError(error));
}
