import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { virtualize, virtualizerRef, type VirtualizerHostElement } from '@lit-labs/virtualizer/virtualize.js';
import { flow } from '@lit-labs/virtualizer/layouts/flow.js';
import type { GeoPoint, GetToken, Referral, Resource, ResourceHit } from '@peerlink/sdk';
import { ClientController } from '../base/client-controller.js';
import { PeerElement } from '../base/peer-element.js';
import { fieldId, type ConsentEditEvent, type PeerReferralConsent } from './consent-form.js';
import { errorInfo, renderFailure } from './failure.js';
import { countText } from './format.js';
import { referralClient, type ReferralClient } from './referral-client.js';
import { ReferralFlowController, type ReferralPickerPhase } from './referral-flow.js';
import { NO_FILTERS, searchQuery, type PickerFilters } from './referral-model.js';
import { referralPickerMessages, type ReferralPickerMessageKey } from './referral-picker.messages.js';
import { referralPickerStyles } from './referral-picker.styles.js';
import { renderFilters } from './render-filters.js';
import { renderReferral } from './render-referral.js';
import { renderDetail, renderOption } from './render-resource.js';
import { SearchController } from './search-controller.js';

export type { ReferralPickerPhase } from './referral-flow.js';

const LAYOUT = flow();

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

  private readonly sdk = new ClientController<ReferralClient>(this, referralClient);

  private readonly search = new SearchController({
    host: this,
    client: () => this.sdk.value,
    resources: () => this.resources,
    query: () => searchQuery(this.text, this.filters, this.near, this.now),
    now: () => this.now,
    countText: (total) => countText(this.i18n, total),
    restarted: () => {
      this.active = -1;
      // Back to the top of the list, without scrolling the host's page as scrollIntoView would.
      if (this.listbox) this.listbox.scrollTop = 0;
    },
    failed: (error) => {
      this.failed(error);
    },
  });

  private readonly flow = new ReferralFlowController({
    host: this,
    i18n: this.i18n,
    client: () => this.sdk.value,
    resource: () => this.selected?.resource,
    dispatchId: () => this.dispatchId,
    emit: (name, detail) => {
      this.emit(name, detail);
    },
    changed: () => {
      this.changed();
    },
    failed: (error) => {
      this.failed(error);
    },
  });

  @query('.listbox') private listbox?: HTMLElement & VirtualizerHostElement;

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
  @state() private selected?: ResourceHit;

  constructor() {
    super(referralPickerMessages);
  }

  protected override firstUpdated(): void {
    this.renderRoot.addEventListener('click', this.onOptionClick);
  }

  // The consent form renders in its own update: the picker is updated once the form is too.
  protected override async getUpdateComplete(): Promise<boolean> {
    const complete = await super.getUpdateComplete();
    await this.renderRoot.querySelector<PeerReferralConsent>('peer-referral-consent')?.updateComplete;
    return complete;
  }

  /** Ids of the referrals created with this picker, oldest first. */
  get value(): readonly string[] {
    return this.flow.ids;
  }

  /** The resource whose details are shown (read-only). */
  get resource(): Resource | undefined {
    return this.selected?.resource;
  }

  /** Shows `resource`'s details as if chosen from the results (and fires `peer-resource-selected`). */
  choose(resource: Resource): void {
    const hit = this.search.results.rows.find((row) => row?.resource.id === resource.id);
    this.select(hit ?? { resource, score: 0, distanceKm: null, openNow: null });
  }

  /**
   * Checks the consent form and, when it holds a valid consent, creates the referral and sends it
   * to the resource. Problems are listed at the top of the form (focused) and beside each field.
   */
  async submit(): Promise<void> {
    await this.flow.submit();
  }

  // Untyped keys: the private states that start a search are not visible to `PropertyValues<this>`.
  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('resources') && this.resources) this.search.useResources(this.resources);
    const query = changed.has('text') || changed.has('filters') || changed.has('near') || changed.has('now');
    const source = changed.has('resources') || this.sdk.changed(changed);
    if (query || source) this.search.restart(changed.has('text') && !source ? this.searchDelay : 0);
  }

  // ---- The combobox ----

  private readonly onInput = (event: Event): void => {
    if (!(event.target instanceof HTMLInputElement)) return;
    this.text = event.target.value;
    this.expanded = true;
    this.active = -1;
  };

  private readonly onKeydown = (event: KeyboardEvent): void => {
    const { total } = this.search.results;
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
        const hit = this.search.results.rows[this.active];
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
    if (index >= this.search.results.loaded) void this.search.loadThrough(index);
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
    const target = event.target instanceof Element ? event.target : null;
    const option = target?.closest<HTMLElement>('.listbox [role="option"]');
    const index = Number(option?.dataset.index);
    const hit = Number.isInteger(index) ? this.search.results.rows[index] : undefined;
    if (!hit) return;
    this.active = index;
    this.select(hit);
  };

  private select(hit: ResourceHit): void {
    this.selected = hit;
    this.emit('peer-resource-selected', { resource: hit.resource });
    this.focusAfterUpdate('#detail-heading');
  }

  /** A call failed: the host's page is told (the picker shows the error itself). */
  private failed(error: unknown): void {
    this.emit('peer-error', { error: errorInfo(error) });
  }

  /** A referral was created: `value` holds one more id. */
  private changed(): void {
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  private focusAfterUpdate(selector: string): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  // ---- The referral ----

  private openConsent(): void {
    if (this.flow.open(this.personRef)) this.focusAfterUpdate(`#${fieldId('personRef')}`);
  }

  private closeConsent(): void {
    this.flow.close();
    this.focusAfterUpdate('#detail-heading');
  }

  private readonly onConsentEdit = (event: ConsentEditEvent): void => {
    this.flow.edit(event.change, event.paths);
  };

  /** Back to the results for another referral; the one made stays in `value`. */
  private another(): void {
    this.flow.another();
    this.selected = undefined;
    this.focusAfterUpdate('#search');
  }

  // ---- Rendering ----

  override render(): TemplateResult {
    const phase = this.phase;
    return html`<div part="base" class="base">
      ${
        phase === 'search'
          ? this.renderSearch()
          : phase === 'consent' || phase === 'sending'
            ? this.renderConsent()
            : this.renderReferral()
      }
    </div>`;
  }

  private renderSearch(): TemplateResult {
    const { i18n, search } = this;
    const { total } = search.results;
    const now = this.now ?? new Date();
    const hasSource = search.local || Boolean(this.sdk.value);
    const active = this.active >= 0 && this.expanded ? `opt-${String(this.active)}` : undefined;
    const count = search.firstLoad ? i18n.term('common.loading') : countText(i18n, total);
    return html`<h2>${i18n.term('picker.heading')}</h2>
      <div class="search">
        <label id="search-label" for="search">${i18n.term('picker.search')}</label>
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
        <span class="hint" id="search-hint">${i18n.term('picker.searchHint')}</span>
      </div>
      ${this.renderFilters()}
      <p class="count" part="count">${hasSource ? count : i18n.term('picker.noSource')}</p>
      <p class="visually-hidden" role="status">${search.announcement}</p>
      ${
        search.failure
          ? renderFailure(i18n, search.failure, () => {
              search.retry();
            })
          : nothing
      }
      <div class="layout ${this.selected ? 'with-detail' : ''}">
        <div class="results" ?hidden=${!this.expanded}>
          <div
            id="listbox"
            part="listbox"
            class="listbox"
            role="listbox"
            aria-label=${i18n.term('picker.results')}
            @rangeChanged=${search.onRange}
          >
            ${virtualize({
              items: search.results.rows,
              layout: LAYOUT,
              scroller: true,
              keyFunction: (_hit: ResourceHit | null, index: number) => index,
              renderItem: (hit: ResourceHit | null, index: number) =>
                renderOption(i18n, hit, index, total, index === this.active, now),
            })}
          </div>
        </div>
        ${this.selected ? this.renderDetail(this.selected) : nothing}
      </div>`;
  }

  private renderFilters(): TemplateResult {
    const local = this.search.local ? this.search.languages.slice(0, 6) : ['en', 'es'];
    return renderFilters({
      i18n: this.i18n,
      filters: this.filters,
      more: this.moreFilters,
      languages: this.languageOptions ?? local,
      near: this.near,
      radiusOptions: this.radiusOptions,
      current: () => this.filters,
      change: (filters) => {
        this.filters = filters;
        this.expanded = true;
      },
      toggleMore: () => {
        this.moreFilters = !this.moreFilters;
      },
    });
  }

  private renderDetail(hit: ResourceHit): TemplateResult {
    return renderDetail(
      {
        i18n: this.i18n,
        canRefer: Boolean(this.sdk.value),
        now: this.now ?? new Date(),
        refer: () => {
          this.openConsent();
        },
        back: () => {
          this.selected = undefined;
          this.focusAfterUpdate('#search');
        },
      },
      hit,
    );
  }

  private renderConsent(): TemplateResult {
    const { flow } = this;
    const resource = this.selected?.resource;
    if (!flow.draft || !resource) return html``;
    return html`<peer-referral-consent
      .draft=${flow.draft}
      .resourceName=${resource.name}
      .errors=${flow.errors}
      .sending=${this.phase === 'sending'}
      .notice=${this.redisclosureNotice}
      .failure=${flow.serverErrors.length === 0 ? flow.failure : undefined}
      @consent-edit=${this.onConsentEdit}
      @consent-submit=${() => void this.submit()}
      @consent-cancel=${() => {
        this.closeConsent();
      }}
      @consent-retry=${() => {
        this.flow.retry();
      }}
    ></peer-referral-consent>`;
  }

  private renderReferral(): TemplateResult {
    const { flow } = this;
    const referral = this.referral;
    const queued = this.phase === 'queued';
    return renderReferral({
      i18n: this.i18n,
      referral,
      name: this.selected?.resource.name ?? '',
      queued,
      revocation: referral && !queued ? flow.revocation.render(referral) : nothing,
      failure: flow.failure,
      retry: () => {
        flow.retry();
      },
      another: () => {
        this.another();
      },
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'peer-referral-picker': PeerReferralPicker;
  }
}
