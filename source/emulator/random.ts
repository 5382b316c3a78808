// A seeded PRNG (sfc32, seeded through splitmix32) and the draws the traffic simulator needs.
// Everything the simulator produces comes from here so that one seed always yields one stream.

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const HEX = '0123456789abcdef';

function splitmix32(state: number): () => number {
	let s = state >>> 0;
	return () => {
		s = (s + 0x9e3779b9) >>> 0;
		let z = s;
		z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
		z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
		return (z ^ (z >>> 16)) >>> 0;
	};
}

export class Random {
	#a: number;
	#b: number;
	#c: number;
	#d: number;

	constructor(seed: number) {
		// Fold the high bits in, so seeds that differ only above 2^32 still give different streams.
		const seeder = splitmix32(Math.trunc(seed) ^ Math.trunc(seed / 0x1_0000_0000));
		this.#a = seeder();
		this.#b = seeder();
		this.#c = seeder();
		this.#d = seeder();
		// sfc32 needs a few rounds before its output stops echoing the seed.
		for (let i = 0; i < 12; i++) this.uint32();
	}

	uint32(): number {
		const t = (((this.#a + this.#b) >>> 0) + this.#d) >>> 0;
		this.#d = (this.#d + 1) >>> 0;
		this.#a = this.#b ^ (this.#b >>> 9);
		this.#b = (this.#c + (this.#c << 3)) >>> 0;
		this.#c = ((this.#c << 21) | (this.#c >>> 11)) >>> 0;
		this.#c = (this.#c + t) >>> 0;
		return t;
	}

	/** Uniform in [0, 1). */
	next(): number {
		return this.uint32() / 0x1_0000_0000;
	}

	/** Uniform integer in [min, max], both included. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	/** Uniform in [min, max). */
	between(min: number, max: number): number {
		return min + this.next() * (max - min);
	}

	chance(probability: number): boolean {
		return this.next() < probability;
	}

	pick<T>(items: readonly T[]): T {
		const item = items[Math.floor(this.next() * items.length)];
		if (item === undefined) throw new Error('Random.pick needs a non-empty list');
		return item;
	}

	/** Picks by weight: `[[value, weight], ...]`. */
	weighted<T>(choices: ReadonlyArray<readonly [T, number]>): T {
		let total = 0;
		for (const [, weight] of choices) total += weight;
		let draw = this.next() * total;
		for (const [value, weight] of choices) {
			draw -= weight;
			if (draw < 0) return value;
		}
		const last = choices[choices.length - 1];
		if (last === undefined) throw new Error('Random.weighted needs a non-empty list');
		return last[0];
	}

	shuffled<T>(items: readonly T[]): T[] {
		const out = [...items];
		for (let i = out.length - 1; i > 0; i--) {
			const j = Math.floor(this.next() * (i + 1));
			const held = out[i] as T;
			out[i] = out[j] as T;
			out[j] = held;
		}
		return out;
	}

	exponential(mean: number): number {
		return -Math.log(1 - this.next()) * mean;
	}

	/** Erlang (a sum of `shape` exponentials) with the given mean: random, but less bursty the larger the shape. */
	erlang(mean: number, shape: number): number {
		let sum = 0;
		for (let i = 0; i < shape; i++) sum += this.exponential(mean / shape);
		return sum;
	}

	/** Log-normal with the given median: most values near it, a long tail above. */
	logNormal(median: number, sigma: number): number {
		const u = 1 - this.next();
		const v = this.next();
		const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
		return median * Math.exp(sigma * normal);
	}

	hex(length: number): string {
		return this.#characters(HEX, 4, length);
	}

	base64url(length: number): string {
		return this.#characters(BASE64URL, 6, length);
	}

	/**
	 * A WebSocket requestId / connectionId / messageId: 11 random bytes in base64url, 16 characters
	 * ending in `=`. The 15th character carries only 4 bits, as in real ids (`...o1A=`, `...3-Q=`).
	 */
	gatewayId(): string {
		return this.base64url(14) + BASE64URL[this.int(0, 15) * 4] + '=';
	}

	/** A version 4 UUID. */
	uuid(): string {
		const variant = HEX[8 + this.int(0, 3)];
		return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${variant}${this.hex(3)}-${this.hex(12)}`;
	}

	/** Random characters of a power-of-two alphabet, several per 32-bit draw (ids and tokens are hot). */
	#characters(alphabet: string, bitsPerCharacter: number, length: number): string {
		const mask = (1 << bitsPerCharacter) - 1;
		let out = '';
		let pool = 0;
		let bits = 0;
		for (let i = 0; i < length; i++) {
			if (bits < bitsPerCharacter) {
				pool = this.uint32();
				bits = 32;
			}
			out += alphabet[pool & mask];
			pool >>>= bitsPerCharacter;
			bits -= bitsPerCharacter;
		}
		return out;
	}
}
