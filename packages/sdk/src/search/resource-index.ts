import { PeerValidationError } from '../client/errors.js';
import { categoryLabels } from '../hsds/extensions.js';
import type { FieldError } from '../schema/problem.js';
import type {
  Resource,
  ResourceCategory,
  ResourceHit,
  ResourceSearchQuery,
  ResourceSearchResult,
  ResourceSetting,
  Schedule,
} from '../schema/resource.js';
import { categoryAliases, fillerWords } from './aliases.js';
import { distanceKm } from './geo.js';
import type { GeoPoint } from '../schema/primitives.js';
import { isOpenAtLocal, localTime } from './schedule.js';
import type { LocalTime } from './schedule.js';
import { fold, oneEditAway, words } from './text.js';
import { Vocabulary } from './vocabulary.js';

/** How much a match in each field counts; a word counts once, by its best field. */
export interface SearchFieldWeights {
  name: number;
  organization: number;
  /** Category codes, their names, the words people use for them, and taxonomy term names. */
  categories: number;
  description: number;
  /** The city of the resource's address. */
  place: number;
}

export interface ResourceIndexOptions {
  /** Defaults: name 4, organization 2, categories 2, description 1, place 1. */
  weights?: Partial<SearchFieldWeights>;
  /**
   * More names to find each category by, besides its code and English name — for instance the
   * names a localized picker shows: `{ detox: ['Desintoxicación'] }`.
   */
  categoryNames?: Partial<Record<ResourceCategory, readonly string[]>>;
}

/** An in-memory, ranked, typo-tolerant search over a resource directory. */
export interface ResourceIndex {
  /**
   * Ranks and filters the directory. Every word of `q` must be found (whole, as the start of a
   * word, or with one typo in words of four letters or more), except words that only say where
   * or for whom ("near me") when others remain; a city of the directory named in `q` narrows the
   * results to that city. Brand and common names find their category ("suboxone", "narcan",
   * "AA"; see `categoryAliases`). Filters combine with AND, the
   * values inside one filter with OR. Without `q`, the filtered list comes nearest first when
   * `lat`/`lon` are given, by name otherwise. `now` (default: the current time) is the moment
   * `openNow` refers to. Throws `PeerValidationError`, naming the fields, for a query that
   * cannot be answered (a radius without a point, a cursor it did not issue…).
   */
  search(query?: ResourceSearchQuery, now?: Date): ResourceSearchResult;
  /** Adds a resource, or replaces the one with the same id. */
  add(resource: Resource): void;
  /** Removes a resource by id; false when there was none. */
  remove(id: string): boolean;
  /** Resources in the index. */
  readonly size: number;
}

const NAME = 1;
const ORGANIZATION = 2;
const CATEGORIES = 4;
const DESCRIPTION = 8;
const PLACE = 16;
const FIELD_BITS = 5;
const FIELD_MASK = (1 << FIELD_BITS) - 1;
// The log of new postings grows by chunks of 4,096.
const LOG_BITS = 12;
const LOG_MASK = (1 << LOG_BITS) - 1;

const EXACT = 2;
// A prefix counts between 1 and 1.5 by how much of the word it covers.
const PREFIX = 1;
const TYPO = 0.75;
const TYPO_PREFIX = 0.5;

// A resource's facets in one number: a bit per category, then per setting and intercept stage,
// then the payment and capacity flags (27 bits with 13 categories; an Int32 holds 31).
const categoryCodes = Object.keys(categoryLabels);
const categoryBits = Object.fromEntries(categoryCodes.map((code, i) => [code, 1 << i])) as Readonly<
  Record<ResourceCategory, number>
>;
const CATEGORY_MASK = (1 << categoryCodes.length) - 1;
const SETTING_BIT = categoryCodes.length;
const settingBits: Readonly<Record<ResourceSetting, number>> = {
  community: 1 << SETTING_BIT,
  hospital: 1 << (SETTING_BIT + 1),
  'jail-prison': 1 << (SETTING_BIT + 2),
  court: 1 << (SETTING_BIT + 3),
  treatment: 1 << (SETTING_BIT + 4),
};
const STAGE_BIT = SETTING_BIT + 5;
const stageBit = (stage: number) => 1 << (STAGE_BIT + stage);
const MEDICAID = 1 << (STAGE_BIT + 6);
const FREE = MEDICAID << 1;
const CAPACITY = MEDICAID << 2;

const defaultLimit = 50;
const cacheSize = 512;

interface Expansion {
  terms: number[];
  quality: number[];
}

/**
 * Builds a search index over `resources`. Building 50,000 resources takes a few hundred
 * milliseconds at most; see `pnpm bench` for figures on this machine.
 */
export function createResourceIndex(
  resources: Iterable<Resource> = [],
  options: ResourceIndexOptions = {},
): ResourceIndex {
  return new DirectoryIndex(resources, options);
}

class DirectoryIndex implements ResourceIndex {
  // Per resource slot. A removed resource leaves an empty slot until the index is compacted.
  private resources: (Resource | undefined)[] = [];
  private slotOf = new Map<string, number>();
  // Categories, settings, stages and flags as bits of one number; latitude and longitude.
  private facets = new Int32Array(1024);
  private points = new Float64Array(2048);
  // Read when first needed: most searches never compare names or ask for a language.
  private sortNames: (string | undefined)[] = [];
  private languages: (readonly string[] | undefined)[] = [];
  private cities: (string | undefined)[] = [];
  // Folded city names of the directory, with how many resources are there.
  private cityCounts = new Map<string, number>();
  private removed = 0;

  // The term dictionary. A posting is `slot << FIELD_BITS | fields the term appears in`; term
  // t's postings are `postings[start[t]]` up to `postings[start[t + 1]]`. New postings go to a
  // log first and are packed in before the next search, which keeps building free of garbage.
  private vocabulary = new Vocabulary();
  private postings = new Int32Array(0);
  private start = new Int32Array(1);
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

  // Scratch space for queries, grown with the slots.
  private stamp = new Int32Array(0);
  private bestStamp = new Int32Array(0);
  private best = new Float64Array(0);
  private score = new Float64Array(0);
  private distance = new Float64Array(0);
  private generation = 0;

  private readonly weightOf: Float64Array;
  private readonly categoryText: Readonly<Record<string, string>>;

  constructor(resources: Iterable<Resource>, options: ResourceIndexOptions) {
    const weights = { name: 4, organization: 2, categories: 2, description: 1, place: 1, ...options.weights };
    this.weightOf = new Float64Array(1 << FIELD_BITS);
    for (let fields = 1; fields < 1 << FIELD_BITS; fields++) {
      this.weightOf[fields] = Math.max(
        fields & NAME ? weights.name : 0,
        fields & ORGANIZATION ? weights.organization : 0,
        fields & CATEGORIES ? weights.categories : 0,
        fields & DESCRIPTION ? weights.description : 0,
        fields & PLACE ? weights.place : 0,
      );
    }
    const text: Record<string, string> = {};
    for (const [code, label] of Object.entries(categoryLabels)) {
      const category = code as ResourceCategory;
      text[code] = [
        code,
        label,
        ...(categoryAliases[category] ?? []),
        ...(options.categoryNames?.[category] ?? []),
      ].join(' ');
    }
    this.categoryText = text;
    this.addAll(resources);
  }

  get size(): number {
    return this.slotOf.size;
  }

  add(resource: Resource): void {
    if (this.slotOf.has(resource.id)) this.remove(resource.id);
    this.slotOf.set(resource.id, this.resources.length);
    this.index(resource);
  }

  /** Fills an empty index; of two resources with the same id, the later one stays. */
  private addAll(resources: Iterable<Resource>): void {
    for (const resource of resources) {
      this.slotOf.set(resource.id, this.resources.length);
      this.index(resource);
    }
    // Cheaper than looking each id up before adding it: repeated ids leave fewer map entries.
    if (this.slotOf.size !== this.resources.length) {
      this.resources.forEach((resource, slot) => {
        if (resource && this.slotOf.get(resource.id) !== slot) {
          this.resources[slot] = undefined;
          this.forgetCity(slot);
          this.removed += 1;
        }
      });
    }
    this.pack();
  }

  /** Stores a resource in the next slot and indexes its fields and words. */
  private index(resource: Resource): void {
    const slot = this.resources.length;
    this.resources.push(resource);

    if (slot === this.facets.length) {
      const facets = new Int32Array(slot * 2);
      facets.set(this.facets);
      this.facets = facets;
      const points = new Float64Array(slot * 4);
      points.set(this.points);
      this.points = points;
    }
    let facets = 0;
    for (const category of resource.categories) facets |= categoryBits[category];
    for (const setting of resource.settings) facets |= settingBits[setting];
    for (const stage of resource.interceptStages) facets |= stageBit(stage);
    const available = resource.capacity?.available;
    if (resource.fees.acceptsMedicaid) facets |= MEDICAID;
    if (resource.fees.free === true) facets |= FREE;
    if (available !== undefined && available !== null && available > 0) facets |= CAPACITY;
    this.facets[slot] = facets;
    const { lat, lon } = resource.location;
    const located = lat !== undefined && lon !== undefined;
    this.points[slot * 2] = located ? lat : Number.NaN;
    this.points[slot * 2 + 1] = located ? lon : Number.NaN;

    const { vocabulary } = this;
    this.markFound(vocabulary.read(resource.name), NAME);
    this.markFound(vocabulary.read(resource.organization.name), ORGANIZATION);
    for (let bits = facets & CATEGORY_MASK; bits !== 0; bits &= bits - 1) {
      for (const id of this.termsOfCategory(31 - Math.clz32(bits & -bits))) this.mark(id, CATEGORIES);
    }
    for (const term of resource.taxonomy ?? []) this.markFound(vocabulary.read(term.name), CATEGORIES);
    this.markFound(vocabulary.read(resource.description), DESCRIPTION);
    const city = resource.location.address?.city;
    if (city !== undefined) {
      this.markFound(vocabulary.read(city), PLACE);
      const key = words(city).join(' ');
      this.cities[slot] = key;
      this.cityCounts.set(key, (this.cityCounts.get(key) ?? 0) + 1);
    }

    const { touched, fieldsOfTerm } = this;
    for (let i = 0; i < this.touchedCount; i++) {
      const id = touched[i] ?? 0;
      this.append(id, (slot << FIELD_BITS) | (fieldsOfTerm[id] ?? 0));
      fieldsOfTerm[id] = 0;
    }
    this.touchedCount = 0;
  }

  private markFound(count: number, field: number): void {
    const { found } = this.vocabulary;
    for (let i = 0; i < count; i++) this.mark(found[i] ?? 0, field);
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

  /** The same words stand for a category on every resource: read them once. */
  private termsOfCategory(bit: number): number[] {
    let ids = this.categoryTerms[bit];
    if (!ids) {
      const count = this.vocabulary.read(this.categoryText[categoryCodes[bit] ?? ''] ?? '');
      ids = [...new Set(this.vocabulary.found.subarray(0, count))];
      this.categoryTerms[bit] = ids;
    }
    return ids;
  }

  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    this.slotOf.delete(id);
    this.resources[slot] = undefined;
    this.forgetCity(slot);
    this.removed += 1;
    // Postings keep removed slots until they outnumber the live ones; then start over.
    if (this.removed > 64 && this.removed > this.slotOf.size) this.compact();
    return true;
  }

  search(query: ResourceSearchQuery = {}, now: Date = new Date()): ResourceSearchResult {
    const errors = problemsOf(query);
    if (errors.length > 0)
      throw new PeerValidationError('The search query is not valid', errors, { code: 'validation' });
    const point: GeoPoint | undefined =
      query.lat !== undefined && query.lon !== undefined ? { lat: query.lat, lon: query.lon } : undefined;
    const at = query.openAt !== undefined ? new Date(query.openAt) : now;
    const offset = query.cursor === undefined ? 0 : Number(query.cursor);
    const limit = query.limit ?? defaultLimit;

    this.pack();
    this.grow();
    const text = query.q ?? '';
    const { terms, city, typingLast } = this.readQuery(text);
    const candidates = this.match(terms, typingLast);
    const matches = this.filter(candidates, query, point, at, city);

    const { score, distance, resources } = this;
    const located = point !== undefined;
    const better = (a: number, b: number) =>
      (score[a] ?? 0) - (score[b] ?? 0) ||
      (located ? (distance[b] ?? 0) - (distance[a] ?? 0) : 0) ||
      earlier(this.sortName(a), this.sortName(b)) ||
      earlier(resources[a]?.id ?? '', resources[b]?.id ?? '');
    const top = best(matches, offset + limit, better);

    const clocks = new Map<string, LocalTime>();
    const items: ResourceHit[] = [];
    for (const slot of top.slice(offset)) {
      const resource = this.resources[slot];
      if (!resource) continue;
      const km = distance[slot] ?? Number.POSITIVE_INFINITY;
      items.push({
        resource,
        score: score[slot] ?? 0,
        distanceKm: located && Number.isFinite(km) ? Math.round(km * 10) / 10 : null,
        openNow: resource.schedule ? openAt(resource.schedule, at, clocks) : null,
      });
    }
    return {
      items,
      total: matches.length,
      nextCursor: offset + limit < matches.length ? String(offset + limit) : null,
    };
  }

  /**
   * The words to match, without fillers ("near me") when others remain, and the longest run of
   * words (up to three) that names a city of the directory, taken out to narrow by place.
   */
  private readQuery(text: string): { terms: string[]; city: string | undefined; typingLast: boolean } {
    const typed = words(text);
    const meaningful = typed.filter((word) => !fillerWords.has(word));
    let terms = meaningful.length > 0 ? meaningful : typed;
    let typingLast = /[\p{L}\p{N}]$/u.test(text) && terms.at(-1) === typed.at(-1);
    let city: string | undefined;
    for (let length = Math.min(3, terms.length); length > 0 && city === undefined; length--) {
      for (let from = 0; from + length <= terms.length; from++) {
        const key = terms.slice(from, from + length).join(' ');
        if (!this.cityCounts.has(key)) continue;
        city = key;
        if (from + length === terms.length) typingLast = false;
        terms = [...terms.slice(0, from), ...terms.slice(from + length)];
        break;
      }
    }
    return { terms, city, typingLast };
  }

  private forgetCity(slot: number): void {
    const key = this.cities[slot];
    if (key === undefined) return;
    this.cities[slot] = undefined;
    const count = (this.cityCounts.get(key) ?? 0) - 1;
    if (count > 0) this.cityCounts.set(key, count);
    else this.cityCounts.delete(key);
  }

  /** Slots where every word is found, their scores in `this.score`; every slot when no words. */
  private match(query: readonly string[], typingLast: boolean): number[] {
    const { resources, score } = this;
    if (query.length === 0) {
      const all: number[] = [];
      for (let slot = 0; slot < resources.length; slot++) {
        if (resources[slot] === undefined) continue;
        score[slot] = 1;
        all.push(slot);
      }
      return all;
    }
    const expanded = query.map((word, i) => this.expand(word, typingLast && i === query.length - 1));
    // The rarest word first: the candidates it leaves are all the others need to look at.
    const { postings, start } = this;
    const load = expanded.map(({ terms }) =>
      terms.reduce((sum, id) => sum + (start[id + 1] ?? 0) - (start[id] ?? 0), 0),
    );
    const order = expanded.map((_, i) => i).sort((a, b) => (load[a] ?? 0) - (load[b] ?? 0));

    const { stamp, bestStamp, best: bestOfWord, weightOf } = this;
    const round = this.nextGeneration();
    let candidates: number[] = [];
    for (const [step, index] of order.entries()) {
      const { terms, quality } = expanded[index] ?? { terms: [], quality: [] };
      const word = this.nextGeneration();
      for (let t = 0; t < terms.length; t++) {
        const id = terms[t] ?? 0;
        const end = start[id + 1] ?? 0;
        const factor = quality[t] ?? 0;
        for (let p = start[id] ?? 0; p < end; p++) {
          const posting = postings[p] ?? 0;
          const slot = posting >>> FIELD_BITS;
          if (step === 0) {
            if (stamp[slot] !== round) {
              if (resources[slot] === undefined) continue;
              stamp[slot] = round;
              score[slot] = 0;
              candidates.push(slot);
            }
          } else if (stamp[slot] !== round) continue;
          const value = (weightOf[posting & FIELD_MASK] ?? 0) * factor;
          if (bestStamp[slot] !== word) {
            bestStamp[slot] = word;
            bestOfWord[slot] = value;
          } else if (value > (bestOfWord[slot] ?? 0)) bestOfWord[slot] = value;
        }
      }
      const kept: number[] = [];
      for (const slot of candidates) {
        if (bestStamp[slot] === word) {
          score[slot] = (score[slot] ?? 0) + (bestOfWord[slot] ?? 0);
          kept.push(slot);
        } else stamp[slot] = 0;
      }
      candidates = kept;
      if (candidates.length === 0) break;
    }
    return candidates;
  }

  /** Terms a query word stands for, each with how well it matches. */
  private expand(word: string, typing: boolean): Expansion {
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

  private filter(
    candidates: number[],
    query: ResourceSearchQuery,
    point: GeoPoint | undefined,
    at: Date,
    city: string | undefined,
  ): number[] {
    let categories = 0;
    for (const category of query.categories ?? []) categories |= categoryBits[category];
    let settings = 0;
    for (const setting of query.settings ?? []) settings |= settingBits[setting];
    let stages = 0;
    for (const stage of query.interceptStages ?? []) stages |= stageBit(stage);
    const flags = (query.medicaid ? MEDICAID : 0) | (query.free ? FREE : 0) | (query.capacity ? CAPACITY : 0);
    const languages = query.languages?.length ? query.languages.map((tag) => tag.toLowerCase()) : undefined;
    const open = query.openNow === true || query.openAt !== undefined;
    const radius = query.radiusKm;
    const clocks = new Map<string, LocalTime>();
    const { distance, points } = this;

    const out: number[] = [];
    for (const slot of candidates) {
      const facets = this.facets[slot] ?? 0;
      if (categories && !(facets & categories)) continue;
      if (settings && !(facets & settings)) continue;
      if (stages && !(facets & stages)) continue;
      if ((facets & flags) !== flags) continue;
      if (city !== undefined && this.cities[slot] !== city) continue;
      if (languages && !speaks(this.languagesOf(slot), languages)) continue;
      if (point) {
        const lat = points[slot * 2] ?? Number.NaN;
        // Unlocated resources sort after every located one, and never fall within a radius.
        const km = Number.isNaN(lat)
          ? Number.POSITIVE_INFINITY
          : distanceKm(point, { lat, lon: points[slot * 2 + 1] ?? Number.NaN });
        distance[slot] = km;
        if (radius !== undefined && km > radius) continue;
      }
      if (open) {
        const schedule = this.resources[slot]?.schedule;
        if (!schedule || !openAt(schedule, at, clocks)) continue;
      }
      out.push(slot);
    }
    return out;
  }

  private sortName(slot: number): string {
    let name = this.sortNames[slot];
    if (name === undefined) {
      name = fold(this.resources[slot]?.name ?? '');
      this.sortNames[slot] = name;
    }
    return name;
  }

  private languagesOf(slot: number): readonly string[] {
    let tags = this.languages[slot];
    if (tags === undefined) {
      tags = (this.resources[slot]?.languages ?? []).map((tag) => tag.toLowerCase());
      this.languages[slot] = tags;
    }
    return tags;
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
  private pack(): void {
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

  private grow(): void {
    const needed = this.resources.length;
    if (this.stamp.length >= needed) return;
    const capacity = Math.max(needed, this.stamp.length * 2, 64);
    this.stamp = new Int32Array(capacity);
    this.bestStamp = new Int32Array(capacity);
    this.best = new Float64Array(capacity);
    this.score = new Float64Array(capacity);
    this.distance = new Float64Array(capacity);
    this.generation = 0;
  }

  private nextGeneration(): number {
    if (this.generation >= 0x3fffffff) {
      this.stamp.fill(0);
      this.bestStamp.fill(0);
      this.generation = 0;
    }
    return ++this.generation;
  }

  private compact(): void {
    const live = this.resources.filter((resource): resource is Resource => resource !== undefined);
    this.resources = [];
    this.slotOf = new Map();
    this.facets = new Int32Array(1024);
    this.points = new Float64Array(2048);
    this.sortNames = [];
    this.languages = [];
    this.cities = [];
    this.cityCounts = new Map();
    this.removed = 0;
    this.vocabulary = new Vocabulary();
    this.categoryTerms = [];
    this.postings = new Int32Array(0);
    this.start = new Int32Array(1);
    this.log = [];
    this.logged = 0;
    this.fieldsOfTerm = [];
    this.sortedTerms = undefined;
    this.termsByLength = undefined;
    this.expansions.clear();
    this.addAll(live);
  }
}

/** Positive when `a` sorts before `b`. */
const earlier = (a: string, b: string) => (a === b ? 0 : a < b ? 1 : -1);

function speaks(own: readonly string[], wanted: readonly string[]): boolean {
  // RFC 4647 basic filtering: "es" matches "es" and "es-MX", not "est".
  return wanted.some((tag) => own.some((language) => language === tag || language.startsWith(`${tag}-`)));
}

/** `isOpenAt`, reading the clock once per time zone for one search. */
function openAt(schedule: Schedule, at: Date, clocks: Map<string, LocalTime>): boolean {
  if (schedule.open24x7) return true;
  let clock = clocks.get(schedule.timeZone);
  if (!clock) {
    clock = localTime(at, schedule.timeZone);
    clocks.set(schedule.timeZone, clock);
  }
  return isOpenAtLocal(schedule, clock);
}

/** The `k` best of `slots` in order, by `compare` (positive when the first is better). */
function best(slots: number[], k: number, compare: (a: number, b: number) => number): number[] {
  const byRank = (a: number, b: number) => compare(b, a);
  if (slots.length <= k * 4) return slots.sort(byRank).slice(0, k);
  // A heap of the k best so far, the worst of them on top.
  const heap: number[] = [];
  const up = (i: number) => {
    let at = i;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (compare(heap[parent] ?? 0, heap[at] ?? 0) <= 0) break;
      [heap[parent], heap[at]] = [heap[at] ?? 0, heap[parent] ?? 0];
      at = parent;
    }
  };
  const down = () => {
    let at = 0;
    for (;;) {
      const left = at * 2 + 1;
      const right = left + 1;
      let worst = at;
      if (left < heap.length && compare(heap[worst] ?? 0, heap[left] ?? 0) > 0) worst = left;
      if (right < heap.length && compare(heap[worst] ?? 0, heap[right] ?? 0) > 0) worst = right;
      if (worst === at) return;
      [heap[worst], heap[at]] = [heap[at] ?? 0, heap[worst] ?? 0];
      at = worst;
    }
  };
  for (const slot of slots) {
    if (heap.length < k) {
      heap.push(slot);
      up(heap.length - 1);
    } else if (k > 0 && compare(slot, heap[0] ?? 0) > 0) {
      heap[0] = slot;
      down();
    }
  }
  return heap.sort(byRank);
}

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** What makes a query unanswerable, by field path; the contract's rules plus the combinations. */
function problemsOf(query: ResourceSearchQuery): FieldError[] {
  const errors: FieldError[] = [];
  const fail = (path: string, message: string, code = 'invalid_value') => errors.push({ path, message, code });
  if (query.q !== undefined && typeof query.q !== 'string') fail('q', 'Expected text', 'invalid_type');
  const range = (path: 'lat' | 'lon', limit: number) => {
    const value: unknown = query[path];
    if (value !== undefined && !(isFiniteNumber(value) && Math.abs(value) <= limit)) {
      fail(path, `Expected a number from -${String(limit)} to ${String(limit)}`);
    }
  };
  range('lat', 90);
  range('lon', 180);
  const radius: unknown = query.radiusKm;
  if (radius !== undefined && !(isFiniteNumber(radius) && radius > 0))
    fail('radiusKm', 'Expected kilometers above 0', 'too_small');
  if (query.lat !== undefined && query.lon === undefined) fail('lon', 'Needs lat and lon together', 'required');
  if (query.lon !== undefined && query.lat === undefined) fail('lat', 'Needs lat and lon together', 'required');
  if (query.radiusKm !== undefined && (query.lat === undefined || query.lon === undefined)) {
    fail('radiusKm', 'Needs lat and lon', 'required');
  }
  if (query.openAt !== undefined && Number.isNaN(Date.parse(query.openAt)))
    fail('openAt', 'Expected an ISO 8601 date and time', 'invalid_format');
  if (query.limit !== undefined && !(Number.isInteger(query.limit) && query.limit >= 1))
    fail('limit', 'Expected a whole number of 1 or more', 'too_small');
  if (query.cursor !== undefined && !/^\d{1,9}$/.test(query.cursor))
    fail('cursor', 'Not a cursor this service issued', 'invalid_cursor');
  const each = <T>(path: string, values: readonly T[] | undefined, valid: (value: T) => boolean, message: string) => {
    values?.forEach((value, i) => {
      if (!valid(value)) fail(`${path}.${String(i)}`, message);
    });
  };
  each(
    'categories',
    query.categories,
    (value) => Object.hasOwn(categoryBits, value),
    `Expected one of ${Object.keys(categoryBits).join(', ')}`,
  );
  each(
    'settings',
    query.settings,
    (value) => Object.hasOwn(settingBits, value),
    `Expected one of ${Object.keys(settingBits).join(', ')}`,
  );
  each(
    'interceptStages',
    query.interceptStages,
    (value) => Number.isInteger(value) && value >= 0 && value <= 5,
    'Expected a stage from 0 to 5',
  );
  each(
    'languages',
    query.languages,
    (value) => typeof value === 'string' && value.length > 0,
    'Expected a language tag such as "es"',
  );
  return errors;
}
