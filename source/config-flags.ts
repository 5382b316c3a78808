// Which flags exist and which commands take each (from the table in flags.ts): checked before any value,
// so a flag the command would ignore (`replay --since 1h`) is refused instead of silently showing the
// user something else.

import {UsageError} from './exit-codes.js';
import {COMMANDS, flagLabel, flagNamed, kebab, type Flag, type Mode} from './flags.js';

const NAMED_COMMANDS = (Object.keys(COMMANDS) as Mode[]).filter((mode) => mode !== 'live');

/** Checked before any flag's value: `frobnicate --output xml` is an unknown command first. */
export function commandMode(command: string | undefined): Mode {
	if (command === undefined) return 'live';
	if ((NAMED_COMMANDS as string[]).includes(command)) return command as Mode;
	const expected = `${NAMED_COMMANDS.slice(0, -1).join(', ')} or ${NAMED_COMMANDS.at(-1)}`;
	throw new UsageError(`unknown command "${command}": expected ${expected}, or --api/--stage (see --help)`);
}

/** Unknown flags, and flags the command would ignore. */
export function checkFlags(flags: Record<string, unknown>, mode: Mode): void {
	const names = Object.keys(flags);
	for (const name of names) {
		if (flagNamed(name) !== undefined) continue;
		// `--settle -1m` parses as --settle with no value plus the short flags -1 and -m: name the real mistake.
		const valueless = names.find((other) => flags[other] === '' && flagNamed(other) !== undefined);
		if (name.length === 1 && valueless !== undefined) {
			throw new UsageError(`--${kebab(valueless)} needs a value (write --${kebab(valueless)}=VALUE for one that starts with "-")`);
		}

		throw new UsageError(`unknown flag ${name.length === 1 ? `-${name}` : `--${kebab(name)}`} (see apigw-tail --help)`);
	}

	for (const name of names) {
		const flag = flagNamed(name)!;
		if (!given(flag, flags[name]) || flag.commands.includes(mode)) continue;
		throw new UsageError(`${flagLabel(name, flag)} does not apply to ${COMMANDS[mode].title} (see apigw-tail --help)`);
	}
}

/** meow reports every flag it knows: unset ones as undefined, switches at their default, empty lists. */
function given(flag: Flag<unknown>, value: unknown): boolean {
	if (value === undefined) return false;
	if (flag.value.type === 'boolean') return value !== flag.value.default;
	return !(flag.value.repeatable && Array.isArray(value) && value.length === 0);
}
