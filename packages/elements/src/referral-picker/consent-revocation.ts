import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import * as z from 'zod/mini';
import { ConsentRevocation, ConsentRevocationReason, PeerQueuedError, type Referral } from '@peerlink/sdk';
import { LatestRun } from '../base/latest-run.js';
import type { TermParams } from '../base/localize.js';
import { OutboxController } from '../base/outbox-controller.js';
import type { ReferralClient } from './referral-client.js';
import type { ReferralPickerMessageKey } from './referral-picker.messages.js';

const REASONS = ConsentRevocationReason.options;

/** What the revocation needs from the picker that holds it. */
export interface RevocationHost {
  readonly host: ReactiveControllerHost & HTMLElement;
  term(key: ReferralPickerMessageKey, params?: TermParams): string;
  date(value: string): string;
  client(): ReferralClient | undefined;
  /** The service recorded the revocation. */
  revoked(result: ConsentRevocation): void;
  /** The service refused it or could not be reached; `retry` tries again. */
  failed(error: unknown, retry: () => void): void;
}

/**
 * "Revoke consent…" in the picker's referral view: a confirmation step with the reason, the call
 * (kept in the outbox when offline), an announcement once recorded, and the revoked state.
 * Offered whenever the client can revoke: the picker's users (specialists, supervisors, court
 * staff, clinicians) may all record the revocation of a consent they took; the service decides.
 */
export class ConsentRevocationController {
  private step: 'closed' | 'confirming' | 'revoking' | 'queued' = 'closed';
  private reason: ConsentRevocationReason = 'person-request';
  private announcement = '';
  /** A revocation kept in the outbox while offline. */
  private readonly outbox: OutboxController;
  /** Each reset starts a run, so a late answer for an earlier referral is dropped. */
  private readonly runs = new LatestRun();

  constructor(private readonly deps: RevocationHost) {
    this.outbox = new OutboxController(deps.host, () => deps.client()?.outbox);
  }

  /** Back to the start, for another referral. */
  reset(): void {
    this.runs.start();
    this.outbox.stop();
    this.step = 'closed';
    this.reason = 'person-request';
    this.announcement = '';
  }

  render(referral: Referral): TemplateResult {
    const live = html`<p class="visually-hidden" role="status">${this.announcement}</p>`;
    const { revokedAt } = referral.consent;
    if (revokedAt !== null) {
      return html`<p part="consent-state" class="revoked" tabindex="-1">
          ${this.deps.term('picker.revoked', { time: this.deps.date(revokedAt) })}
        </p>
        ${live}`;
    }
    if (!this.deps.client()?.referrals.revokeConsent) return live;
    switch (this.step) {
      case 'closed':
        return html`<div class="actions">
            <button type="button" part="revoke" class="revoke" @click=${this.open}>${this.deps.term('picker.revoke')}</button>
          </div>
          ${live}`;
      case 'queued':
        return html`<p part="consent-state">${this.deps.term('picker.revoke.queued')}</p>
          ${live}`;
      default:
        return html`${this.renderConfirm(referral)}${live}`;
    }
  }

  private renderConfirm(referral: Referral): TemplateResult {
    const busy = this.step === 'revoking';
    return html`<div
      part="revoke-confirm"
      class="confirm"
      role="group"
      aria-labelledby="revoke-heading"
      aria-describedby="revoke-explain"
      @keydown=${(event: KeyboardEvent) => {
        if (event.key === 'Escape' && !busy) this.close();
      }}
    >
      <p id="revoke-heading"><strong>${this.deps.term('picker.revoke.heading')}</strong></p>
      <p id="revoke-explain">${this.deps.term('picker.revoke.explain')}</p>
      <div class="field">
        <label for="revoke-reason">${this.deps.term('picker.revoke.reason')}</label>
        <select
          id="revoke-reason"
          ?disabled=${busy}
          @change=${(event: Event) => {
            const target = event.target;
            const chosen =
              target instanceof HTMLSelectElement ? REASONS.find((reason) => reason === target.value) : undefined;
            if (chosen) this.reason = chosen;
          }}
        >
          ${REASONS.map(
            (reason) =>
              html`<option value=${reason} ?selected=${reason === this.reason}>${this.deps.term(`picker.revoke.reason.${reason}`)}</option>`,
          )}
        </select>
      </div>
      <div class="actions">
        <button
          type="button"
          part="revoke-submit"
          class="danger"
          aria-disabled=${busy ? 'true' : nothing}
          @click=${() => {
            if (!busy) void this.confirm(referral);
          }}
        >
          ${this.deps.term(busy ? 'picker.revoke.revoking' : 'picker.revoke.confirm')}
        </button>
        <button type="button" ?disabled=${busy} @click=${this.close}>${this.deps.term('picker.revoke.keep')}</button>
      </div>
    </div>`;
  }

  private readonly open = (): void => {
    this.step = 'confirming';
    this.update(() => this.find('#revoke-reason'));
  };

  private readonly close = (): void => {
    this.step = 'closed';
    this.update(() => this.find('[part~="revoke"]'));
  };

  // No expectedVersion: the person's wish holds whatever else changed on the referral meanwhile.
  private async confirm(referral: Referral): Promise<void> {
    const revokeConsent = this.deps.client()?.referrals.revokeConsent;
    if (!revokeConsent) return;
    const run = this.runs.current;
    this.step = 'revoking';
    this.deps.host.requestUpdate();
    try {
      const result = await revokeConsent(referral.id, { reason: this.reason });
      if (!run.stale) this.done(result);
    } catch (error) {
      if (run.stale) return;
      if (error instanceof PeerQueuedError) {
        this.step = 'queued';
        this.deps.host.requestUpdate();
        this.follow(error.idempotencyKey, referral);
        return;
      }
      this.step = 'confirming';
      this.deps.host.requestUpdate();
      this.deps.failed(error, () => void this.confirm(referral));
    }
  }

  private done(result: ConsentRevocation): void {
    this.step = 'closed';
    this.announcement = result.consent.revokedAt
      ? this.deps.term('picker.revoked', { time: this.deps.date(result.consent.revokedAt) })
      : '';
    this.deps.revoked(result);
    this.update(() => this.find('[part~="consent-state"]'));
  }

  /** Waits for the revocation kept in the outbox and carries on when it is sent (or refused). */
  private follow(key: string, referral: Referral): void {
    this.outbox.wait(key, {
      sent: (result) => {
        const sent = z.safeParse(ConsentRevocation, result);
        if (sent.success) this.done(sent.data);
      },
      failed: (error) => {
        this.step = 'closed';
        this.deps.host.requestUpdate();
        this.deps.failed(error, () => void this.confirm(referral));
      },
    });
  }

  private find(selector: string): HTMLElement | null {
    return this.deps.host.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;
  }

  /** Re-renders, then moves focus to what replaced the control a keyboard user was on. */
  private update(focusTarget: () => HTMLElement | null): void {
    const host = this.deps.host;
    host.requestUpdate();
    void host.updateComplete.then(() => focusTarget()?.focus());
  }
}
