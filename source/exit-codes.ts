// Every exit code apigw-tail uses, in one place (README.md, "Exit codes", lists the same).
export const EXIT = {
	ok: 0,
	/** Something failed while running: unreadable input, AWS refused, a bug. */
	runtime: 1,
	/** The command line was wrong: unknown flag, bad value, missing argument. */
	usage: 2,
	/** Stopped by Ctrl+C (SIGINT) or SIGTERM, after printing what was final. */
	interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the user can fix; its message is one line, printed without a stack trace. */
export class UserError extends Error {
	readonly exitCode: ExitCode;

	constructor(message: string, exitCode: ExitCode = EXIT.runtime) {
		super(message);
		this.name = 'UserError';
		this.exitCode = exitCode;
	}
}

export class UsageError extends UserError {
	constructor(message: string) {
		super(message, EXIT.usage);
		this.name = 'UsageError';
	}
}
