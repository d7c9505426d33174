import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import * as z from 'zod/mini';
import {
  Dispatch,
  InvestigatorRole,
  PeerConflictError,
  PeerQueuedError,
  dispatchTransitions,
  nextStates,
  type DispatchStatus,
  type DispatchTransitionRequest,
  type GetToken,
  type LeadInvestigator,
  type Role,
  type TimelineEntry,
} from '@peerlink/sdk';
import { IntervalController } from '../base/interval-controller.js';
import { ClientController } from '../base/client-controller.js';
import { LiveRecordController } from '../base/live-record-controller.js';
import { OutboxController } from '../base/outbox-controller.js';
import { LatestRun } from '../base/latest-run.js';
import { keepFocus } from '../base/focus.js';
import { dispatchCardMessages, type DispatchCardMessageKey } from './dispatch-card.messages.js';
import { PeerElement } from '../base/peer-element.js';
import { elapsed } from '../base/relative-time.js';
import { dispatchClient, hasEnded, type DispatchClient } from '../base/dispatch-client.js';
import { errorInfo, errorMessageKey, fieldErrorsOf } from '../base/errors.js';
import { DISPATCH_TONES, statusSince } from '../base/tones.js';
import { dispatchCardStyles } from './dispatch-card.styles.js';

/** Steps that move the call-out forward; shown as the main button. */
const FORWARD: readonly DispatchStatus[] = ['acknowledged', 'en-route', 'on-scene', 'checked-in', 'engaged', 'cleared'];
/** Steps one tap must not take: they hand the call-out on, or end it. */
const CONFIRMED: readonly DispatchStatus[] = ['declined', 'cleared'];
const CHECK_IN_FIELDS = ['name', 'role', 'agencyName'] as const;
type CheckInField = (typeof CHECK_IN_FIELDS)[number];
/** Where a keyboard user lands when the button they pressed is gone, in order of preference. */
const REFOCUS = ['[part~="retry"]', '[part~="action"]', '[part~="base"]'] as const;

function mapUrl({ address, lat, lon }: Dispatch['callForService']['location']): string {
  if (lat !== undefined && lon !== undefined) {
    return `https://www.openstreetmap.org/?mlat=${String(lat)}&mlon=${String(lon)}#map=17/${String(lat)}/${String(lon)}`;
  }
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(address)}`;
}

/**
 * The peer's phone view of one call-out: what and where, how long ago it was requested, its
 * status live, and a button for exactly each step the peer may take next. Checking in asks who
 * the lead investigator is (and the card keeps showing who); declining and clearing ask once
 * more before they are sent. A call-out this peer declined says so, though it now rests with
 * someone else. `peer-dispatch-cleared` tells the host to show the call-out log: right after
 * clearing, and again whenever the card opens a call-out this peer cleared, since the log is
 * often written later.
 *
 * Give it a `client` (such as `createPeerlinkClient()`), or a `base-url` and `getToken` and it
 * builds its own.
 *
 * @summary A call-out as the responding peer sees it, with its next steps as large buttons.
 *
 * @event peer-dispatch-status - The call-out moved to another status (by this peer or anyone). `detail: { dispatch, status }`.
 * @event peer-dispatch-cleared - The call-out shown is one this peer cleared (just now, or before the card opened): time for the call-out log. `detail: { dispatch }`.
 * @event peer-error - A call to Peerlink failed; the error is also shown with a Retry button. `detail: { error: { code, message, status? } }`.
 *
 * @csspart base - The card.
 * @csspart heading - The incident type.
 * @csspart status - The `<peer-status>` showing the call-out's status.
 * @csspart map-link - The address, linking to a map.
 * @csspart requested - How long ago the call-out was requested.
 * @csspart cautions - Cautions for responders, when the call for service has any.
 * @csspart notes - Operational notes for responders, when the call for service has any.
 * @csspart actions - The group of next-step buttons.
 * @csspart action - Each next-step button.
 * @csspart check-in - The lead-investigator form shown before checking in.
 * @csspart checked-in - Who the peer checked in with, once they have.
 * @csspart confirm - The question asked before declining or clearing, with its buttons.
 * @csspart outcome - What is left for this peer: nothing, the call-out log, or that they declined it.
 * @csspart error - The error message.
 * @csspart retry - The Retry button shown with an error.
 *
 * @cssproperty --peer-dispatch-card-background - Card background. Defaults to `--peer-color-surface`.
 * @cssproperty --peer-dispatch-card-padding - Card padding. Defaults to `--peer-space-4`.
 * @cssproperty --peer-dispatch-card-target-size - Minimum height of buttons, fields and the map link. Defaults to 2.75rem (44px).
 *
 * @since 0.1.0
 * @tag peer-dispatch-card
 */
export class PeerDispatchCard extends PeerElement<DispatchCardMessageKey> {
  static override styles = [PeerElement.styles, dispatchCardStyles];

  /** A Peerlink client with `dispatches` (e.g. `createPeerlinkClient()`). Takes precedence over `base-url`. */
  @property({ attribute: false }) client?: DispatchClient;

  /** The Peerlink service to build a client for, with `getToken`, when no `client` is given. */
  @property({ attribute: 'base-url' }) baseUrl?: string;

  /** Returns an embed token for the peer (role `specialist`) from the host's server; used with `base-url`. */
  @property({ attribute: false }) getToken?: GetToken;

  /** The call-out to show. */
  @property({ attribute: 'dispatch-id' }) dispatchId?: string;

  /**
   * Whose steps to offer (`specialist`, `supervisor`…); the service decides in the end. Not
   * `role`, which is the element's ARIA role.
   */
  @property({ attribute: 'responder-role' }) responderRole: Role = 'specialist';

  /** The peer using the card. When set, steps are offered only while the call-out rests with them. */
  @property({ attribute: 'specialist-id' }) specialistId?: string;

  /** The call-out as last read (read-only). */
  @state() dispatch?: Dispatch;

  @state() private busy = false;
  @state() private queued = false;
  @state() private conflict = false;
  @state() private failure?: unknown;
  @state() private checkingIn = false;
  /** A step that waits for a second, deliberate press. */
  @state() private confirming?: DispatchStatus;
  @state() private checkInErrors: Partial<Record<CheckInField, string>> = {};

  @query('form') private form?: HTMLFormElement;

  private retry: () => void = () => undefined;

  private readonly sdk = new ClientController<DispatchClient>(this, dispatchClient);
  // Both pause while the card is off the page and pick up again when it is back.
  private readonly live = new LiveRecordController<Dispatch>(this, {
    watch: (id) => this.sdk.value?.dispatches.watch(id),
    changed: (dispatch) => {
      if (dispatch.id === this.dispatchId) this.show(dispatch);
    },
  });
  private readonly outbox = new OutboxController(this, () => this.sdk.value?.outbox);
  /** Each load begins a run, so an answer for an earlier load is dropped. */
  private readonly runs = new LatestRun();

  // Keeps "requested 5 min. ago" current while shown.
  private readonly clock = new IntervalController(this, 15_000, () => this.dispatch !== undefined);

  /** The steps offered now: legal for `role` from the current status, never cancelling. */
  get nextSteps(): DispatchStatus[] {
    const dispatch = this.dispatch;
    if (!dispatch) return [];
    if (!this.isMine(dispatch)) return [];
    return nextStates(dispatchTransitions, dispatch.status, this.responderRole).filter((to) => to !== 'cancelled');
  }

  /** Whether the call-out rests with the peer using the card (or the card is not tied to one). */
  private isMine(dispatch: Dispatch): boolean {
    return !this.specialistId || this.responderRole !== 'specialist' || dispatch.specialistId === this.specialistId;
  }

  /** Whether the peer using the card cleared the call-out, so its log is theirs to write. */
  private clearedByMe(dispatch: Dispatch): boolean {
    return dispatch.status === 'cleared' && this.responderRole === 'specialist' && this.isMine(dispatch);
  }

  /** This peer's decline, when the call-out went on to someone else after it. */
  private declinedByMe(dispatch: Dispatch): TimelineEntry | undefined {
    if (!this.specialistId || this.isMine(dispatch)) return undefined;
    return dispatch.timeline
      .filter((entry) => entry.status === 'declined' && entry.specialistId === this.specialistId)
      .at(-1);
  }

  constructor() {
    super(dispatchCardMessages);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('dispatchId') || this.sdk.changed(changed)) && this.isConnected) {
      void this.load();
    }
  }

  private async load(): Promise<void> {
    const api = this.sdk.value;
    const id = this.dispatchId;
    const run = this.runs.start();
    this.live.stop();
    this.failure = undefined;
    if (!api || !id) {
      this.dispatch = undefined;
      return;
    }
    try {
      const dispatch = await api.dispatches.get(id);
      if (run.stale) return;
      this.show(dispatch);
      this.live.follow(id);
    } catch (error) {
      if (run.stale) return;
      this.fail(error, () => void this.load());
    }
  }

  private show(dispatch: Dispatch): void {
    const previous = this.dispatch;
    if (previous?.id === dispatch.id && previous.version >= dispatch.version) return;
    this.dispatch = dispatch;
    if (previous?.id !== dispatch.id || previous.status !== dispatch.status) {
      if (dispatch.status !== 'on-scene') this.checkingIn = false;
      this.confirming = undefined;
      this.emit('peer-dispatch-status', { dispatch, status: dispatch.status });
      // Also on opening a call-out cleared earlier: its log is still to be written or read.
      if (this.clearedByMe(dispatch)) this.emit('peer-dispatch-cleared', { dispatch });
    }
    if (hasEnded(dispatch)) this.live.stop();
  }

  private fail(error: unknown, retry: () => void): void {
    this.failure = error;
    this.retry = retry;
    this.emit('peer-error', { error: errorInfo(error) });
  }

  private onStep(to: DispatchStatus): void {
    if (this.busy) return;
    if (CONFIRMED.includes(to) && this.confirming !== to) {
      this.confirming = to;
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#confirm-question')?.focus());
      return;
    }
    this.confirming = undefined;
    if (to === 'checked-in') {
      this.checkingIn = true;
      this.checkInErrors = {};
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#check-in-name')?.focus());
      return;
    }
    void this.move({ to });
  }

  private async move(body: DispatchTransitionRequest): Promise<void> {
    const api = this.sdk.value;
    const dispatch = this.dispatch;
    if (!api || !dispatch) return;
    const hadFocus = this.matches(':focus-within');
    this.busy = true;
    this.failure = undefined;
    this.conflict = false;
    this.queued = false;
    try {
      const moved = await api.dispatches.transition(dispatch.id, { ...body, expectedVersion: dispatch.version });
      this.moved(moved, hadFocus);
    } catch (error) {
      if (error instanceof PeerQueuedError) {
        this.queued = true;
        this.waitForOutbox(error.idempotencyKey);
        keepFocus(this, REFOCUS, { hadFocus });
      } else if (error instanceof PeerConflictError) {
        // Moved on elsewhere (or escalated): show what it is now.
        this.conflict = true;
        this.emit('peer-error', { error: errorInfo(error) });
        void this.load();
      } else {
        const fields = fieldErrorsOf(error);
        const checkIn: Partial<Record<CheckInField, string>> = {};
        for (const field of CHECK_IN_FIELDS) {
          if (fields.some((fieldError) => fieldError.path === `checkIn.${field}`))
            checkIn[field] = this.i18n.term('form.invalid');
        }
        this.checkInErrors = checkIn;
        this.fail(error, () => void this.move(body));
        keepFocus(this, REFOCUS, { hadFocus });
      }
    } finally {
      this.busy = false;
    }
  }

  private moved(dispatch: Dispatch, hadFocus: boolean): void {
    this.checkingIn = false;
    this.show(dispatch);
    // The pressed button is gone; keep a keyboard user's place on the card.
    keepFocus(this, REFOCUS, { hadFocus });
  }

  private waitForOutbox(key: string): void {
    this.outbox.wait(key, {
      sent: (result) => {
        this.queued = false;
        const sent = z.safeParse(Dispatch, result);
        if (sent.success) this.moved(sent.data, false);
        else void this.load();
      },
      failed: (error) => {
        this.queued = false;
        this.fail(error, () => void this.load());
      },
    });
  }

  private readonly onCheckIn = (event: SubmitEvent): void => {
    event.preventDefault();
    const form = this.form;
    if (!form || this.busy) return;
    const data = new FormData(form);
    const value = (field: CheckInField): string => {
      const raw = data.get(field);
      return typeof raw === 'string' ? raw.trim() : '';
    };
    const errors: Partial<Record<CheckInField, string>> = {};
    for (const field of CHECK_IN_FIELDS) if (!value(field)) errors[field] = this.i18n.term('form.valueMissing');
    const role = z.safeParse(InvestigatorRole, value('role'));
    if (!role.success && !errors.role) errors.role = this.i18n.term('form.invalid');
    this.checkInErrors = errors;
    const first = CHECK_IN_FIELDS.find((field) => errors[field]);
    if (first || !role.success) {
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>(`[name="${first ?? 'role'}"]`)?.focus(),
      );
      return;
    }
    const checkIn: LeadInvestigator = { name: value('name'), role: role.data, agencyName: value('agencyName') };
    void this.move({ to: 'checked-in', checkIn });
  };

  private readonly cancelConfirm = (): void => {
    const step = this.confirming;
    this.confirming = undefined;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLButtonElement>(`[data-to="${step ?? ''}"]`)?.focus(),
    );
  };

  private readonly cancelCheckIn = (): void => {
    this.checkingIn = false;
    this.checkInErrors = {};
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('[part~="action"]')?.focus());
  };

  override render(): TemplateResult {
    const dispatch = this.dispatch;
    if (!dispatch) {
      return html`<div part="base" class="base">
        ${this.failure ? this.renderError() : html`<p class="meta" role="status">${this.dispatchId ? this.i18n.term('common.loading') : this.i18n.term('dispatchCard.noDispatch')}</p>`}
      </div>`;
    }
    const { callForService } = dispatch;
    // The peer who declined sees their answer, not the next person's notification.
    const declined = this.declinedByMe(dispatch);
    const status = declined ? 'declined' : dispatch.status;
    const requestedAt = dispatch.timeline[0]?.at ?? dispatch.createdAt;
    const { value, unit } = elapsed(Date.parse(requestedAt));
    // The time goes where the language puts it.
    const [before = '', after = ''] = this.i18n.term('dispatchCard.requested').split('{time}');
    return html`<article part="base" class="base" aria-labelledby="heading" tabindex="-1">
      <header>
        <h2 part="heading" id="heading">${this.i18n.term(`common.incidentType.${callForService.type}`)}</h2>
        <peer-status
          part="status"
          exportparts="base: status-base, label: status-label, time: status-time"
          tone=${declined ? 'neutral' : DISPATCH_TONES[status]}
          label=${this.i18n.term(`common.dispatchStatus.${status}`)}
          since=${declined?.at ?? statusSince(dispatch)}
          live
        ></peer-status>
      </header>
      <p>
        <a part="map-link" href=${mapUrl(callForService.location)} target="_blank" rel="noopener noreferrer"
          >${callForService.location.address}<span class="visually-hidden"> ${this.i18n.term('dispatchCard.newWindow')}</span></a
        >
      </p>
      <p part="requested" class="meta">
        ${before}<time datetime=${requestedAt} title=${this.i18n.date(requestedAt, { dateStyle: 'medium', timeStyle: 'short' })}
          >${this.i18n.relativeTime(value, unit, { numeric: 'auto', style: 'short' })}</time
        >${after}
      </p>
      ${
        callForService.cautions?.length
          ? html`<div part="cautions" class="cautions">
            <strong id="cautions">${this.i18n.term('dispatchCard.cautions')}</strong>
            <ul aria-labelledby="cautions">
              ${callForService.cautions.map((caution) => html`<li>${caution}</li>`)}
            </ul>
          </div>`
          : nothing
      }
      ${
        callForService.notes
          ? html`<p part="notes"><strong>${this.i18n.term('dispatchCard.notes')}</strong> ${callForService.notes}</p>`
          : nothing
      }
      ${dispatch.checkIn && !this.checkingIn ? this.renderCheckedIn(dispatch.checkIn) : nothing}
      ${this.checkingIn ? this.renderCheckIn(dispatch) : this.confirming ? this.renderConfirm(this.confirming) : this.renderActions(dispatch, declined)}
      ${
        this.queued
          ? html`<peer-status tone="warning" label=${this.i18n.term('common.queued')} live></peer-status>`
          : nothing
      }
      ${this.conflict ? html`<p class="meta" role="status">${this.i18n.term('dispatchCard.conflict')}</p>` : nothing}
      ${this.failure ? this.renderError() : nothing}
    </article>`;
  }

  private renderActions(dispatch: Dispatch, declined: TimelineEntry | undefined): TemplateResult {
    const steps = this.nextSteps;
    if (steps.length === 0) {
      const outcome = declined
        ? 'dispatchCard.outcome.declined'
        : this.clearedByMe(dispatch)
          ? 'dispatchCard.outcome.cleared'
          : 'dispatchCard.noActions';
      return html`<p part="outcome" class="meta">${this.i18n.term(outcome)}</p>`;
    }
    return html`<div part="actions" class="actions" role="group" aria-label=${this.i18n.term('dispatchCard.actions')}>
      ${steps.map(
        (to) => html`<button
          part="action"
          class=${FORWARD.includes(to) ? 'primary' : ''}
          type="button"
          data-to=${to}
          aria-disabled=${this.busy ? 'true' : 'false'}
          @click=${() => {
            this.onStep(to);
          }}
        >
          ${this.i18n.term(`dispatchCard.action.${to}`)}
        </button>`,
      )}
    </div>`;
  }

  private renderCheckedIn({ name, role, agencyName }: LeadInvestigator): TemplateResult {
    return html`<p part="checked-in" class="checked-in">
      ${this.i18n.term('dispatchCard.checkedInWith', { name, role: this.i18n.term(`common.investigatorRole.${role}`), agency: agencyName })}
    </p>`;
  }

  /** Asks before a step that cannot be taken back; the question takes focus, so a second Enter does nothing. */
  private renderConfirm(to: DispatchStatus): TemplateResult {
    const question = to === 'declined' ? 'dispatchCard.confirm.declined' : 'dispatchCard.confirm.cleared';
    const yes = to === 'declined' ? 'dispatchCard.confirm.yes.declined' : 'dispatchCard.confirm.yes.cleared';
    return html`<div part="confirm" class="confirm" role="group" aria-labelledby="confirm-question">
      <p id="confirm-question" tabindex="-1"><strong>${this.i18n.term(question)}</strong></p>
      <div class="actions">
        <button
          part="action"
          class="primary"
          type="button"
          data-to=${to}
          data-confirm
          aria-disabled=${this.busy ? 'true' : 'false'}
          @click=${() => {
            this.onStep(to);
          }}
        >
          ${this.i18n.term(yes)}
        </button>
        <button type="button" @click=${this.cancelConfirm}>${this.i18n.term('dispatchCard.confirm.no')}</button>
      </div>
    </div>`;
  }

  private renderCheckIn(dispatch: Dispatch): TemplateResult {
    const known = dispatch.checkIn ?? dispatch.callForService.leadInvestigator;
    const errors = this.checkInErrors;
    const invalid = (field: CheckInField) => (errors[field] ? 'true' : 'false');
    return html`<form part="check-in" novalidate @submit=${this.onCheckIn}>
      <fieldset>
        <legend>${this.i18n.term('dispatchCard.checkIn.legend')}</legend>
        ${this.renderTextField('name', 'check-in-name', 'dispatchCard.checkIn.name', 120, known?.name ?? '')}
        <label for="check-in-role">${this.i18n.term('dispatchCard.checkIn.role')}</label>
        <select id="check-in-role" name="role" required aria-invalid=${invalid('role')} aria-describedby="check-in-role-error">
          <option value="" ?selected=${!known}></option>
          ${InvestigatorRole.options.map(
            (role) =>
              html`<option value=${role} ?selected=${known?.role === role}>${this.i18n.term(`common.investigatorRole.${role}`)}</option>`,
          )}
        </select>
        <span class="field-error" id="check-in-role-error">${errors.role ?? ''}</span>
        ${this.renderTextField('agencyName', 'check-in-agency', 'dispatchCard.checkIn.agency', 200, known?.agencyName ?? '')}
      </fieldset>
      <div class="actions">
        <button part="action" class="primary" type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>
          ${this.i18n.term('dispatchCard.checkIn.submit')}
        </button>
        <button type="button" @click=${this.cancelCheckIn}>${this.i18n.term('common.cancel')}</button>
      </div>
    </form>`;
  }

  /** A text field of the check-in with its label and its error. */
  private renderTextField(
    field: Exclude<CheckInField, 'role'>,
    id: string,
    label: DispatchCardMessageKey,
    maxlength: number,
    value: string,
  ): TemplateResult {
    const error = this.checkInErrors[field];
    return html`<label for=${id}>${this.i18n.term(label)}</label>
      <input
        id=${id}
        name=${field}
        required
        maxlength=${maxlength}
        autocomplete="off"
        .value=${value}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby="${id}-error"
      />
      <span class="field-error" id="${id}-error">${error ?? ''}</span>`;
  }

  private renderError(): TemplateResult {
    return html`<p part="error" class="error" role="alert">${this.i18n.term(errorMessageKey(this.failure))}</p>
      <div class="actions">
        <button part="retry" type="button" @click=${() => {
          this.retry();
        }}>${this.i18n.term('common.retry')}</button>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'peer-dispatch-card': PeerDispatchCard;
  }
}
