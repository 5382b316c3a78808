// ANSI styling for the plain-text views (the printer, doctor's report). Colour is decided once by the
// caller (a TTY and no NO_COLOR); without colour, errors still stand out through their glyphs and tags.

export interface Style {
	red(text: string): string;
	yellow(text: string): string;
	green(text: string): string;
	dim(text: string): string;
	bold(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001B[${open}m${text}\u001B[${close}m`;

export const COLOUR_STYLE: Style = {
	red: wrap(31, 39),
	yellow: wrap(33, 39),
	green: wrap(32, 39),
	dim: wrap(2, 22),
	bold: wrap(1, 22),
};

const identity = (text: string) => text;

export const PLAIN_STYLE: Style = {red: identity, yellow: identity, green: identity, dim: identity, bold: identity};
