import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  ResourceCategory,
  type Resource,
  type ResourceHit,
  type ResourceSearchQuery,
  type ResourceSearchResult,
} from '@peerlink/sdk';
import { LatestRun } from '../base/latest-run.js';
import type { LocalDirectory } from './local-directory.js';
import type { ReferralClient } from './referral-client.js';
import { referralPickerMessages } from './referral-picker.messages.js';

/** Rows fetched at a time: enough to fill the list, few enough to answer a keystroke fast. */
const PAGE = 50;
/** The most the service gives in one page. */
const SERVICE_PAGE = 200;
const ANNOUNCE_DELAY_MS = 700;

// The names the picker shows categories by find them in the local index too, in every language.
const CATEGORY_NAMES: Partial<Record<ResourceCategory, readonly string[]>> = {};
for (const code of ResourceCategory.options) {
  const key = `picker.category.${code}` as const;
  CATEGORY_NAMES[code] = [referralPickerMessages.en[key], referralPickerMessages.es[key]];
}

/** The matches of one search, loaded a stretch at a time as the list scrolls. */
export interface Results {
  /** One slot per match; `null` until its page is loaded (the virtualizer scrolls only to defined rows). */
  readonly rows: (ResourceHit | null)[];
  readonly total: number;
  /** How many rows from the top are loaded. */
  loaded: number;
  nextCursor: string | null;
  readonly query: ResourceSearchQuery;
  readonly at: Date;
}

const EMPTY: Results = { rows: [], total: 0, loaded: 0, nextCursor: null, query: {}, at: new Date(0) };

/** What the search needs from the picker that holds it. */
export interface SearchHost {
  readonly host: ReactiveControllerHost & HTMLElement;
  client(): ReferralClient | undefined;
  /** The host's own directory, searched in the browser; `undefined` to search the service. */
  resources(): readonly Resource[] | undefined;
  /** The query for what is typed and pressed. */
  query(): ResourceSearchQuery;
  /** The moment "open now" refers to; `undefined` for the current time. */
  now(): Date | undefined;
  /** The words the count is announced in. */
  countText(total: number): string;
  /** A new list of matches begins: nothing in it is active yet. */
  restarted(): void;
  /** A search or a page failed: tell the host's page. */
  failed(error: unknown): void;
}

/**
 * The picker's search: the service's `resources.search` (stale requests aborted, late answers
 * dropped) or an index built in the browser from the host's `resources`; pages loaded as the
 * list scrolls or the keyboard moves down it; the count announced once typing settles.
 */
export class SearchController implements ReactiveController {
  /** The matches shown. */
  results: Results = EMPTY;
  /** A search is on its way (or the local index is being built). */
  searching = false;
  /** Why the last search failed, until the next one answers. */
  failure?: unknown;
  /** The count, for the live region, once typing settles. */
  announcement = '';

  private directory?: { resources: readonly Resource[]; directory: LocalDirectory };
  /** Every search is a run: a newer one aborts the request before it and drops its answer and pages. */
  private readonly runs = new LatestRun();
  private searchTimer?: ReturnType<typeof setTimeout>;
  private announceTimer?: ReturnType<typeof setTimeout>;
  private loading?: Promise<void>;
  /** The furthest row wanted in the current results: shown in the list's window, or active. */
  private wanted = -1;

  constructor(private readonly deps: SearchHost) {
    deps.host.addController(this);
  }

  hostConnected(): void {
    if (!this.local) this.schedule(0);
  }

  hostDisconnected(): void {
    clearTimeout(this.searchTimer);
    clearTimeout(this.announceTimer);
    // Off the page nothing is shown: the request on its way is aborted and its answer dropped.
    this.runs.start();
  }

  /** Whether the search runs in the browser, over the host's `resources`. */
  get local(): boolean {
    return this.deps.resources() !== undefined;
  }

  /** Nothing to show yet: the first answer is on its way. */
  get firstLoad(): boolean {
    return this.searching && this.results === EMPTY;
  }

  /** The languages the local directory offers, most offered first; none when searching the service. */
  get languages(): readonly string[] {
    return this.directory?.directory.languages ?? [];
  }

  /** Builds the local index for `resources` unless it is built already. */
  useResources(resources: readonly Resource[]): void {
    if (this.directory?.resources !== resources) void this.index(resources);
  }

  /** Searches again: in the browser at once, from the service after `delay` milliseconds. */
  restart(delay: number): void {
    if (this.local) this.searchLocally();
    else if (this.deps.host.isConnected) this.schedule(delay);
  }

  /** Asks the service again (the Retry button). */
  retry(): void {
    void this.searchRemotely();
  }

  /** Loads every row up to `index` (the pages between included), one stretch at a time. */
  loadThrough(index: number): Promise<void> {
    this.wanted = Math.max(this.wanted, index);
    const results = this.results;
    if (index < results.loaded || results.nextCursor === null) return this.loading ?? Promise.resolve();
    this.loading ??= this.loadMore(results, index).then((progressed) => {
      this.loading = undefined;
      // Rows were wanted further down (or from newer results) while this stretch loaded; a
      // stretch that failed is not asked for again until the list moves.
      const now = this.results;
      if ((progressed || now !== results) && this.wanted >= now.loaded && now.nextCursor !== null) {
        void this.loadThrough(this.wanted);
      }
    });
    return this.loading;
  }

  /** The virtualizer's `rangeChanged`: rows scrolled into the list's window are loaded. */
  readonly onRange = (event: Event): void => {
    const last = 'last' in event && typeof event.last === 'number' ? event.last : -1;
    if (last >= this.results.loaded) void this.loadThrough(last);
  };

  /** Builds the local index; its code loads only for hosts that search in the browser. */
  private async index(resources: readonly Resource[]): Promise<void> {
    this.set({ searching: true });
    const { localDirectory } = await import('./local-directory.js');
    if (this.deps.resources() !== resources) return;
    this.directory = { resources, directory: localDirectory(resources, CATEGORY_NAMES) };
    this.set({ searching: false });
    this.searchLocally();
  }

  private localDirectory(): LocalDirectory | undefined {
    return this.directory?.resources === this.deps.resources() ? this.directory?.directory : undefined;
  }

  /** A new list of matches from the first page. */
  private start(result: ResourceSearchResult, query: ResourceSearchQuery, at: Date): void {
    const rows = new Array<ResourceHit | null>(result.total).fill(null);
    result.items.forEach((hit, index) => (rows[index] = hit));
    const { total, nextCursor } = result;
    this.set({ results: { rows, total, loaded: result.items.length, nextCursor, query, at }, failure: undefined });
    this.wanted = -1;
    this.announceCount(total);
    this.deps.restarted();
  }

  private searchLocally(): void {
    this.runs.start();
    const directory = this.localDirectory();
    if (!directory) return;
    const query = this.deps.query();
    const at = this.deps.now() ?? new Date();
    try {
      this.start(directory.index.search({ ...query, limit: PAGE }, at), query, at);
    } catch (error) {
      this.set({ results: EMPTY, failure: error });
    }
  }

  private schedule(delay: number): void {
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => void this.searchRemotely(), delay);
  }

  private async searchRemotely(): Promise<void> {
    const api = this.deps.client();
    const run = this.runs.start();
    if (!api || this.local) return;
    const query = this.deps.query();
    this.set({ searching: true });
    try {
      const result = await api.resources.search({ ...query, limit: PAGE }, { signal: run.signal });
      if (run.stale) return;
      this.start(result, query, new Date());
    } catch (error) {
      if (run.stale) return;
      this.set({ results: EMPTY, failure: error });
      this.deps.failed(error);
    } finally {
      if (!run.stale) this.set({ searching: false });
    }
  }

  /** Whether any rows were added. */
  private async loadMore(results: Results, index: number): Promise<boolean> {
    let progressed = false;
    const run = this.runs.current;
    const api = this.deps.client();
    const directory = this.directory?.directory;
    while (results.loaded <= index && results.nextCursor !== null) {
      const count = Math.ceil((index + 1 - results.loaded) / PAGE) * PAGE + PAGE;
      const query = { ...results.query, cursor: results.nextCursor };
      let page: ResourceSearchResult;
      try {
        if (this.local) {
          if (!directory) return progressed;
          // In the browser one call can fetch the whole stretch, however long (End, a far scroll).
          page = directory.index.search({ ...query, limit: count }, results.at);
        } else {
          if (!api) return progressed;
          page = await api.resources.search({ ...query, limit: Math.min(count, SERVICE_PAGE) });
        }
      } catch (error) {
        if (!run.stale) this.deps.failed(error);
        return progressed;
      }
      if (run.stale) return progressed;
      page.items.forEach((hit, offset) => (results.rows[results.loaded + offset] = hit));
      results.loaded += page.items.length;
      results.nextCursor = page.items.length > 0 ? page.nextCursor : null;
      progressed ||= page.items.length > 0;
      this.deps.host.requestUpdate();
    }
    return progressed;
  }

  private announceCount(total: number): void {
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => {
      this.set({ announcement: this.deps.countText(total) });
    }, ANNOUNCE_DELAY_MS);
  }

  /** Changes what the picker shows, and has it render again. */
  private set(change: Partial<Pick<SearchController, 'results' | 'searching' | 'failure' | 'announcement'>>): void {
    Object.assign(this, change);
    this.deps.host.requestUpdate();
  }
}
