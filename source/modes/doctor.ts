// `apigw-tail doctor --api ID|NAME --stage NAME`: can this stage be debugged? One line per check, with the
// exact fix for each problem. Exit 0 when healthy, 1 otherwise; `--output json` for scripts.

import process from 'node:process';
import type {DoctorConfig} from '../config.js';
import {runDoctorChecks, formatDoctorReport} from '../doctor/doctor.js';
import {EXIT, type ExitCode} from '../exit-codes.js';
import {stringifySafely} from '../output/ndjson.js';
import type {LineSink} from '../output/sink.js';
import {createAwsClients} from '../sources/cloudwatch/clients.js';

export async function runDoctor(config: DoctorConfig, sink: LineSink): Promise<ExitCode> {
	const clients = await createAwsClients(config.aws, process.env);
	try {
		const {profile, endpointUrl} = config.aws;
		const report = await runDoctorChecks(clients, config.api, config.stage, Date.now, {profile, endpointUrl});
		await sink.write(config.output === 'json' ? [stringifySafely(report)] : formatDoctorReport(report, {colour: config.colour}));
		return report.healthy ? EXIT.ok : EXIT.runtime;
	} finally {
		clients.destroy();
	}
}
