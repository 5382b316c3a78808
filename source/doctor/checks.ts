// The report `apigw-tail doctor` builds: one check per thing that must hold for a stage to be
// debuggable, each with the exact fix when it does not.

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface DoctorCheck {
	id: string;
	status: CheckStatus;
	title: string;
	detail: string;
	/** Paste-ready: shell commands or a format, one per line. */
	fix?: string;
}

export interface DoctorReport {
	api: string;
	stage: string;
	/** No check failed (warnings leave a stage debuggable). */
	healthy: boolean;
	checks: DoctorCheck[];
}

export function check(id: string, title: string, status: CheckStatus, detail: string, fix?: string): DoctorCheck {
	return fix === undefined ? {id, status, title, detail} : {id, status, title, detail, fix};
}

export function reportOf(api: string, stage: string, checks: DoctorCheck[]): DoctorReport {
	return {api, stage, healthy: checks.every((item) => item.status !== 'fail'), checks};
}
