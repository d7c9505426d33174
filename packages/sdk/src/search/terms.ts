// The resource index's term dictionary: every word of the directory, with the resources (slots)
// and fields it appears in, and how a query word expands to the terms it stands for (whole,
// prefix, one typo). Packed in flat typed arrays so searching 50,000 resources makes no garbage.
import { oneEditAway } from './text.js';
import { Vocabulary } from './vocabulary.js';

// The fields a term is found in, as bits of a posting.
export const NAME = 1;
export const ORGANIZATION = 2;
export const CATEGORIES = 4;
export const DESCRIPTION = 8;
export const PLACE = 16;
export const FIELD_BITS = 5;
export const FIELD_MASK = (1 << FIELD_BITS) - 1;
// The log of new postings grows by chunks of 4,096.
const LOG_BITS = 12;
const LOG_MASK = (1 << LOG_BITS) - 1;

const EXACT = 2;
// A prefix counts between 1 and 1.5 by how much of the word it covers.
const PREFIX = 1;
const TYPO = 0.75;
const TYPO_PREFIX = 0.5;
const cacheSize = 512;

/** The terms a query word stands for, each with how well it matches. */
export interface Expansion {
  terms: number[];
  quality: number[];
}

/**
 * A posting is `slot << FIELD_BITS | fields the term appears in`; term t's postings are
 * `postings[start[t]]` up to `postings[start[t + 1]]`. New postings go to a log first and are
 * packed in before the next search, which keeps building free of garbage.
 */
export class TermIndex {
  postings = new Int32Array(0);
  start = new Int32Array(1);
  private readonly vocabulary = new Vocabulary();
  private log: Int32Array[] = [];
  private logged = 0;
  // Term ids of each category's words, by the category's bit position.
  private categoryTerms: (number[] | undefined)[] = [];
  private sortedTerms: number[] | undefined;
  private termsByLength: number[][] | undefined;
  private expansions = new Map<string, Expansion>();
  private fieldsOfTerm: number[] = [];
  // The terms of the resource being added, so far.
  private touched = new Int32Array(256);
  private touchedCount = 0;

  /** `categoryText(bit)`: the words that stand for the category at that bit. */
  constructor(private readonly categoryText: (bit: number) => string) {}

  /** Notes the words of `text` as found in `field` of the resource being added. */
  addText(text: string, field: number): void {
    const count = this.vocabulary.read(text);
    const { found } = this.vocabulary;
    for (let i = 0; i < count; i++) this.mark(found[i] ?? 0, field);
  }

  /** Notes the words of the category at `bit` (the same on every resource: read once). */
  addCategory(bit: number, field: number): void {
    let ids = this.categoryTerms[bit];
    if (!ids) {
      const count = this.vocabulary.read(this.categoryText(bit));
      ids = [...new Set(this.vocabulary.found.subarray(0, count))];
      this.categoryTerms[bit] = ids;
    }
    for (const id of ids) this.mark(id, field);
  }

  /** Logs the postings of the resource being added, at `slot`. */
  commit(slot: number): void {
    const { touched, fieldsOfTerm } = this;
    for (let i = 0; i < this.touchedCount; i++) {
      const id = touched[i] ?? 0;
      this.append(id, (slot << FIELD_BITS) | (fieldsOfTerm[id] ?? 0));
      fieldsOfTerm[id] = 0;
    }
    this.touchedCount = 0;
  }

  /** Notes that term `id` occurs in `field` of the resource being added. */
  private mark(id: number, field: number): void {
    const { fieldsOfTerm } = this;
    while (id >= fieldsOfTerm.length) this.newTerm();
    const seen = fieldsOfTerm[id] ?? 0;
    if (seen === 0) {
      if (this.touchedCount === this.touched.length) {
        const grown = new Int32Array(this.touchedCount * 2);
        grown.set(this.touched);
        this.touched = grown;
      }
      this.touched[this.touchedCount++] = id;
    }
    fieldsOfTerm[id] = seen | field;
  }

  /** Logs a posting, in chunks that are never copied as the log grows. */
  private append(term: number, posting: number): void {
    const chunk = this.logged >>> LOG_BITS;
    let buffer = this.log[chunk];
    if (!buffer) {
      buffer = new Int32Array(2 << LOG_BITS);
      this.log.push(buffer);
    }
    const at = (this.logged & LOG_MASK) * 2;
    buffer[at] = term;
    buffer[at + 1] = posting;
    this.logged += 1;
  }

  /** Terms a query word stands for, each with how well it matches. */
  expand(word: string, typing: boolean): Expansion {
    const key = `${typing ? '…' : ' '}${word}`;
    const cached = this.expansions.get(key);
    if (cached) return cached;
    const found = new Map<number, number>();
    const sorted = this.sorted();
    const { terms } = this.vocabulary;
    // Binary search for the first term not before `word`; its prefixes follow it.
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((terms[sorted[mid] ?? 0] ?? '') < word) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < sorted.length; i++) {
      const id = sorted[i] ?? 0;
      const term = terms[id] ?? '';
      if (!term.startsWith(word)) break;
      found.set(id, term.length === word.length ? EXACT : PREFIX + (0.5 * word.length) / term.length);
    }
    const byLength = this.lengths();
    if (word.length >= 3) {
      for (let length = Math.max(4, word.length - 1); length <= word.length + 1; length++) {
        for (const id of byLength[length] ?? []) {
          if (!found.has(id) && oneEditAway(word, terms[id] ?? '', false)) found.set(id, TYPO);
        }
      }
    }
    if (typing && word.length >= 4) {
      for (let length = word.length - 1; length < byLength.length; length++) {
        for (const id of byLength[length] ?? []) {
          if (!found.has(id) && oneEditAway(word, terms[id] ?? '', true)) found.set(id, TYPO_PREFIX);
        }
      }
    }
    const expansion: Expansion = { terms: [...found.keys()], quality: [...found.values()] };
    if (this.expansions.size >= cacheSize) this.expansions.clear();
    this.expansions.set(key, expansion);
    return expansion;
  }

  private newTerm(): void {
    this.fieldsOfTerm.push(0);
    this.sortedTerms = undefined;
    this.termsByLength = undefined;
    this.expansions.clear();
  }

  private sorted(): number[] {
    if (!this.sortedTerms) {
      const { terms } = this.vocabulary;
      this.sortedTerms = terms.map((_, id) => id).sort((a, b) => ((terms[a] ?? '') < (terms[b] ?? '') ? -1 : 1));
    }
    return this.sortedTerms;
  }

  private lengths(): number[][] {
    if (!this.termsByLength) {
      const byLength: number[][] = [];
      this.vocabulary.terms.forEach((term, id) => {
        (byLength[term.length] ??= []).push(id);
      });
      this.termsByLength = byLength;
    }
    return this.termsByLength;
  }

  /** Moves logged postings into the packed lists: a counting sort by term. */
  pack(): void {
    if (this.logged === 0) return;
    const terms = this.fieldsOfTerm.length;
    const { postings, start, log, logged } = this;
    const packed = start.length - 1;
    const next = new Int32Array(terms + 1);
    for (let t = 0; t < terms; t++) next[t + 1] = t < packed ? (start[t + 1] ?? 0) - (start[t] ?? 0) : 0;
    for (let i = 0; i < logged; i++) {
      const t = (log[i >>> LOG_BITS]?.[(i & LOG_MASK) * 2] ?? 0) + 1;
      next[t] = (next[t] ?? 0) + 1;
    }
    for (let t = 0; t < terms; t++) next[t + 1] = (next[t + 1] ?? 0) + (next[t] ?? 0);
    const out = new Int32Array(next[terms] ?? 0);
    const fill = next.slice(0, terms);
    for (let t = 0; t < packed; t++) {
      const from = start[t] ?? 0;
      const to = start[t + 1] ?? 0;
      out.set(postings.subarray(from, to), fill[t]);
      fill[t] = (fill[t] ?? 0) + to - from;
    }
    for (let i = 0; i < logged; i++) {
      const buffer = log[i >>> LOG_BITS];
      const at = (i & LOG_MASK) * 2;
      const t = buffer?.[at] ?? 0;
      const position = fill[t] ?? 0;
      out[position] = buffer?.[at + 1] ?? 0;
      fill[t] = position + 1;
    }
    this.postings = out;
    this.start = next;
    this.log = [];
    this.logged = 0;
  }
}
