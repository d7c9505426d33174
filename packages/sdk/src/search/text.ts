// Words as the search index sees them, and the one-edit comparisons behind typo tolerance.

const marks = /\p{M}+/gu;
const nonAscii = /[\u0080-\uffff]/;
const letterOrDigit = /^[\p{L}\p{N}]$/u;
const wordChars = new Map<number, boolean>();

/** Letters and digits beyond ASCII, remembered once seen. */
export function isWordChar(code: number): boolean {
  // Halves of a pair stand for letters beyond the BMP (CJK extensions and the like).
  if (code >= 0xd800 && code <= 0xdfff) return true;
  let known = wordChars.get(code);
  if (known === undefined) {
    known = letterOrDigit.test(String.fromCharCode(code));
    wordChars.set(code, known);
  }
  return known;
}

/** Lower case, accents removed: "Reunión" → "reunion". */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  return nonAscii.test(lower) ? lower.normalize('NFKD').replace(marks, '') : lower;
}

/** Calls `each(word)` for every word of folded text. */
function forEachWord(folded: string, each: (word: string) => void): void {
  let start = -1;
  const length = folded.length;
  for (let i = 0; i <= length; i++) {
    const code = i < length ? folded.charCodeAt(i) : 32;
    const inWord = code < 128 ? (code >= 97 && code <= 122) || (code >= 48 && code <= 57) : isWordChar(code);
    if (inWord) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      each(folded.slice(start, i));
      start = -1;
    }
  }
}

/** The words of `text` as the index stores them: "Reunión de Recuperación" → reunion, de, recuperacion. */
export function words(text: string): string[] {
  const out: string[] = [];
  forEachWord(fold(text), (word) => out.push(word));
  return out;
}

/** Whether `a` from `i` equals `b` from `j` to both ends (or, with `prefix`, to the end of `a`). */
function sameFrom(a: string, i: number, b: string, j: number, prefix: boolean): boolean {
  const rest = a.length - i;
  if (prefix ? b.length - j < rest : b.length - j !== rest) return false;
  for (let k = 0; k < rest; k++) if (a.charCodeAt(i + k) !== b.charCodeAt(j + k)) return false;
  return true;
}

/**
 * Whether `query` becomes `term` (or, with `prefix`, the start of `term`) by exactly one edit:
 * a letter replaced, left out, added, or two neighbors swapped (optimal string alignment).
 * Identical words and plain prefixes are not edits; the index finds those without this.
 *
 * For a prefix, a replaced or extra last letter does not count: "reco" would otherwise find
 * every word that starts with "rec", which is a shorter prefix, not a typo.
 */
export function oneEditAway(query: string, term: string, prefix: boolean): boolean {
  const q = query.length;
  let i = 0;
  const common = Math.min(q, term.length);
  while (i < common && query.charCodeAt(i) === term.charCodeAt(i)) i++;
  if (i === q) return false;
  const settled = !prefix || i + 1 < q;
  return (
    // Replaced letter.
    (settled && i < term.length && sameFrom(query, i + 1, term, i + 1, prefix)) ||
    // Extra letter in the query.
    (settled && sameFrom(query, i + 1, term, i, prefix)) ||
    // Missing letter in the query.
    (i < term.length && sameFrom(query, i, term, i + 1, prefix)) ||
    // Swapped neighbors.
    (i + 1 < q &&
      i + 1 < term.length &&
      query.charCodeAt(i) === term.charCodeAt(i + 1) &&
      query.charCodeAt(i + 1) === term.charCodeAt(i) &&
      sameFrom(query, i + 2, term, i + 2, prefix))
  );
}
