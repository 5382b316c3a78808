// The floor of the key-to-screen benchmark (bench/keys.js): a program that answers a key at once. `?`
// draws a screen with "[Help]", Escape one with "[Connections]", both full-screen on the alternate
// screen as apigw-tail does; nothing else runs. Whatever apigw-tail takes above this is its own.

const rows = process.stdout.rows ?? 24;
const draw = (title) => process.stdout.write(`\u001B[H\u001B[2J${title}\n${'.\n'.repeat(Math.max(0, rows - 2))}`);
process.stdout.write('\u001B[?1049h');
draw('[Connections]');
process.stdin.setRawMode(true);
process.stdin.on('data', (data) => {
	for (const byte of data) {
		if (byte === 0x3f) draw('[Help]');
		else if (byte === 0x1b) draw('[Connections]');
		else if (byte === 0x71) {
			process.stdout.write('\u001B[?1049l');
			process.exit(0);
		}
	}
});
