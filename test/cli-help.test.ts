// The ways a newcomer asks for help: -h like --help, and `apigw-tail help [COMMAND]` like `[COMMAND] --help`;
// each prints that command's help and exits 0, never runs the command.
import type {ChildProcess} from 'node:child_process';
import {afterEach, describe, expect, it} from 'vitest';
import {runCli} from './helpers/cli.js';

describe('apigw-tail -h and apigw-tail help [COMMAND]', () => {
	// A command that wrongly runs instead of printing help (demo, emulator) would outlive the test.
	const started: ChildProcess[] = [];
	afterEach(() => {
		for (const child of started.splice(0)) if (child.exitCode === null) child.kill();
	});
	const run = async (args: string[]) =>
		runCli(args, {
			onSpawn: (child) => {
				started.push(child);
				child.stdin?.end();
			},
		});

	it.each([
		[['-h'], ['--help']],
		[['help'], ['--help']],
		[['demo', '-h'], ['demo', '--help']],
		[['help', 'demo'], ['demo', '--help']],
		[['help', 'emulator'], ['emulator', '--help']],
		[['help', 'replay'], ['replay', '--help']],
	])('%j prints what %j prints, exit 0', async (args, same) => {
		const [result, expected] = await Promise.all([run(args), run(same)]);
		expect(result).toMatchObject({code: 0, stderr: ''});
		expect(result.stdout).toBe(expected.stdout);
		expect(result.stdout).toContain('Usage');
	});

	it('help lists -h with --help and says how to get one command\'s help', async () => {
		const {stdout} = await run(['--help']);
		expect(stdout).toContain('-h, --help');
		expect(stdout).toContain('apigw-tail help COMMAND');
	});

	it('live help shows --lambda-log-group and --no-lambda; replay help does not', async () => {
		const [live, replay] = await Promise.all([run(['--help']), run(['replay', '--help'])]);
		expect(live.stdout).toMatch(/--lambda-log-group NAME +also tail this Lambda function's log group \(repeatable; with --api or --log-group\)/);
		expect(live.stdout).toMatch(/--no-lambda +do not find the API's Lambda functions/);
		expect(replay.stdout).not.toContain('lambda');
	});

	it('stats help gives --since and --log-group their stats meaning and default; live help keeps its own', async () => {
		const [stats, live] = await Promise.all([run(['stats', '--help']), run(['--help'])]);
		expect(stats.stdout).toMatch(/--since 15m\|2h\|1d\|ISO +the window start \(default 24h\)$/m);
		expect(stats.stdout).toMatch(/--log-group NAME +query these access log groups instead \(repeatable\)$/m);
		expect(live.stdout).toMatch(/--since 15m\|2h\|1d\|ISO +backfill from \(default 10m\)$/m);
	});

	it('help of a command that does not exist is a usage error', async () => {
		const result = await run(['help', 'frobnicate']);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('unknown command "frobnicate"');
	});
});
