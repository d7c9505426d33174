import { html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { virtualize, virtualizerRef, type VirtualizerHostElement } from '@lit-labs/virtualizer/virtualize.js';
import { flow } from '@lit-labs/virtualizer/layouts/flow.js';
import * as z from 'zod/mini';
import {
  PeerConflictError,
  PeerError,
  PeerQueuedError,
  PeerValidationError,
  Referral,
  ResourceCategory,
  ResourceSetting,
  isTerminal,
  referralTransitions,
  type ConsentRevocation,
  type CreateReferralRequest,
  type FieldError,
  type GeoPoint,
  type GetToken,
  type OutboxEvent,
  type Resource,
  type ResourceHit,
  type ResourceSearchQuery,
  type ResourceSearchResult,
  type Schedule,
  type Watch,
  type Weekday,
} from '@peerlink/sdk';
import { PeerElement } from '../base/peer-element.js';
import { canRetry } from '../base/retry.js';
import { errorInfo, errorMessageKey } from '../base/errors.js';
import { ConsentRevocationController } from './consent-revocation.js';
import { languageLabel } from './labels.js';
import type { LocalDirectory } from './local-directory.js';
import { REFERRAL_TONES, referralClient, referralSince, type ReferralClient } from './referral-client.js';
import {
  CONSENT_METHODS,
  CONSENT_SCOPES,
  NO_FILTERS,
  URGENCIES,
  filtering,
  newDraft,
  referralRequest,
  searchQuery,
  toggled,
  type ConsentDraft,
  type PickerFilters,
} from './referral-model.js';
import { referralPickerMessages, type ReferralPickerMessageKey } from './referral-picker.messages.js';
import { referralPickerStyles } from './referral-picker.styles.js';

/** Where the picker is: searching, filling in consent, sending, waiting offline, or following a referral. */
export type ReferralPickerPhase = 'search' | 'consent' | 'sending' | 'queued' | 'referred';

const CATEGORIES = ResourceCategory.options;
const SETTINGS = ResourceSetting.options;
const STAGES = [0, 1, 2, 3, 4, 5] as const;
const WEEKDAYS: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
/** Rows fetched at a time: enough to fill the list, few enough to answer a keystroke fast. */
const PAGE = 50;
/** The most the service gives in one page. */
const SERVICE_PAGE = 200;
const ANNOUNCE_DELAY_MS = 700;
const LAYOUT = flow();

// The names the picker shows categories by find them in the local index too, in every language.
const CATEGORY_NAMES: Partial<Record<ResourceCategory, readonly string[]>> = {};
for (const code of CATEGORIES) {
  CATEGORY_NAMES[code] = [referralPickerMessages.en[`picker.category.${code}`], referralPickerMessages.es[`picker.category.${code}`]];
}

const check = svg`<path d="m5 12.5 4.5 4.5L19 7.5" />`;
const clock = svg`<circle cx="12" cy="12" r="9" /><path d="M12 7v5l3 2" />`;

const isKey = (key: string): key is ReferralPickerMessageKey => key in referralPickerMessages.en;
/** Only web links become links: a host's own `resources` list is not checked by the service, and a `javascript:` URL would run when clicked. */
const isWebUrl = (url: string): boolean => /^https?:\/\//i.test(url.trim());
const fieldId = (path: string) => `f-${path.replace(/\./g, '-')}`;
const serverFieldErrors = (error: unknown): readonly FieldError[] =>
  error instanceof PeerValidationError ? error.errors : error instanceof PeerError ? (error.problem?.errors ?? []) : [];

interface Results {
  /** One slot per match; `null` until its page is loaded (the virtualizer scrolls only to defined rows). */
  rows: (ResourceHit | null)[];
  total: number;
  /** How many rows from the top are loaded. */
  loaded: number;
  nextCursor: string | null;
  query: ResourceSearchQuery;
  at: Date;
}

const EMPTY: Results = { rows: [], total: 0, loaded: 0, nextCursor: null, query: {}, at: new Date(0) };

/** Queued changes the picker follows through the outbox. */
type Pending = { step: 'create'; key: string } | { step: 'send'; key: string };

/**
 * Finds a resource for a person and refers them to it with their consent. The search box is a
 * combobox over a virtualized list of every match (tens of thousands stay smooth), with filter
 * chips for services, opening hours, language, Medicaid, cost, openings, distance from `near`,
 * setting and Sequential Intercept stage. A chosen resource shows its details; "Refer…" opens the
 * consent form (pseudonymous person reference, recipient, purpose, what may be shared, expiry,
 * how consent was given, needs, urgency, and the 42 CFR Part 2 redisclosure notice, which must be
 * acknowledged). No referral is created without valid consent. The referral is then followed live
 * through its closed loop: sent, accepted, scheduled, and completed, declined, no-show or cancelled.
 * "Revoke consent…" records, after a confirmation, that the person revoked their consent: the
 * service stops every disclosure under it and cancels an open referral (42 CFR 2.31).
 *
 * Results come from the service (`resources.search`, debounced, stale requests aborted), or, when
 * the host sets `resources`, from an index built in the browser. Give it a `client` (such as
 * `createPeerlinkClient()`), or a `base-url` and `getToken` and it builds its own; referring
 * always needs one. Inside a `<peer-callout-log-form>` (slot `referrals`) its `value` — the ids
 * of the referrals made with it — becomes the log's referrals, through `change` events.
 *
 * @summary Searches the resource directory and makes consented, closed-loop referrals.
 *
 * @event peer-resource-selected - A resource was chosen from the results. `detail: { resource }`.
 * @event peer-referral-created - The service created the referral (also after an offline wait). `detail: { referral }`.
 * @event peer-referral-status - The referral shown moved to another status. `detail: { referral, status }`.
 * @event peer-error - A call to Peerlink failed; the error is also shown. `detail: { error: { code, message, status? } }`.
 * @event change - A referral was created; `value` holds the ids of every referral made here.
 *
 * @csspart base - Everything the picker shows.
 * @csspart search - The search box (the combobox).
 * @csspart filters - The filter chips.
 * @csspart chip - Each filter chip (a toggle button).
 * @csspart count - The number of matches.
 * @csspart listbox - The scrolling list of results.
 * @csspart option - Each result row.
 * @csspart detail - The chosen resource's details.
 * @csspart refer - The "Refer…" button.
 * @csspart consent - The consent form.
 * @csspart notice - The 42 CFR Part 2 redisclosure notice.
 * @csspart error-summary - The list of fields to fix, shown after a refused send.
 * @csspart submit - The "Send referral" button.
 * @csspart status - The `<peer-status>` following the referral.
 * @csspart revoke - The "Revoke consent…" button, for the referral shown.
 * @csspart revoke-confirm - The confirmation step of a revocation, with its reason.
 * @csspart revoke-submit - The button that revokes the consent.
 * @csspart consent-state - What became of the consent: revoked, or waiting to be sent.
 * @csspart error - The message shown when a call fails.
 *
 * @cssproperty --peer-referral-picker-background - Background. Defaults to `--peer-color-surface`.
 * @cssproperty --peer-referral-picker-padding - Padding. Defaults to `--peer-space-4`.
 * @cssproperty --peer-referral-picker-accent - Pressed chips and the main buttons. Defaults to `--peer-color-accent`.
 * @cssproperty --peer-referral-picker-list-height - Height of the results list. Defaults to 22rem.
 * @cssproperty --peer-referral-picker-chip-height - Minimum height of a filter chip. Defaults to 2.25rem.
 * @cssproperty --peer-referral-picker-target-size - Minimum height of fields and buttons. Defaults to 2.75rem (44px).
 *
 * @since 0.1.0
 * @tag peer-referral-picker
 */
export class PeerReferralPicker extends PeerElement<ReferralPickerMessageKey> {
  static override styles = [PeerElement.styles, referralPickerStyles];

  /** A Peerlink client with `resources` and `referrals` (e.g. `createPeerlinkClient()`). Takes precedence over `base-url`. */
  @property({ attribute: false }) client?: ReferralClient;

  /** The Peerlink service to build a client for, with `getToken`, when no `client` is given. */
  @property({ attribute: 'base-url' }) baseUrl?: string;

  /** Returns an embed token (`specialist`, `supervisor`, `court-staff` or `clinician`) from the host's server. */
  @property({ attribute: false }) getToken?: GetToken;

  /** A directory to search in the browser instead of the service; the index is rebuilt when the array changes. */
  @property({ attribute: false }) resources?: readonly Resource[];

  /** Where distances are measured from (the person, the court); enables the distance chips. */
  @property({ attribute: false }) near?: GeoPoint;

  /** The moment "open now" refers to. Defaults to the current time. */
  @property({ attribute: false }) now?: Date;

  /** Language chips, as BCP 47 tags. Defaults to the languages the local directory offers most, or English and Spanish. */
  @property({ attribute: false }) languageOptions?: readonly string[];

  /** Distance chips, in kilometers. */
  @property({ attribute: false }) radiusOptions: readonly number[] = [5, 10, 25, 50];

  /** The call-out the referrals come from, if any. */
  @property({ attribute: 'dispatch-id' }) dispatchId?: string;

  /**
   * The pseudonymous reference of the person being referred, when the host already knows it (a
   * visit or case number, never a name): the consent form starts with it filled in.
   */
  @property({ attribute: 'person-ref' }) personRef?: string;

  /** Replaces the built-in 42 CFR 2.32 statement, in every language, with the program's own wording. */
  @property({ attribute: 'redisclosure-notice' }) redisclosureNotice?: string;

  /** Milliseconds to wait after typing before asking the service. */
  @property({ type: Number, attribute: 'search-delay' }) searchDelay = 200;

  /** Where the picker is (read-only). */
  @state() phase: ReferralPickerPhase = 'search';

  /** The referral shown, once created (read-only). */
  @state() referral?: Referral;

  @state() private text = '';
  @state() private filters: PickerFilters = NO_FILTERS;
  @state() private moreFilters = false;
  @state() private expanded = true;
  @state() private active = -1;
  @state() private results: Results = EMPTY;
  @state() private searching = false;
  @state() private searchFailure?: unknown;
  @state() private announcement = '';
  @state() private selected?: ResourceHit;
  @state() private draft?: ConsentDraft;
  @state() private showErrors = false;
  @state() private serverErrors: readonly FieldError[] = [];
  @state() private failure?: unknown;

  @query('.listbox') private listbox?: HTMLElement & VirtualizerHostElement;
  @query('#search') private input?: HTMLInputElement;

  private directory?: { resources: readonly Resource[]; directory: LocalDirectory };
  private built?: { baseUrl: string; getToken: GetToken; client: ReferralClient };
  private run = 0;
  private searchTimer?: ReturnType<typeof setTimeout>;
  private announceTimer?: ReturnType<typeof setTimeout>;
  private aborter?: AbortController;
  private loading?: Promise<void>;
  /** The furthest row wanted in the current results: shown in the list's window, or active. */
  private wanted = -1;
  private ids: readonly string[] = [];
  private retry: () => void = () => undefined;
  private watch?: Watch<Referral>;
  private stopWatching?: () => void;
  private pending?: Pending;
  private stopOutbox?: () => void;
  /** Bumped whenever the referral shown starts over, so late answers for an older one are dropped. */
  private referralRun = 0;
  private readonly revocation = new ConsentRevocationController({
    host: this,
    term: (key, params) => this.i18n.term(key, params),
    date: (value) => this.i18n.date(value, { dateStyle: 'medium', timeStyle: 'short' }),
    client: () => this.api,
    revoked: (result) => {
      this.revoked(result);
    },
    failed: (error, retry) => {
      this.fail(error, retry);
    },
  });

  constructor() {
    super(referralPickerMessages);
    this.addController({
      hostConnected: () => {
        if (this.referral && !this.watch && !isTerminal(referralTransitions, this.referral.status)) this.follow(this.referral);
        if (this.pending && !this.stopOutbox) this.listenToOutbox(this.pending);
        if (!this.local) this.scheduleSearch(0);
      },
      hostDisconnected: () => {
        this.unfollow();
        this.stopOutbox?.();
        this.stopOutbox = undefined;
        clearTimeout(this.searchTimer);
        clearTimeout(this.announceTimer);
        this.aborter?.abort();
      },
    });
  }

  protected override firstUpdated(): void {
    this.renderRoot.addEventListener('click', this.onOptionClick);
  }

  /** Ids of the referrals created with this picker, oldest first. */
  get value(): readonly string[] {
    return this.ids;
  }

  private get api(): ReferralClient | undefined {
    if (this.client) return this.client;
    if (!this.baseUrl || !this.getToken) return undefined;
    if (this.built?.baseUrl !== this.baseUrl || this.built.getToken !== this.getToken) {
      this.built = { baseUrl: this.baseUrl, getToken: this.getToken, client: referralClient(this.baseUrl, this.getToken) };
    }
    return this.built.client;
  }

  private get local(): boolean {
    return this.resources !== undefined;
  }

  /** The resource whose details are shown (read-only). */
  get resource(): Resource | undefined {
    return this.selected?.resource;
  }

  /** Shows `resource`'s details as if chosen from the results (and fires `peer-resource-selected`). */
  choose(resource: Resource): void {
    const hit = this.results.rows.find((row) => row?.resource.id === resource.id) ?? { resource, score: 0, distanceKm: null, openNow: null };
    this.select(hit);
  }

  // Untyped keys: the private states that start a search are not visible to `PropertyValues<this>`.
  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('resources') && this.resources && this.directory?.resources !== this.resources) void this.index(this.resources);
    const query = changed.has('text') || changed.has('filters') || changed.has('near') || changed.has('now');
    const source = changed.has('resources') || changed.has('client') || changed.has('baseUrl') || changed.has('getToken');
    if (!(query || source)) return;
    if (this.local) this.searchLocally();
    else if (this.isConnected) this.scheduleSearch(changed.has('text') && !source ? this.searchDelay : 0);
  }

  // ---- Searching ----

  /** Builds the local index; its code loads only for hosts that search in the browser. */
  private async index(resources: readonly Resource[]): Promise<void> {
    this.searching = true;
    const { localDirectory } = await import('./local-directory.js');
    if (this.resources !== resources) return;
    this.directory = { resources, directory: localDirectory(resources, CATEGORY_NAMES) };
    this.searching = false;
    this.searchLocally();
  }

  private query(): ResourceSearchQuery {
    return searchQuery(this.text, this.filters, this.near, this.now);
  }

  /** A new list of matches from the first page; what was active no longer is. */
  private startResults(result: ResourceSearchResult, query: ResourceSearchQuery, at: Date): void {
    const rows = new Array<ResourceHit | null>(result.total).fill(null);
    result.items.forEach((hit, index) => (rows[index] = hit));
    this.results = { rows, total: result.total, loaded: result.items.length, nextCursor: result.nextCursor, query, at };
    this.wanted = -1;
    this.active = -1;
    this.searchFailure = undefined;
    this.announceCount(result.total);
    // Back to the top of the list, without scrolling the host's page as scrollIntoView would.
    if (this.listbox) this.listbox.scrollTop = 0;
  }

  private searchLocally(): void {
    this.run += 1;
    this.aborter?.abort();
    const directory = this.directory?.resources === this.resources ? this.directory?.directory : undefined;
    if (!directory) return;
    const query = this.query();
    const at = this.now ?? new Date();
    try {
      this.startResults(directory.index.search({ ...query, limit: PAGE }, at), query, at);
    } catch (error) {
      this.results = EMPTY;
      this.searchFailure = error;
    }
  }

  private scheduleSearch(delay: number): void {
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => void this.searchRemotely(), delay);
  }

  private async searchRemotely(): Promise<void> {
    const api = this.api;
    const run = ++this.run;
    this.aborter?.abort();
    if (!api || this.local) return;
    const aborter = new AbortController();
    this.aborter = aborter;
    const query = this.query();
    this.searching = true;
    try {
      const result = await api.resources.search({ ...query, limit: PAGE }, { signal: aborter.signal });
      if (run !== this.run) return;
      this.startResults(result, query, new Date());
    } catch (error) {
      if (run !== this.run || aborter.signal.aborted) return;
      this.results = EMPTY;
      this.searchFailure = error;
      this.emit('peer-error', { error: errorInfo(error) });
    } finally {
      if (run === this.run) this.searching = false;
    }
  }

  /** Loads every row up to `index` (the pages between included), one stretch at a time. */
  private loadThrough(index: number): Promise<void> {
    this.wanted = Math.max(this.wanted, index);
    const results = this.results;
    if (index < results.loaded || results.nextCursor === null) return this.loading ?? Promise.resolve();
    this.loading ??= this.loadMore(results, index).then((progressed) => {
      this.loading = undefined;
      // Rows were wanted further down (or from newer results) while this stretch loaded; a
      // stretch that failed is not asked for again until the list moves.
      const now = this.results;
      if ((progressed || now !== results) && this.wanted >= now.loaded && now.nextCursor !== null) void this.loadThrough(this.wanted);
    });
    return this.loading;
  }

  /** Whether any rows were added. */
  private async loadMore(results: Results, index: number): Promise<boolean> {
    let progressed = false;
    const run = this.run;
    const api = this.api;
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
        if (run === this.run) this.emit('peer-error', { error: errorInfo(error) });
        return progressed;
      }
      if (run !== this.run) return progressed;
      page.items.forEach((hit, offset) => (results.rows[results.loaded + offset] = hit));
      results.loaded += page.items.length;
      results.nextCursor = page.items.length > 0 ? page.nextCursor : null;
      progressed ||= page.items.length > 0;
      this.requestUpdate();
    }
    return progressed;
  }

  private announceCount(total: number): void {
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => {
      this.announcement = this.countText(total);
    }, ANNOUNCE_DELAY_MS);
  }

  private countText(total: number): string {
    if (total === 0) return this.i18n.term('picker.count.none');
    return total === 1 ? this.i18n.term('picker.count.one') : this.i18n.term('picker.count.other', { count: total });
  }

  private readonly onRange = (event: Event): void => {
    const last = 'last' in event && typeof event.last === 'number' ? event.last : -1;
    if (last >= this.results.loaded) void this.loadThrough(last);
  };

  // ---- The combobox ----

  private readonly onInput = (event: Event): void => {
    if (!(event.target instanceof HTMLInputElement)) return;
    this.text = event.target.value;
    this.expanded = true;
    this.active = -1;
  };

  private readonly onKeydown = (event: KeyboardEvent): void => {
    const { total } = this.results;
    const move = (to: number) => {
      event.preventDefault();
      this.expanded = true;
      this.activate(Math.max(0, Math.min(total - 1, to)));
    };
    switch (event.key) {
      case 'ArrowDown':
        if (event.altKey) {
          event.preventDefault();
          this.expanded = true;
        } else if (total > 0) move(this.expanded ? this.active + 1 : Math.max(this.active, 0));
        return;
      case 'ArrowUp':
        if (total > 0) move(this.active < 0 ? total - 1 : this.active - 1);
        return;
      case 'PageDown':
        if (total > 0 && this.expanded) move(this.active + 10);
        return;
      case 'PageUp':
        if (total > 0 && this.expanded) move(this.active - 10);
        return;
      case 'Home':
        // With no option active, Home and End move the caret, as in any text field.
        if (this.active >= 0 && this.expanded) move(0);
        return;
      case 'End':
        if (this.active >= 0 && this.expanded) move(total - 1);
        return;
      case 'Enter': {
        const hit = this.results.rows[this.active];
        if (this.expanded && hit) {
          event.preventDefault();
          this.select(hit);
        }
        return;
      }
      case 'Escape':
        // Closes the list; with the list closed, clears the box (and shows everything again).
        event.preventDefault();
        if (this.expanded) {
          this.expanded = false;
          this.active = -1;
        } else {
          this.text = '';
          this.expanded = true;
        }
        return;
      default:
        return;
    }
  };

  /** Makes row `index` the active option: loaded if need be, and scrolled into view. */
  private activate(index: number): void {
    this.active = index;
    if (index >= this.results.loaded) void this.loadThrough(index);
    void this.updateComplete.then(() => {
      this.scrollToRow(index);
    });
  }

  /**
   * Scrolls the list, and only the list, so that row `index` is in its visible area. A row outside
   * the rendered window is brought in by the virtualizer first (its place estimated), then placed
   * exactly. Not `scrollIntoView` on a rendered row: that scrolls the host's page too.
   */
  private scrollToRow(index: number, again = true): void {
    const listbox = this.listbox;
    const row = listbox?.querySelector<HTMLElement>(`#opt-${String(index)}`);
    if (!listbox || !row) {
      const virtualizer: VirtualizerHostElement[typeof virtualizerRef] = listbox?.[virtualizerRef];
      virtualizer?.element(index)?.scrollIntoView({ block: 'nearest' });
      if (again) {
        requestAnimationFrame(() => {
          this.scrollToRow(index, false);
        });
      }
      return;
    }
    const list = listbox.getBoundingClientRect();
    const box = row.getBoundingClientRect();
    const top = listbox.clientTop + list.top;
    const bottom = top + listbox.clientHeight;
    if (box.top < top) listbox.scrollTop -= top - box.top;
    else if (box.bottom > bottom) listbox.scrollTop += box.bottom - bottom;
  }

  // Listened to on the shadow root: options are picked with the keyboard from the search box, so
  // the list itself has no keyboard handling of its own to pair a click handler with.
  private readonly onOptionClick = (event: Event): void => {
    const option = event.target instanceof Element ? event.target.closest<HTMLElement>('.listbox [role="option"]') : null;
    const index = Number(option?.dataset.index);
    const hit = Number.isInteger(index) ? this.results.rows[index] : undefined;
    if (!hit) return;
    this.active = index;
    this.select(hit);
  };

  private select(hit: ResourceHit): void {
    this.selected = hit;
    this.emit('peer-resource-selected', { resource: hit.resource });
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#detail-heading')?.focus());
  }

  private backToResults(): void {
    this.selected = undefined;
    void this.updateComplete.then(() => this.input?.focus());
  }

  private setFilters(filters: PickerFilters): void {
    this.filters = filters;
    this.expanded = true;
  }

  // ---- Consent ----

  private openConsent(): void {
    const resource = this.selected?.resource;
    if (!resource || !this.api) return;
    const draft = newDraft(resource, this.i18n.term('picker.defaultPurpose'), new Date());
    this.draft = this.personRef ? { ...draft, personRef: this.personRef } : draft;
    this.showErrors = false;
    this.serverErrors = [];
    this.failure = undefined;
    this.phase = 'consent';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${fieldId('personRef')}`)?.focus());
  }

  private closeConsent(): void {
    this.phase = 'search';
    this.draft = undefined;
    this.failure = undefined;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#detail-heading')?.focus());
  }

  private edit(change: Partial<ConsentDraft>, paths: readonly string[]): void {
    if (!this.draft) return;
    this.draft = { ...this.draft, ...change };
    this.serverErrors = this.serverErrors.filter((error) => !paths.some((path) => error.path === path || error.path.startsWith(`${path}.`)));
  }

  /** What stands between the form and a referral, one error per field. */
  private consentErrors(): FieldError[] {
    const resource = this.selected?.resource;
    if (!this.draft || !resource) return [];
    const check = referralRequest(this.draft, resource, new Date(), this.dispatchId);
    const errors = [...(check.errors ?? []), ...this.serverErrors];
    return errors.filter((error, index) => errors.findIndex((other) => other.path === error.path) === index);
  }

  private readonly onSubmit = (event: Event): void => {
    event.preventDefault();
    void this.submit();
  };

  /**
   * Checks the consent form and, when it holds a valid consent, creates the referral and sends it
   * to the resource. Problems are listed at the top of the form (focused) and beside each field.
   */
  async submit(): Promise<void> {
    const api = this.api;
    const resource = this.selected?.resource;
    if (!api || !resource || !this.draft || this.phase !== 'consent') return;
    this.serverErrors = [];
    const check = referralRequest(this.draft, resource, new Date(), this.dispatchId);
    if (!check.request) {
      this.showErrors = true;
      this.focusSummary();
      return;
    }
    await this.create(check.request);
  }

  private async create(request: CreateReferralRequest): Promise<void> {
    const api = this.api;
    if (!api) return;
    const run = ++this.referralRun;
    this.phase = 'sending';
    this.failure = undefined;
    try {
      const referral = await api.referrals.create(request);
      if (run === this.referralRun) this.created(referral);
    } catch (error) {
      if (run !== this.referralRun) return;
      if (error instanceof PeerQueuedError) {
        this.queue({ step: 'create', key: error.idempotencyKey });
        return;
      }
      this.phase = 'consent';
      this.serverErrors = serverFieldErrors(error);
      this.showErrors = true;
      this.fail(error, () => void this.submit());
      if (this.serverErrors.length > 0) this.focusSummary();
    }
  }

  private created(referral: Referral): void {
    this.ids = [...this.ids, referral.id];
    this.emit('peer-referral-created', { referral });
    this.dispatchEvent(new Event('change', { bubbles: true }));
    this.show(referral);
    this.keepFocus();
    if (referral.status === 'proposed') void this.markSent(referral);
  }

  /** The person consented and the referral is made: it goes to the resource. */
  private async markSent(referral: Referral): Promise<void> {
    const api = this.api;
    if (!api) return;
    const run = this.referralRun;
    this.failure = undefined;
    try {
      const sent = await api.referrals.transition(referral.id, { to: 'sent', expectedVersion: referral.version });
      if (run === this.referralRun) this.show(sent);
    } catch (error) {
      if (run !== this.referralRun) return;
      if (error instanceof PeerQueuedError) this.queue({ step: 'send', key: error.idempotencyKey });
      // Moved on elsewhere first (another tab, the receiving service): the watch shows it.
      else if (!(error instanceof PeerConflictError && this.referral && this.referral.status !== 'proposed')) {
        this.fail(error, () => {
          if (this.referral) void this.markSent(this.referral);
        });
      }
    }
  }

  /** Waits for a change kept in the outbox and carries on when it is sent (or refused). */
  private queue(pending: Pending): void {
    this.pending = pending;
    this.phase = 'queued';
    this.keepFocus();
    this.listenToOutbox(pending);
  }

  private listenToOutbox(pending: Pending): void {
    const outbox = this.api?.outbox;
    this.stopOutbox?.();
    this.stopOutbox = undefined;
    if (!outbox) return;
    const run = this.referralRun;
    this.stopOutbox = outbox.subscribe((event: OutboxEvent) => {
      if (run !== this.referralRun || this.pending !== pending || event.item.key !== pending.key || event.type === 'queued') return;
      this.stopOutbox?.();
      this.stopOutbox = undefined;
      this.pending = undefined;
      if (event.type === 'failed') {
        this.phase = pending.step === 'create' ? 'consent' : 'referred';
        this.serverErrors = serverFieldErrors(event.error);
        this.showErrors = this.serverErrors.length > 0;
        this.fail(event.error, () => void this.submit());
        return;
      }
      const sent = z.safeParse(Referral, event.result);
      if (!sent.success) return;
      if (pending.step === 'create') this.created(sent.data);
      else this.show(sent.data);
    });
  }

  private show(referral: Referral): void {
    const previous = this.referral;
    if (previous?.id === referral.id && previous.version >= referral.version) return;
    this.referral = referral;
    if (this.phase !== 'queued' || !this.pending) this.phase = 'referred';
    if (previous?.id !== referral.id || previous.status !== referral.status) {
      this.emit('peer-referral-status', { referral, status: referral.status });
    }
    if (isTerminal(referralTransitions, referral.status)) this.unfollow();
    else if (previous?.id !== referral.id || !this.watch) this.follow(referral);
  }

  private follow(referral: Referral): void {
    const api = this.api;
    this.unfollow();
    if (!api || !this.isConnected) return;
    const watch = api.referrals.watch(referral.id);
    this.watch = watch;
    this.stopWatching = watch.subscribe((next) => {
      if (this.watch === watch) this.show(next);
    });
  }

  private unfollow(): void {
    this.stopWatching?.();
    this.stopWatching = undefined;
    this.watch?.close();
    this.watch = undefined;
  }

  /**
   * The service recorded the revocation as its answer says; the referral is shown as the service
   * now holds it (which the revoking role may no longer be allowed to read).
   */
  private revoked(result: ConsentRevocation): void {
    const referral = this.referral;
    if (referral?.id !== result.referralId) return;
    const at = result.consent.revokedAt ?? referral.updatedAt;
    const entry = { status: result.status, at, actor: result.consent.revokedBy ?? { kind: 'system' as const }, event: 'consent-revoked' as const };
    this.failure = undefined;
    this.show({ ...referral, status: result.status, version: result.version, consent: result.consent, updatedAt: at, timeline: [...referral.timeline, entry] });
  }

  /** Back to the results for another referral; the one made stays in `value`. */
  private another(): void {
    this.referralRun += 1;
    this.revocation.reset();
    this.unfollow();
    this.stopOutbox?.();
    this.stopOutbox = undefined;
    this.pending = undefined;
    this.referral = undefined;
    this.draft = undefined;
    this.failure = undefined;
    this.selected = undefined;
    this.phase = 'search';
    void this.updateComplete.then(() => this.input?.focus());
  }

  private fail(error: unknown, retry: () => void): void {
    this.failure = error;
    this.retry = retry;
    this.keepFocus();
    this.emit('peer-error', { error: errorInfo(error) });
  }

  private focusSummary(): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part~="error-summary"]')?.focus());
  }

  /** The control a keyboard user was on is gone; keep their place on what replaced it. */
  private keepFocus(): void {
    if (!this.matches(':focus-within')) return;
    void this.updateComplete.then(() => {
      const active = this.shadowRoot?.activeElement;
      if (active?.isConnected && !active.matches('[aria-disabled="true"]')) return;
      (this.renderRoot.querySelector<HTMLElement>('[part~="error"]') ?? this.renderRoot.querySelector<HTMLElement>('.status'))?.focus();
    });
  }

  // ---- Rendering ----

  override render(): TemplateResult {
    const phase = this.phase;
    return html`<div part="base" class="base">
      ${phase === 'search'
        ? this.renderSearch()
        : phase === 'consent' || phase === 'sending'
          ? this.renderConsent()
          : this.renderReferral()}
    </div>`;
  }

  private renderSearch(): TemplateResult {
    const { total } = this.results;
    const hasSource = this.local || Boolean(this.api);
    const active = this.active >= 0 && this.expanded ? `opt-${String(this.active)}` : undefined;
    return html`<h2>${this.i18n.term('picker.heading')}</h2>
      <div class="search">
        <label id="search-label" for="search">${this.i18n.term('picker.search')}</label>
        <input
          id="search"
          aria-labelledby="search-label"
          part="search"
          type="text"
          role="combobox"
          autocomplete="off"
          spellcheck="false"
          aria-autocomplete="list"
          aria-expanded=${this.expanded ? 'true' : 'false'}
          aria-controls="listbox"
          aria-activedescendant=${active ?? nothing}
          aria-describedby="search-hint"
          .value=${live(this.text)}
          @input=${this.onInput}
          @keydown=${this.onKeydown}
        />
        <span class="hint" id="search-hint">${this.i18n.term('picker.searchHint')}</span>
      </div>
      ${this.renderFilters()}
      <p class="count" part="count">
        ${hasSource ? (this.searching && this.results === EMPTY ? this.i18n.term('common.loading') : this.countText(total)) : this.i18n.term('picker.noSource')}
      </p>
      <p class="visually-hidden" role="status">${this.announcement}</p>
      ${this.searchFailure
        ? html`<p part="error" class="error" role="alert" tabindex="-1">
            ${this.i18n.term(errorMessageKey(this.searchFailure))}
            ${canRetry(this.searchFailure) ? html`<button type="button" @click=${() => void this.searchRemotely()}>${this.i18n.term('common.retry')}</button>` : nothing}
          </p>`
        : nothing}
      <div class="layout ${this.selected ? 'with-detail' : ''}">
        <div class="results" ?hidden=${!this.expanded}>
          <div
            id="listbox"
            part="listbox"
            class="listbox"
            role="listbox"
            aria-label=${this.i18n.term('picker.results')}
            @rangeChanged=${this.onRange}
          >
            ${virtualize({
              items: this.results.rows,
              layout: LAYOUT,
              scroller: true,
              keyFunction: (_hit: ResourceHit | null, index: number) => index,
              renderItem: (hit: ResourceHit | null, index: number) => this.renderOption(hit, index, total),
            })}
          </div>
        </div>
        ${this.selected ? this.renderDetail(this.selected) : nothing}
      </div>`;
  }

  private chip(label: string, pressed: boolean, toggle: () => void): TemplateResult {
    return html`<button type="button" part="chip" class="chip" aria-pressed=${pressed ? 'true' : 'false'} @click=${toggle}>
      ${pressed ? html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${check}</svg>` : nothing}${label}
    </button>`;
  }

  /**
   * Services and availability are always in view; language, distance, setting and intercept
   * stage, rarely used, are folded under "More filters", which says how many of them are on.
   */
  private renderFilters(): TemplateResult {
    const f = this.filters;
    // Read when pressed, not when rendered: two presses before a render both count.
    const set = (change: (now: PickerFilters) => Partial<PickerFilters>) => {
      this.setFilters({ ...this.filters, ...change(this.filters) });
    };
    const group = (legend: ReferralPickerMessageKey, chips: readonly TemplateResult[], kind = '') =>
      html`<fieldset class=${kind}>
        <legend>${this.i18n.term(legend)}</legend>
        <div class="chips">${chips}</div>
      </fieldset>`;
    const languages = this.languageOptions ?? (this.local ? (this.directory?.directory.languages ?? []).slice(0, 6) : ['en', 'es']);
    const folded = f.languages.length + f.settings.length + f.stages.length + (f.radiusKm === undefined ? 0 : 1);
    return html`<div part="filters" class="filters">
      ${group(
        'picker.group.categories',
        CATEGORIES.map((code) =>
          this.chip(this.i18n.term(`picker.category.${code}`), f.categories.includes(code), () => {
            set((now) => ({ categories: toggled(now.categories, code) }));
          }),
        ),
        'categories',
      )}
      ${group(
        'picker.group.availability',
        (['openNow', 'medicaid', 'free', 'capacity'] as const).map((flag) =>
          this.chip(this.i18n.term(`picker.filter.${flag}`), f[flag], () => {
            set((now) => ({ [flag]: !now[flag] }));
          }),
        ),
      )}
      <div class="filter-actions">
        <button
          type="button"
          class="link"
          aria-expanded=${this.moreFilters ? 'true' : 'false'}
          aria-controls="more-filters"
          @click=${() => {
            this.moreFilters = !this.moreFilters;
          }}
        >
          ${!this.moreFilters && folded > 0 ? this.i18n.term('picker.moreFiltersOn', { count: folded }) : this.i18n.term('picker.moreFilters')}
        </button>
        ${filtering(f)
          ? html`<button
              type="button"
              class="link"
              @click=${() => {
                this.setFilters(NO_FILTERS);
              }}
            >
              ${this.i18n.term('picker.clearFilters')}
            </button>`
          : nothing}
      </div>
      <div id="more-filters" class="more-filters" ?hidden=${!this.moreFilters}>
        ${languages.length > 0
          ? group(
              'picker.group.languages',
              languages.map((tag) =>
                this.chip(this.languageName(tag), f.languages.includes(tag), () => {
                  set((now) => ({ languages: toggled(now.languages, tag) }));
                }),
              ),
            )
          : nothing}
        ${this.near
          ? group(
              'picker.group.distance',
              this.radiusOptions.map((km) =>
                this.chip(this.i18n.term('picker.filter.within', { distance: this.km(km) }), f.radiusKm === km, () => {
                  set((now) => ({ radiusKm: now.radiusKm === km ? undefined : km }));
                }),
              ),
            )
          : nothing}
        ${group(
          'picker.group.settings',
          SETTINGS.map((setting) =>
            this.chip(this.i18n.term(`picker.setting.${setting}`), f.settings.includes(setting), () => {
              set((now) => ({ settings: toggled(now.settings, setting) }));
            }),
          ),
        )}
        ${group(
          'picker.group.stages',
          STAGES.map((stage) =>
            this.chip(this.i18n.term(`picker.stage.${String(stage)}` as ReferralPickerMessageKey), f.stages.includes(stage), () => {
              set((now) => ({ stages: toggled(now.stages, stage) }));
            }),
          ),
        )}
      </div>
    </div>`;
  }

  private renderOption(hit: ResourceHit | null, index: number, total: number): TemplateResult {
    const selected = index === this.active ? 'true' : 'false';
    if (!hit) {
      return html`<div role="option" id="opt-${String(index)}" class="option placeholder" aria-selected=${selected} aria-setsize=${total} aria-posinset=${index + 1}>
        ${this.i18n.term('picker.loadingRow')}
      </div>`;
    }
    const { resource } = hit;
    return html`<div
      role="option"
      part="option"
      id="opt-${String(index)}"
      class="option"
      data-index=${index}
      aria-selected=${selected}
      aria-setsize=${total}
      aria-posinset=${index + 1}
    >
      <div class="name">${resource.name}</div>
      <div class="facts">
        <span>${resource.categories.map((code) => this.i18n.term(`picker.category.${code}`)).join(' · ')}</span>
      </div>
      <div class="facts">${this.renderFacts(hit)}</div>
    </div>`;
  }

  private renderFacts(hit: ResourceHit): TemplateResult {
    const { resource } = hit;
    const available = resource.capacity?.available;
    return html`${hit.distanceKm === null ? nothing : html`<span class="fact">${this.i18n.term('picker.away', { distance: this.km(hit.distanceKm) })}</span>`}
    ${hit.openNow === null
      ? nothing
      : html`<span class="fact ${hit.openNow ? 'open' : ''}"
          ><svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${hit.openNow ? check : clock}</svg>${this.i18n.term(
            hit.openNow ? 'picker.open' : 'picker.closed',
          )}</span
        >`}
    ${resource.languages.length > 0
      ? html`<span class="fact">${this.i18n.term('picker.languages', { list: resource.languages.map((tag) => this.languageName(tag)).join(', ') })}</span>`
      : nothing}
    <span class="fact">${this.i18n.term(resource.fees.acceptsMedicaid ? 'picker.medicaid' : 'picker.noMedicaid')}</span>
    ${available === undefined || available === null
      ? nothing
      : html`<span class="fact">${available > 0 ? this.i18n.term('picker.openings', { count: available }) : this.i18n.term('picker.full')}</span>`}`;
  }

  private renderDetail(hit: ResourceHit): TemplateResult {
    const { resource } = hit;
    const address = resource.location.address;
    const canRefer = Boolean(this.api);
    const row = (key: ReferralPickerMessageKey, value: unknown) => html`<div><dt>${this.i18n.term(key)}</dt><dd>${value}</dd></div>`;
    return html`<section part="detail" class="panel" aria-labelledby="detail-heading">
      <h3 id="detail-heading" tabindex="-1">${resource.name}</h3>
      <div class="actions">
        <button
          type="button"
          part="refer"
          class="primary"
          aria-disabled=${canRefer ? nothing : 'true'}
          aria-describedby=${canRefer ? nothing : 'refer-hint'}
          @click=${() => {
            this.openConsent();
          }}
        >
          ${this.i18n.term('picker.refer')}
        </button>
        <button
          type="button"
          @click=${() => {
            this.backToResults();
          }}
        >
          ${this.i18n.term('picker.back')}
        </button>
        ${canRefer ? nothing : html`<span class="hint" id="refer-hint">${this.i18n.term('picker.referNeedsClient')}</span>`}
      </div>
      <div class="facts">${this.renderFacts(hit)}</div>
      ${resource.description ? html`<p>${resource.description}</p>` : nothing}
      <dl class="details">
        ${row('picker.d.organization', resource.organization.name)}
        ${row('picker.d.services', resource.categories.map((code) => this.i18n.term(`picker.category.${code}`)).join(', '))}
        ${address ? row('picker.d.address', `${address.street}, ${address.city}, ${address.region} ${address.postalCode}`) : nothing}
        ${resource.phone ? row('picker.d.phone', html`<a href="tel:${resource.phone.replace(/[^\d+]/g, '')}">${resource.phone}</a>`) : nothing}
        ${resource.url && isWebUrl(resource.url) ? row('picker.d.website', html`<a href=${resource.url} target="_blank" rel="noopener noreferrer">${resource.url}</a>`) : nothing}
        ${row('picker.d.hours', this.renderHours(resource.schedule))}
        ${row('picker.d.eligibility', resource.eligibility ?? this.i18n.term('picker.none'))}
        ${row('picker.d.fees', this.feesText(resource))}
        ${row(
          'picker.d.languages',
          resource.languages.length > 0 ? resource.languages.map((tag) => this.languageName(tag)).join(', ') : this.i18n.term('picker.none'),
        )}
        ${row('picker.d.capacity', this.capacityText(resource))}
      </dl>
    </section>`;
  }

  private renderHours(schedule: Schedule | undefined): TemplateResult | string {
    if (!schedule) return this.i18n.term('picker.noHours');
    if (schedule.open24x7) return this.i18n.term('picker.open24');
    const zone = this.zoneName(schedule.timeZone);
    return html`${schedule.rules.length === 0
        ? this.i18n.term('picker.noHours')
        : html`<ul>
            ${schedule.rules.map(
              (rule) =>
                html`<li>${this.i18n.term('picker.hoursRule', { days: this.daysText(rule.byDay), from: this.timeOfDay(rule.opensAt), to: this.timeOfDay(rule.closesAt) })}</li>`,
            )}
          </ul>`}
      <span class="hint">${this.i18n.term('picker.hoursIn', { zone })}</span>
      ${schedule.notes ? html`<span class="hint">${schedule.notes}</span>` : nothing}`;
  }

  private renderConsent(): TemplateResult {
    const draft = this.draft;
    const resource = this.selected?.resource;
    if (!draft || !resource) return html``;
    const errors = this.showErrors ? this.consentErrors() : [];
    const errorAt = (path: string) => {
      const error = errors.find((candidate) => candidate.path === path);
      return error ? this.messageOf(error) : undefined;
    };
    const sending = this.phase === 'sending';
    const text = (path: string, key: ReferralPickerMessageKey, value: string, change: (value: string) => Partial<ConsentDraft>, hint?: ReferralPickerMessageKey, autocomplete = 'off') => {
      const id = fieldId(path);
      const error = errorAt(path);
      return html`<div class="field">
        <label for=${id}>${this.i18n.term(key)}</label>
        ${hint ? html`<span class="hint" id="${id}-hint">${this.i18n.term(hint)}</span>` : nothing}
        <input
          id=${id}
          type="text"
          autocomplete=${autocomplete}
          .value=${live(value)}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby="${hint ? `${id}-hint ` : ''}${id}-error"
          @input=${(event: Event) => {
            if (event.target instanceof HTMLInputElement) this.edit(change(event.target.value), [path]);
          }}
        />
        <span class="field-error" id="${id}-error">${error ?? ''}</span>
      </div>`;
    };
    const group = (path: string, key: ReferralPickerMessageKey, content: unknown, hint?: ReferralPickerMessageKey) => {
      const id = fieldId(path);
      const error = errorAt(path);
      return html`<fieldset id=${id} aria-describedby="${hint ? `${id}-hint ` : ''}${id}-error">
        <legend>${this.i18n.term(key)}</legend>
        ${hint ? html`<p class="hint" id="${id}-hint">${this.i18n.term(hint)}</p>` : nothing}
        <p class="field-error" id="${id}-error">${error ?? ''}</p>
        ${content}
      </fieldset>`;
    };
    const ackId = fieldId('consent.part2NoticeAcknowledged');
    const ackError = errorAt('consent.part2NoticeAcknowledged');
    return html`<form part="consent" novalidate aria-labelledby="consent-heading" @submit=${this.onSubmit}>
      <h2 id="consent-heading" tabindex="-1">${this.i18n.term('picker.consentFor', { name: resource.name })}</h2>
      ${errors.length > 0 ? this.renderSummary(errors) : nothing}
      <fieldset ?disabled=${sending} class="form">
        <legend class="visually-hidden">${this.i18n.term('picker.consent')}</legend>
        ${text('personRef', 'picker.f.personRef', draft.personRef, (personRef) => ({ personRef }), 'picker.f.personRefHint')}
        ${text('consent.recipient', 'picker.f.recipient', draft.recipient, (recipient) => ({ recipient }), 'picker.f.recipientHint', 'organization')}
        ${text('consent.purpose', 'picker.f.purpose', draft.purpose, (purpose) => ({ purpose }))}
        ${group(
          'consent.scope',
          'picker.f.scope',
          CONSENT_SCOPES.map(
            (scope) => html`<label class="check">
              <input
                type="checkbox"
                .checked=${live(draft.scope.includes(scope))}
                @change=${() => {
                  if (this.draft) this.edit({ scope: toggled(this.draft.scope, scope) }, ['consent.scope']);
                }}
              />
              ${this.i18n.term(`picker.scope.${scope}`)}
            </label>`,
          ),
        )}
        <div class="field">
          <label for=${fieldId('consent.expiresAt')}>${this.i18n.term('picker.f.expires')}</label>
          <input
            id=${fieldId('consent.expiresAt')}
            type="date"
            .value=${live(draft.expires)}
            aria-invalid=${errorAt('consent.expiresAt') ? 'true' : 'false'}
            aria-describedby="${fieldId('consent.expiresAt')}-error"
            @input=${(event: Event) => {
              if (event.target instanceof HTMLInputElement) this.edit({ expires: event.target.value }, ['consent.expiresAt']);
            }}
          />
          <span class="field-error" id="${fieldId('consent.expiresAt')}-error">${errorAt('consent.expiresAt') ?? ''}</span>
        </div>
        ${group(
          'consent.method',
          'picker.f.method',
          CONSENT_METHODS.map(
            (method) => html`<label class="check">
              <input
                type="radio"
                name="method"
                value=${method}
                .checked=${live(draft.method === method)}
                @change=${() => {
                  this.edit({ method }, ['consent.method', 'consent.witnessedBy']);
                }}
              />
              ${this.i18n.term(`picker.method.${method}`)}
            </label>`,
          ),
          'picker.methodHint',
        )}
        ${draft.method === 'verbal' ? text('consent.witnessedBy', 'picker.f.witnessedBy', draft.witnessedBy, (witnessedBy) => ({ witnessedBy })) : nothing}
        ${group(
          'needs',
          'picker.f.needs',
          html`<div class="chips">
            ${CATEGORIES.map(
              (code) => html`<label class="check">
                <input
                  type="checkbox"
                  .checked=${live(draft.needs.includes(code))}
                  @change=${() => {
                    if (this.draft) this.edit({ needs: toggled(this.draft.needs, code) }, ['needs']);
                  }}
                />
                ${this.i18n.term(`picker.category.${code}`)}
              </label>`,
            )}
          </div>`,
        )}
        <div class="field">
          <label for=${fieldId('urgency')}>${this.i18n.term('picker.f.urgency')}</label>
          <select
            id=${fieldId('urgency')}
            @change=${(event: Event) => {
              const target = event.target;
              const value = target instanceof HTMLSelectElement ? URGENCIES.find((urgency) => urgency === target.value) : undefined;
              if (value) this.edit({ urgency: value }, ['urgency']);
            }}
          >
            ${URGENCIES.map((urgency) => html`<option value=${urgency} ?selected=${draft.urgency === urgency}>${this.i18n.term(`picker.urgency.${urgency}`)}</option>`)}
          </select>
        </div>
        <section part="notice" class="notice" aria-labelledby="notice-heading">
          <h3 id="notice-heading">${this.i18n.term('picker.notice')}</h3>
          <p id="notice-text">${this.redisclosureNotice ?? this.i18n.term('picker.noticeText')}</p>
        </section>
        <div class="field">
          <label class="check">
            <input
              id=${ackId}
              type="checkbox"
              .checked=${live(draft.acknowledged)}
              aria-invalid=${ackError ? 'true' : 'false'}
              aria-describedby="notice-text ${ackId}-error"
              @change=${(event: Event) => {
                if (event.target instanceof HTMLInputElement) this.edit({ acknowledged: event.target.checked }, ['consent.part2NoticeAcknowledged']);
              }}
            />
            ${this.i18n.term('picker.f.acknowledged')}
          </label>
          <span class="field-error" id="${ackId}-error">${ackError ?? ''}</span>
        </div>
      </fieldset>
      ${this.failure && this.serverErrors.length === 0 ? this.renderFailure() : nothing}
      <div class="actions">
        <button type="submit" part="submit" class="primary" aria-disabled=${sending ? 'true' : nothing}>
          ${this.i18n.term(sending ? 'picker.sending' : 'picker.send')}
        </button>
        <button
          type="button"
          ?disabled=${sending}
          @click=${() => {
            this.closeConsent();
          }}
        >
          ${this.i18n.term('common.cancel')}
        </button>
      </div>
    </form>`;
  }

  private renderSummary(errors: readonly FieldError[]): TemplateResult {
    return html`<div part="error-summary" class="summary" tabindex="-1" role="group" aria-labelledby="summary-heading">
      <p id="summary-heading"><strong>${this.i18n.term('picker.fix')}</strong></p>
      <ul>
        ${errors.map(
          (error) => html`<li>
            <a
              href="#${fieldId(error.path)}"
              @click=${(event: Event) => {
                event.preventDefault();
                this.control(error.path)?.focus();
              }}
              >${this.fieldLabel(error.path)}: ${this.messageOf(error)}</a
            >
          </li>`,
        )}
      </ul>
    </div>`;
  }

  private renderFailure(): TemplateResult {
    return html`<p part="error" class="error" role="alert" tabindex="-1">
      ${this.i18n.term(errorMessageKey(this.failure))}
      ${canRetry(this.failure)
        ? html`<button
            type="button"
            @click=${() => {
              this.retry();
            }}
          >
            ${this.i18n.term('common.retry')}
          </button>`
        : nothing}
    </p>`;
  }

  private renderReferral(): TemplateResult {
    const referral = this.referral;
    const name = this.selected?.resource.name ?? '';
    const queued = this.phase === 'queued';
    return html`<section class="panel" aria-labelledby="referral-heading">
      <h2 id="referral-heading">${this.i18n.term('picker.consentFor', { name })}</h2>
      <span class="status" tabindex="-1">
        <peer-status
          part="status"
          exportparts="base: status-base, label: status-label, time: status-time"
          tone=${queued ? 'warning' : referral ? REFERRAL_TONES[referral.status] : 'neutral'}
          label=${queued ? this.i18n.term('common.queued') : referral ? this.i18n.term(`picker.status.${referral.status}`) : ''}
          since=${!queued && referral ? referralSince(referral) : nothing}
          live
        ></peer-status>
      </span>
      ${referral?.scheduledAt && referral.status === 'scheduled'
        ? html`<p>${this.i18n.term('picker.scheduledFor', { time: this.i18n.date(referral.scheduledAt, { dateStyle: 'medium', timeStyle: 'short' }) })}</p>`
        : nothing}
      ${referral && !queued ? this.revocation.render(referral) : nothing}
      ${this.failure ? this.renderFailure() : nothing}
      <div class="actions">
        <button
          type="button"
          @click=${() => {
            this.another();
          }}
        >
          ${this.i18n.term('picker.another')}
        </button>
      </div>
    </section>`;
  }

  // ---- Words ----

  private messageOf(error: FieldError): string {
    if (error.path === 'consent.witnessedBy') return this.i18n.term('picker.error.witnessedBy');
    if (error.code === 'required') return this.i18n.term('form.valueMissing');
    switch (error.path) {
      case 'personRef':
        return this.i18n.term(error.code === 'invalid_format' ? 'picker.error.personRef' : 'picker.error.personRefLength');
      case 'consent.expiresAt':
        return this.i18n.term('picker.error.expiry');
      case 'consent.part2NoticeAcknowledged':
        return this.i18n.term('picker.error.acknowledged');
      case 'consent.scope':
      case 'needs':
        return this.i18n.term('picker.error.choose');
      case 'consent.method':
        return this.i18n.term('picker.error.method');
      default:
        // A rule the picker does not know (from a newer service): the service's own words.
        return error.message || this.i18n.term('form.invalid');
    }
  }

  private fieldLabel(path: string): string {
    const key = {
      personRef: 'picker.f.personRef',
      'consent.recipient': 'picker.f.recipient',
      'consent.purpose': 'picker.f.purpose',
      'consent.scope': 'picker.f.scope',
      'consent.expiresAt': 'picker.f.expires',
      'consent.method': 'picker.f.method',
      'consent.witnessedBy': 'picker.f.witnessedBy',
      'consent.part2NoticeAcknowledged': 'picker.notice',
      needs: 'picker.f.needs',
      urgency: 'picker.f.urgency',
    }[path];
    return key && isKey(key) ? this.i18n.term(key) : path;
  }

  /** The control for a field path, or the first control of its group. */
  private control(path: string): HTMLElement | null {
    const found = this.renderRoot.querySelector<HTMLElement>(`#${fieldId(path)}`);
    if (!found) return null;
    return found.matches('input, select, textarea') ? found : found.querySelector<HTMLElement>('input, select, textarea');
  }

  private km(value: number): string {
    return this.i18n.number(value, { style: 'unit', unit: 'kilometer', maximumFractionDigits: 1 });
  }

  private languageName(tag: string): string {
    return languageLabel(tag, this.i18n.lang);
  }

  private zoneName(timeZone: string): string {
    try {
      const parts = new Intl.DateTimeFormat(this.i18n.lang, { timeZone, timeZoneName: 'longGeneric' }).formatToParts(this.now ?? new Date());
      return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
    } catch {
      return timeZone;
    }
  }

  private timeOfDay(time: string): string {
    const [hours = 0, minutes = 0] = time.split(':').map(Number);
    return this.i18n.date(Date.UTC(2024, 0, 1, hours, minutes), { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' });
  }

  /** "Mon–Fri", "Sat, Sun": runs of three or more days are shortened. */
  private daysText(days: readonly Weekday[]): string {
    const indexes = WEEKDAYS.map((day, index) => (days.includes(day) ? index : -1)).filter((index) => index >= 0);
    // 1 January 2024 was a Monday.
    const name = (index: number) => this.i18n.date(Date.UTC(2024, 0, 1 + index, 12), { weekday: 'short', timeZone: 'UTC' });
    const runs: number[][] = [];
    for (const index of indexes) {
      const last = runs.at(-1);
      if (last?.at(-1) === index - 1) last.push(index);
      else runs.push([index]);
    }
    return runs
      .map((run) => (run.length >= 3 ? `${name(run[0] ?? 0)}–${name(run.at(-1) ?? 0)}` : run.map(name).join(', ')))
      .join(', ');
  }

  private feesText(resource: Resource): string {
    const { fees } = resource;
    const parts = [this.i18n.term(fees.acceptsMedicaid ? 'picker.fee.medicaid' : 'picker.fee.noMedicaid')];
    if (fees.acceptsMedicare) parts.push(this.i18n.term('picker.fee.medicare'));
    if (fees.free) parts.push(this.i18n.term('picker.fee.free'));
    if (fees.slidingScale) parts.push(this.i18n.term('picker.fee.sliding'));
    if (fees.notes) parts.push(fees.notes);
    return parts.join(' · ');
  }

  private capacityText(resource: Resource): string {
    const capacity = resource.capacity;
    const available = capacity?.available;
    if (!capacity || available === undefined || available === null) return this.i18n.term('picker.capacity.unknown');
    const text =
      capacity.total === undefined
        ? this.i18n.term('picker.capacity.open', { available })
        : this.i18n.term('picker.capacity.of', { available, total: capacity.total });
    return capacity.updatedAt
      ? `${text} (${this.i18n.term('picker.capacity.updated', { time: this.i18n.date(capacity.updatedAt, { dateStyle: 'medium', timeStyle: 'short' }) })})`
      : text;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'peer-referral-picker': PeerReferralPicker;
  }
}
