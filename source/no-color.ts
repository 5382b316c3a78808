// The one NO_COLOR rule, for the text printer and the terminal UI alike (https://no-color.org): set and
// not empty turns colour off; set to the empty string counts as not set. chalk and Ink do not apply it.

export function noColorRequested(env: Readonly<Record<string, string | undefined>>): boolean {
	const value = env['NO_COLOR'];
	return value !== undefined && value !== '';
}
