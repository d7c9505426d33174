import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import * as z from 'zod/mini';
import {
  Dispatch,
  PeerQueuedError,
  type CallForServiceInput,
  type GetToken,
  type OnCallNow,
  type SpecialistSummary,
} from '@peerlink/sdk';
import { requestButtonMessages, type RequestButtonMessageKey } from './request-button.messages.js';
import { PeerElement } from '../base/peer-element.js';
import { IntervalController } from '../base/interval-controller.js';
import { ClientController } from '../base/client-controller.js';
import { LiveRecordController } from '../base/live-record-controller.js';
import { OutboxController } from '../base/outbox-controller.js';
import { LatestRun, type Run } from '../base/latest-run.js';
import { keepFocus } from '../base/focus.js';
import { statusSince, type StatusTone } from '../base/tones.js';
import { errorInfo, errorMessageKey } from '../base/errors.js';
import { POSITIONS, summarize } from './callout.js';
import { calloutLabel, renderCompactHolder, renderHolder } from './render-callout.js';
import { dispatchClient, hasEnded, type DispatchClient } from '../base/dispatch-client.js';
import { hearCallouts } from './shared-callouts.js';
import { requestButtonStyles } from './request-button.styles.js';

/** Where the button is in asking for a peer. */
export type RequestButtonPhase =
  'ready' | 'checking' | 'on-call' | 'confirm' | 'sending' | 'queued' | 'active' | 'error';

/** What the dispatcher is doing to an active call-out. */
type CalloutAction = 'none' | 'confirm-cancel' | 'escalating' | 'cancelling';

/**
 * The dispatcher's one button for a duty call-out. The first press shows who is on call now
 * (primary, backup, supervisor); a second press or Enter sends the request, Escape cancels. Then
 * it shows the call-out's status live, with the time since each step began, who holds it now
 * (and who declined or did not answer), when it escalates next, and Escalate now / Cancel
 * call-out buttons (not when `compact`). One call-out per call for service: an active one for
 * the incident's `externalId` is shown instead of the button, and every button for the same
 * incident on the page shows it as soon as one of them requests or finds it.
 *
 * Give it a `client` (such as `createPeerlinkClient()`), or a `base-url` and `getToken` and it
 * builds its own.
 *
 * @summary Requests a peer support specialist for a call for service and follows the call-out live.
 *
 * @event peer-dispatch-requested - The call-out was requested (or the incident's active one was found on pressing). `detail: { dispatch }`.
 * @event peer-dispatch-status - The call-out shown moved to another status. `detail: { dispatch, status }`.
 * @event peer-error - A call to Peerlink failed; the error is also shown with a Retry button. `detail: { error: { code, message, status? } }`.
 *
 * @csspart base - The row holding everything else.
 * @csspart button - The request / confirm button.
 * @csspart on-call - Who is on call now, shown while confirming.
 * @csspart cancel - The cancel button shown while confirming.
 * @csspart status - The `<peer-status>` showing the call-out's status.
 * @csspart holder - Who holds the call-out now, when it escalates and who it passed by.
 * @csspart escalate - The Escalate now button.
 * @csspart cancel-callout - The Cancel call-out button, and its Confirm cancel / Keep call-out pair.
 * @csspart error - The error message.
 * @csspart retry - The Retry button shown with an error.
 *
 * @cssproperty --peer-request-button-color - Background of the request button. Defaults to `--peer-color-accent`.
 * @cssproperty --peer-request-button-text-color - Text of the request button. Defaults to `--peer-color-accent-contrast`.
 * @cssproperty --peer-request-button-height - Height of the buttons. Defaults to `--peer-control-height`, or `--peer-control-height-compact` when `compact`.
 *
 * @since 0.1.0
 * @tag peer-request-button
 */
export class PeerRequestButton extends PeerElement<RequestButtonMessageKey> {
  static override styles = [PeerElement.styles, requestButtonStyles];

  /** A Peerlink client with `dispatches` and `specialists` (e.g. `createPeerlinkClient()`). Takes precedence over `base-url`. */
  @property({ attribute: false }) client?: DispatchClient;

  /** The Peerlink service to build a client for, with `getToken`, when no `client` is given. */
  @property({ attribute: 'base-url' }) baseUrl?: string;

  /** Returns an embed token (role `dispatcher`) from the host's server; used with `base-url`. */
  @property({ attribute: false }) getToken?: GetToken;

  /** The call for service to request a peer for. */
  @property({ attribute: false }) incident?: CallForServiceInput;

  /** At most 32px tall, for a dense CAD toolbar. */
  @property({ type: Boolean, reflect: true }) compact = false;

  /** Where the button is in asking for a peer (read-only). */
  @state() phase: RequestButtonPhase = 'ready';

  /** The call-out shown, once requested or found (read-only). */
  @state() dispatch?: Dispatch;

  @state() private onCall?: OnCallNow;
  @state() private failure?: unknown;
  @state() private action: CalloutAction = 'none';
  @state() private actionFailure?: unknown;

  @query('.button') private button?: HTMLButtonElement;

  private retry: () => void = () => undefined;

  private readonly sdk = new ClientController<DispatchClient>(this, dispatchClient);
  // Both pause while the button is off the page and pick up again when it is back.
  private readonly live = new LiveRecordController<Dispatch>(this, {
    watch: (id, options) => this.sdk.value?.dispatches.watch(id, options),
    changed: (dispatch) => {
      this.show(dispatch);
    },
  });
  private readonly outbox = new OutboxController(this, () => this.sdk.value?.outbox);
  /** Each start over begins a run, so late answers for an older start are dropped. */
  private readonly runs = new LatestRun();

  constructor() {
    super(requestButtonMessages);
    let stopHearing: (() => void) | undefined;
    this.addController({
      hostConnected: () => {
        stopHearing = hearCallouts(this, { externalId: () => this.incident?.externalId, heard: this.onShared });
        // Back on the page: pick up what another button did meanwhile.
        if (this.hasUpdated && this.phase === 'ready') void this.lookUp();
      },
      hostDisconnected: () => {
        stopHearing?.();
      },
    });
  }

  // Keeps "escalates in …" current while it is shown.
  private readonly clock = new IntervalController(
    this,
    15_000,
    () => Boolean(this.dispatch?.ackDueAt) && this.phase === 'active',
  );

  /**
   * Another button on the page requested or follows a call-out: when it is this incident's,
   * show it too (and follow it through this element's own client).
   */
  private readonly onShared = (dispatch: Dispatch): void => {
    if (hasEnded(dispatch)) return;
    if (this.phase === 'active' && this.dispatch?.id === dispatch.id) {
      this.show(dispatch);
      return;
    }
    this.startOver();
    this.show(dispatch);
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
    const source = this.sdk.changed(changed);
    const incidentChanged =
      changed.has('incident') && changed.get('incident')?.externalId !== this.incident?.externalId;
    if ((source || incidentChanged) && this.isConnected) void this.lookUp();
  }

  /** Shows the incident's active call-out if it has one; otherwise the button. */
  private async lookUp(): Promise<void> {
    const api = this.sdk.value;
    const externalId = this.incident?.externalId;
    const run = this.startOver();
    this.dispatch = undefined;
    if (!api || !externalId) {
      this.phase = 'ready';
      return;
    }
    this.phase = 'checking';
    try {
      const page = await api.dispatches.list({ externalId });
      if (run.stale) return;
      const active = page.items.find((dispatch) => !hasEnded(dispatch));
      if (active) this.show(active);
      else this.phase = 'ready';
    } catch (error) {
      if (run.stale) return;
      this.fail(error, () => void this.lookUp());
    }
  }

  private startOver(): Run {
    this.live.stop();
    this.outbox.stop();
    this.failure = undefined;
    this.onCall = undefined;
    this.action = 'none';
    this.actionFailure = undefined;
    return this.runs.start();
  }

  private readonly onPress = (): void => {
    switch (this.phase) {
      case 'ready':
      case 'active':
        if (this.phase === 'active' && this.dispatch && !hasEnded(this.dispatch)) return;
        void this.showOnCall();
        return;
      case 'confirm':
        void this.request();
        return;
      default:
        return;
    }
  };

  private async showOnCall(): Promise<void> {
    const api = this.sdk.value;
    const incident = this.incident;
    if (!api || !incident) return;
    const hadFocus = this.matches(':focus-within');
    const run = this.startOver();
    this.dispatch = undefined;
    this.phase = 'on-call';
    // From "New request" the button is a new node; keep a keyboard user on it.
    if (hadFocus) void this.updateComplete.then(() => this.button?.focus());
    try {
      const onCall = await api.specialists.onCall(incident.location.area ? { area: incident.location.area } : {});
      if (run.stale) return;
      this.onCall = onCall;
      this.phase = 'confirm';
    } catch (error) {
      if (run.stale) return;
      this.fail(error, () => void this.showOnCall());
    }
  }

  /** Back to the button, as if never pressed. */
  cancel(): void {
    if (this.phase !== 'confirm' && this.phase !== 'on-call') return;
    this.startOver();
    this.phase = 'ready';
    void this.updateComplete.then(() => this.button?.focus());
  }

  private readonly onCancel = (): void => {
    this.cancel();
  };

  private async request(): Promise<void> {
    const api = this.sdk.value;
    const incident = this.incident;
    if (!api || !incident) return;
    const run = this.startOver();
    this.phase = 'sending';
    const asked = performance.now();
    try {
      const dispatch = await api.dispatches.create({ callForService: incident });
      if (run.stale) return;
      this.emit('peer-dispatch-requested', { dispatch });
      this.show(dispatch, asked);
    } catch (error) {
      if (run.stale) return;
      if (error instanceof PeerQueuedError) {
        this.phase = 'queued';
        this.waitForOutbox(error.idempotencyKey);
        this.keepFocus();
        return;
      }
      this.fail(error, () => void this.request());
    }
  }

  /** Follows a request kept offline until the outbox sends it (or the service refuses it). */
  private waitForOutbox(key: string): void {
    this.outbox.wait(key, {
      sent: (result) => {
        const sent = z.safeParse(Dispatch, result);
        this.startOver();
        if (sent.success) {
          this.emit('peer-dispatch-requested', { dispatch: sent.data });
          this.show(sent.data);
        } else {
          void this.lookUp();
        }
      },
      failed: (error) => {
        this.startOver();
        this.fail(error, () => void this.request());
      },
    });
  }

  /** Shows `dispatch` and follows it; `asked`: when the request that answered it was sent, if this button sent it. */
  private show(dispatch: Dispatch, asked?: number): void {
    const previous = this.dispatch;
    if (previous?.id === dispatch.id && previous.version >= dispatch.version) return;
    this.dispatch = dispatch;
    this.phase = 'active';
    this.keepFocus();
    if (previous?.id !== dispatch.id || previous.status !== dispatch.status) {
      this.emit('peer-dispatch-status', { dispatch, status: dispatch.status });
    }
    if (hasEnded(dispatch)) {
      this.live.stop();
      this.action = 'none';
    } else if (previous?.id !== dispatch.id || !this.live.open) this.live.follow(dispatch.id, asked);
  }

  /** Asks the next position now instead of waiting for the acknowledgement time to pass. */
  async escalateNow(): Promise<void> {
    await this.act('escalated', 'escalating');
  }

  /** Cancels the call-out shown (the dispatcher confirmed it). */
  async cancelCallout(): Promise<void> {
    await this.act('cancelled', 'cancelling');
  }

  private async act(to: 'escalated' | 'cancelled', busy: CalloutAction): Promise<void> {
    const api = this.sdk.value;
    const dispatch = this.dispatch;
    if (!api || !dispatch || this.phase !== 'active' || this.action === 'escalating' || this.action === 'cancelling')
      return;
    const run = this.runs.current;
    this.action = busy;
    this.actionFailure = undefined;
    try {
      // Refused if the call-out moved on meanwhile (say, the peer acknowledged): nothing is undone.
      const next = await api.dispatches.transition(dispatch.id, { to, expectedVersion: dispatch.version });
      if (run.stale) return;
      this.action = 'none';
      this.show(next);
    } catch (error) {
      if (run.stale) return;
      this.action = 'none';
      this.actionFailure = error;
      this.emit('peer-error', { error: errorInfo(error) });
    }
    this.keepFocus();
  }

  private fail(error: unknown, retry: () => void): void {
    this.failure = error;
    this.retry = retry;
    this.phase = 'error';
    this.keepFocus();
    this.emit('peer-error', { error: errorInfo(error) });
  }

  /** The button a keyboard user pressed goes away; keep their place on what replaced it. */
  private keepFocus(): void {
    keepFocus(this, () => (this.phase === 'error' ? ['.retry'] : ['.status', '.button']), { always: true });
  }

  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && (this.phase === 'confirm' || this.phase === 'on-call')) {
      event.preventDefault();
      this.cancel();
    } else if (event.key === 'Enter' && this.phase === 'confirm' && !(event.target instanceof HTMLButtonElement)) {
      event.preventDefault();
      void this.request();
    }
  };

  override render(): TemplateResult {
    // One fixed layout, so the button a keyboard user pressed stays the same node (and focused)
    // from ready through confirming and sending.
    const phase = this.phase;
    const confirming = phase === 'confirm' || phase === 'on-call';
    const withButton = phase === 'ready' || phase === 'checking' || phase === 'sending' || confirming;
    return html`<div part="base" class="base" @keydown=${this.onKeydown}>
      ${withButton ? this.renderButton() : nothing}
      ${confirming ? this.renderConfirm() : nothing}
      ${phase === 'queued' ? this.renderStatus('warning', this.i18n.term('common.queued')) : nothing}
      ${phase === 'active' ? this.renderActive() : nothing}
      ${phase === 'error' ? this.renderError() : nothing}
    </div>`;
  }

  private renderConfirm(): TemplateResult {
    return html`<button part="cancel" class="cancel" type="button" @click=${this.onCancel}>
        ${this.i18n.term('common.cancel')}
      </button>
      <div class="on-call-box">${this.renderOnCall()}</div>
      <span class="hint" id="hint">${this.i18n.term('requestButton.hint')}</span>`;
  }

  private renderError(): TemplateResult {
    return html`<span part="error" class="error" role="alert">${this.i18n.term(errorMessageKey(this.failure))}</span>
      <button part="retry" class="retry" type="button" @click=${() => {
        this.retry();
      }}>
        ${this.i18n.term('common.retry')}
      </button>`;
  }

  private renderButton(): TemplateResult {
    const ready = Boolean(this.sdk.value && this.incident);
    const busy = this.phase === 'checking' || this.phase === 'sending' || this.phase === 'on-call';
    const label =
      this.phase === 'checking'
        ? this.i18n.term('requestButton.checking')
        : this.phase === 'sending'
          ? this.i18n.term('requestButton.sending')
          : this.phase === 'confirm'
            ? this.i18n.term('requestButton.confirm')
            : this.i18n.term('requestButton.request');
    return html`<button
      part="button"
      class="button"
      type="button"
      ?disabled=${!ready}
      title=${ready ? nothing : this.i18n.term('requestButton.noIncident')}
      aria-disabled=${busy ? 'true' : nothing}
      aria-describedby=${this.phase === 'confirm' ? 'on-call hint' : nothing}
      @click=${this.onPress}
    >
      ${label}
    </button>`;
  }

  private renderOnCall(): TemplateResult {
    const onCall = this.onCall;
    if (!onCall) {
      return html`<span part="on-call" class="on-call" id="on-call" role="status">${this.i18n.term('requestButton.onCallLoading')}</span>`;
    }
    const name = (person: SpecialistSummary | null) => person?.displayName ?? this.i18n.term('requestButton.unstaffed');
    const lines = POSITIONS.map((position) => ({
      position: `${this.i18n.term(`requestButton.position.${position}`)}:`,
      name: name(onCall[position]),
    }));
    // Compact shortens the line; the whole list stays a hover away.
    const whole = this.compact ? lines.map((line) => `${line.position} ${line.name}`).join(' · ') : undefined;
    return html`<span class="on-call-heading">${this.i18n.term('requestButton.onCallHeading')}</span>
      <ul part="on-call" class="on-call" id="on-call" title=${whole ?? nothing}>
        ${lines.map((line) => html`<li><span class="position">${line.position}</span> ${line.name}</li>`)}
      </ul>`;
  }

  private renderActive(): TemplateResult {
    const dispatch = this.dispatch;
    if (!dispatch) return html``;
    const summary = summarize(dispatch);
    const status = this.renderStatus(summary.tone, calloutLabel(this.i18n, summary), statusSince(dispatch));
    if (hasEnded(dispatch)) {
      return html`${status}<button part="button" class="button" type="button" @click=${this.onPress}>
          ${this.i18n.term('requestButton.again')}
        </button>`;
    }
    if (this.compact) return html`${status}${renderCompactHolder(this.i18n, summary)}`;
    return html`${status}${renderHolder(this.i18n, summary)}${this.renderActions(summary.canEscalate, summary.canCancel)}`;
  }

  private renderActions(canEscalate: boolean, canCancel: boolean): TemplateResult {
    const action = this.action;
    const busy = action === 'escalating' || action === 'cancelling';
    const failure = this.actionFailure;
    const buttons =
      action === 'confirm-cancel' || action === 'cancelling'
        ? html`<button part="cancel-callout" class="confirm-cancel" type="button" aria-disabled=${busy ? 'true' : nothing} @click=${this.onConfirmCancel}>
              ${this.i18n.term(action === 'cancelling' ? 'requestButton.cancelling' : 'requestButton.confirmCancel')}
            </button>
            <button part="cancel-callout" class="keep" type="button" @click=${this.onKeep}>${this.i18n.term('requestButton.keep')}</button>`
        : html`${
            canEscalate
              ? html`<button part="escalate" class="escalate" type="button" aria-disabled=${busy ? 'true' : nothing} @click=${this.onEscalate}>
                  ${this.i18n.term(action === 'escalating' ? 'requestButton.escalating' : 'requestButton.escalateNow')}
                </button>`
              : nothing
          }${
            canCancel
              ? html`<button part="cancel-callout" class="cancel-callout" type="button" aria-disabled=${busy ? 'true' : nothing} @click=${this.onAskCancel}>
                  ${this.i18n.term('requestButton.cancelCallout')}
                </button>`
              : nothing
          }`;
    return html`<div class="actions" @keydown=${this.onActionsKeydown}>
      ${buttons}
      ${
        failure === undefined
          ? nothing
          : html`<span part="error" class="error" role="alert"
            >${failure instanceof PeerQueuedError ? this.i18n.term('common.queued') : this.i18n.term(errorMessageKey(failure))}</span
          >`
      }
    </div>`;
  }

  private readonly onEscalate = (): void => {
    void this.escalateNow();
  };

  private readonly onAskCancel = (): void => {
    if (this.action !== 'none') return;
    this.action = 'confirm-cancel';
    this.actionFailure = undefined;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.confirm-cancel')?.focus());
  };

  private readonly onConfirmCancel = (): void => {
    void this.cancelCallout();
  };

  private readonly onKeep = (): void => {
    if (this.action !== 'confirm-cancel') return;
    this.action = 'none';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.cancel-callout')?.focus());
  };

  private readonly onActionsKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.action === 'confirm-cancel') {
      event.preventDefault();
      this.onKeep();
    }
  };

  private renderStatus(tone: StatusTone, label: string, since?: string): TemplateResult {
    return html`<span class="status" tabindex="-1">
      <peer-status
        part="status"
        exportparts="base: status-base, label: status-label, time: status-time"
        tone=${tone}
        label=${label}
        since=${since ?? nothing}
        live
        ?compact=${this.compact}
      ></peer-status>
    </span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'peer-request-button': PeerRequestButton;
  }
}
