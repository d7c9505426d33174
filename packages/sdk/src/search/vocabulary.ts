import { fold, isWordChar } from './text.js';

const initialEdges = 1 << 12;

/**
 * The index's terms, found by walking a trie while the text is read: indexing a word already
 * known allocates nothing, which keeps building tens of thousands of resources fast and free of
 * garbage. The trie's edges (node, char → child) live in one open-addressing table.
 */
export class Vocabulary {
  readonly terms: string[] = [];
  private from = new Int32Array(initialEdges);
  private code = new Int32Array(initialEdges);
  // Child node per edge; 0 marks an empty cell (the root, node 0, is nobody's child).
  private to = new Int32Array(initialEdges);
  private edges = 0;
  // Term id + 1 per node, 0 where no word ends.
  private termOf = new Int32Array(initialEdges);
  private nodes = 1;
  private root = new Int32Array(128);

  /** Term ids found by the last `read`, in `found[0]` up to `found[count - 1]`. */
  found = new Int32Array(256);

  /**
   * Reads the term id of every word of `text` into `found`, as `words()` reads them (case and
   * accents folded), adding new words as terms. Returns how many words there were.
   */
  read(text: string): number {
    const count = this.walk(text, false);
    return count >= 0 ? count : this.walk(fold(text), true);
  }

  /**
   * ASCII text is lower-cased letter by letter; other text must be folded first. Unfolded text
   * that turns out not to be ASCII is given up on (-1).
   */
  private walk(text: string, folded: boolean): number {
    const length = text.length;
    let count = 0;
    let start = -1;
    let node = 0;
    for (let i = 0; i <= length; i++) {
      let code = i < length ? text.charCodeAt(i) : 32;
      let inWord: boolean;
      if (code < 128) {
        if (code >= 65 && code <= 90) code += 32;
        inWord = (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
      } else if (folded) inWord = isWordChar(code);
      else return -1;
      if (inWord) {
        if (start >= 0) node = this.child(node, code);
        else {
          start = i;
          // Every word starts at the root: its ASCII children sit in a plain table.
          node = code < 128 ? (this.root[code] ?? 0) : 0;
          if (node === 0) {
            node = this.child(0, code);
            if (code < 128) this.root[code] = node;
          }
        }
      } else if (start >= 0) {
        if (count === this.found.length) {
          const grown = new Int32Array(count * 2);
          grown.set(this.found);
          this.found = grown;
        }
        this.found[count++] = this.termAt(node, text, start, i);
        start = -1;
      }
    }
    return count;
  }

  private child(node: number, code: number): number {
    const mask = this.to.length - 1;
    let cell = hash(node, code) & mask;
    for (;;) {
      const next = this.to[cell] ?? 0;
      if (next === 0) break;
      if (this.from[cell] === node && this.code[cell] === code) return next;
      cell = (cell + 1) & mask;
    }
    const next = this.nodes++;
    this.from[cell] = node;
    this.code[cell] = code;
    this.to[cell] = next;
    this.edges += 1;
    if (next >= this.termOf.length) {
      const grown = new Int32Array(this.termOf.length * 2);
      grown.set(this.termOf);
      this.termOf = grown;
    }
    if (this.edges * 2 > this.to.length) this.rehash();
    return next;
  }

  private termAt(node: number, text: string, start: number, end: number): number {
    const known = this.termOf[node] ?? 0;
    if (known > 0) return known - 1;
    const id = this.terms.length;
    this.terms.push(text.slice(start, end).toLowerCase());
    this.termOf[node] = id + 1;
    return id;
  }

  private rehash(): void {
    const size = this.to.length * 2;
    const mask = size - 1;
    const from = new Int32Array(size);
    const code = new Int32Array(size);
    const to = new Int32Array(size);
    for (let old = 0; old < this.to.length; old++) {
      const child = this.to[old] ?? 0;
      if (child === 0) continue;
      const parent = this.from[old] ?? 0;
      const letter = this.code[old] ?? 0;
      let cell = hash(parent, letter) & mask;
      while (to[cell] !== 0) cell = (cell + 1) & mask;
      from[cell] = parent;
      code[cell] = letter;
      to[cell] = child;
    }
    this.from = from;
    this.code = code;
    this.to = to;
  }
}

function hash(node: number, code: number): number {
  let h = Math.imul(node + 1, 0x9e3779b1) ^ Math.imul(code, 0x85ebca6b);
  h ^= h >>> 15;
  return h;
}
