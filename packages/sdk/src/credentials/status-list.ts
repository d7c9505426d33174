// W3C Bitstring Status List: one bit per credential, gzip-compressed, base64url-encoded.
// Uses the platform's CompressionStream, present in browsers and Node 18+.

/** At least 16 KB of bits (131,072 entries), as the specification asks, for herd privacy. */
export const statusListLength = 131_072;

async function pipe(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const toBase64Url = (bytes: Uint8Array): string => {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

const fromBase64Url = (text: string): Uint8Array => {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
};

/** Encodes the set bits (revoked credentials' indexes) as a status list's `encodedList`. */
export async function encodeStatusList(setIndexes: Iterable<number>, length = statusListLength): Promise<string> {
  const bits = new Uint8Array(Math.ceil(length / 8));
  for (const index of setIndexes) {
    if (!Number.isInteger(index) || index < 0 || index >= length)
      throw new RangeError(`status list index out of range: ${String(index)}`);
    // Bit 0 is the most significant bit of the first byte (left to right).
    bits[index >> 3] = (bits[index >> 3] ?? 0) | (0x80 >> (index & 7));
  }
  return `u${toBase64Url(await pipe(bits, new CompressionStream('gzip')))}`;
}

/** The bits of an `encodedList` (multibase "u" prefix: base64url without padding, as the specification writes it). */
export async function decodeStatusList(encodedList: string): Promise<Uint8Array> {
  const text = encodedList.startsWith('u') ? encodedList.slice(1) : encodedList;
  return pipe(fromBase64Url(text), new DecompressionStream('gzip'));
}

/** Whether bit `index` is set, counting from the most significant bit of the first byte. */
export function bitAt(bits: Uint8Array, index: number): boolean {
  if (!Number.isInteger(index) || index < 0 || index >= bits.length * 8)
    throw new RangeError('status list index out of range');
  return ((bits[index >> 3] ?? 0) & (0x80 >> (index & 7))) !== 0;
}

/** Whether the bit at `index` is set in an `encodedList`. */
export async function statusListBit(encodedList: string, index: number): Promise<boolean> {
  return bitAt(await decodeStatusList(encodedList), index);
}
