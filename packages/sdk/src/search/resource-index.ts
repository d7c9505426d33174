import { PeerValidationError } from '../client/errors.js';
import { categoryLabels } from '../hsds/extensions.js';
import type { GeoPoint } from '../schema/primitives.js';
import type {
  Resource,
  ResourceCategory,
  ResourceHit,
  ResourceSearchQuery,
  ResourceSearchResult,
} from '../schema/resource.js';
import { categoryAliases, fillerWords } from './aliases.js';
import { CATEGORY_MASK, categoryCodes, facetsOf, wantedFacets } from './facets.js';
import { distanceKm } from './geo.js';
import { problemsOf } from './query-problems.js';
import { best, earlier, openAt, speaks } from './rank.js';
import type { LocalTime } from './schedule.js';
import { CATEGORIES, DESCRIPTION, FIELD_BITS, FIELD_MASK, NAME, ORGANIZATION, PLACE, TermIndex } from './terms.js';
import { fold, words } from './text.js';

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

const defaultLimit = 50;

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

  // Every word of the directory, with the slots and fields it is found in.
  private terms: TermIndex;

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
    this.terms = this.newTerms();
    this.addAll(resources);
  }

  private newTerms(): TermIndex {
    return new TermIndex((bit) => this.categoryText[categoryCodes[bit] ?? ''] ?? '');
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
    this.terms.pack();
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
    const facets = facetsOf(resource);
    this.facets[slot] = facets;
    const { lat, lon } = resource.location;
    const located = lat !== undefined && lon !== undefined;
    this.points[slot * 2] = located ? lat : Number.NaN;
    this.points[slot * 2 + 1] = located ? lon : Number.NaN;

    const { terms } = this;
    terms.addText(resource.name, NAME);
    terms.addText(resource.organization.name, ORGANIZATION);
    for (let bits = facets & CATEGORY_MASK; bits !== 0; bits &= bits - 1) {
      terms.addCategory(31 - Math.clz32(bits & -bits), CATEGORIES);
    }
    for (const term of resource.taxonomy ?? []) terms.addText(term.name, CATEGORIES);
    terms.addText(resource.description, DESCRIPTION);
    const city = resource.location.address?.city;
    if (city !== undefined) {
      terms.addText(city, PLACE);
      const key = words(city).join(' ');
      this.cities[slot] = key;
      this.cityCounts.set(key, (this.cityCounts.get(key) ?? 0) + 1);
    }
    terms.commit(slot);
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

    this.terms.pack();
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
    const expanded = query.map((word, i) => this.terms.expand(word, typingLast && i === query.length - 1));
    // The rarest word first: the candidates it leaves are all the others need to look at.
    const { postings, start } = this.terms;
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

  private filter(
    candidates: number[],
    query: ResourceSearchQuery,
    point: GeoPoint | undefined,
    at: Date,
    city: string | undefined,
  ): number[] {
    const { categories, settings, stages, flags } = wantedFacets(query);
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
    this.terms = this.newTerms();
    this.addAll(live);
  }
}
