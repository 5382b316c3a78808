// The table `npm run bench` prints: each figure beside its floor (or baseline) measured in the same run,
// how far above it, and the goal. The goals are issue 12's (and 11's for the Lambda workload).

export function tableRows(results) {
	const rows = [];
	const add = (figure, measured, floor, relation, goal, met, note = '') => rows.push({figure, measured, floor, relation, goal, met, note});
	const {replay, replayText, replayLambda, live, tui, keys, startup, stats} = results;
	if (keys) {
		add(
			`key to screen p50 / p95, ms (${keys.terminal}, demo --rate ${keys.rate})`,
			`${keys.p50Ms} / ${keys.p95Ms}`,
			`${keys.floorP50Ms} / ${keys.floorP95Ms}`,
			`+${keys.aboveFloorP95Ms} p95`,
			`p95 <= floor + ${keys.goalAboveFloorMs}`,
			keys.aboveFloorP95Ms <= keys.goalAboveFloorMs,
			`${keys.samples} presses; floor: a program that redraws at once (bench/key-floor.js)`,
		);
	}
	if (tui) {
		add(
			`TUI frame p50 / p95, ms (${tui.terminal})`,
			`${tui.p50Ms} / ${tui.p95Ms}`,
			`${tui.inkFloorP50Ms} / ${tui.inkFloorP95Ms}`,
			`x${tui.p95Ratio} p95`,
			'p95 <= 8',
			tui.p95Ms <= 8,
			`${tui.frames} frames, ${tui.connections} connections, ${tui.requests} requests, ${tui.eventsPerSecond} events/s; floor: Ink alone`,
		);
	}
	if (startup) {
		add(
			'first frame of replay, ms (pty)',
			startup.replayFirstFrameMs,
			startup.bareNodeInPtyMs,
			`+${startup.replayFirstFrameAboveFloorMs}`,
			`<= floor + ${startup.goalFirstFrameAboveFloorMs}`,
			startup.replayFirstFrameAboveFloorMs <= startup.goalFirstFrameAboveFloorMs,
			`floor: node -e printing a line; whole file shown at ${startup.replayDataFrameMs} ms; the smallest Ink program drawing the same shape (bench/ink-floor-app.js): ${startup.inkFirstFrameMs} ms, +${startup.inkFirstFrameAboveFloorMs}`,
		);
		add('--version, ms', startup.versionMs, startup.bareNodeMs, `x${startup.versionRatio}`, `< ${startup.goalMs}`, startup.versionMs < startup.goalMs, "floor: node -e ''");
	}
	if (replay) {
		add(
			'replay to NDJSON, events/s',
			replay.eventsPerSecond,
			replay.floorEventsPerSecond,
			`x${exact(replay.eventsPerSecond, replay.floorEventsPerSecond)}`,
			`>= ${replay.goalFloorRatio} of floor`,
			replay.eventsPerSecond / replay.floorEventsPerSecond >= replay.goalFloorRatio,
			`median of ${replay.runs} alternating runs each; floor: read, JSON.parse, JSON.stringify, write in 1 MB chunks (old read + JSON.parse baseline ${replay.baselineEventsPerSecond}/s, x${replay.ratio})`,
		);
		add('replay to NDJSON, peak RSS MB', replay.peakRssMb, replay.floorPeakRssMb, '', `<= ${replay.goalPeakRssMbNode24}`, replay.peakRssMb <= replay.goalPeakRssMbNode24, 'default bounds (100,000 requests, 10,000 connections)');
		add('replay to text, events/s', replayText.eventsPerSecond, replay.floorEventsPerSecond, `x${replayText.floorRatio}`, 'at least as fast as NDJSON', replayText.eventsPerSecond >= replay.eventsPerSecond, `peak RSS ${replayText.peakRssMb} MB`);
	}
	if (replayLambda) {
		const l = replayLambda;
		add(
			'replay with Lambda lines, events/s',
			l.eventsPerSecond,
			l.plainEventsPerSecond,
			`x${exact(l.eventsPerSecond, l.plainEventsPerSecond)}`,
			`>= ${l.goalRatioToPlain} of plain`,
			l.eventsPerSecond / l.plainEventsPerSecond >= l.goalRatioToPlain,
			`floor: the same replay without Lambda lines; ${Math.round(100 * l.lambdaShare)}% Lambda lines, peak RSS ${l.peakRssMb} MB`,
		);
	}
	if (live) {
		const {latency, backfill} = live;
		const cli = backfill.awsCliSeconds === undefined ? '-' : Math.round(backfill.events / backfill.awsCliSeconds);
		add('live tail latency p50 / p95, ms', `${latency.p50Ms} / ${latency.p95Ms}`, `${latency.bareSdkP50Ms} / ${latency.bareSdkP95Ms}`, `x${latency.p95Ratio} p95`, '', undefined, 'floor: bare SDK StartLiveTail, 1 s updates');
		const latencyNote = `emulator answering each call after ${backfill.latencyMs?.join('-')} ms; floor: aws logs tail on it`;
		add('backfill, 3 calls/s, events/s', backfill.eventsPerSecond, cli, `x${backfill.speedupVsAwsCli ?? '-'}`, 'not slower than aws logs tail', cli === '-' ? undefined : backfill.eventsPerSecond >= cli, backfill.awsCli ?? latencyNote);
		add('backfill, 10 calls/s, events/s', backfill.at10PerSecond.eventsPerSecond, cli, `x${backfill.speedupVsAwsCliAt10PerSecond ?? '-'}`, '>= 2x aws logs tail', cli === '-' ? undefined : backfill.at10PerSecond.eventsPerSecond >= 2 * cli);
		add(
			"backfill's bound on this machine, 10 calls/s, events/s",
			backfill.boundAt10PerSecond.eventsPerSecond,
			cli,
			`x${backfill.boundSpeedupVsAwsCliAt10PerSecond ?? '-'}`,
			'',
			undefined,
			'the transport alone and the engine alone (replay of the same events) at once, in two processes',
		);
	}
	if (stats) {
		const calls = (counts) => Object.entries(counts).map(([operation, count]) => `${count} ${operation}`).join(', ');
		add(
			`stats --since 7d, s (${stats.events} events, ${stats.accessEvents} access lines)`,
			stats.stats.seconds,
			stats.replay.seconds,
			`x${Math.round((100 * stats.stats.seconds) / stats.replay.seconds) / 100}`,
			'',
			undefined,
			`time on the emulator, whose Insights runs in one process (AWS spreads a query over its fleet); the AWS calls and bytes are what carry over. Floor: reading the week back with FilterLogEvents (--no-follow, --request-rate 10): ${calls(stats.replay.calls)}; stats: ${calls(stats.stats.calls)}, ${stats.stats.queries} queries, ${(stats.stats.bytesScanned / 1e6).toFixed(1)} MB scanned, about $${stats.stats.estimatedCostUsd?.toFixed(4)}`,
		);
	}

	return rows;
}

export function formatTable(results, rows) {
	const header = ['figure', 'apigw-tail', 'floor', 'vs floor', 'goal', ''];
	const cells = rows.map((row) => [row.figure, String(row.measured), String(row.floor), row.relation, row.goal, row.met === undefined ? '' : row.met ? 'met' : 'NOT MET']);
	const widths = header.map((_, column) => Math.max(header[column].length, ...cells.map((line) => line[column].length)));
	const line = (values) => values.map((value, column) => value.padEnd(widths[column])).join('  ').trimEnd();
	const notes = rows.filter((row) => row.note).map((row) => `  ${row.figure}: ${row.note}`);
	return [`apigw-tail benchmark, node ${results.node}, ${results.date} (load average ${results.loadAverage.join(' ')})`, '', line(header), ...cells.map(line), '', ...notes, '', 'Results in bench/results.json.'].join('\n');
}

/** A ratio goal is judged on the unrounded figures and shown with three decimals: x0.598 is not x0.6. */
function exact(value, floor) {
	return (value / floor).toFixed(3);
}
