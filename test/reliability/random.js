/**
 * A small seeded pseudo-random generator (mulberry32) and the helpers the fuzz tests draw with:
 * the same seed gives the same cases on every machine, so a failure can be replayed.
 */
'use strict';

function mulberry32(seed) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function createRandom(seed) {
	const next = mulberry32(seed);
	const random = {
		seed,
		next,
		/** 0 <= n < below */
		int: (below) => Math.floor(next() * below),
		/** from <= n <= to */
		between: (from, to) => from + Math.floor(next() * (to - from + 1)),
		chance: (probability) => next() < probability,
		pick: (list) => list[Math.floor(next() * list.length)],
		/** [[weight, value], ...] */
		weighted: (entries) => {
			const total = entries.reduce((sum, [weight]) => sum + weight, 0);
			let roll = next() * total;
			for (const [weight, value] of entries) {
				roll -= weight;
				if (roll < 0) return value;
			}
			return entries[entries.length - 1][1];
		},
		/** a random subset, in the list's order */
		subset: (list, probability = 0.5) => list.filter(() => next() < probability),
	};
	return random;
}

module.exports = { createRandom, mulberry32 };
