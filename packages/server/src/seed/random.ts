// Small deterministic randomness for demo and synthetic data: the same seed gives the same
// records on every machine and run, so demos, screenshots and benchmarks can be reproduced.

export type Random = () => number;

/** mulberry32: a 32-bit-state generator, plenty for test data and fast enough for 50k records. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, then a murmur3 finalizer so that similar labels land far apart. */
export function hash32(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const hex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A UUID in version-4 form (RFC 9562 version and variant bits) drawn from `random`. */
export function uuidFrom(random: Random): string {
  let out = '';
  for (let i = 0; i < 16; i++) {
    let byte = Math.floor(random() * 256) & 0xff;
    if (i === 6) byte = (byte & 0x0f) | 0x40;
    if (i === 8) byte = (byte & 0x3f) | 0x80;
    if (i === 4 || i === 6 || i === 8 || i === 10) out += '-';
    out += hex[byte] ?? '00';
  }
  return out;
}

/**
 * The id of the record named `label` under `seed`. Ids depend on the label, not on generation
 * order, so adding a record to the demo does not renumber the others.
 */
export function stableId(seed: number, label: string): string {
  // Two independent 32-bit hashes keep collisions out of reach for a few thousand labels.
  const high = mulberry32(hash32(label, seed));
  const low = mulberry32(hash32(label, ~seed));
  let turn = 0;
  return uuidFrom(() => (turn++ % 2 === 0 ? high() : low()));
}

export function pick<T>(random: Random, items: readonly [T, ...T[]]): T {
  return items[Math.floor(random() * items.length)] ?? items[0];
}

/** An integer in [min, max]. */
export function between(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}
