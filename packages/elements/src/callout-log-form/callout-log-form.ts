import { html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import * as z from 'zod/mini';
import {
  AgeBand,
  CalloutLog,
  CalloutLogContent,
  CalloutOutcome,
  InvestigatorRole,
  PeerConflictError,
  PeerError,
  PeerNetworkError,
  PeerQueuedError,
  PeerValidationError,
  PersonServedRole,
  SceneType,
  SupportType,
  Transport,
  detectPii,
  findingKey,
  redactPii,
  type CalloutLogStatus,
  type CalloutReview,
  type Dispatch,
  type FieldError,
  type GetToken,
  type OutboxEvent,
  type PiiFinding,
  type PiiKeepDecision,
} from '@peerlink/sdk';
import { PeerFormElement } from '../base/peer-form-element.js';
import { errorInfo, errorMessageKey } from '../base/errors.js';
import type { StatusTone } from '../status/status.js';
import { calloutLogClient, type CalloutLogClient, type ReviewDecision } from './callout-log-client.js';
import { calloutLogFormMessages, type CalloutLogFormMessageKey } from './callout-log-form.messages.js';
import {
  GUARDED,
  OPTIONAL_FIELDS,
  StoredDraft,
  TIME_FIELDS,
  contentErrors,
  draftKey,
  fieldId,
  fromLocalInput,
  getIn,
  newContent,
  setIn,
  toLocalInput,
  type Content,
  type GuardedField,
} from './callout-log-model.js';
import { calloutLogFormStyles } from './callout-log-form.styles.js';

/** What the form shows: the peer's editable log, a supervisor's review, or a read-only view. */
export type CalloutLogFormMode = 'edit' | 'review' | 'view';

/** Where the form is: reading, ready, waiting for the service, or waiting in the outbox. */
export type CalloutLogFormPhase = 'loading' | 'ready' | 'busy' | 'queued';


type Pending = NonNullable<StoredDraft['pending']> | { step: 'review'; key: string; decision: ReviewDecision };

const TONES: Readonly<Record<CalloutLogStatus, StatusTone>> = { draft: 'neutral', submitted: 'info', returned: 'warning', approved: 'success' };
const DESTINATIONS = Transport.shape.destinationType._zod.def.innerType.options;
const SAVE_DELAY_MS = 1000;
const DETECT_DELAY_MS = 300;

const isKey = (key: string): key is CalloutLogFormMessageKey => key in calloutLogFormMessages.en;
const str = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
/** The service puts content fields under `content.`; the form's paths start inside it. */
const contentPath = (path: string): string => path.replace(/^content\./, '');
const fieldErrorsOf = (error: unknown): readonly FieldError[] =>
  error instanceof PeerValidationError ? error.errors : error instanceof PeerError ? (error.problem?.errors ?? []) : [];

const noteIcon = svg`<path d="M12 3 4 6v6c0 4.5 3.4 8.3 8 9 4.6-.7 8-4.5 8-9V6Z" /><path d="M9.5 12.5 11 14l3.5-3.5" />`;

/**
 * The peer's call-out log, written after every duty call-out and submitted to their supervisor:
 * times (prefilled from the call-out's timeline), the check-in with the lead investigator, who
 * was served (roles, counts and age bands — never names), services and harm reduction,
 * referrals, transport, outcome, follow-up, the narrative and a separate note that goes to the
 * lead investigators only.
 *
 * It is a form control: inside a `<form>` its value (under `name`) is the log's content as JSON,
 * its validity is the contract's, `form.reset()` restores it and a disabled `<fieldset>` disables
 * it. On its own, its Submit button saves and submits the log through the SDK. The draft is kept
 * on the device while it is written (and survives reloads, closed tabs and lost connections); a
 * submit made offline waits in the outbox. The narrative is checked for personal information as
 * it is typed: each finding must be redacted or explicitly kept before the log can be submitted.
 *
 * `mode="review"` (with a supervisor's token) shows the submitted log read-only with Approve and
 * Return with comments (a general comment and comments on fields); the peer then sees each
 * comment beside its field. `mode="view"` shows a log read-only (investigators).
 *
 * Give it a `client` (such as `createPeerlinkClient()`), or a `base-url` and `getToken` and it
 * builds its own. A `<peer-referral-picker>` placed in the `referrals` slot replaces the list of
 * referral ids; the form takes the ids from its `change` events (`value`: the ids).
 *
 * @summary The peer's after-action log of a call-out, with drafts, a PII guard and supervisor review.
 *
 * @slot referrals - A referral picker; its `change` events carry the referral ids as `value`.
 *
 * @event peer-log-saved - The draft was saved on the device. `detail: { dispatchId, savedAt }`.
 * @event peer-log-submitted - The service accepted the submitted log (also after an offline wait). `detail: { log }`.
 * @event peer-log-reviewed - The supervisor's decision was recorded. `detail: { log, decision }`.
 * @event peer-error - A call to Peerlink failed; the error is also shown. `detail: { error: { code, message, status? } }`.
 *
 * @csspart base - Everything the form shows.
 * @csspart heading - The heading.
 * @csspart status - The `<peer-status>` showing the log's status (or that it waits to be sent).
 * @csspart error-summary - The list of fields to fix, shown after a failed submit.
 * @csspart restored - The note that the draft kept on the device is back, and when it was saved.
 * @csspart returned - The supervisor's comments on a returned log.
 * @csspart pii - The possible personal information found in the narrative.
 * @csspart investigator-note - The note for the lead investigators, visibly set apart.
 * @csspart submit - The Submit button.
 * @csspart approve - The Approve button (review).
 * @csspart return - The Return with comments button (review).
 * @csspart error - The message shown when a call fails.
 *
 * @cssproperty --peer-callout-log-form-background - Background. Defaults to `--peer-color-surface`.
 * @cssproperty --peer-callout-log-form-padding - Padding. Defaults to `--peer-space-4`.
 * @cssproperty --peer-callout-log-form-target-size - Minimum height of buttons and fields. Defaults to 2.75rem (44px).
 *
 * @since 0.1.0
 * @tag peer-callout-log-form
 */
export class PeerCalloutLogForm extends PeerFormElement<CalloutLogFormMessageKey> {
  static override styles = [PeerFormElement.styles, calloutLogFormStyles];

  /** A Peerlink client with `calloutLogs`, `dispatches` and `drafts` (e.g. `createPeerlinkClient()`). Takes precedence over `base-url`. */
  @property({ attribute: false }) client?: CalloutLogClient;

  /** The Peerlink service to build a client for, with `getToken`, when no `client` is given. */
  @property({ attribute: 'base-url' }) baseUrl?: string;

  /** Returns an embed token (`specialist` to write, `supervisor` to review) from the host's server. */
  @property({ attribute: false }) getToken?: GetToken;

  /** The call-out the log is about; its draft is kept under this id. */
  @property({ attribute: 'dispatch-id' }) dispatchId?: string;

  /** A log to show by its id (review and view); otherwise the call-out's log is looked up. */
  @property({ attribute: 'log-id' }) logId?: string;

  /** `edit` (the peer), `review` (a supervisor) or `view` (read-only). */
  @property({ reflect: true }) mode: CalloutLogFormMode = 'edit';

  /** The log as the service last returned it to this token (read-only). */
  @state() log?: CalloutLog;

  /** The call-out, as read to prefill a new log (read-only). */
  @state() dispatch?: Dispatch;

  /** Where the form is (read-only). */
  @state() phase: CalloutLogFormPhase = 'loading';

  @state() private content: Content = newContent();
  @state() private keep: readonly PiiKeepDecision[] = [];
  @state() private findings: Partial<Record<GuardedField, PiiFinding[]>> = {};
  @state() private showAll = false;
  @state() private touched: ReadonlySet<string> = new Set();
  @state() private serverErrors: readonly FieldError[] = [];
  @state() private failure?: unknown;
  @state() private offline = false;
  @state() private savedAt?: string;
  /** When the draft this form opened with was saved on the device. */
  @state() private restoredFrom?: string;
  @state() private comment = '';
  @state() private fieldComments: Readonly<Record<string, string>> = {};
  @state() private commenting: ReadonlySet<string> = new Set();
  @state() private commentMissing = false;

  private initial: { content: Content; keep: readonly PiiKeepDecision[] } = { content: this.content, keep: [] };
  private pending?: Pending;
  private generation = 0;
  private saveTimer?: ReturnType<typeof setTimeout>;
  private detectTimer?: ReturnType<typeof setTimeout>;
  private saving: Promise<void> = Promise.resolve();
  private stopOutbox?: () => void;
  private checked?: { content: Content; errors: FieldError[] };
  private built?: { baseUrl: string; getToken: GetToken; client: CalloutLogClient };
  /** Where the draft being written is kept (set on load, so a save after a switch lands under the old id). */
  private draftFor?: { api: CalloutLogClient; dispatchId: string };

  private get api(): CalloutLogClient | undefined {
    if (this.client) return this.client;
    if (!this.baseUrl || !this.getToken) return undefined;
    if (this.built?.baseUrl !== this.baseUrl || this.built.getToken !== this.getToken) {
      this.built = { baseUrl: this.baseUrl, getToken: this.getToken, client: calloutLogClient(this.baseUrl, this.getToken) };
    }
    return this.built.client;
  }

  /** The form's value: the log's content as JSON, as submitted with a `<form>`. */
  get value(): string {
    return JSON.stringify(this.mode === 'edit' ? this.content : (this.log?.content ?? {}));
  }

  private get editing(): boolean {
    return this.mode === 'edit' && this.phase !== 'queued' && this.log?.status !== 'submitted' && this.log?.status !== 'approved';
  }

  constructor() {
    super(calloutLogFormMessages);
    this.addEventListener('invalid', this.onInvalid);
    this.addController({
      hostConnected: () => {
        window.addEventListener('pagehide', this.onPageHide);
        // Moved on the page while a submit waits: follow it again.
        if (this.pending && !this.stopOutbox) this.queued(this.pending);
      },
      hostDisconnected: () => {
        window.removeEventListener('pagehide', this.onPageHide);
        this.stopOutbox?.();
        this.stopOutbox = undefined;
        this.onPageHide();
      },
    });
  }

  // A closing tab (or a host removing the form) still gets to write what was typed in the last second.
  private readonly onPageHide = (): void => {
    if (this.saveTimer) void this.saveDraft();
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
    const source = changed.has('dispatchId') || changed.has('logId') || changed.has('mode') || changed.has('client') || changed.has('baseUrl') || changed.has('getToken');
    if (source && this.isConnected) {
      void this.load();
    }
    this.setValue(this.value);
  }

  protected override updated(): void {
    const errors = this.editing ? this.errors() : [];
    const first = errors[0];
    this.setValidityFrom(
      errors.map((error) => ({ message: `${this.label(error.path)}: ${this.messageOf(error)}` })),
      first ? (this.control(first.path) ?? undefined) : undefined,
    );
  }

  /** Checks the log; when something is missing or wrong, lists it at the top (focused) and beside each field. */
  override reportValidity(): boolean {
    if (!this.editing) return true;
    this.detectNow();
    const valid = this.errors().length === 0;
    if (!valid) {
      this.showAll = true;
      this.focusSummary();
    }
    return valid;
  }

  protected resetValue(): void {
    this.content = this.initial.content;
    this.keep = this.initial.keep;
    this.touched = new Set();
    this.showAll = false;
    this.serverErrors = [];
    this.detectNow();
    this.scheduleSave();
  }

  // ---- Loading ----

  private async load(): Promise<void> {
    const run = ++this.generation;
    const api = this.api;
    const { dispatchId, logId } = this;
    const editing = this.mode === 'edit';
    this.stopOutbox?.();
    this.stopOutbox = undefined;
    // What was typed for the previous call-out in the last second is still saved, under its id.
    if (this.saveTimer) void this.saveDraft();
    this.draftFor = api && editing && dispatchId ? { api, dispatchId } : undefined;
    this.log = undefined;
    this.dispatch = undefined;
    this.pending = undefined;
    this.failure = undefined;
    this.offline = false;
    this.showAll = false;
    this.serverErrors = [];
    this.touched = new Set();
    this.restoredFrom = undefined;
    if (!api || !(dispatchId || logId)) {
      this.phase = 'ready';
      return;
    }
    this.phase = 'loading';
    let draft: StoredDraft | undefined;
    if (editing && dispatchId) {
      try {
        const stored = z.safeParse(StoredDraft, await api.drafts.load(draftKey(dispatchId)));
        if (stored.success) draft = stored.data;
      } catch {
        // No local storage (private mode): the form still works, without a draft.
      }
    }
    let log: CalloutLog | undefined;
    let dispatch: Dispatch | undefined;
    try {
      log = logId ? await api.calloutLogs.get(logId) : dispatchId ? (await api.calloutLogs.list({ dispatchId, limit: 1 })).items[0] : undefined;
      if (editing && dispatchId) dispatch = await api.dispatches.get(dispatchId).catch(() => undefined);
    } catch (error) {
      if (run !== this.generation) return;
      // Editing goes on from the draft whatever the service says; there is nothing to review without the log.
      if (!editing) {
        this.phase = 'ready';
        this.fail(error);
        return;
      }
      if (error instanceof PeerNetworkError) this.offline = true;
      else this.fail(error);
    }
    if (run !== this.generation) return;
    this.log = log;
    this.dispatch = dispatch;
    const finished = log?.status === 'submitted' || log?.status === 'approved';
    // A draft older than the service's log (returned since, or submitted elsewhere) is outdated.
    const outdated = draft && log && !draft.pending && (finished || Date.parse(log.updatedAt) > Date.parse(draft.savedAt));
    if (draft && dispatchId && (outdated || (draft.pending && finished))) {
      await api.drafts.delete(draftKey(dispatchId)).catch(() => undefined);
      draft = undefined;
    }
    const content: Content = draft?.content ?? { ...newContent(dispatch), ...(log?.content ?? {}) };
    this.content = content;
    this.keep = draft?.keep ?? [];
    this.initial = { content, keep: this.keep };
    this.savedAt = draft?.savedAt;
    this.restoredFrom = editing && draft && !draft.pending ? draft.savedAt : undefined;
    this.detectNow();
    this.phase = 'ready';
    if (draft?.pending) await this.resume(draft.pending);
  }

  /** Picks up a submit that was waiting in the outbox when the page was left. */
  private async resume(pending: NonNullable<StoredDraft['pending']>): Promise<void> {
    const api = this.api;
    const dispatchId = this.dispatchId;
    if (!api || !dispatchId) return;
    this.queued(pending);
    try {
      const item = (await api.outbox?.pending())?.find((waiting) => waiting.key === pending.key);
      if (this.pending !== pending || (item && !item.failure)) return;
      // Sent while away (or refused): carry on from what the service has now.
      this.stopOutbox?.();
      this.pending = undefined;
      if (item?.failure) {
        this.failSubmit(new PeerError(item.failure.message, { code: item.failure.code, status: item.failure.status }));
        return;
      }
      const log = (await api.calloutLogs.list({ dispatchId, limit: 1 })).items[0];
      if (log?.status === 'submitted' || log?.status === 'approved') await this.submitted(log);
      else if (log && pending.step === 'create') await this.sendSubmit(log);
      else {
        this.log = log;
        this.phase = 'ready';
        void this.saveDraft();
      }
    } catch (error) {
      // Unreachable again: keep waiting; the outbox sends it when the connection returns.
      if (!(error instanceof PeerNetworkError)) this.failSubmit(error);
    }
  }

  // ---- Editing ----

  private readonly onInput = (event: Event): void => {
    const target = event.target;
    if (!(target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement)) return;
    const { path, kind } = target.dataset;
    if (!path || !this.editing) return;
    let value: unknown = target.value;
    if (target instanceof HTMLInputElement && target.type === 'checkbox') {
      const current = list(getIn(this.content, path));
      value = kind === 'set' ? (target.checked ? [...current, target.value] : current.filter((item) => item !== target.value)) : target.checked;
    } else if (kind === 'number') {
      value = target instanceof HTMLInputElement && !Number.isNaN(target.valueAsNumber) ? target.valueAsNumber : undefined;
    } else if (kind === 'time') {
      value = fromLocalInput(target.value, getIn(this.content, path));
    } else if (value === '' && kind !== 'text') {
      value = undefined;
    }
    this.setField(path, value);
  };

  private readonly onFocusOut = (event: FocusEvent): void => {
    const target = event.target;
    const path = target instanceof HTMLElement ? target.dataset.path : undefined;
    if (path && !this.touched.has(path)) this.touched = new Set([...this.touched, path]);
  };

  private setField(path: string, value: unknown): void {
    let content = setIn(this.content, path, value) as Content;
    if (path === 'transport.kind' && value === 'none') content = setIn(content, 'transport.destinationType', undefined) as Content;
    this.content = content;
    this.serverErrors = this.serverErrors.filter((error) => error.path !== path && !error.path.startsWith(`${path}.`));
    if ((GUARDED as readonly string[]).includes(path)) {
      clearTimeout(this.detectTimer);
      this.detectTimer = setTimeout(() => {
        this.detectNow();
      }, DETECT_DELAY_MS);
    }
    this.scheduleSave();
  }

  private addRow(path: 'peopleServed' | 'referralIds'): void {
    const rows = list(getIn(this.content, path));
    this.setField(path, [...rows, path === 'peopleServed' ? { count: 1 } : '']);
    void this.updateComplete.then(() => this.control(`${path}.${String(rows.length)}${path === 'peopleServed' ? '.role' : ''}`)?.focus());
  }

  private removeRow(path: 'peopleServed' | 'referralIds', index: number): void {
    const rows = list(getIn(this.content, path));
    this.setField(path, rows.filter((_, at) => at !== index));
    this.touched = new Set([...this.touched].filter((touched) => !touched.startsWith(`${path}.`)));
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${fieldId(path)}-add`)?.focus());
  }

  private readonly onPicked = (event: Event): void => {
    const value: unknown = event.target && 'value' in event.target ? event.target.value : undefined;
    if (Array.isArray(value) && value.every((id) => typeof id === 'string')) this.setField('referralIds', [...new Set(value)]);
  };

  // ---- Personal information ----

  private detectNow(): void {
    clearTimeout(this.detectTimer);
    const findings: Partial<Record<GuardedField, PiiFinding[]>> = {};
    for (const field of GUARDED) findings[field] = detectPii(str(getIn(this.content, field)));
    this.findings = findings;
  }

  private isKept(field: GuardedField, finding: PiiFinding): boolean {
    const key = findingKey(finding);
    return this.keep.some((kept) => kept.field === field && kept.key === key);
  }

  private redact(field: GuardedField, finding: PiiFinding): void {
    const text = str(getIn(this.content, field));
    this.setField(field, redactPii(text, [finding]));
    this.detectNow();
    void this.updateComplete.then(() => (this.renderRoot.querySelector<HTMLElement>(`#${fieldId(field)}-pii [data-redact]`) ?? this.control(field))?.focus());
  }

  private keepFinding(field: GuardedField, finding: PiiFinding): void {
    if (!this.isKept(field, finding)) this.keep = [...this.keep, { field, key: findingKey(finding) }];
    this.serverErrors = this.serverErrors.filter((error) => error.path !== field);
    this.scheduleSave();
  }

  /** The keep decisions that still apply: one per finding left in the text. */
  private keptNow(): PiiKeepDecision[] {
    return this.keep.filter(
      (kept, index) =>
        this.keep.findIndex((other) => other.field === kept.field && other.key === kept.key) === index &&
        (this.findings[kept.field] ?? []).some((finding) => findingKey(finding) === kept.key),
    );
  }

  // ---- Errors ----

  /** What stands between the log and a submit, one error per field, in the form's order. */
  private errors(): FieldError[] {
    if (this.checked?.content !== this.content) this.checked = { content: this.content, errors: contentErrors(this.content) };
    const errors = [...this.checked.errors];
    for (const field of GUARDED) {
      if ((this.findings[field] ?? []).some((finding) => !this.isKept(field, finding))) errors.push({ path: field, code: 'pii_unresolved', message: '' });
    }
    errors.push(...this.serverErrors);
    return errors.filter((error, index) => errors.findIndex((other) => other.path === error.path) === index);
  }

  private errorAt(path: string): string | undefined {
    const error = this.errors().find((candidate) => candidate.path === path);
    if (!error || !(this.showAll || this.touched.has(path) || this.serverErrors.includes(error))) return undefined;
    return this.messageOf(error);
  }

  private messageOf(error: FieldError): string {
    if (error.code === 'pii_unresolved') return this.i18n.term('log.error.pii');
    if (error.code !== 'pii_unresolved' && getIn(this.content, error.path) === undefined) return this.i18n.term('form.valueMissing');
    const [group, field] = error.path.split('.');
    if (error.code === 'custom' && group === 'times' && field) {
      const before = TIME_FIELDS.slice(0, TIME_FIELDS.indexOf(field as (typeof TIME_FIELDS)[number]))
        .filter((earlier) => getIn(this.content, `times.${earlier}`) !== undefined)
        .at(-1);
      if (before) return this.i18n.term('log.error.order', { field: this.label(`times.${before}`) });
    }
    return this.i18n.term('form.invalid');
  }

  /** A field's name for people: `peopleServed.1.count` → "Group 2: Number of people" (`short`: inside its group). */
  private label(path: string, short = false): string {
    const parts = path.split('.');
    const row = parts.findIndex((part) => /^\d+$/.test(part));
    const key = `log.f.${parts.filter((_, index) => index !== row).join('.')}`;
    const group = `log.f.${parts[0] ?? ''}`;
    // A path the form does not know (from a newer service) is shown as it is.
    const name = isKey(key) ? this.i18n.term(key) : isKey(group) ? this.i18n.term(group) : path;
    if (row < 0) return name;
    const n = Number(parts[row]) + 1;
    if (parts[0] !== 'peopleServed') return this.i18n.term('log.referral', { n });
    return short ? name : `${this.i18n.term('log.row', { n })}: ${name}`;
  }

  private t(key: string, params?: Readonly<Record<string, string | number>>): string {
    return isKey(key) ? this.i18n.term(key, params) : key;
  }

  /** The control for a field path, or the nearest enclosing group's first control. */
  private control(path: string): HTMLElement | null {
    for (let parts = path.split('.'); parts.length > 0; parts = parts.slice(0, -1)) {
      const found = this.renderRoot.querySelector<HTMLElement>(`#${fieldId(parts.join('.'))}`);
      if (found) return found.matches('input, select, textarea, button') ? found : found.querySelector<HTMLElement>('input, select, textarea, button');
    }
    return null;
  }

  private focusSummary(): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part~="error-summary"]')?.focus());
  }

  private fail(error: unknown): void {
    this.failure = error;
    this.emit('peer-error', { error: errorInfo(error) });
  }

  private readonly onInvalid = (): void => {
    // The host's form refused to submit: show every problem, as the Submit button would.
    this.showAll = true;
  };

  // ---- Drafts ----

  private scheduleSave(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.saveDraft(), SAVE_DELAY_MS);
  }

  private saveDraft(): Promise<void> {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (!this.draftFor) return this.saving;
    const { api, dispatchId } = this.draftFor;
    const pending = this.pending?.step === 'review' ? undefined : this.pending;
    const savedAt = new Date().toISOString();
    const draft: StoredDraft = { content: this.content, keep: [...this.keep], ...(pending ? { pending } : {}), savedAt };
    this.saving = this.saving
      .then(() => api.drafts.save(draftKey(dispatchId), draft))
      .then(
        () => {
          this.savedAt = savedAt;
          this.emit('peer-log-saved', { dispatchId, savedAt });
        },
        (error: unknown) => {
          this.fail(error);
        },
      );
    return this.saving;
  }

  // ---- Submitting ----

  /**
   * Checks the log and, when complete, saves and submits it through the SDK. Problems are listed
   * at the top (focused) and beside each field; offline, the submit waits in the outbox.
   */
  async submit(): Promise<void> {
    const api = this.api;
    const dispatchId = this.dispatchId;
    if (!api || !dispatchId || !this.editing || this.phase !== 'ready') return;
    this.serverErrors = [];
    const parsed = z.safeParse(CalloutLogContent, this.content);
    if (!this.reportValidity() || !parsed.success) return;
    this.phase = 'busy';
    this.failure = undefined;
    let log = this.log;
    try {
      if (log) {
        log = await api.calloutLogs.update(log.id, { content: parsed.data, expectedVersion: log.version });
      } else {
        try {
          log = await api.calloutLogs.create({ dispatchId, content: parsed.data });
        } catch (error) {
          // Started elsewhere (another tab, or a create replayed from the outbox): continue with it.
          const existing = error instanceof PeerConflictError ? (await api.calloutLogs.list({ dispatchId, limit: 1 })).items[0] : undefined;
          if (!existing) throw error;
          log = await api.calloutLogs.update(existing.id, { content: parsed.data, expectedVersion: existing.version });
        }
      }
      this.log = log;
      await this.sendSubmit(log);
    } catch (error) {
      if (!(error instanceof PeerQueuedError)) this.failSubmit(error);
      // The update waits in the outbox; the submit queues behind it.
      else if (log) await this.sendSubmit(log, false);
      else this.queued({ step: 'create', key: error.idempotencyKey });
    }
  }

  private async sendSubmit(log: CalloutLog, versioned = true): Promise<void> {
    const api = this.api;
    if (!api) return;
    this.phase = 'busy';
    try {
      const submitted = await api.calloutLogs.submit(log.id, { keep: this.keptNow(), ...(versioned ? { expectedVersion: log.version } : {}) });
      await this.submitted(submitted);
    } catch (error) {
      if (error instanceof PeerQueuedError) this.queued({ step: 'submit', key: error.idempotencyKey });
      else this.failSubmit(error);
    }
  }

  private async submitted(log: CalloutLog): Promise<void> {
    this.stopOutbox?.();
    this.stopOutbox = undefined;
    this.pending = undefined;
    this.log = log;
    this.phase = 'ready';
    this.keepFocus();
    const draft = this.draftFor;
    await this.saving;
    if (draft) await draft.api.drafts.delete(draftKey(draft.dispatchId)).catch(() => undefined);
    this.emit('peer-log-submitted', { log });
  }

  private failSubmit(error: unknown): void {
    this.phase = 'ready';
    const fields = fieldErrorsOf(error).map((field) => ({ ...field, path: contentPath(field.path) }));
    this.serverErrors = fields;
    this.showAll = fields.length > 0 || this.showAll;
    this.fail(error);
    if (fields.length > 0) this.focusSummary();
    else this.keepFocus();
    // Changed elsewhere meanwhile: read it again so a retry sends against the latest version.
    const log = this.log;
    if (error instanceof PeerConflictError && log) {
      void this.api?.calloutLogs.get(log.id).then((latest) => {
        if (this.log?.id === latest.id) this.log = latest;
      }, () => undefined);
    }
  }

  /** Waits for a change kept in the outbox; the draft remembers it across reloads. */
  private queued(pending: Pending): void {
    this.pending = pending;
    this.phase = 'queued';
    this.keepFocus();
    if (pending.step !== 'review') void this.saveDraft();
    const outbox = this.api?.outbox;
    if (!outbox) return;
    this.stopOutbox?.();
    this.stopOutbox = outbox.subscribe((event: OutboxEvent) => {
      if (this.pending !== pending || event.item.key !== pending.key || event.type === 'queued') return;
      this.stopOutbox?.();
      this.stopOutbox = undefined;
      this.pending = undefined;
      this.phase = 'ready';
      if (event.type === 'failed') {
        if (pending.step !== 'review') void this.saveDraft();
        this.failSubmit(event.error);
        return;
      }
      const sent = z.safeParse(CalloutLog, event.result);
      if (!sent.success) void this.load();
      else if (pending.step === 'review') this.reviewed(sent.data, pending.decision);
      else if (pending.step === 'create') void this.sendSubmit(sent.data);
      else void this.submitted(sent.data);
    });
  }

  /** The button pressed is gone; keep a keyboard user's place on the status or the error. */
  private keepFocus(): void {
    if (!this.matches(':focus-within')) return;
    void this.updateComplete.then(() => {
      if (this.shadowRoot?.activeElement && this.shadowRoot.activeElement.isConnected && !this.shadowRoot.activeElement.matches('[aria-disabled="true"]')) return;
      (this.renderRoot.querySelector<HTMLElement>('[part~="error"]') ?? this.renderRoot.querySelector<HTMLElement>('.status'))?.focus();
    });
  }

  // ---- Review ----

  private async review(decision: ReviewDecision): Promise<void> {
    const api = this.api;
    const log = this.log;
    if (!api || !log || this.phase !== 'ready') return;
    const comment = this.comment.trim();
    const fieldComments = Object.entries(this.fieldComments)
      .map(([path, text]) => ({ path, comment: text.trim() }))
      .filter((entry) => entry.comment);
    this.commentMissing = decision === 'return' && !comment && fieldComments.length === 0;
    if (this.commentMissing) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#review-comment')?.focus());
      return;
    }
    this.phase = 'busy';
    this.failure = undefined;
    try {
      this.reviewed(
        await api.calloutLogs.review(log.id, { decision, ...(comment ? { comment } : {}), ...(fieldComments.length > 0 ? { fieldComments } : {}) }),
        decision,
      );
    } catch (error) {
      if (error instanceof PeerQueuedError) this.queued({ step: 'review', key: error.idempotencyKey, decision });
      else this.failSubmit(error);
    }
  }

  private reviewed(log: CalloutLog, decision: ReviewDecision): void {
    this.log = log;
    this.phase = 'ready';
    this.comment = '';
    this.fieldComments = {};
    this.commenting = new Set();
    this.keepFocus();
    this.emit('peer-log-reviewed', { log, decision });
  }

  /** The comments of the latest return on a field (edit), by path. */
  private commentsOn(path: string): string[] {
    const review = this.returnedBy();
    return (review?.fieldComments ?? []).filter((entry) => contentPath(entry.path) === path).map((entry) => entry.comment);
  }

  private returnedBy(): CalloutReview | undefined {
    const review = this.log?.status === 'returned' ? this.log.reviews.at(-1) : undefined;
    return review?.decision === 'return' ? review : undefined;
  }

  // ---- Rendering ----

  override render(): TemplateResult {
    const log = this.log;
    const status = this.phase === 'queued' ? undefined : log?.status;
    return html`<div part="base" class="base" @input=${this.onInput} @focusout=${this.onFocusOut}>
      <div class="header">
        <h2 part="heading" id="heading">${this.i18n.term('log.heading')}</h2>
        ${this.phase === 'queued'
          ? this.renderStatus('warning', this.i18n.term('common.queued'))
          : status
            ? this.renderStatus(TONES[status], this.i18n.term(`log.status.${status}`))
            : nothing}
      </div>
      ${this.renderReference()}
      ${this.phase === 'loading'
        ? html`<p class="meta" role="status">${this.i18n.term('common.loading')}</p>`
        : !(this.dispatchId || this.logId)
          ? html`<p class="meta">${this.i18n.term('log.noDispatch')}</p>`
          : this.editing
            ? this.renderEdit()
            : this.log || this.phase === 'queued'
              ? this.renderRead()
              : this.failure
                ? nothing
                : html`<p class="meta">${this.i18n.term('log.noLog')}</p>`}
      ${this.failure && !this.serverErrors.length
        ? html`<p part="error" class="error" role="alert" tabindex="-1">${this.i18n.term(errorMessageKey(this.failure))}</p>`
        : nothing}
    </div>`;
  }

  private renderStatus(tone: StatusTone, label: string): TemplateResult {
    return html`<span class="status" tabindex="-1">
      <peer-status part="status" exportparts="base: status-base, label: status-label" tone=${tone} label=${label} live></peer-status>
    </span>`;
  }

  private renderReference(): TemplateResult | typeof nothing {
    const dispatch = this.dispatch;
    const id = this.dispatchId ?? this.log?.dispatchId;
    if (!id) return nothing;
    return html`<p class="meta">
      ${dispatch
        ? `${this.i18n.term(`common.incidentType.${dispatch.callForService.type}`)} · ${dispatch.callForService.location.address} · ${dispatch.callForService.externalId}`
        : this.i18n.term('log.callout', { id })}
    </p>`;
  }

  private renderEdit(): TemplateResult {
    const errors = this.showAll ? this.errors() : [];
    const returned = this.returnedBy();
    const comments = returned?.fieldComments ?? [];
    return html`${errors.length > 0
        ? html`<div part="error-summary" class="summary" role="alert" tabindex="-1" aria-labelledby="summary-heading">
            <h3 id="summary-heading">${this.i18n.term('log.errors', { count: errors.length })}</h3>
            <ul>
              ${errors.map((error) => this.link(error.path, `${this.label(error.path)}: ${this.messageOf(error)}`))}
            </ul>
          </div>`
        : nothing}
      ${returned
        ? html`<div part="returned" class="returned">
            <p>${this.i18n.term('log.returned')}</p>
            ${returned.comment ? html`<p><strong>${this.i18n.term('log.supervisor')}</strong> ${returned.comment}</p>` : nothing}
            ${comments.length > 0
              ? html`<ul>
                  ${comments.map((entry) => this.link(contentPath(entry.path), `${this.label(contentPath(entry.path))}: ${entry.comment}`))}
                </ul>`
              : nothing}
          </div>`
        : nothing}
      ${this.offline ? html`<p class="meta" role="status">${this.i18n.term('log.offline')}</p>` : nothing}
      ${this.restoredFrom
        ? html`<p part="restored" class="meta" role="status">
            ${this.i18n.term('log.restored', { time: this.i18n.date(this.restoredFrom, { dateStyle: 'medium', timeStyle: 'short' }) })}
          </p>`
        : nothing}
      <fieldset class="form" ?disabled=${this.isDisabled} aria-labelledby="heading">
        ${this.group('times', 'log.s.times', TIME_FIELDS.map((field) => this.input(`times.${field}`, 'datetime-local', { required: field !== 'enteredSceneAt' })), 'log.s.timesHint')}
        ${this.group(
          'checkIn',
          'log.s.checkIn',
          [
            this.input('checkIn.investigatorName', 'text', { required: true, max: 120 }),
            this.select('checkIn.investigatorRole', InvestigatorRole.options, 'common.investigatorRole.'),
            this.input('checkIn.agencyName', 'text', { required: true, max: 200 }),
          ],
          'log.s.checkInHint',
        )}
        ${this.select('sceneType', SceneType.options, 'log.sceneType.')}
        ${this.renderPeople()}
        ${this.group('services', 'log.s.services', [
          this.choices('services.support', SupportType.options, 'log.support.'),
          this.group('services.harmReduction', 'log.s.harmReduction', [
            this.input('services.harmReduction.naloxoneAdministered', 'number', { required: true, min: 0, max: 20 }),
            this.input('services.harmReduction.naloxoneLeftBehind', 'number', { required: true, min: 0, max: 50 }),
            this.input('services.harmReduction.fentanylTestStrips', 'number', { required: true, min: 0, max: 500 }),
            this.checkbox('services.harmReduction.saferUseSupplies'),
          ]),
        ])}
        ${this.group('referrals', 'log.s.referrals', [
          html`<slot name="referrals" @change=${this.onPicked}>${this.renderReferralIds()}</slot>`,
        ])}
        ${this.group('transport', 'log.s.transport', [
          this.select('transport.kind', Transport.shape.kind.options, 'log.transport.'),
          getIn(this.content, 'transport.kind') === 'none' ? nothing : this.select('transport.destinationType', DESTINATIONS, 'log.destination.', false),
          this.select('outcome', CalloutOutcome.options, 'log.outcome.'),
        ])}
        ${this.group('followUp', 'log.s.followUp', [
          this.checkbox('followUp.planned'),
          this.input('followUp.date', 'date', {}),
          html`<div class="narrative">${this.textarea('followUp.plan', 1000, 3)} ${this.renderPii('followUp.plan')}</div>`,
        ])}
        ${this.group('story', 'log.s.narrative', [
          html`<div class="narrative">
            ${this.textarea('narrative', 5000, 8, 'log.narrativeHint')} ${this.renderPii('narrative')}
          </div>`,
          this.renderNote(),
        ])}
      </fieldset>
      <div class="actions">
        <button
          part="submit"
          class="primary"
          type="button"
          ?disabled=${this.isDisabled}
          aria-disabled=${this.phase === 'busy' ? 'true' : 'false'}
          @click=${() => void this.submit()}
        >
          ${this.i18n.term(this.phase === 'busy' ? 'log.submitting' : 'log.submit')}
        </button>
        ${this.savedAt ? html`<span class="meta">${this.i18n.term('log.saved', { time: this.i18n.date(this.savedAt, { timeStyle: 'short' }) })}</span>` : nothing}
      </div>`;
  }

  private link(path: string, text: string): TemplateResult {
    return html`<li>
      <a
        href="#${fieldId(path)}"
        @click=${(event: Event) => {
          event.preventDefault();
          this.control(path)?.focus();
        }}
        >${text}</a
      >
    </li>`;
  }

  /** A fieldset with a legend, an optional hint and the comments and error on the group itself. */
  private group(path: string, legend: CalloutLogFormMessageKey, content: unknown, hint?: CalloutLogFormMessageKey): TemplateResult {
    const id = fieldId(path);
    const error = this.errorAt(path);
    const comments = this.commentsOn(path);
    return html`<fieldset id=${id} class="group" aria-describedby=${`${hint ? `${id}-hint ` : ''}${comments.length ? `${id}-comments ` : ''}${id}-error`}>
      <legend>${this.i18n.term(legend)}</legend>
      ${hint ? html`<p class="hint" id="${id}-hint">${this.i18n.term(hint)}</p>` : nothing}
      ${this.renderComments(id, comments)}
      <p class="field-error" id="${id}-error">${error ?? ''}</p>
      ${content}
    </fieldset>`;
  }

  private renderComments(id: string, comments: readonly string[]): TemplateResult | typeof nothing {
    if (comments.length === 0) return nothing;
    return html`<div class="comment" id="${id}-comments">
      ${comments.map((comment) => html`<p><strong>${this.i18n.term('log.supervisor')}</strong> ${comment}</p>`)}
    </div>`;
  }

  /** The ids and states that tie a control to its label, hint, comments and error. */
  private wiring(path: string, hint?: CalloutLogFormMessageKey) {
    const id = fieldId(path);
    const error = this.errorAt(path);
    const comments = this.commentsOn(path);
    const describedBy = `${hint ? `${id}-hint ` : ''}${comments.length ? `${id}-comments ` : ''}${id}-error`;
    const after = html`${this.renderComments(id, comments)}<span class="field-error" id="${id}-error">${error ?? ''}</span>`;
    const name = OPTIONAL_FIELDS.includes(path) ? this.i18n.term('log.optional', { label: this.label(path, true) }) : this.label(path, true);
    const before = html`<label for=${id}>${name}</label>${hint ? html`<span class="hint" id="${id}-hint">${this.i18n.term(hint)}</span>` : nothing}`;
    return { id, describedBy, invalid: error ? 'true' : 'false', before, after };
  }

  /**
   * A date control's value in the element's language, when that is not the browser's: the
   * browser writes date controls in its own language whatever the page's.
   */
  private shownDate(type: string, value: unknown): string | undefined {
    if (typeof value !== 'string' || !value || (type !== 'date' && type !== 'datetime-local')) return undefined;
    if (navigator.language.split('-')[0]?.toLowerCase() === this.i18n.locale) return undefined;
    const shown = type === 'date' ? this.i18n.date(`${value}T12:00:00`, { dateStyle: 'medium' }) : this.i18n.date(value, { dateStyle: 'medium', timeStyle: 'short' });
    return shown ? this.i18n.term('log.shownAs', { time: shown }) : undefined;
  }

  private input(path: string, type: 'text' | 'number' | 'date' | 'datetime-local', options: { required?: boolean; min?: number; max?: number }): TemplateResult {
    const w = this.wiring(path);
    const value = getIn(this.content, path);
    const length = type === 'text' ? options.max : undefined;
    const shown = this.shownDate(type, value);
    return html`<div class="field">
      ${w.before}
      <input
        id=${w.id}
        type=${type}
        data-path=${path}
        data-kind=${type === 'number' ? 'number' : type === 'datetime-local' ? 'time' : 'value'}
        .value=${live(type === 'datetime-local' ? toLocalInput(value) : str(value))}
        min=${type === 'number' ? (options.min ?? nothing) : nothing}
        max=${type === 'number' ? (options.max ?? nothing) : nothing}
        maxlength=${length ?? nothing}
        ?required=${options.required}
        autocomplete="off"
        aria-invalid=${w.invalid}
        aria-describedby=${shown ? `${w.id}-shown ${w.describedBy}` : w.describedBy}
      />
      ${shown ? html`<span class="hint" id="${w.id}-shown">${shown}</span>` : nothing} ${w.after}
    </div>`;
  }

  private select(path: string, options: readonly string[], prefix: string, required = true): TemplateResult {
    const w = this.wiring(path);
    const value = getIn(this.content, path);
    return html`<div class="field">
      ${w.before}
      <select id=${w.id} data-path=${path} ?required=${required} aria-invalid=${w.invalid} aria-describedby=${w.describedBy}>
        <option value="" ?selected=${value === undefined}>${this.i18n.term(required ? 'log.choose' : 'log.none')}</option>
        ${options.map((option) => html`<option value=${option} ?selected=${value === option}>${this.t(`${prefix}${option}`)}</option>`)}
      </select>
      ${w.after}
    </div>`;
  }

  private textarea(path: string, max: number, rows: number, hint?: CalloutLogFormMessageKey): TemplateResult {
    const w = this.wiring(path, hint);
    return html`<div class="field">
      ${w.before}
      <textarea
        id=${w.id}
        data-path=${path}
        data-kind="text"
        rows=${rows}
        maxlength=${max}
        .value=${live(str(getIn(this.content, path)))}
        aria-invalid=${w.invalid}
        aria-describedby=${w.describedBy}
      ></textarea>
      ${w.after}
    </div>`;
  }

  private checkbox(path: string): TemplateResult {
    const w = this.wiring(path);
    return html`<div class="field check">
      <input id=${w.id} type="checkbox" data-path=${path} .checked=${live(getIn(this.content, path) === true)} aria-describedby=${w.describedBy} />
      ${w.before} ${w.after}
    </div>`;
  }

  private choices(path: string, options: readonly string[], prefix: string): TemplateResult {
    const chosen = list(getIn(this.content, path));
    return this.group(
      path,
      'log.f.services.support',
      options.map(
        (option) => html`<label class="check">
          <input type="checkbox" data-path=${path} data-kind="set" value=${option} .checked=${live(chosen.includes(option))} />
          <span>${this.t(`${prefix}${option}`)}</span>
        </label>`,
      ),
    );
  }

  private renderPeople(): TemplateResult {
    const rows = list(getIn(this.content, 'peopleServed'));
    return this.group(
      'peopleServed',
      'log.s.people',
      [
        rows.length === 0 ? html`<p class="meta">${this.i18n.term('log.noPeople')}</p>` : nothing,
        rows.map((_, index) => {
          const path = `peopleServed.${String(index)}`;
          const n = index + 1;
          return html`<fieldset class="row">
            <legend>${this.i18n.term('log.row', { n })}</legend>
            ${this.select(`${path}.role`, PersonServedRole.options, 'log.role.')}
            ${this.select(`${path}.ageBand`, AgeBand.options, 'log.age.')}
            ${this.input(`${path}.count`, 'number', { required: true, min: 1, max: 100 })}
            <button type="button" class="remove" @click=${() => { this.removeRow('peopleServed', index); }}>
              ${this.i18n.term('log.removeRow', { n })}
            </button>
          </fieldset>`;
        }),
        html`<button type="button" id="${fieldId('peopleServed')}-add" @click=${() => { this.addRow('peopleServed'); }}>
          ${this.i18n.term('log.addRow')}
        </button>`,
      ],
      'log.s.peopleHint',
    );
  }

  private renderReferralIds(): TemplateResult {
    const ids = list(getIn(this.content, 'referralIds'));
    return html`<div id=${fieldId('referralIds')} class="referrals">
      ${ids.map(
        (_, index) => html`<div class="row-inline">
          ${this.input(`referralIds.${String(index)}`, 'text', { required: true, max: 36 })}
          <button type="button" class="remove" @click=${() => { this.removeRow('referralIds', index); }}>
            ${this.i18n.term('log.removeReferral', { n: index + 1 })}
          </button>
        </div>`,
      )}
      <button type="button" id="${fieldId('referralIds')}-add" @click=${() => { this.addRow('referralIds'); }}>
        ${this.i18n.term('log.addReferral')}
      </button>
    </div>`;
  }

  private renderPii(field: GuardedField): TemplateResult {
    const findings = this.findings[field] ?? [];
    const open = findings.filter((finding) => !this.isKept(field, finding)).length;
    // The narrative always shows its check; other checked fields only when something is found.
    if (findings.length === 0 && field !== 'narrative') return html``;
    return html`<div part="pii" class="pii" id="${fieldId(field)}-pii">
      <p class="pii-heading" role="status">
        <strong>${this.i18n.term('log.pii.heading')}</strong> ${findings.length === 0 ? this.i18n.term('log.pii.clear') : `(${this.i18n.number(open)})`}
      </p>
      <ul>
        ${findings.map((finding, index) => {
          const kept = this.isKept(field, finding);
          const id = `${fieldId(field)}-pii-${String(index)}`;
          return html`<li class=${kept ? 'kept' : ''}>
            <span id=${id}>${this.t(`log.pii.${finding.kind}`)}: “${finding.text}”${kept ? html` — ${this.i18n.term('log.pii.kept')}` : nothing}</span>
            <span class="pii-actions">
              <button type="button" data-redact aria-describedby=${id} @click=${() => { this.redact(field, finding); }}>${this.i18n.term('log.pii.redact')}</button>
              ${kept ? nothing : html`<button type="button" aria-describedby=${id} @click=${() => { this.keepFinding(field, finding); }}>${this.i18n.term('log.pii.keep')}</button>`}
            </span>
          </li>`;
        })}
      </ul>
    </div>`;
  }

  private renderNote(): TemplateResult {
    // After the first submit the author no longer reads the note; what they write replaces it.
    const sent = Boolean(this.log?.submittedAt) && getIn(this.content, 'investigatorNote') === undefined;
    const w = this.wiring('investigatorNote', sent ? 'log.noteSent' : undefined);
    return html`<div part="investigator-note" class="note">
      <p class="note-mark" id="note-mark">
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${noteIcon}</svg>
        <span><strong>${this.i18n.term('log.noteTitle')}.</strong> ${this.i18n.term('log.noteMark')}</span>
      </p>
      ${w.before}
      <textarea
        id=${w.id}
        data-path="investigatorNote"
        rows="4"
        maxlength="2000"
        .value=${live(str(getIn(this.content, 'investigatorNote')))}
        aria-invalid=${w.invalid}
        aria-describedby=${`note-mark ${w.describedBy}`}
      ></textarea>
      ${w.after}
    </div>`;
  }

  // ---- Read-only (review, view, submitted) ----

  private renderRead(): TemplateResult {
    const log = this.log;
    const content: Content = this.phase === 'queued' || !log ? this.content : log.content;
    const at = (value: unknown) => (typeof value === 'string' ? this.i18n.date(value, { dateStyle: 'medium', timeStyle: 'short' }) : '—');
    const word = (prefix: string, value: unknown) => (typeof value === 'string' ? this.t(`${prefix}${value}`) : '—');
    const items = (values: unknown[]) => (values.length > 0 ? html`<ul>${values.map((value) => html`<li>${value}</li>`)}</ul>` : this.i18n.term('log.none'));
    const get = (path: string) => getIn(content, path);
    const reviewing = this.mode === 'review' && log?.status === 'submitted' && this.phase !== 'queued';
    const harm = ['naloxoneAdministered', 'naloxoneLeftBehind', 'fentanylTestStrips'] as const;
    const rows: [string, unknown][] = [
      ...TIME_FIELDS.map((field): [string, unknown] => [`times.${field}`, at(get(`times.${field}`))]),
      ['checkIn', [str(get('checkIn.investigatorName')), word('common.investigatorRole.', get('checkIn.investigatorRole')), str(get('checkIn.agencyName'))].join(' · ')],
      ['sceneType', word('log.sceneType.', get('sceneType'))],
      [
        'peopleServed',
        items(list(get('peopleServed')).map((row) => `${str(getIn(row, 'count'))} × ${word('log.role.', getIn(row, 'role'))}, ${word('log.age.', getIn(row, 'ageBand'))}`)),
      ],
      ['services.support', items(list(get('services.support')).map((value) => word('log.support.', value)))],
      [
        'services.harmReduction',
        items([
          ...harm.map((field) => `${this.label(`services.harmReduction.${field}`)}: ${str(get(`services.harmReduction.${field}`))}`),
          `${this.label('services.harmReduction.saferUseSupplies')}: ${this.i18n.term(get('services.harmReduction.saferUseSupplies') === true ? 'log.yes' : 'log.no')}`,
        ]),
      ],
      ['referralIds', items(list(get('referralIds')))],
      ['transport', [word('log.transport.', get('transport.kind')), get('transport.destinationType') ? word('log.destination.', get('transport.destinationType')) : ''].filter(Boolean).join(' · ')],
      ['outcome', word('log.outcome.', get('outcome'))],
      [
        'followUp',
        get('followUp.planned') === true
          ? [typeof get('followUp.date') === 'string' ? this.i18n.date(`${str(get('followUp.date'))}T12:00:00`, { dateStyle: 'medium' }) : '', str(get('followUp.plan'))].filter(Boolean).join(' · ') ||
            this.i18n.term('log.yes')
          : this.i18n.term('log.no'),
      ],
      ['narrative', html`<span class="prose">${str(get('narrative')) || '—'}</span>`],
    ];
    const note = str(get('investigatorNote'));
    return html`<dl class="read">
        ${rows.map(([path, value]) => {
          const id = fieldId(path);
          const open = this.commenting.has(path);
          return html`<div class="read-row">
            <dt id="${id}-term">${this.label(path)}</dt>
            <dd>
              ${value}
              ${reviewing
                ? html`<button
                      type="button"
                      class="link"
                      aria-expanded=${open ? 'true' : 'false'}
                      aria-describedby="${id}-term"
                      @click=${() => { this.toggleComment(path); }}
                    >
                      ${this.i18n.term('log.addComment')}
                    </button>
                    ${open
                      ? html`<label for="${id}-comment">${this.i18n.term('log.commentOn', { field: this.label(path) })}</label>
                          <textarea
                            id="${id}-comment"
                            rows="2"
                            maxlength="1000"
                            .value=${live(this.fieldComments[path] ?? '')}
                            @input=${(event: Event) => {
                              if (event.target instanceof HTMLTextAreaElement) this.fieldComments = { ...this.fieldComments, [path]: event.target.value };
                            }}
                          ></textarea>`
                      : nothing}`
                : nothing}
            </dd>
          </div>`;
        })}
      </dl>
      ${note
        ? html`<div part="investigator-note" class="note">
            <p class="note-mark">
              <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${noteIcon}</svg>
              <strong>${this.i18n.term('log.noteTitle')}</strong>
            </p>
            <p class="prose">${note}</p>
          </div>`
        : nothing}
      ${this.renderHistory()} ${reviewing ? this.renderReview() : nothing}`;
  }

  private toggleComment(path: string): void {
    const open = new Set(this.commenting);
    if (open.has(path)) open.delete(path);
    else open.add(path);
    this.commenting = open;
    if (open.has(path)) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${fieldId(path)}-comment`)?.focus());
  }

  private renderHistory(): TemplateResult | typeof nothing {
    const reviews = this.log?.reviews ?? [];
    if (reviews.length === 0) return nothing;
    return html`<section class="history" aria-labelledby="history-heading">
      <h3 id="history-heading">${this.i18n.term('log.history')}</h3>
      <ol>
        ${reviews.map(
          (review) => html`<li>
            ${this.i18n.term(`log.review.${review.decision}`, { time: this.i18n.date(review.at, { dateStyle: 'medium', timeStyle: 'short' }) })}
            ${review.comment ? html`<p class="prose">${review.comment}</p>` : nothing}
            ${review.fieldComments?.length
              ? html`<ul>
                  ${review.fieldComments.map((entry) => html`<li>${this.label(contentPath(entry.path))}: ${entry.comment}</li>`)}
                </ul>`
              : nothing}
          </li>`,
        )}
      </ol>
    </section>`;
  }

  private renderReview(): TemplateResult {
    const busy = this.phase === 'busy' ? 'true' : 'false';
    return html`<div class="review">
      <div class="field">
        <label for="review-comment">${this.i18n.term('log.comment')}</label>
        <textarea
          id="review-comment"
          rows="3"
          maxlength="2000"
          .value=${live(this.comment)}
          aria-invalid=${this.commentMissing ? 'true' : 'false'}
          aria-describedby="review-comment-error"
          @input=${(event: Event) => {
            if (event.target instanceof HTMLTextAreaElement) this.comment = event.target.value;
          }}
        ></textarea>
        <span class="field-error" id="review-comment-error">${this.commentMissing ? this.i18n.term('log.error.comment') : ''}</span>
      </div>
      <div class="actions">
        <button part="approve" class="primary" type="button" ?disabled=${this.isDisabled} aria-disabled=${busy} @click=${() => void this.review('approve')}>
          ${this.i18n.term('log.approve')}
        </button>
        <button part="return" type="button" ?disabled=${this.isDisabled} aria-disabled=${busy} @click=${() => void this.review('return')}>
          ${this.i18n.term('log.return')}
        </button>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'peer-callout-log-form': PeerCalloutLogForm;
  }
}
