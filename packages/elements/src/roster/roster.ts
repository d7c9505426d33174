import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import { flow } from '@lit-labs/virtualizer/layouts/flow.js';
import {
  PeerValidationError,
  SpecialistRole,
  type ContactChannel,
  type CreateSpecialistRequest,
  type GetToken,
  type Specialist,
} from '@peerlink/sdk';
import * as z from 'zod/mini';
import { ClientController } from '../base/client-controller.js';
import { renderReadFailure } from '../base/failure.js';
import { keepFocus } from '../base/focus.js';
import { LatestRun } from '../base/latest-run.js';
import { allPages } from '../base/pages.js';
import { PeerStaffFormElement, formText } from '../base/staff-form-element.js';
import { rosterClient, type RosterClient } from './roster-client.js';
import { rosterMessages, type RosterMessageKey } from './roster.messages.js';
import { rosterStyles } from './roster.styles.js';
import {
  ACTIVE_FILTERS,
  credentialStandings,
  filterRoster,
  importProblems,
  isFull,
  onCallNow,
  rosterEntries,
  type ActiveFilter,
  type RosterEntry,
} from './roster-model.js';
import { renderImport, renderPeerForm, renderRow, type ImportState } from './render-roster.js';

/** What `peer-roster-changed` reports: which peer changed and how (ids and counts, never names or contacts). */
export type RosterChangeDetail =
  | { kind: 'created' | 'updated' | 'deactivated' | 'reactivated'; id: string }
  | { kind: 'imported'; created: number; updated: number; unchanged: number };

declare module '../base/events.js' {
  interface PeerEventMap {
    'peer-roster-changed': RosterChangeDetail;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'peer-roster': PeerRoster;
  }
  interface GlobalEventHandlersEventMap {
    'peer-roster-changed': CustomEvent<RosterChangeDetail>;
  }
}

const LAYOUT = flow();
/**
 * Longer lists are virtualized (only the rows in view are in the DOM); shorter ones are all rendered, so a
 * small program's roster works with the page's own find and with rows off screen.
 */
const VIRTUAL_FROM = 100;

const list = (value: FormDataEntryValue | null): string[] =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
    : [];

/**
 * The program's peers for its supervisor: each one's state (active or deactivated), whether they are on
 * call now, their credential standing as the rule set derives it (with a warning before it expires),
 * languages and roles; a filter box; adding and editing a peer and their text and e-mail contacts;
 * deactivating and reactivating. **Importing a roster CSV** checks the file first (a dry run whose report
 * names every bad line and column, with nothing written), then imports it all or nothing while a progress
 * bar runs — an indeterminate one: the service answers an import at once and does not report progress.
 * The list is virtualized, so a roster of thousands stays responsive. As a form control its value is the
 * id of the peer last saved.
 *
 * @summary The program's roster: peers, on call now, credentials, add/edit/deactivate, and CSV import with a dry run.
 *
 * @event peer-roster-changed - A peer was saved, deactivated or reactivated, or a roster imported. `detail: { kind, id }` or `{ kind: 'imported', created, updated, unchanged }`.
 * @event peer-error - Reading or writing failed. `detail: { error: { code, message, status? } }`.
 *
 * @csspart base - The outline holding everything.
 * @csspart filter - The filter box.
 * @csspart list - The scrolling (virtualized) list of peers.
 * @csspart peer - One peer's row.
 * @csspart on-call - "On call now" on a peer's row.
 * @csspart credential - A peer's credential standing, in words.
 * @csspart edit - A row's Edit button.
 * @csspart deactivate - A row's Deactivate button (an active peer).
 * @csspart reactivate - A row's Reactivate button (a deactivated peer).
 * @csspart add - The Add a peer button.
 * @csspart peer-form - The add/edit form.
 * @csspart import - The CSV import.
 * @csspart import-errors - The dry run's problems, by line and column.
 * @csspart run-import - The button that imports after a clean dry run.
 * @csspart progress - The import's progress bar.
 * @csspart status - What just happened (a polite live region).
 * @csspart error - What went wrong, with Retry.
 *
 * @cssproperty --peer-roster-background - Background. Defaults to `--peer-color-surface`.
 * @cssproperty --peer-roster-list-height - Height of the scrolling list. Defaults to `28rem`.
 *
 * @since 0.2.0
 * @tag peer-roster
 */
export class PeerRoster extends PeerStaffFormElement<RosterMessageKey> {
  static override styles = [PeerStaffFormElement.styles, rosterStyles];

  private readonly sdk = new ClientController<RosterClient>(this, rosterClient);
  private readonly runs = new LatestRun();

  @state() private entries: readonly RosterEntry[] = [];
  @state() private loaded = false;
  @state() private query = '';
  @state() private show: ActiveFilter = 'all';
  @state() private editing?: { peer: Specialist | undefined };
  @state() private importState: ImportState = { phase: 'idle' };
  @state() private loadedAt = Date.now();

  /** A client the host built (see `RosterClient`); takes precedence over `base-url`. */
  @property({ attribute: false }) client?: RosterClient;

  /** The Peerlink service, used with `getToken` when no `client` is given. */
  @property({ attribute: 'base-url' }) baseUrl?: string;

  /** Returns a supervisor's embed token from the host's server; used with `base-url`. */
  @property({ attribute: false }) getToken?: GetToken;

  /** Only the peers serving this area; every peer when absent. */
  @property() area?: string;

  /** The id of the peer last saved. */
  get value(): string {
    return this.saved;
  }
  private saved = '';

  private readonly onFilter = (event: Event) => {
    if (event.target instanceof HTMLInputElement) this.query = event.target.value;
  };

  private readonly onShow = (event: Event) => {
    const chosen = event.target instanceof HTMLSelectElement ? event.target.value : 'all';
    this.show = ACTIVE_FILTERS.find((option) => option === chosen) ?? 'all';
  };

  private readonly onEdit = (peer: Specialist | undefined) => {
    this.editing = { peer };
    this.fieldErrors = [];
    keepFocus(this, ['[part~="peer-form"] h3'], { always: true });
  };

  private readonly onCancel = () => {
    this.editing = undefined;
    keepFocus(this, ['[part~="add"]'], { always: true });
  };

  private readonly onSave = (event: SubmitEvent) => {
    event.preventDefault();
    if (event.target instanceof HTMLFormElement) void this.save(new FormData(event.target));
  };

  private readonly onActive = (peer: Specialist, active: boolean) => {
    void this.setActive(peer, active);
  };

  private readonly onCheck = (event: SubmitEvent) => {
    event.preventDefault();
    const file = event.target instanceof HTMLFormElement ? new FormData(event.target).get('file') : null;
    if (file instanceof File && file.size > 0) void this.dryRun(file);
  };

  private readonly onRun = () => {
    void this.runImport();
  };

  constructor() {
    super(rosterMessages);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.sdk.changed(changed) || changed.has('area')) void this.load();
  }

  /** Reads the roster again (peers, credentials, who is on call now). */
  async refresh(): Promise<void> {
    await this.load();
  }

  private async load(): Promise<void> {
    const api = this.sdk.value;
    if (!api) return;
    const run = this.runs.start();
    const { signal } = run;
    const now = Date.now();
    try {
      const area = this.area ? { area: this.area } : {};
      const [peers, credentials, schedule] = await Promise.all([
        allPages(
          (cursor) => api.specialists.list({ limit: 200, ...area, ...(cursor ? { cursor } : {}) }, { signal }),
          signal,
        ),
        api.credentials
          ? allPages(
              (cursor) =>
                api.credentials?.list({ limit: 200, ...(cursor ? { cursor } : {}) }, { signal }) ??
                Promise.resolve({ items: [], nextCursor: null }),
              signal,
            )
          : Promise.resolve([]),
        api.schedule.resolve(
          { from: new Date(now).toISOString(), to: new Date(now + 60_000).toISOString(), ...area },
          { signal },
        ),
      ]);
      if (run.stale) return;
      this.entries = rosterEntries(peers.filter(isFull), credentialStandings(credentials), onCallNow(schedule, now));
      this.loadedAt = now;
      this.loaded = true;
      this.failure = undefined;
    } catch (error) {
      if (run.stale) return;
      this.readFailed(error);
    }
  }

  private async save(data: FormData): Promise<void> {
    const api = this.sdk.value;
    if (!api || !this.editing) return;
    const before = this.editing.peer;
    const text = formText(data);
    const contacts: ContactChannel[] = [
      ...(text('sms') ? [{ kind: 'sms' as const, address: text('sms') }] : []),
      ...(text('email') ? [{ kind: 'email' as const, address: text('email') }] : []),
    ];
    const roles = data.getAll('roles').filter((role) => z.safeParse(SpecialistRole, role).success) as SpecialistRole[];
    const body: CreateSpecialistRequest = {
      displayName: text('displayName'),
      roles,
      languages: list(data.get('languages')),
      contacts,
      areas: list(data.get('areas')),
    };
    if (!body.displayName) {
      this.fieldErrors = [{ path: 'displayName', message: this.i18n.term('form.valueMissing') }];
      keepFocus(this, ['#peer-displayName'], { always: true });
      return;
    }
    await this.write(async () => {
      const peer = before ? await api.roster.update(before.id, body) : await api.roster.create(body);
      this.editing = undefined;
      this.done(before ? 'updated' : 'created', peer, this.i18n.term('roster.saved', { name: peer.displayName }));
    });
  }

  private async setActive(peer: Specialist, active: boolean): Promise<void> {
    const api = this.sdk.value;
    if (!api) return;
    await this.write(async () => {
      const changed = active ? await api.roster.reactivate(peer.id) : await api.roster.deactivate(peer.id);
      this.done(
        active ? 'reactivated' : 'deactivated',
        changed,
        this.i18n.term(active ? 'roster.reactivated' : 'roster.deactivated', { name: changed.displayName }),
      );
    });
  }

  private async dryRun(file: File): Promise<void> {
    const api = this.sdk.value;
    if (!api) return;
    this.importState = { phase: 'checking' };
    const csv = await file.text();
    try {
      const report = await api.roster.importRoster(csv, { dryRun: true });
      this.importState = { phase: 'ready', csv, report };
    } catch (error) {
      this.failImport(error);
    }
  }

  private async runImport(): Promise<void> {
    const api = this.sdk.value;
    if (!api || this.importState.phase !== 'ready') return;
    const { csv } = this.importState;
    const hadFocus = this.matches(':focus-within');
    this.importState = { phase: 'running', csv };
    try {
      const report = await api.roster.importRoster(csv, { dryRun: false });
      this.importState = { phase: 'done', report };
      this.status = this.i18n.term('roster.import.done', {
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
      });
      this.emit('peer-roster-changed', {
        kind: 'imported',
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
      });
      keepFocus(this, ['[part~="status"]'], { hadFocus, always: true });
      void this.load();
    } catch (error) {
      this.failImport(error);
    }
  }

  private failImport(error: unknown): void {
    if (error instanceof PeerValidationError) {
      this.importState = { phase: 'refused', problems: importProblems(error.errors) };
      return;
    }
    this.importState = { phase: 'idle' };
    this.refused(error);
  }

  private done(kind: 'created' | 'updated' | 'deactivated' | 'reactivated', peer: Specialist, message: string): void {
    if (kind === 'created' || kind === 'updated') {
      this.saved = peer.id;
      this.setValue(peer.id);
    }
    this.status = message;
    this.emit('peer-roster-changed', { kind, id: peer.id });
    void this.load();
  }

  protected resetValue(): void {
    this.saved = '';
    this.setValue(null);
  }

  private renderList(shown: RosterEntry[]): TemplateResult {
    if (this.entries.length === 0) return html`<p part="empty">${this.i18n.term('roster.empty')}</p>`;
    if (shown.length === 0) return html`<p part="empty">${this.i18n.term('roster.noMatch')}</p>`;
    const actions = { onEdit: this.onEdit, onActive: this.onActive, disabled: this.locked };
    return html`<div part="list" class="list" role="list" tabindex="0" aria-label=${this.i18n.term('roster.list')}>
      ${
        shown.length > VIRTUAL_FROM
          ? virtualize({
              items: shown,
              layout: LAYOUT,
              scroller: true,
              keyFunction: (entry: RosterEntry) => entry.peer.id,
              renderItem: (entry: RosterEntry) => renderRow(this.i18n, entry, actions, this.loadedAt),
            })
          : repeat(
              shown,
              (entry) => entry.peer.id,
              (entry) => renderRow(this.i18n, entry, actions, this.loadedAt),
            )
      }
    </div>`;
  }

  /** Whether the buttons that write, or open a form that writes, are disabled: a write runs, or the roster is disabled. */
  private get locked(): boolean {
    return this.busy || this.isDisabled;
  }

  override render(): TemplateResult {
    const i18n = this.i18n;
    const shown = filterRoster(this.entries, this.query, this.show);
    return html`<div part="base" class="base">
      <div class="head">
        <h2>${i18n.term('roster.title')}</h2>
        <button type="button" part="add" ?disabled=${this.locked} @click=${() => {
          this.onEdit(undefined);
        }}>${i18n.term('roster.add')}</button>
      </div>
      ${
        this.editing
          ? renderPeerForm(
              i18n,
              this.editing.peer,
              (field) => this.errorAt(field),
              this.locked,
              this.onSave,
              this.onCancel,
            )
          : nothing
      }
      <div class="filters">
        <label for="roster-filter">${i18n.term('roster.filter')}</label>
        <input id="roster-filter" part="filter" type="search" .value=${this.query} @input=${this.onFilter} />
        <label for="roster-show">${i18n.term('roster.show')}</label>
        <select id="roster-show" @change=${this.onShow}>
          ${ACTIVE_FILTERS.map(
            (option) =>
              html`<option value=${option} ?selected=${option === this.show}>${i18n.term(`roster.show.${option}`)}</option>`,
          )}
        </select>
        <span class="count">${i18n.term('roster.count', { shown: shown.length, total: this.entries.length })}</span>
      </div>
      ${
        this.failure !== undefined
          ? renderReadFailure(i18n, this.failure, () => void this.load())
          : this.loaded
            ? this.renderList(shown)
            : html`<p role="status">${i18n.term('common.loading')}</p>`
      }
      <p part="status" class="status" role="status" tabindex="-1">${this.status}</p>
      ${renderImport(i18n, this.importState, { onCheck: this.onCheck, onRun: this.onRun, disabled: this.isDisabled })}
    </div>`;
  }
}
