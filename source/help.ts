// `--help` for each command, written from the flag table: its usage and only the flags it accepts.
// `apigw-tail --help` (live tailing, the command without a name) also lists every other command.

import {COMMANDS, FLAGS, SECTIONS, flagLabel, type Flag, type Mode} from './flags.js';

const FLAG_COLUMN = 35;

/** `description`: what apigw-tail is, the first line (package.json's description). */
export function helpText(mode: Mode, description: string): string {
	const commands = mode === 'live' ? (Object.keys(COMMANDS) as Mode[]) : [mode];
	const ways = commands.flatMap((command) => COMMANDS[command].usage).map(([how, what]) => [`$ apigw-tail ${how}`, what] as const);
	const usageColumn = Math.max(...ways.map(([how]) => how.length)) + 3;
	const usage = ways.map(([how, what]) => row(how, what, usageColumn));
	const seeAlso = mode === 'live' ? ['', '  apigw-tail help COMMAND (or COMMAND --help) lists the flags of that command.'] : [];
	const flags = Object.entries(FLAGS as Record<string, Flag<unknown>>).filter(([, flag]) => flag.commands.includes(mode));
	const sections = (Object.keys(SECTIONS) as Array<keyof typeof SECTIONS>).flatMap((section) => {
		const rows = flags.filter(([, flag]) => flag.section === section).map(([name, flag]) => flagRow(name, flag, mode));
		return rows.length === 0 ? [] : ['', `  ${SECTIONS[section]}`, ...rows];
	});
	return [
		'',
		`  ${description}`,
		'',
		'  Usage',
		...usage,
		...seeAlso,
		...sections,
		'',
		'  Exit codes: 0 ok, 1 runtime failure, 2 usage error, 130 interrupted.',
		'',
	].join('\n');
}

function flagRow(name: string, flag: Flag<unknown>, mode: Mode): string {
	const {placeholder, default: fallback} = flag.value;
	const label = flag.short === undefined ? flagLabel(name, flag) : `-${flag.short}, ${flagLabel(name, flag)}`;
	const usage = placeholder === '' ? label : `${label} ${placeholder}`;
	// A switch's default is in its name (--errors-only, --no-follow).
	const shownDefault = typeof fallback === 'string' ? ` (default ${fallback})` : '';
	return row(usage, flag.helpIn?.[mode] ?? `${flag.help}${shownDefault}`, FLAG_COLUMN);
}

function row(left: string, right: string, column: number): string {
	return `    ${left.padEnd(column - 1)} ${right}`;
}
