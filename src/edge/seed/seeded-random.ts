/** A small deterministic random source for demo data: the same seed always gives the same sequence. */

/** Draws from a seeded sequence; every method advances it. */
export interface SeededRandom {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** A float in [min, max) rounded to `decimals` places. */
  float(min: number, max: number, decimals: number): number;
  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** A version-4-shaped uuid made of the sequence's next 128 bits. */
  uuid(): string;
}

/** FNV-1a over the UTF-16 code units: turns a text seed into 32 bits. */
function hashSeed(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * A seeded source: a Weyl sequence (golden-ratio step) mixed by a murmur-style finaliser, which
 * is plenty for demo data and needs no state beyond one 32-bit counter.
 *
 * @example Two sources with one seed agree
 * ```ts
 * createSeededRandom('demo').uuid() === createSeededRandom('demo').uuid(); // true
 * ```
 */
export function createSeededRandom(seed: string): SeededRandom {
  let state = hashSeed(seed);
  const next32 = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  const next = (): number => next32() / 0x1_0000_0000;
  const hex = (n: number): string => n.toString(16).padStart(8, '0');
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    float: (min, max, decimals) => Number((min + next() * (max - min)).toFixed(decimals)),
    pick: (list) => {
      if (list.length === 0) throw new RangeError('pick() needs a non-empty list');
      return list[Math.floor(next() * list.length)] as (typeof list)[number];
    },
    chance: (p) => next() < p,
    uuid: () => {
      const h = hex(next32()) + hex(next32()) + hex(next32()) + hex(next32());
      const variant = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
  };
}
