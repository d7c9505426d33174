// Deterministic ids for HSDS rows Peerlink has to invent (HSDS 3.0 wants a UUID on every row).
// The same resource always exports with the same ids, so re-exports diff cleanly and a
// directory that imports our feed twice sees updates, not duplicates. Not cryptographic.

const lanes: readonly (readonly [basis: number, prime: number])[] = [
  [0x811c9dc5, 0x01000193],
  [0x9e3779b9, 0x5bd1e995],
  [0x85ebca6b, 0x27d4eb2d],
  [0xc2b2ae35, 0x165667b1],
];

function mix(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A version-8 (application-defined) UUID derived from `seed`. */
export function stableUuid(seed: string): string {
  const hex = lanes
    .map(([basis, prime]) => {
      let h = basis;
      for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), prime);
      return mix(h ^ seed.length)
        .toString(16)
        .padStart(8, '0');
    })
    .join('');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string): boolean => uuidPattern.test(value);
