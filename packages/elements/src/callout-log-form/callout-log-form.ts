import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import * as z from 'zod/mini';
import {
  CalloutLogContent,
  PeerNetworkError,
  redactPii,
  type CalloutLog,
  type CalloutReview,
  type Dispatch,
  type GetToken,
  type PiiFinding,
  type PiiKeepDecision,
} from '@peerlink/sdk';
import { fieldControl, readField, type FieldHost } from '../base/fields/field-kit.js';
import { fieldId, getIn, list, setIn, str } from '../base/fields/paths.js';
import { ClientController } from '../base/client-controller.js';
import { errorInfo, errorMessageKey, fieldErrorsOf } from '../base/errors.js';
import { keepFocus } from '../base/focus.js';
import { LatestRun } from '../base/latest-run.js';
import { PeerFormElement } from '../base/peer-form-element.js';
import { CALLOUT_LOG_TONES, type StatusTone } from '../base/tones.js';
import { calloutLogClient, type CalloutLogClient, type ReviewDecision } from './callout-log-client.js';
import { calloutLogFormMessages, type CalloutLogFormMessageKey } from './callout-log-form.messages.js';
import { calloutLogFormStyles } from './callout-log-form.styles.js';
import {
  GUARDED,
  OPTIONAL_FIELDS,
  contentPath,
  newContent,
  type CalloutLogFormMode,
  type CalloutLogFormPhase,
  type Content,
  type GuardedField,
  type LogPath,
} from './callout-log-model.js';
import { DraftController } from './draft.js';
import { LogValidation } from './log-validation.js';
import { PiiGuard } from './pii-guard.js';
import { renderEdit, type EditView } from './edit-view.js';
import { renderRead, type ReadView } from './read-view.js';
import { ReviewComments } from './review-comments.js';
import { SubmissionController } from './submission.js';

export type { CalloutLogFormMode, CalloutLogFormPhase } from './callout-log-model.js';

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
  @state() private failure?: unknown;
  @state() private offline = false;
  /** When the draft this form opened with was saved on the device. */
  @state() private restoredFrom?: string;

  private readonly guard = new PiiGuard(this, (field) => str(getIn(this.content, field)));
  private readonly validation = new LogValidation(this, () => this.content, this.guard, this.i18n);
  private readonly drafts = new DraftController(this, {
    draft: () => {
      const pending = this.submission.pending;
      return {
        content: this.content,
        keep: [...this.guard.keep],
        ...(pending && pending.step !== 'review' ? { pending } : {}),
      };
    },
    saved: (dispatchId, savedAt) => {
      this.emit('peer-log-saved', { dispatchId, savedAt });
    },
    failed: (error) => {
      this.fail(error);
    },
  });
  private readonly submission: SubmissionController = new SubmissionController(this, {
    api: () => this.sdk.value,
    keptNow: () => this.guard.keptNow(),
    saveDraft: () => void this.drafts.save(),
    submitted: async (log) => {
      await this.drafts.discard();
      this.emit('peer-log-submitted', { log });
    },
    reviewed: (log, decision) => {
      this.comments.clear();
      this.keepFocus();
      this.emit('peer-log-reviewed', { log, decision });
    },
    failed: (error) => {
      this.failSubmit(error);
    },
    keepFocus: () => {
      this.keepFocus();
    },
    reload: () => void this.load(),
  });
  private readonly comments = new ReviewComments(this);

  private readonly sdk = new ClientController<CalloutLogClient>(this, calloutLogClient);
  private readonly runs = new LatestRun();
  private initial: { content: Content; keep: readonly PiiKeepDecision[] } = { content: this.content, keep: [] };

  /** The form's value: the log's content as JSON, as submitted with a `<form>`. */
  get value(): string {
    return JSON.stringify(this.mode === 'edit' ? this.content : (this.log?.content ?? {}));
  }

  private get editing(): boolean {
    const status = this.log?.status;
    return this.mode === 'edit' && this.phase !== 'queued' && status !== 'submitted' && status !== 'approved';
  }

  constructor() {
    super(calloutLogFormMessages);
    this.addEventListener('invalid', this.onInvalid);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const source =
      changed.has('dispatchId') || changed.has('logId') || changed.has('mode') || this.sdk.changed(changed);
    if (source && this.isConnected) {
      void this.load();
    }
    this.setValue(this.value);
  }

  protected override updated(): void {
    const errors = this.editing ? this.validation.errors() : [];
    const first = errors[0];
    this.setValidityFrom(
      errors.map((error) => ({ message: `${this.validation.label(error.path)}: ${this.validation.messageOf(error)}` })),
      first ? (this.control(first.path) ?? undefined) : undefined,
    );
  }

  /** Checks the log; when something is missing or wrong, lists it at the top (focused) and beside each field. */
  override reportValidity(): boolean {
    if (!this.editing) return true;
    this.guard.detectNow();
    const valid = this.validation.errors().length === 0;
    if (!valid) {
      this.validation.showAll = true;
      this.focusSummary();
    }
    return valid;
  }

  protected resetValue(): void {
    this.content = this.initial.content;
    this.guard.keep = this.initial.keep;
    this.validation.reset();
    this.guard.detectNow();
    this.drafts.schedule();
  }

  /**
   * Checks the log and, when complete, saves and submits it through the SDK. Problems are listed
   * at the top (focused) and beside each field; offline, the submit waits in the outbox.
   */
  async submit(): Promise<void> {
    const dispatchId = this.dispatchId;
    if (!this.sdk.value || !dispatchId || !this.editing || this.phase !== 'ready') return;
    this.validation.serverErrors = [];
    const parsed = z.safeParse(CalloutLogContent, this.content);
    if (!this.reportValidity() || !parsed.success) return;
    this.failure = undefined;
    await this.submission.submit(dispatchId, parsed.data);
  }

  // ---- Loading ----

  private async load(): Promise<void> {
    const run = this.runs.start();
    const api = this.sdk.value;
    const { dispatchId, logId } = this;
    const editing = this.mode === 'edit';
    // What was typed for the previous call-out in the last second is still saved, under its id.
    this.drafts.open(editing ? api : undefined, dispatchId);
    this.submission.reset();
    this.log = undefined;
    this.dispatch = undefined;
    this.failure = undefined;
    this.offline = false;
    this.validation.reset();
    this.restoredFrom = undefined;
    if (!api || !(dispatchId || logId)) {
      this.phase = 'ready';
      return;
    }
    this.phase = 'loading';
    let draft = editing ? await this.drafts.read() : undefined;
    let log: CalloutLog | undefined;
    let dispatch: Dispatch | undefined;
    try {
      log = logId
        ? await api.calloutLogs.get(logId)
        : dispatchId
          ? (await api.calloutLogs.list({ dispatchId, limit: 1 })).items[0]
          : undefined;
      if (editing && dispatchId) dispatch = await api.dispatches.get(dispatchId).catch(() => undefined);
    } catch (error) {
      if (run.stale) return;
      // Editing goes on from the draft whatever the service says; there is nothing to review without the log.
      if (!editing) {
        this.phase = 'ready';
        this.fail(error);
        return;
      }
      if (error instanceof PeerNetworkError) this.offline = true;
      else this.fail(error);
    }
    if (run.stale) return;
    this.log = log;
    this.dispatch = dispatch;
    const finished = log?.status === 'submitted' || log?.status === 'approved';
    // A draft older than the service's log (returned since, or submitted elsewhere) is outdated.
    const outdated =
      draft && log && !draft.pending && (finished || Date.parse(log.updatedAt) > Date.parse(draft.savedAt));
    if (draft && (outdated || (draft.pending && finished))) {
      await this.drafts.discard();
      draft = undefined;
    }
    const content: Content = draft?.content ?? { ...newContent(dispatch), ...(log?.content ?? {}) };
    this.content = content;
    this.guard.keep = draft?.keep ?? [];
    this.initial = { content, keep: this.guard.keep };
    this.drafts.savedAt = draft?.savedAt;
    this.restoredFrom = editing && draft && !draft.pending ? draft.savedAt : undefined;
    this.guard.detectNow();
    this.phase = 'ready';
    if (draft?.pending && dispatchId) await this.submission.resume(draft.pending, dispatchId);
  }

  // ---- Editing ----

  private readonly onInput = (event: Event): void => {
    const field = readField<LogPath>(event, (path) => getIn(this.content, path));
    if (field && this.editing) this.setField(field.path, field.value);
  };

  private readonly onFocusOut = (event: FocusEvent): void => {
    const target = event.target;
    const path = target instanceof HTMLElement ? target.dataset.path : undefined;
    if (path) this.validation.touch(path);
  };

  private setField(path: LogPath, value: unknown): void {
    let content = setIn(this.content, path, value) as Content;
    if (path === 'transport.kind' && value === 'none')
      content = setIn(content, 'transport.destinationType', undefined) as Content;
    this.content = content;
    const errors = this.validation.serverErrors;
    this.validation.serverErrors = errors.filter((error) => error.path !== path && !error.path.startsWith(`${path}.`));
    if ((GUARDED as readonly string[]).includes(path)) this.guard.detectSoon();
    this.drafts.schedule();
  }

  private addRow(path: 'peopleServed' | 'referralIds'): void {
    const rows = list(getIn(this.content, path));
    this.setField(path, [...rows, path === 'peopleServed' ? { count: 1 } : '']);
    const first = path === 'peopleServed' ? `${path}.${rows.length}.role` : `${path}.${rows.length}`;
    void this.updateComplete.then(() => this.control(first)?.focus());
  }

  private removeRow(path: 'peopleServed' | 'referralIds', index: number): void {
    const rows = list(getIn(this.content, path));
    this.setField(
      path,
      rows.filter((_, at) => at !== index),
    );
    this.validation.untouchRows(path);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${fieldId(path)}-add`)?.focus());
  }

  private readonly onPicked = (event: Event): void => {
    const value: unknown = event.target && 'value' in event.target ? event.target.value : undefined;
    if (Array.isArray(value) && value.every((id) => typeof id === 'string'))
      this.setField('referralIds', [...new Set(value)]);
  };

  private redact(field: GuardedField, finding: PiiFinding): void {
    this.setField(field, redactPii(str(getIn(this.content, field)), [finding]));
    this.guard.detectNow();
    void this.updateComplete.then(() => {
      const next = this.renderRoot.querySelector<HTMLElement>(`#${fieldId(field)}-pii [data-redact]`);
      (next ?? this.control(field))?.focus();
    });
  }

  private keepFinding(field: GuardedField, finding: PiiFinding): void {
    this.guard.keepFinding(field, finding);
    this.validation.serverErrors = this.validation.serverErrors.filter((error) => error.path !== field);
    this.drafts.schedule();
  }

  /** The control for a field path, or the nearest enclosing group's first control. */
  private control(path: string): HTMLElement | null {
    return fieldControl(this.renderRoot, path);
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
    this.validation.showAll = true;
  };

  // ---- Submitting and reviewing ----

  private failSubmit(error: unknown): void {
    const fields = fieldErrorsOf(error).map((field) => ({ ...field, path: contentPath(field.path) }));
    this.validation.serverErrors = fields;
    if (fields.length > 0) this.validation.showAll = true;
    this.fail(error);
    if (fields.length > 0) this.focusSummary();
    else this.keepFocus();
  }

  /** The button pressed is gone; keep a keyboard user's place on the status or the error. */
  private keepFocus(): void {
    keepFocus(this, ['[part~="error"]', '.status']);
  }

  private review(decision: ReviewDecision): void {
    if (!this.sdk.value || !this.log || this.phase !== 'ready') return;
    const request = this.comments.request(decision);
    if (!request) return;
    this.failure = undefined;
    void this.submission.review(decision, request);
  }

  /** The comments of the latest return on a field (edit), by path. */
  private commentsOn(path: string): string[] {
    const comments = this.returnedBy()?.fieldComments ?? [];
    return comments.filter((entry) => contentPath(entry.path) === path).map((entry) => entry.comment);
  }

  private returnedBy(): CalloutReview | undefined {
    const review = this.log?.status === 'returned' ? this.log.reviews.at(-1) : undefined;
    return review?.decision === 'return' ? review : undefined;
  }

  // ---- Rendering ----

  /** The field kit's view of the log being written. */
  private readonly fields: FieldHost<LogPath> = {
    valueAt: (path) => getIn(this.content, path),
    labelOf: (path) => {
      const label = this.validation.label(path, true);
      return OPTIONAL_FIELDS.includes(path) ? this.i18n.term('log.optional', { label }) : label;
    },
    errorAt: (path) => this.validation.errorAt(path),
    commentsOn: (path) => this.commentsOn(path),
    commentBy: () => this.i18n.term('log.supervisor'),
    emptyChoice: (required) => this.i18n.term(required ? 'log.choose' : 'log.none'),
    shownDate: (type, value) => {
      // The browser writes date controls in its own language whatever the page's.
      if (navigator.language.split('-')[0]?.toLowerCase() === this.i18n.locale) return undefined;
      const shown =
        type === 'date'
          ? this.i18n.date(`${value}T12:00:00`, { dateStyle: 'medium' })
          : this.i18n.date(value, { dateStyle: 'medium', timeStyle: 'short' });
      return shown ? this.i18n.term('log.shownAs', { time: shown }) : undefined;
    },
  };

  override render(): TemplateResult {
    const status = this.phase === 'queued' ? undefined : this.log?.status;
    return html`<div part="base" class="base" @input=${this.onInput} @focusout=${this.onFocusOut}>
      <div class="header">
        <h2 part="heading" id="heading">${this.i18n.term('log.heading')}</h2>
        ${
          this.phase === 'queued'
            ? this.renderStatus('warning', this.i18n.term('common.queued'))
            : status
              ? this.renderStatus(CALLOUT_LOG_TONES[status], this.i18n.term(`log.status.${status}`))
              : nothing
        }
      </div>
      ${this.renderReference()}
      ${
        this.phase === 'loading'
          ? html`<p class="meta" role="status">${this.i18n.term('common.loading')}</p>`
          : !(this.dispatchId || this.logId)
            ? html`<p class="meta">${this.i18n.term('log.noDispatch')}</p>`
            : this.editing
              ? renderEdit(this.editView())
              : this.log || this.phase === 'queued'
                ? renderRead(this.readView())
                : this.failure
                  ? nothing
                  : html`<p class="meta">${this.i18n.term('log.noLog')}</p>`
      }
      ${
        this.failure && !this.validation.serverErrors.length
          ? html`<p part="error" class="error" role="alert" tabindex="-1">${this.i18n.term(errorMessageKey(this.failure))}</p>`
          : nothing
      }
    </div>`;
  }

  private editView(): EditView {
    return {
      i18n: this.i18n,
      fields: this.fields,
      root: this.renderRoot,
      content: this.content,
      log: this.log,
      validation: this.validation,
      guard: this.guard,
      returned: this.returnedBy(),
      offline: this.offline,
      restoredFrom: this.restoredFrom,
      savedAt: this.drafts.savedAt,
      busy: this.phase === 'busy',
      disabled: this.isDisabled,
      onPicked: this.onPicked,
      addRow: (path) => {
        this.addRow(path);
      },
      removeRow: (path, index) => {
        this.removeRow(path, index);
      },
      redact: (field, finding) => {
        this.redact(field, finding);
      },
      keepFinding: (field, finding) => {
        this.keepFinding(field, finding);
      },
      submit: () => void this.submit(),
    };
  }

  private readView(): ReadView {
    const log = this.log;
    return {
      i18n: this.i18n,
      content: this.phase === 'queued' || !log ? this.content : log.content,
      log,
      reviewing: this.mode === 'review' && log?.status === 'submitted' && this.phase !== 'queued',
      busy: this.phase === 'busy',
      disabled: this.isDisabled,
      comments: this.comments,
      label: (path) => this.validation.label(path),
      review: (decision) => {
        this.review(decision);
      },
    };
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
    const call = dispatch?.callForService;
    return html`<p class="meta">
      ${
        call
          ? `${this.i18n.term(`common.incidentType.${call.type}`)} · ${call.location.address} · ${call.externalId}`
          : this.i18n.term('log.callout', { id })
      }
    </p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'peer-callout-log-form': PeerCalloutLogForm;
  }
}
